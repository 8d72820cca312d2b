package flow

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// DefaultTimeout is each action's deadline when neither the flow, the step nor the
// action gives one.
const DefaultTimeout = 10 * time.Second

// flow reads a flow file and its imports, then checks the whole.
func (p *parser) flow(name string) (*Flow, error) {
	d, root, err := p.read(name)
	if err != nil {
		return nil, fmt.Errorf("read flow %s: %w", p.display(name), err)
	}
	f := &Flow{
		Pos:       d.clamp(Pos{Line: 1, Col: 1}),
		Version:   Version,
		Site:      Site{Skew: 1},
		Timeout:   DefaultTimeout,
		Fragments: map[string]*Fragment{},
	}
	if root == nil {
		return nil, p.errs.sortDedup()
	}
	f.Pos = d.pos(root)
	fields := d.fields(root, fileFields, "a flow file")
	if !d.version(fields) {
		return nil, p.errs.sortDedup()
	}
	f.Guide = d.guide(fields.get("guide"))
	f.Site = d.site(fields.get("site"))
	f.Account = d.account(fields.get("account"))
	if ps := f.Account.Pool; ps != nil && ps.Path != "" {
		ps.File = p.pool(name, ps.Path, ps.Pos)
	}
	if v := fields.get("timeout"); v.ok && v.dur > 0 {
		f.Timeout = v.dur
	}
	p.loading = []string{name}
	d.mergeFragments(f.Fragments, p.imports(d, fields.get("import"), name))
	for n := range p.files {
		f.Imports = append(f.Imports, n)
	}
	sortStrings(f.Imports)
	d.mergeFragments(f.Fragments, d.fragmentList(fields.get("fragments")))
	f.Steps = d.steps(fields.get("steps"))
	f.Conform = d.conform(fields.get("conform"), f)
	newChecker(&p.errs, f.Fragments, false).flow(f)
	if len(p.errs) > 0 {
		return nil, p.errs.sortDedup()
	}
	return f, nil
}

// fragments reads a fragment file on its own (enroll validate flows/sites/x.yaml).
func (p *parser) fragments(name string) (map[string]*Fragment, error) {
	p.loading = []string{name}
	ff, err := p.fragmentFile(name)
	if err != nil {
		return nil, fmt.Errorf("read fragments %s: %w", p.display(name), err)
	}
	frags := map[string]*Fragment{}
	d := &decoder{file: p.display(name), lines: []string{""}, errs: &p.errs}
	d.mergeFragments(frags, ff.fragments)
	newChecker(&p.errs, frags, true).fragments()
	if len(p.errs) > 0 {
		return nil, p.errs.sortDedup()
	}
	return frags, nil
}

// guide decodes guide: { title, source }.
func (d *decoder) guide(v *fieldValue) Guide {
	n := v.node
	if n == nil || skip(n) {
		return Guide{}
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "guide must be a mapping with title and source, not %s", describeNode(n))
		return Guide{}
	}
	fs := d.fields(n, guideFields, "guide")
	return Guide{Title: fs.get("title").str, Source: fs.get("source").str}
}

// site decodes site: a bundled mock's name, or { mock, base-url, skew }.
func (d *decoder) site(v *fieldValue) Site {
	n := v.node
	s := Site{Skew: 1}
	if n == nil || skip(n) {
		return s
	}
	s.Pos = d.pos(n)
	switch {
	case n.Kind == yaml.ScalarNode && !isNull(n):
		mock := Field{Name: "site", Type: TypeEnum, Enum: BundledSites}
		s.Mock = d.value(mock, n).str
		return s
	case n.Kind != yaml.MappingNode:
		d.nodeErrorf(n, "site must be a bundled site's name (%s) or a mapping with mock, base-url and skew, not %s",
			strings.Join(BundledSites, ", "), describeNode(n))
		return s
	}
	fs := d.fields(n, siteFields, "site")
	s.Mock = fs.get("mock").str
	s.BaseURL = fs.get("base-url").str
	if !fs.has("mock") && !fs.has("base-url") {
		d.errorf(fs.at, "site needs mock, base-url or both")
	}
	if b := fs.get("base-url"); b.ok {
		u, err := url.Parse(s.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.errorf(b.pos, "base-url must be an http or https URL, not %q", s.BaseURL)
		}
	}
	if k := fs.get("skew"); k.ok {
		if k.num < 0 || k.num > 10 {
			d.errorf(k.pos, "skew must be between 0 and 10 time steps, not %d", k.num)
		}
		s.Skew, s.SkewGiven = k.num, true
	}
	return s
}

// account decodes account: { email, password, phone }.
func (d *decoder) account(v *fieldValue) Account {
	n := v.node
	if n == nil || isNull(n) || skip(n) {
		return Account{}
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "account must be a mapping with email, password and phone, not %s", describeNode(n))
		return Account{}
	}
	fs := d.fields(n, accountFields, "account")
	a := Account{Email: fs.get("email").tmpl, Password: fs.get("password").tmpl, Phone: fs.get("phone").tmpl}
	pool, env := fs.get("pool"), fs.get("pool-env")
	switch {
	case pool.ok && env.ok:
		d.errorf(env.pos, "account has pool (a file) or pool-env (a variable), not both")
	case (pool.ok || env.ok) && (fs.has("email") || fs.has("password") || fs.has("phone")):
		d.errorf(fs.at, "account has email, password and phone, or a pool (pool or pool-env), not both")
	case env.ok && !envNameRE.MatchString(env.str):
		d.errorf(env.pos, "pool-env must be an environment variable's name (letters, digits and _), not %q", env.str)
	case env.ok:
		a.Pool = &PoolSource{Pos: env.pos, Env: env.str}
	case pool.ok:
		a.Pool = &PoolSource{Pos: pool.pos, Path: pool.str}
	}
	return a
}

// steps decodes the list of steps, reporting an empty list and repeated titles.
func (d *decoder) steps(v *fieldValue) []*Step {
	n := v.node
	if n == nil || skip(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		if isNull(n) || n.Kind == yaml.SequenceNode {
			d.nodeErrorf(n, "steps is empty; a flow has at least one step")
		} else {
			d.nodeErrorf(n, "steps must be a list of steps, each starting with `- step:`, not %s", describeNode(n))
		}
		return nil
	}
	var steps []*Step
	titles := map[string]*Step{}
	for _, item := range n.Content {
		if skip(item) {
			continue
		}
		if item.Kind != yaml.MappingNode {
			d.nodeErrorf(item, "a step must be a mapping with step, say and do, not %s", describeNode(item))
			continue
		}
		fs := d.fields(item, stepFields, "a step")
		s := &Step{
			Pos:     fs.at,
			Title:   fs.get("step").str,
			Say:     fs.get("say").str,
			Timeout: fs.get("timeout").dur,
		}
		d.stepActions(fs, s)
		if key := strings.ToLower(s.Title); s.Title != "" {
			if prev, dup := titles[key]; dup {
				d.errorf(fs.get("step").pos, "step %q repeats the title of step %d (line %d); reports name steps by title",
					s.Title, indexOfStep(steps, prev)+1, prev.Pos.Line)
			} else {
				titles[key] = s
			}
		}
		steps = append(steps, s)
	}
	return steps
}

// stepActions decodes a step's do: into s, or its manual: reason. A step needs one of
// them: a guide step that checks nothing must not show as passed.
func (d *decoder) stepActions(fs *fieldSet, s *Step) {
	do, manual := fs.get("do"), fs.get("manual")
	s.Manual = strings.TrimSpace(manual.str)
	switch {
	case fs.has("do") && fs.has("manual"):
		d.errorf(manual.pos, "a step has do (its actions) or manual (why it has none), not both")
	case fs.has("manual"):
		if manual.ok && s.Manual == "" {
			d.errorf(manual.pos, "manual must say why the step has no actions, e.g. `manual: done in the authenticator app`")
		}
	case fs.has("do"):
		s.Actions = d.actions(do.node, "do")
		if n := do.node; isNull(n) || (n.Kind == yaml.SequenceNode && len(n.Content) == 0) {
			d.errorf(do.pos, "do is empty; a step needs at least one action, or `manual: why` instead of do for a step done away from the site")
		}
	case !fs.misspelt["do"] && !fs.misspelt["manual"]:
		d.errorf(fs.at, "step %q has no actions; add `do:` with what the reader does, or `manual: why` for a step done away from the site", s.Title)
	}
}

func indexOfStep(steps []*Step, s *Step) int {
	for i, x := range steps {
		if x == s {
			return i
		}
	}
	return -1
}

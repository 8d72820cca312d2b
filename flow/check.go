package flow

import (
	"fmt"
	"slices"
	"strings"
)

// defKind is what a name holds.
type defKind int

const (
	defValue      defKind = iota + 1 // one text (capture, sms-code)
	defList                          // a list (capture with many)
	defCredential                    // a scanned key (scan-qr)
)

// definition is where a name is defined and what it holds.
type definition struct {
	kind defKind
	pos  Pos
	by   Kind
}

// useFrame is a fragment being walked, and the use that brought it in.
type useFrame struct {
	name string
	use  *Use
}

// checker follows a flow in the order it runs, fragments expanded where they are
// used, and checks that every name is defined before it is read.
type checker struct {
	errs     *ErrorList
	frags    map[string]*Fragment
	lenient  bool // a fragment file alone: names defined elsewhere are not errors
	names    map[string]definition
	later    map[string]definition // every definition in the flow, for "used before"
	stack    []useFrame
	reported map[string]bool // pos and message, so a fragment used twice reports once
	cyclic   map[string]bool // fragments in a cycle already reported
}

func newChecker(errs *ErrorList, frags map[string]*Fragment, lenient bool) *checker {
	return &checker{errs: errs, frags: frags, lenient: lenient, names: map[string]definition{},
		later: map[string]definition{}, reported: map[string]bool{}, cyclic: map[string]bool{}}
}

// errorf records a problem; inside a fragment it says which use led there.
func (c *checker) errorf(p Pos, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	key := p.String() + "\x00" + msg
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	if len(c.stack) > 0 && !c.lenient {
		msg += fmt.Sprintf(" (in fragment %q used at %s)", c.stack[0].name, c.stack[0].use.Pos)
	}
	*c.errs = append(*c.errs, &Error{Pos: p, Msg: msg})
}

// flow checks the account, then the steps in order, then every fragment on its own
// (for fragments no step uses).
func (c *checker) flow(f *Flow) {
	for _, t := range []Template{f.Account.Email, f.Account.Password, f.Account.Phone} {
		for _, p := range t.Parts {
			if p.Ref != nil && !strings.HasPrefix(p.Ref.Name, "env.") {
				c.errorf(p.Ref.Pos, "account values may only use ${env.NAME}, not ${%s}", p.Ref.Name)
			} else if p.Ref != nil {
				c.ref(p.Ref)
			}
		}
	}
	c.collect(nil)
	for _, s := range f.Steps {
		c.collect(s.Actions)
	}
	c.stack = nil
	for _, s := range f.Steps {
		c.walk(s.Actions)
	}
	c.lenient = true
	c.fragments()
}

// fragments checks each fragment alone, with nothing defined before it.
func (c *checker) fragments() {
	names := make([]string, 0, len(c.frags))
	for n := range c.frags {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		c.names = map[string]definition{}
		c.stack = []useFrame{{name: n, use: &Use{Common: Common{Pos: c.frags[n].Pos}, Fragment: n}}}
		c.walk(c.frags[n].Actions)
	}
}

// collect records every definition reachable from actions, for "used before" hints.
func (c *checker) collect(actions []Action) {
	for _, a := range actions {
		name, d := defines(a)
		if name != "" {
			if _, ok := c.later[name]; !ok {
				c.later[name] = d
			}
		}
		if u, ok := a.(*Use); ok {
			if f, ok := c.frags[u.Fragment]; ok && !c.onStack(u.Fragment) {
				c.stack = append(c.stack, useFrame{name: u.Fragment, use: u})
				c.collect(f.Actions)
				c.stack = c.stack[:len(c.stack)-1]
			}
		}
	}
}

// defines returns the name an action defines, if any.
func defines(a Action) (string, definition) {
	switch a := a.(type) {
	case *Capture:
		k := defValue
		if a.Many {
			k = defList
		}
		return a.As, definition{kind: k, pos: a.Pos, by: a.Kind()}
	case *SMSCode:
		return a.As, definition{kind: defValue, pos: a.Pos, by: a.Kind()}
	case *ScanQR:
		return a.As, definition{kind: defCredential, pos: a.Pos, by: a.Kind()}
	}
	return "", definition{}
}

func (c *checker) onStack(name string) bool {
	for _, f := range c.stack {
		if f.name == name {
			return true
		}
	}
	return false
}

// walk checks actions in order, defining names as it goes.
func (c *checker) walk(actions []Action) {
	for _, a := range actions {
		switch a := a.(type) {
		case *Open:
			c.template(a.URL)
		case *Fill:
			c.template(a.Value)
		case *Select:
			c.template(a.Option)
		case *SMSCode:
			c.template(a.To)
		case *Dialog:
			c.template(a.Text)
		case *ReadSecret:
			c.credential(a, a.Of)
		case *TypeCode:
			c.credential(a, a.From)
		case *Use:
			c.use(a)
		}
		if name, d := defines(a); name != "" {
			c.define(name, d)
		}
	}
}

// use walks the fragment a names in place.
func (c *checker) use(a *Use) {
	f, ok := c.frags[a.Fragment]
	if !ok {
		known := make([]string, 0, len(c.frags))
		for n := range c.frags {
			known = append(known, n)
		}
		slices.Sort(known)
		if len(known) == 0 {
			c.errorf(a.Pos, "unknown fragment %q: no fragments are defined; import a file under sites/", a.Fragment)
		} else {
			c.errorf(a.Pos, "unknown fragment %q%s; defined: %s", a.Fragment, suggest(a.Fragment, known), strings.Join(known, ", "))
		}
		return
	}
	if c.cyclic[a.Fragment] {
		return
	}
	if c.onStack(a.Fragment) {
		chain := make([]string, 0, len(c.stack)+1)
		for _, fr := range c.stack {
			chain = append(chain, fr.name)
		}
		chain = chain[slices.Index(chain, a.Fragment):]
		for _, n := range chain {
			c.cyclic[n] = true
		}
		c.errorf(a.Pos, "fragment cycle: %s -> %s", strings.Join(chain, " -> "), a.Fragment)
		return
	}
	c.stack = append(c.stack, useFrame{name: a.Fragment, use: a})
	c.walk(f.Actions)
	c.stack = c.stack[:len(c.stack)-1]
}

// define records name; defining it again at another place is an error (the same
// action run again, by a fragment used twice, is not).
func (c *checker) define(name string, d definition) {
	if prev, ok := c.names[name]; ok && prev.pos != d.pos {
		c.errorf(d.pos, "%q is already defined by %s at %s; choose another name", name, prev.by, prev.pos)
		return
	}
	c.names[name] = d
}

// credential checks that name is a credential scanned before a.
func (c *checker) credential(a Action, name string) {
	if name == "" {
		return
	}
	d, ok := c.names[name]
	switch {
	case ok && d.kind != defCredential:
		c.errorf(a.At(), "%s: %q is a value from %s, not a credential from scan-qr", a.Kind(), name, d.by)
	case ok || c.lenient:
	case c.later[name].kind == defCredential:
		c.errorf(a.At(), "%s: credential %q is used before scan-qr defines it at %s", a.Kind(), name, c.later[name].pos)
	default:
		c.errorf(a.At(), "%s: no credential %q is scanned before this point%s", a.Kind(), name, suggest(name, c.credentials()))
	}
}

// credentials lists the credentials defined so far.
func (c *checker) credentials() []string {
	var out []string
	for n, d := range c.names {
		if d.kind == defCredential {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// template checks every reference of t.
func (c *checker) template(t Template) {
	for _, p := range t.Parts {
		if p.Ref != nil {
			c.ref(p.Ref)
		}
	}
}

// accountFieldNames are the names ${account.…} may use.
var accountFieldNames = []string{"account.email", "account.password", "account.phone"}

// ref checks one reference against what is defined at this point.
func (c *checker) ref(r *Ref) {
	show := "${" + r.Name + "}"
	if r.Index >= 0 {
		show = fmt.Sprintf("${%s[%d]}", r.Name, r.Index)
	}
	head, _, dotted := strings.Cut(r.Name, ".")
	switch {
	case head == "env" && dotted:
		if r.Index >= 0 {
			c.errorf(r.Pos, "%s: environment variables are not lists", show)
		}
		return
	case head == "account" && dotted:
		if !slices.Contains(accountFieldNames, r.Name) {
			c.errorf(r.Pos, "unknown reference %s%s; the account has email, password and phone", show, suggest(r.Name, accountFieldNames))
		} else if r.Index >= 0 {
			c.errorf(r.Pos, "%s: account values are not lists", show)
		}
		return
	case dotted:
		c.errorf(r.Pos, "unknown reference %s%s: only ${account.…} and ${env.…} have a dot", show, suggest(head, []string{"account", "env"}))
		return
	case head == "account" || head == "env":
		c.errorf(r.Pos, "unknown reference %s: write ${account.email} or ${env.NAME}", show)
		return
	}
	d, ok := c.names[r.Name]
	switch {
	case !ok && c.lenient:
	case !ok && c.later[r.Name].kind != 0:
		c.errorf(r.Pos, "%s is used before %s defines it at %s", show, c.later[r.Name].by, c.later[r.Name].pos)
	case !ok:
		c.errorf(r.Pos, "%s is not defined before this point%s", show, suggest(r.Name, c.valueNames()))
	case d.kind == defCredential:
		c.errorf(r.Pos, "%s is a credential from scan-qr: use it with type-code or read-secret, never in text", show)
	case r.Index >= 0 && d.kind != defList:
		c.errorf(r.Pos, "%s: %q is one value, not a list (capture it with many: true)", show, r.Name)
	}
}

// valueNames lists the values defined so far and the account's fields.
func (c *checker) valueNames() []string {
	out := append([]string(nil), accountFieldNames...)
	for n, d := range c.names {
		if d.kind != defCredential {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

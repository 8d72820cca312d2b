package conform

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// Options configure a conformance run.
type Options struct {
	// Runner are the runner's options: BaseURL (a real or staging site instead of the
	// bundled mocks), Defects (deliberate defects of the bundled mocks), Browser,
	// Progress (notes about waits for real time), Logger, Getenv, Now.
	Runner runner.Options
	// Expect are known failures to apply besides those the flows list (see
	// ReadExpectationsFile); nil for none.
	Expect *Expectations
	// OnFlow, when set, is told about each flow's checks once the flow is done.
	OnFlow func(*report.ConformFlow)
}

// Run probes each flow's site with every check, in one Chromium, one flow after the
// other, and returns the results. The error is non-nil only when the browser could
// not be started (it wraps runner.ErrBrowser); a site that cannot be probed fails its
// checks in the results.
func Run(ctx context.Context, flows []*flow.Flow, opts Options) (*report.Conformance, error) {
	res := &report.Conformance{Started: time.Now(), Defects: opts.Runner.Defects}
	if opts.Expect != nil {
		res.ExpectFile = opts.Expect.File
	}
	defer func() { res.Duration = time.Since(res.Started) }()
	// A bundled mock's time moves only when a check moves it: no time step moves
	// while a code is judged, however loaded the machine.
	opts.Runner.StillMockClock = true
	prober, err := runner.NewProber(ctx, opts.Runner)
	if err != nil {
		return res, err
	}
	defer prober.Close()
	for _, f := range flows {
		cf := probeFlow(ctx, prober, f)
		FlowExpectations(f).Apply(cf)
		opts.Expect.Apply(cf) // the file given on the command line has the last word
		res.Flows = append(res.Flows, cf)
		if opts.OnFlow != nil {
			opts.OnFlow(cf)
		}
	}
	return res, nil
}

// probeFlow runs every check against one flow's site, group by group (see groups).
func probeFlow(ctx context.Context, prober *runner.Prober, f *flow.Flow) *report.ConformFlow {
	start := time.Now()
	cf := &report.ConformFlow{File: f.Pos.File, Guide: f.Guide.Title, Source: f.Guide.Source, Site: f.Site.Mock}
	p := &probing{f: f, c: f.Conform, results: newResults()}
	defer func() {
		cf.Duration = time.Since(start)
		for _, r := range cf.Checks {
			decide(r, report.VerdictSkipped, "not reached")
		}
	}()
	if f.Conform == nil {
		p.skipAll(catalog.IDs(), "the flow has no conform section (see docs/conformance.md)")
		cf.Checks = p.ordered()
		return cf
	}
	p.enrollStep = f.StepIndex(f.Conform.Enroll)
	p.enrollCode = f.Steps[p.enrollStep].EnrollCode()
	p.cred = f.Steps[p.enrollStep].Actions[p.enrollCode].(*flow.TypeCode).From

	pr, err := prober.Open(ctx, f)
	if err != nil {
		p.notRun(catalog.IDs(), "could not start probing the site: %v", err)
		cf.Checks = p.ordered()
		return cf
	}
	defer pr.Close()
	cf.BaseURL = pr.BaseURL()
	p.pr = pr
	p.controlled = pr.Controlled(ctx)
	if !p.controlled {
		p.readDateOffset(ctx)
	}
	if pr.Isolated() {
		cf.Checks = probeAtOnce(ctx, prober, p, pr)
	} else {
		for _, g := range groups {
			p.runGroup(ctx, g)
		}
		cf.Checks = p.ordered()
	}
	if err := ctx.Err(); err != nil {
		for _, r := range cf.Checks {
			decide(r, report.VerdictSkipped, "interrupted: %v", err)
		}
	}
	return cf
}

// A group is checks that share one account's state: they run one after the other in
// one probe. Against a site conform cannot multiply (a real or staging site, one
// account) the groups run in table order in one probe, each taking the site over
// where the one before left it. Against a bundled mock each group gets a probe of its
// own (its own mock instance, its own isolated browser context: no state shared) and
// all run at once, so a flow's checks cost about its slowest group.
//
// Either way a check's verdict is the first one decided in table order: a group that
// cannot carry out what later groups need decides their checks "not run" with the
// cause (see probing.stopped), and that verdict stands, as it would have one group
// after the other; what the later group found on its own account is dropped.
//
// A new check goes into the group whose account state it needs (its func calls the
// check after the others, or is a new phase); a check that needs nothing of the
// others' is a new group.
type group struct {
	// checks are the checks the group decides; its time is shared among them.
	checks []string
	// enrolled: the group starts from an account the flow's own steps enrolled (the
	// enrollment group leaves it so; in a probe of its own the group enrolls first).
	enrolled bool
	// needsSite reports whether the group touches the site for this flow; nil means
	// always. When it does not, run decides every check without the probe (a group of
	// its own then opens none: p.pr is nil).
	needsSite func(p *probing) bool
	// ready, when set, reports whether the group applies given the verdicts of the
	// groups before it, and when not decides its checks (SKIPPED: a property they need
	// did not hold). One after the other it is asked before the group runs; at once,
	// after every group ran, of the merged verdicts.
	ready func(p *probing) bool
	run   func(p *probing, ctx context.Context)
}

// groups are the checks by the account state they share, in the order they run one
// after the other.
var groups = []group{
	{checks: enrollChecks, run: func(p *probing, ctx context.Context) { p.phaseEnroll(ctx) }},
	{checks: slices.Concat(signInChecks[:3], concurrentChecks), enrolled: true, run: func(p *probing, ctx context.Context) {
		p.phaseSignIn(ctx)
		if p.concurrentReady() {
			p.phaseConcurrentReplay(ctx)
		}
	}},
	{checks: signInChecks[3:5], enrolled: true, run: (*probing).phaseThrottle},
	{checks: signInChecks[5:], enrolled: true, ready: (*probing).throttleReady, run: (*probing).phaseThrottleNewSession},
	{checks: []string{catalog.RecoverySingleUse}, run: (*probing).phaseRecovery,
		needsSite: func(p *probing) bool { return p.c.Recovery != "" && p.controlled }},
	{checks: []string{catalog.DisableConfirmed}, run: (*probing).phaseDisable,
		needsSite: func(p *probing) bool { return p.c.Disable != "" && p.controlled }},
}

// runGroup runs g's checks on p's probe and adds the time it took to their durations.
// It does nothing when an earlier group decided all of them already.
func (p *probing) runGroup(ctx context.Context, g group) {
	if !slices.ContainsFunc(g.checks, func(id string) bool { return p.result(id).Verdict == report.VerdictPending }) {
		return
	}
	if g.ready != nil && !p.own && !g.ready(p) { // at once: asked after the merge
		return
	}
	start := time.Now()
	defer func() {
		d := time.Since(start) / time.Duration(len(g.checks))
		for _, id := range g.checks {
			p.result(id).Duration += d
		}
	}()
	if g.enrolled && p.own && !p.enrollByFlow(ctx, g.checks) {
		return
	}
	g.run(p, ctx)
}

// probeAtOnce runs every group in a probe of its own, all at once, and returns the
// checks' results in table order: each check's from the first group, in table order,
// that decided it. first is the probe already open on the flow's site; the enrollment
// group uses it. base holds what every group knows of the flow and the site.
func probeAtOnce(ctx context.Context, prober *runner.Prober, base *probing, first *runner.Probe) []*report.Check {
	ps := make([]*probing, len(groups))
	var wg sync.WaitGroup
	run := func(i int, pr *runner.Probe) {
		p := *base
		p.results, p.own, p.pristine, p.pr = newResults(), true, true, pr
		ps[i] = &p
		p.runGroupOwn(ctx, prober, groups[i])
	}
	for i := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var pr *runner.Probe
			if i == 0 {
				pr = first
			}
			run(i, pr)
		}()
	}
	wg.Wait()
	// On a loaded machine a page may not load in time, the more so with every group at
	// once: a group whose check could not tell (ERROR) gets one more go on a fresh mock,
	// alone, once the others are done. What the site did is never in doubt then, only
	// whether the machine let conform see it.
	decidedBefore := func(i int) bool { // by the groups before i: its own verdicts would not count
		return !slices.ContainsFunc(groups[i].checks, func(id string) bool {
			return !slices.ContainsFunc(ps[:i], func(q *probing) bool { return q.result(id).Verdict != report.VerdictPending })
		})
	}
	for i, g := range groups {
		if cause := ps[i].couldNotTell(); cause != "" && ctx.Err() == nil && !decidedBefore(i) {
			first.Note(fmt.Sprintf("conform: %s again on a fresh mock, alone, after: %s", strings.Join(g.checks, ", "), first.Scrub(cause)))
			run(i, nil)
		}
	}
	merged := &probing{results: map[string]*report.Check{}}
	from := map[string]int{} // the group each check's result comes from
	for _, c := range catalog.Checks {
		from[c.ID] = -1
		for i, g := range groups {
			got := ps[i].result(c.ID)
			if got.Verdict != report.VerdictPending || (from[c.ID] < 0 && slices.Contains(g.checks, c.ID)) {
				merged.results[c.ID], from[c.ID] = got, i
				if got.Verdict != report.VerdictPending {
					break
				}
			}
		}
		if from[c.ID] < 0 {
			merged.results[c.ID] = ps[0].result(c.ID)
		}
	}
	// What a group found on its own account stands only if it applies given the
	// merged verdicts of the groups before it.
	for i, g := range groups {
		own := slices.DeleteFunc(slices.Clone(g.checks), func(id string) bool { return from[id] != i })
		if g.ready == nil || len(own) == 0 {
			continue
		}
		kept := map[string]*report.Check{}
		for _, id := range own {
			kept[id] = merged.results[id]
			c, _ := catalog.Lookup(id)
			merged.results[id] = newResult(c)
		}
		if g.ready(merged) {
			maps.Copy(merged.results, kept)
		}
	}
	return merged.ordered()
}

// runGroupOwn runs g in p's probe, opening one of its own first unless p has one or
// the group needs no site.
func (p *probing) runGroupOwn(ctx context.Context, prober *runner.Prober, g group) {
	if p.pr == nil && (g.needsSite == nil || g.needsSite(p)) {
		pr, err := prober.Open(ctx, p.f)
		if err != nil {
			p.notRun(g.checks, "could not start probing the site: %v", err)
			return
		}
		defer pr.Close()
		p.pr = pr
	}
	p.runGroup(ctx, g)
}

// couldNotTell returns the reason of the first check p decided ERROR, "" when none.
func (p *probing) couldNotTell() string {
	for _, c := range catalog.Checks {
		if r := p.result(c.ID); r.Verdict == report.VerdictError {
			return r.Reason
		}
	}
	return ""
}

// newResults is a report entry for every check, none decided yet.
func newResults() map[string]*report.Check {
	results := map[string]*report.Check{}
	for _, c := range catalog.Checks {
		results[c.ID] = newResult(c)
	}
	return results
}

// ordered lists the checks' results in table order.
func (p *probing) ordered() []*report.Check {
	var checks []*report.Check
	for _, c := range catalog.Checks {
		checks = append(checks, p.result(c.ID))
	}
	return checks
}

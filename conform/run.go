package conform

import (
	"context"
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

// probeFlow runs every check against one flow's site.
func probeFlow(ctx context.Context, prober *runner.Prober, f *flow.Flow) *report.ConformFlow {
	start := time.Now()
	cf := &report.ConformFlow{File: f.Pos.File, Guide: f.Guide.Title, Source: f.Guide.Source, Site: f.Site.Mock}
	results := map[string]*report.Check{}
	for _, c := range catalog.Checks {
		r := newResult(c)
		results[c.ID] = r
		cf.Checks = append(cf.Checks, r)
	}
	defer func() {
		cf.Duration = time.Since(start)
		for _, r := range cf.Checks {
			decide(r, report.VerdictSkipped, "not reached")
		}
	}()
	p := &probing{f: f, c: f.Conform, results: results}
	if f.Conform == nil {
		p.skipAll(catalog.IDs(), "the flow has no conform section (see docs/conformance.md)")
		return cf
	}
	p.enrollStep = f.StepIndex(f.Conform.Enroll)
	p.enrollCode = f.Steps[p.enrollStep].EnrollCode()
	p.cred = f.Steps[p.enrollStep].Actions[p.enrollCode].(*flow.TypeCode).From

	pr, err := prober.Open(ctx, f)
	if err != nil {
		p.notRun(catalog.IDs(), "could not start probing the site: %v", err)
		return cf
	}
	defer pr.Close()
	p.pr = pr
	cf.BaseURL = pr.BaseURL()
	p.controlled = pr.Controlled(ctx)
	if !p.controlled {
		p.readDateOffset(ctx)
	}

	timed := func(ids []string, phase func()) {
		t := time.Now()
		phase()
		d := time.Since(t) / time.Duration(len(ids))
		for _, id := range ids {
			results[id].Duration += d
		}
	}
	enrolled := false
	timed(enrollChecks, func() { enrolled = p.phaseEnroll(ctx) })
	if enrolled {
		timed(signInChecks, func() { p.phaseSignIn(ctx) })
	}
	timed([]string{catalog.RecoverySingleUse}, func() { p.phaseRecovery(ctx) })
	timed([]string{catalog.DisableConfirmed}, func() { p.phaseDisable(ctx) })
	if err := ctx.Err(); err != nil {
		for _, r := range cf.Checks {
			decide(r, report.VerdictSkipped, "interrupted: %v", err)
		}
	}
	return cf
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/enroll-dev/enroll/conform"
	"github.com/enroll-dev/enroll/report"
)

func runConform(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll conform", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	var (
		opts    conform.Options
		reports reportFlag
		expect  string
	)
	t := newTarget(fl, &opts.Runner, "probe", "show the evidence under every check, and log every action to stderr")
	fl.StringVar(&expect, "expect-failures", "", "a YAML file of known failures with reasons, besides those the flows' conform sections list")
	fl.Var(&reports, "report", "write a report: "+reportKindsUsage+" (repeatable; markdown also annotates failures under GitHub Actions)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: enroll conform [flags] FLOW|DIR...\n\n"+
			"Checks each flow's site's two-factor authentication against RFC 4226/6238 (replay, skew\n"+
			"window, wrong codes, throttling, enrollment, secrets, recovery codes, disabling, the\n"+
			"guide's claims), reusing the flow's own steps. See docs/conformance.md.\n\n"+
			"Exit status: 0 no unexpected failure, 1 a check failed, 2 bad usage, 3 browser,\n"+
			"4 no check failed but some could not tell (ERROR).\n\nFlags:")
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	parsed, err := t.load(env, fl, files)
	if err != nil {
		return err
	}
	if expect != "" {
		if opts.Expect, err = conform.ReadExpectationsFile(expect); err != nil {
			return &UsageError{Err: err}
		}
	}
	out := env.Stdout
	if opts.Expect != nil {
		fmt.Fprintf(out, "expected failures: %s (%d listed)\n\n", opts.Expect.File, len(opts.Expect.Entries))
	}
	opts.OnFlow = func(f *report.ConformFlow) { _ = report.WriteConformFlow(out, f, t.verbose) }

	res, runErr := conform.Run(ctx, parsed, opts)
	for _, r := range reports {
		if err := writeConformReport(r, res); err != nil {
			fmt.Fprintf(env.Stderr, "enroll conform: writing the %s report: %v\n", r.format, err)
		}
	}
	if annotate(env, reports) {
		_ = report.WriteConformAnnotations(out, res)
	}
	if runErr != nil {
		return runError(runErr)
	}
	s := res.Summary()
	fmt.Fprintln(out, s.String())
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	if !s.OK() {
		return errFailed
	}
	if s.Undecided() {
		return errUndecided
	}
	return nil
}

func writeConformReport(r reportSpec, res *report.Conformance) error {
	return writeFile(r.path, func(w io.Writer) error { return kindOf(r.format).conform(w, res) })
}

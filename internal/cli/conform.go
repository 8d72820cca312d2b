package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/enroll-dev/enroll/conform"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

func runConform(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll conform", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	var (
		opts    conform.Options
		reports reportFlag
		defects stringList
		expect  string
	)
	ro := &opts.Runner
	fl.StringVar(&ro.BaseURL, "base-url", "", "probe this site instead of the flow's bundled mock")
	fl.Var(&defects, "mock-defect", "start the bundled mocks with a deliberate defect (repeatable; not with --base-url): "+defectNames())
	fl.StringVar(&expect, "expect-failures", "", "a YAML file of known failures with reasons, besides those the flows' conform sections list")
	fl.Var(&reports, "report", "write a report: json=PATH or junit=PATH (repeatable)")
	fl.BoolVar(&ro.Browser.Headful, "headful", false, "show the browser window")
	fl.StringVar(&ro.Browser.ExecPath, "chrome", "", "Chromium or Chrome binary (default: $ENROLL_CHROME, then the PATH)")
	verbose := fl.Bool("v", false, "show the evidence under every check, and log every action to stderr")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: enroll conform [flags] FLOW|DIR...\n\n"+
			"Checks each flow's site's two-factor authentication against RFC 4226/6238 (replay, skew\n"+
			"window, wrong codes, throttling, enrollment, secrets, recovery codes, disabling, the\n"+
			"guide's claims), reusing the flow's own steps. See docs/conformance.md.\n\n"+
			"Exit status: 0 no unexpected failure, 1 a check failed, 2 bad usage, 3 browser.\n\nFlags:")
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if len(files) == 0 {
		fl.Usage()
		return usagef("no flow given")
	}
	if len(defects) > 0 && ro.BaseURL != "" {
		return usagef("--mock-defect applies to the bundled mock sites only, not to --base-url")
	}
	if _, err := kit.ParseDefects(defects); err != nil {
		return usagef("--mock-defect: %v", err)
	}
	ro.Defects = defects
	if *verbose {
		ro.Logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ro.Getenv = env.Getenv

	parsed, err := loadFlows(files)
	if err != nil {
		return reportInvalid(env.Stderr, err)
	}
	if expect != "" {
		if opts.Expect, err = conform.ReadExpectationsFile(expect); err != nil {
			return &UsageError{Err: err}
		}
	}
	out, isTerm := env.Stdout, false
	if f, ok := out.(*os.File); ok {
		isTerm = report.IsTerminal(f)
	}
	ro.Progress = report.NewProgress(out, isTerm)
	if opts.Expect != nil {
		fmt.Fprintf(out, "expected failures: %s (%d listed)\n\n", opts.Expect.File, len(opts.Expect.Entries))
	}
	opts.OnFlow = func(f *report.ConformFlow) { _ = report.WriteConformFlow(out, f, *verbose) }

	res, runErr := conform.Run(ctx, parsed, opts)
	for _, r := range reports {
		if err := writeConformReport(r, res); err != nil {
			fmt.Fprintf(env.Stderr, "enroll conform: writing the %s report: %v\n", r.format, err)
		}
	}
	if runErr != nil {
		if errors.Is(runErr, runner.ErrBrowser) {
			return &BrowserError{Err: runErr}
		}
		return runErr
	}
	s := res.Summary()
	fmt.Fprintln(out, s.String())
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	if !s.OK() {
		return errFailed
	}
	return nil
}

// defectNames lists the bundled mocks' defects for the flag's help.
func defectNames() string {
	s := ""
	for i, d := range kit.AllDefects {
		if i > 0 {
			s += ", "
		}
		s += string(d)
	}
	return s
}

func writeConformReport(r reportSpec, res *report.Conformance) error {
	return writeFile(r.path, func(w io.Writer) error {
		if r.format == "junit" {
			return report.WriteConformJUnit(w, res)
		}
		return report.WriteConformJSON(w, res)
	})
}

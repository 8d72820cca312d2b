package cli

import (
	"errors"
	"flag"
	"log/slog"
	"os"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// parseArgs parses flags that may come before, between or after the positional
// arguments (`enroll run flows/20i.yaml --report json=r.json`), and returns the
// positional ones. A request for help returns errHelp.
func parseArgs(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, &UsageError{Err: err}
		}
		if fl.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

// errHelp reports that a command printed its help; the command returns nil.
var errHelp = errors.New("help requested")

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// target holds the flags run and conform share: where the flows run (their bundled
// mocks, or --base-url), the mocks' deliberate defects, the browser, and -v.
type target struct {
	opts     *runner.Options
	defects  stringList
	accounts accountsFlag
	verbose  bool
}

// newTarget registers the shared flags on fl, filling o. verb says what the command
// does to a site ("run against", "probe"), verbose describes -v.
func newTarget(fl *flag.FlagSet, o *runner.Options, verb, verbose string) *target {
	t := &target{opts: o}
	fl.StringVar(&o.BaseURL, "base-url", "", verb+" this site instead of the flow's bundled mock")
	fl.Var(&t.defects, "mock-defect", "start the bundled mocks with a deliberate defect (repeatable; not with --base-url): "+defectNames())
	fl.BoolVar(&o.Browser.Headful, "headful", false, "show the browser window")
	fl.StringVar(&o.Browser.ExecPath, "chrome", "", "Chromium or Chrome binary (default: $ENROLL_CHROME, then the PATH)")
	fl.StringVar(&o.Browser.BrowserURL, "browser-url", "", "use the Chromium that runs at this DevTools endpoint (ws://host:port/..., or http://host:port) instead of starting one (default: $ENROLL_BROWSER_URL)")
	fl.Var(&t.accounts, "accounts", accountsUsage)
	fl.DurationVar(&o.Pools.Wait, "account-wait", 0, "how long a flow waits for a free account of its pool (default: until the flow's --timeout)")
	fl.BoolVar(&t.verbose, "v", false, verbose)
	return t
}

// load checks the shared flags, completes the runner options (defects, logger,
// environment, progress on env's standard output) and reads the flows named by
// files. Every problem is a usage error; invalid flow files are printed one per line.
func (t *target) load(env *Env, fl *flag.FlagSet, files []string) ([]*flow.Flow, error) {
	if len(files) == 0 {
		fl.Usage()
		return nil, usagef("no flow given")
	}
	if t.opts.BaseURL != "" {
		if err := checkBaseURL(t.opts.BaseURL); err != nil {
			return nil, err
		}
	}
	if t.opts.Browser.BrowserURL == "" {
		t.opts.Browser.BrowserURL = env.Getenv("ENROLL_BROWSER_URL")
	}
	if u := t.opts.Browser.BrowserURL; u != "" {
		if err := browser.CheckBrowserURL(u); err != nil {
			return nil, usagef("--browser-url: %v", err)
		}
		if t.opts.Browser.ExecPath != "" || t.opts.Browser.Headful {
			return nil, usagef("--browser-url uses a browser that runs already: --chrome and --headful do not apply")
		}
	}
	if len(t.defects) > 0 && t.opts.BaseURL != "" {
		return nil, usagef("--mock-defect applies to the bundled mock sites only, not to --base-url")
	}
	if _, err := kit.ParseDefects(t.defects); err != nil {
		return nil, usagef("--mock-defect: %v", err)
	}
	t.opts.Defects = t.defects
	if t.verbose {
		t.opts.Logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	t.opts.Getenv = env.Getenv
	parsed, err := loadFlows(files)
	if err != nil {
		return nil, reportInvalid(env.Stderr, err)
	}
	if err := t.accounts.load(env, parsed, t.opts); err != nil {
		return nil, err
	}
	isTerm := false
	if f, ok := env.Stdout.(*os.File); ok {
		isTerm = report.IsTerminal(f)
	}
	t.opts.Progress = report.NewProgress(env.Stdout, isTerm)
	return parsed, nil
}

// defectNames lists the bundled mocks' defects for the flag's help.
func defectNames() string {
	names := make([]string, len(kit.AllDefects))
	for i, d := range kit.AllDefects {
		names[i] = string(d)
	}
	return strings.Join(names, ", ")
}

// runError maps the runner's error to the command's: a browser failure exits 3.
func runError(err error) error {
	if errors.Is(err, runner.ErrBrowser) {
		return &BrowserError{Err: err}
	}
	return err
}

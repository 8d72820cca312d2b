package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// reportFlag collects --report FORMAT=PATH values.
type reportFlag []reportSpec

type reportSpec struct{ format, path string }

func (r *reportFlag) String() string { return "" }

func (r *reportFlag) Set(v string) error {
	format, path, ok := strings.Cut(v, "=")
	if !ok || path == "" || kindOf(format) == nil {
		return fmt.Errorf("want %s, got %q", reportKindsUsage, v)
	}
	*r = append(*r, reportSpec{format, path})
	return nil
}

func runRun(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll run", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	var (
		opts    runner.Options
		reports reportFlag
	)
	t := newTarget(fl, &opts, "run against", "log every action and its duration to stderr")
	fl.IntVar(&opts.Parallel, "j", 1, "how many flows run at once")
	fl.Var(&reports, "report", "write a report: "+reportKindsUsage+" (repeatable; markdown also annotates failures under GitHub Actions)")
	fl.StringVar(&opts.ArtifactsDir, "artifacts", "artifacts", "folder for screenshots, page HTML and console logs")
	fl.DurationVar(&opts.FlowTimeout, "timeout", 5*time.Minute, "deadline of each whole flow (actions keep their own)")
	shots := fl.String("screenshots", "steps", "when to save screenshots: steps (after every guide step) or failures")
	shardFlag := fl.String("shard", "", "run only part i of n of the flows given (i/n, the same split on every machine; merge the reports with enroll report merge)")
	durationsFile := fl.String("durations", "", "with --shard: balance the parts by the flow durations in this JSON report of an earlier run")
	exportDir := fl.String("export", "", "write each flow's enrolled credentials and recovery codes into this folder (mode 0700) for a person's authenticator app: live secrets")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: enroll run [flags] FLOW|DIR...\n\nRuns each flow in headless Chromium, against its bundled mock site unless --base-url is given.\n\nFlags:")
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if opts.Parallel < 1 {
		return usagef("-j must be at least 1")
	}
	if opts.FlowTimeout <= 0 {
		return usagef("--timeout %s: want a positive duration, such as 5m", opts.FlowTimeout)
	}
	switch *shots {
	case "steps":
		opts.Screenshots = runner.EveryStep
	case "failures":
		opts.Screenshots = runner.OnFailure
	default:
		return usagef("--screenshots %q: want steps or failures", *shots)
	}
	var sh shard
	if *shardFlag != "" {
		if sh, err = parseShard(*shardFlag); err != nil {
			return usagef("%v", err)
		}
	} else if *durationsFile != "" {
		return usagef("--durations goes with --shard")
	}
	opts.Pools.Shard, opts.Pools.Shards = sh.i, sh.n // each shard leases from its own slice of a pool
	parsed, err := t.load(env, fl, files)
	if err != nil {
		return err
	}
	if sh.n > 0 {
		var durations map[string]time.Duration
		if *durationsFile != "" {
			if durations, err = readDurations(*durationsFile); err != nil {
				return usagef("%v", err)
			}
		}
		all := len(parsed)
		parsed = sh.pick(parsed, durations)
		fmt.Fprintf(env.Stderr, "enroll run: shard %d/%d: %d of %d flows\n", sh.i, sh.n, len(parsed), all)
		if len(parsed) == 0 {
			// More shards than flows: this one has nothing to do, and says so in
			// its reports, which merge as nothing.
			if err := checkOutputs(reports, opts.ArtifactsDir); err != nil {
				return err
			}
			empty := &report.Run{Started: time.Now(), ArtifactsDir: opts.ArtifactsDir}
			empty.Finish(empty.Started)
			for _, r := range reports {
				if err := writeReport(r, empty); err != nil {
					return &BrowserError{Err: fmt.Errorf("writing the %s report: %w", r.format, err)}
				}
			}
			return nil
		}
	}
	if err := checkOutputs(reports, opts.ArtifactsDir); err != nil {
		return err
	}
	if *exportDir != "" {
		if opts.Export, err = openExport(env, *exportDir); err != nil {
			return err
		}
	}

	opts.Browser.Sessions = runner.SessionsNeeded(parsed)
	res, runErr := runner.Run(ctx, parsed, opts)
	writeErr := exported(env, res)
	for _, r := range reports {
		if err := writeReport(r, res); err != nil {
			writeErr = &BrowserError{Err: fmt.Errorf("writing the %s report: %w", r.format, err)}
			fmt.Fprintf(env.Stderr, "enroll run: %v\n", writeErr)
		}
	}
	if annotate(env, reports) {
		_ = report.WriteAnnotations(env.Stdout, res)
	}
	return runOutcome(res, runErr, writeErr)
}

// runOutcome decides how `enroll run` ends: interrupted (SIGINT, SIGTERM) before
// anything else, then an environment failure (the browser could not start or died, a
// report could not be written: exit 3), then a failed flow (exit 1).
func runOutcome(res *report.Run, runErr, writeErr error) error {
	s := res.Summary()
	switch {
	case res.Status == report.Interrupted:
		return errInterrupted
	case runErr != nil:
		return runError(runErr)
	case writeErr != nil:
		return &BrowserError{Err: errFailed}
	case s.Errored > 0:
		return &BrowserError{Err: errFailed}
	}
	for _, f := range res.Flows {
		if f.Status == report.Skipped && f.Failure != nil {
			return &BrowserError{Err: errFailed} // not run: the browser could not start again
		}
	}
	if res.Status != report.Passed {
		return errFailed
	}
	return nil
}

func writeReport(r reportSpec, res *report.Run) error {
	return writeFile(r.path, func(w io.Writer) error { return kindOf(r.format).run(w, res) })
}

// writeFile creates path, and its folder, and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadFlows reads every flow named by args: files, directories of flows (their *.yaml
// files, not the fragment files under sites/), or the names of bundled flows ("20i").
// Every invalid file is reported before anything runs.
func loadFlows(args []string) ([]*flow.Flow, error) {
	var paths []string
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case err == nil && st.IsDir():
			m, _ := filepath.Glob(filepath.Join(a, "*.yaml"))
			sort.Strings(m)
			if len(m) == 0 {
				return nil, usagef("%s: no *.yaml flow files", a)
			}
			paths = append(paths, m...)
		case err == nil:
			paths = append(paths, a)
		case bundled(a) != "":
			paths = append(paths, "bundled:"+bundled(a))
		default:
			return nil, usagef("%s: no such flow file, folder or bundled flow (see 'enroll list')", a)
		}
	}
	var (
		out  []*flow.Flow
		errs flow.ErrorList
	)
	for _, p := range paths {
		var (
			f   *flow.Flow
			err error
		)
		if name, ok := strings.CutPrefix(p, "bundled:"); ok {
			f, err = flow.Parse(flows.FS, name)
		} else {
			f, err = flow.ParseFile(p)
		}
		var list flow.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case err != nil:
			return nil, &UsageError{Err: err}
		default:
			out = append(out, f)
		}
	}
	if len(errs) > 0 {
		return nil, &UsageError{Err: errs}
	}
	return out, nil
}

// bundled returns the embedded file of a bundled flow named like "20i" or
// "flows/20i.yaml", or "".
func bundled(name string) string {
	name = strings.TrimPrefix(filepath.ToSlash(name), "flows/")
	if !strings.HasSuffix(name, ".yaml") {
		name += ".yaml"
	}
	if _, err := fs.Stat(flows.FS, name); err != nil {
		return ""
	}
	return name
}

// reportInvalid prints every problem of invalid flow files, one file:line:col: message
// per line, and returns an error that exits 2 without printing again.
func reportInvalid(w io.Writer, err error) error {
	var list flow.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		fmt.Fprintln(w, e.Error())
	}
	return &UsageError{Err: errFailed}
}

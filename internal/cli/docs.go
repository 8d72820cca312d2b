package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/guidedoc"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

const docsUsage = `Usage: enroll docs --out DIR [flags] FLOW...

Runs each flow (against its bundled mock unless --base-url) and writes its guide into
DIR as index.md and index.html: the title, each step's number, heading and sentences,
and the screenshot taken after it (QR codes and secrets masked), then every label the
written guide quotes and whether the page showed it at that step (and, when not, what
it showed instead). With several flows, each goes into DIR/NAME. Images that are new
or changed since the last render in DIR are listed, for review (not on the first
render): on a bundled mock any pixel that changed, against --base-url more than 0.1%
of them. Exits like enroll run.

On a bundled mock two renders are identical, pixel for pixel: the mock's clock stands
still and its secrets come from a fixed seed, and the page's clock is frozen with it
(Date, timers of a second or more, Math.random, the UTC time zone), in a window of a
fixed size. --crop cuts each picture down to the element its step acts on (the last
one its actions name that is still to be seen), --highlight draws a box around it.

Flags:`

// runDocs is `enroll docs`: the guide rendered back from its flow, with fresh screenshots.
func runDocs(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll docs", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	var opts runner.Options
	t := newTarget(fl, &opts, "render from", "log every action and its duration to stderr")
	out := fl.String("out", "", "the folder to write the guide into (required)")
	guides := fl.String("guides", "", "the folder of the written guides (default: guides/ beside the flow's folder, then ./guides)")
	var pics guidedoc.Pictures
	fl.BoolVar(&pics.Crop, "crop", false, fmt.Sprintf("crop each step's picture to the element it acts on, with %d pixels of the page around it", guidedoc.Margin))
	fl.BoolVar(&pics.Highlight, "highlight", false, "draw a box around the element each step acts on")
	fl.DurationVar(&opts.FlowTimeout, "timeout", 5*time.Minute, "deadline of each whole flow (actions keep their own)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, docsUsage)
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if *out == "" {
		fl.Usage()
		return usagef("--out DIR is required")
	}
	if opts.FlowTimeout <= 0 {
		return usagef("--timeout %s: want a positive duration, such as 5m", opts.FlowTimeout)
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return usagef("--out %s: a file, not a folder", *out)
	}
	parsed, err := t.load(env, fl, files)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "enroll-docs-")
	if err != nil {
		return &BrowserError{Err: err}
	}
	defer os.RemoveAll(tmp)
	opts.ArtifactsDir, opts.Screenshots, opts.Reproducible = tmp, runner.EveryStep, true
	watches := map[*flow.Flow]*guidedoc.Watch{}
	gs := make([]*guide.Guide, len(parsed))
	for i, f := range parsed {
		var note string
		gs[i], note = readGuide(f, *guides)
		if note != "" {
			fmt.Fprintf(env.Stderr, "enroll docs: %s: %s; the labels section is left out\n", f.Pos.File, note)
		}
		watches[f] = guidedoc.NewWatch(f, gs[i], pics.Crop || pics.Highlight)
	}
	opts.AfterStep = func(ctx context.Context, f *flow.Flow, s *report.Step, p runner.Page) {
		watches[f].AfterStep(ctx, s, p)
	}

	res, runErr := runner.Run(ctx, parsed, opts)
	var writeErr error
	for i, rf := range res.Flows {
		if rf.Status != report.Passed && rf.Status != report.Failed {
			continue // the environment failed or the run was stopped: keep the last render
		}
		dir := *out
		if len(res.Flows) > 1 {
			dir = filepath.Join(*out, rf.Name())
		}
		bundled := opts.BaseURL == "" && parsed[i].Site.Mock != "" // reproducible: see runner.Options
		r, err := guidedoc.Write(dir, guidedoc.Doc{Result: rf, Flow: parsed[i], Guide: gs[i], Watch: watches[parsed[i]], Pictures: pics, Exact: bundled})
		if err != nil {
			writeErr = &BrowserError{Err: fmt.Errorf("writing the guide of %s: %w", rf.File, err)}
			fmt.Fprintf(env.Stderr, "enroll docs: %v\n", writeErr)
			continue
		}
		fmt.Fprintf(env.Stdout, "wrote %s and %s (%d images)\n",
			filepath.Join(dir, guidedoc.Markdown), filepath.Join(dir, guidedoc.HTML), len(r.Files)-2)
		if len(r.Changed) > 0 && !firstRender(r) {
			lines := make([]string, len(r.Changed))
			for j, c := range r.Changed {
				lines[j] = "  " + c.String()
			}
			fmt.Fprintf(env.Stdout, "new or changed since the last render, to review:\n%s\n", strings.Join(lines, "\n"))
		}
	}
	return runOutcome(res, runErr, writeErr)
}

// firstRender reports whether every image of r is new: the folder held no render.
func firstRender(r *guidedoc.Rendered) bool {
	return len(r.Changed) == len(r.Files)-2 && !slices.ContainsFunc(r.Changed, func(c guidedoc.Change) bool { return !c.New })
}

// readGuide finds and reads the written guide a flow follows (see findGuide). note
// says why there is none.
func readGuide(f *flow.Flow, dir string) (*guide.Guide, string) {
	p, b, note := findGuide(f, dir)
	if note != "" {
		return nil, note
	}
	g, err := guide.Parse(p, b)
	if err != nil {
		return nil, err.Error()
	}
	return g, ""
}

// findGuide finds the file of the written guide a flow follows (guide.source): in dir
// when given, else in guides/ beside the flow's folder, then in ./guides. It returns
// its path and content, or a note that says why there is none.
func findGuide(f *flow.Flow, dir string) (path string, src []byte, note string) {
	name := f.Guide.Source
	if name == "" || strings.Contains(name, "://") {
		return "", nil, "the guide is not a local file"
	}
	var tries []string
	if dir != "" {
		tries = []string{filepath.Join(dir, name)}
	} else {
		tries = []string{filepath.Join(filepath.Dir(f.Pos.File), "..", "guides", name), filepath.Join("guides", name)}
	}
	for _, p := range tries {
		if b, err := os.ReadFile(p); err == nil {
			return p, b, ""
		}
	}
	return "", nil, fmt.Sprintf("guide %s not found (--guides DIR)", name)
}

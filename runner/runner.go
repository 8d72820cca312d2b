package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/report"
)

// ErrBrowser marks a run that could not start the browser, or whose browser died.
// The CLI exits 3 on it.
var ErrBrowser = errors.New("browser")

// Options configure a run. The zero value runs flows one at a time against their
// bundled mock sites, in headless Chromium found on the PATH, writing artifacts under
// ./artifacts.
type Options struct {
	// BaseURL, when set, points every flow at this site instead of its bundled mock.
	BaseURL string
	// Parallel is how many flows run at once (-j); 0 or 1 runs them one at a time.
	Parallel int
	// ArtifactsDir is where screenshots, page HTML and console logs go ("artifacts").
	ArtifactsDir string
	// Screenshots says when screenshots are saved: after every guide step (the zero
	// value) or only for a failed step.
	Screenshots Screenshots
	// FlowTimeout caps each flow's whole run (5m when zero); actions keep their own
	// deadlines from the flow file.
	FlowTimeout time.Duration
	// Browser says which Chromium to start and how.
	Browser browser.Options
	// Defects switches on deliberate defects in the bundled mock sites (conformance).
	Defects []string
	// Progress, when set, is told about every flow and step as they go.
	Progress *report.Progress
	// Logger receives debug logs; nil discards them. No secret ever reaches it.
	Logger *slog.Logger
	// Getenv looks up ${env.NAME} references and the account's variables (os.Getenv).
	Getenv func(string) string
	// Now is the clock for TOTP codes against real sites (time.Now); a bundled mock
	// brings its own clock, which the runner shares so codes match the site's time.
	Now func() time.Time
	// Pools are the run's account pools: --accounts, the shard's slice, how long a
	// flow waits for a free account (pool.go).
	Pools Pools
	// Export, when set (--export), receives after each flow the credentials it scanned
	// and the recovery codes it captured; the flow's report says where (Flow.Export).
	Export *export.Dir
	// Reproducible makes two runs against a bundled mock show the same pages: the
	// mock's clock stands still at ReproducibleStart (moved only by the flow's waits
	// and by codes that need a later time step), its secrets come from a fixed seed,
	// and each page's clock is frozen to the mock's (docs.go). enroll docs sets it.
	// It changes nothing against a base URL.
	Reproducible bool
	// StillMockClock makes a bundled mock's clock stand still at the time the mock
	// starts: it moves only when the flow or a Probe moves it (a wait, a code that
	// needs a later time step, Probe.Wait), never while a code is being judged,
	// however loaded the machine. The page's clock keeps running. enroll conform sets
	// it.
	StillMockClock bool
	// AfterStep, when set, is called after each guide step the flow carried out
	// (passed or failed), before the step's screenshot, with the page as the step
	// left it; its ctx bounds it to a few seconds. enroll docs reads there which of
	// the guide's labels the page shows and where the step's element is.
	AfterStep func(ctx context.Context, f *flow.Flow, s *report.Step, page Page)
}

// Screenshots says when the runner saves screenshots.
type Screenshots int

const (
	// EveryStep saves a screenshot after each guide step (secrets masked) and one of a
	// failed step: the evidence a doc writer reads.
	EveryStep Screenshots = iota
	// OnFailure saves only the screenshot of a failed step: faster CI runs.
	OnFailure
)

func (o *Options) defaults() {
	if o.Parallel < 1 {
		o.Parallel = 1
	}
	if o.ArtifactsDir == "" {
		o.ArtifactsDir = "artifacts"
	}
	if o.FlowTimeout <= 0 {
		o.FlowTimeout = 5 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Browser.Logger == nil {
		o.Browser.Logger = o.Logger
	}
	if o.Browser.Getenv == nil {
		o.Browser.Getenv = o.Getenv
	}
}

// Runner runs flows in one Chromium that it starts once and keeps until Close: each
// flow gets its own isolated browser context. Use it to run several batches on a warm
// browser; Run is the one-shot form.
type Runner struct {
	opts Options
	ctx  context.Context // the browser's lifetime, for a restart after a crash

	mu         sync.Mutex
	browser    *browser.Browser // replaced by liveBrowser when it died
	restartErr error            // why the browser could not be started again
}

// New starts the browser. ctx bounds the browser's whole life (when it ends, Chromium is
// killed); it must carry no deadline meant for a single step. The error wraps
// ErrBrowser when Chromium could not be started.
func New(ctx context.Context, opts Options) (*Runner, error) {
	opts.defaults()
	b, err := browser.Launch(ctx, opts.Browser)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBrowser, err)
	}
	return &Runner{opts: opts, ctx: ctx, browser: b}, nil
}

// Close stops the browser and removes its profile.
func (r *Runner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.browser.Close()
}

// liveBrowser returns the browser for the next flow: the running one, or a new one
// when it died (a crash, a kill). When a new one cannot be started, the error says so;
// it is kept, so the flows after it are skipped with the same cause.
func (r *Runner) liveBrowser() (*browser.Browser, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.restartErr != nil {
		return nil, r.restartErr
	}
	if processAlive(r.browser.PID()) {
		return r.browser, nil
	}
	r.opts.Logger.Debug("the browser died: starting a new one", "pid", r.browser.PID())
	r.browser.Close()
	b, err := browser.Launch(r.ctx, r.opts.Browser)
	if err != nil {
		r.restartErr = fmt.Errorf("the browser could not be started again after it died: %w", err)
		return nil, r.restartErr
	}
	r.browser = b
	return b, nil
}

// Run starts the browser, runs the flows (see Runner.Run) and stops the browser. The
// error is non-nil only when the browser could not be started (it wraps ErrBrowser);
// the returned Run is complete even then, with every flow skipped, so reports can
// always be written. When ctx ends while the browser starts, the Run is Interrupted
// and the error nil. Failed and errored flows are reported in the Run, not as an
// error.
func Run(ctx context.Context, flows []*flow.Flow, opts Options) (*report.Run, error) {
	opts.defaults()
	r, err := New(ctx, opts)
	if err != nil {
		res := &report.Run{Started: time.Now(), ArtifactsDir: opts.ArtifactsDir}
		for _, f := range flows {
			res.Flows = append(res.Flows, newFlowResult(f))
		}
		if ctx.Err() != nil {
			res.Status, err = report.Interrupted, nil
			for _, f := range res.Flows {
				for _, s := range f.Steps {
					s.Status = report.Skipped
				}
			}
		}
		res.Finish(time.Now())
		if err == nil {
			opts.Progress.RunFinished(res)
		}
		return res, err
	}
	defer r.Close()
	return r.Run(ctx, flows), nil
}

// Run runs the flows, each in its own isolated browser context, up to Parallel at a
// time, and returns their results in the order given. When ctx is cancelled part way,
// the Run is still complete: flows not finished are marked interrupted or skipped.
// When the browser dies, the flows it was running are Errored and the next flows run
// in a new browser; if none can be started, they are Skipped with that cause.
func (r *Runner) Run(ctx context.Context, flows []*flow.Flow) *report.Run {
	opts := &r.opts
	res := &report.Run{Started: time.Now(), ArtifactsDir: opts.ArtifactsDir}
	for _, f := range flows {
		res.Flows = append(res.Flows, newFlowResult(f))
	}
	dirs := artifactDirs(opts.ArtifactsDir, flows)
	sem := make(chan struct{}, opts.Parallel)
	var wg sync.WaitGroup
	for i, f := range flows {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			b, err := r.liveBrowser()
			if err != nil {
				skip(res.Flows[i], err)
				opts.Progress.FlowStarted(res.Flows[i])
				opts.Progress.FlowFinished(res.Flows[i])
				return
			}
			fr := &flowRun{opts: opts, browser: b, flow: f, res: res.Flows[i], dir: dirs[i]}
			fr.run(ctx)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		res.Status = report.Interrupted
	}
	res.Finish(time.Now())
	opts.Progress.RunFinished(res)
	return res
}

// skip marks a flow not run because of err, with err as its failure.
func skip(f *report.Flow, err error) {
	f.Status = report.Skipped
	f.Failure = &report.Failure{Message: err.Error(), Err: fmt.Errorf("%w: %w", ErrBrowser, err)}
	for _, s := range f.Steps {
		s.Status = report.Skipped
	}
}

// processAlive reports whether the process pid runs (is neither gone nor a zombie).
// 0, an unknown pid, counts as alive.
func processAlive(pid int) bool {
	if pid == 0 {
		return true
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses and may hold any
	// character: "1234 (chromium) S ...".
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return true
	}
	state := b[i+2]
	return state != 'Z' && state != 'X'
}

// newFlowResult lists the flow's steps, all pending, so a report shows every guide
// step even when the flow never reached it.
func newFlowResult(f *flow.Flow) *report.Flow {
	r := &report.Flow{File: f.Pos.File, Guide: f.Guide.Title, Source: f.Guide.Source, Site: f.Site.Mock, BaseURL: f.Site.BaseURL}
	for i, s := range f.Steps {
		r.Steps = append(r.Steps, &report.Step{Index: i + 1, Line: s.Pos.Line, Title: s.Title, Say: s.Say, Manual: s.Manual})
	}
	return r
}

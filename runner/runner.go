package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

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
}

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

// Run runs the flows in one Chromium, each in its own isolated browser context, up to
// opts.Parallel at a time, and returns their results in the order given. The returned
// Run is complete even when ctx is cancelled part way (flows not finished are marked
// interrupted or skipped), so reports can always be written. The error is non-nil only
// when the browser could not be started (it wraps ErrBrowser); failed flows are
// reported in the Run, not as an error.
func Run(ctx context.Context, flows []*flow.Flow, opts Options) (*report.Run, error) {
	opts.defaults()
	res := &report.Run{Started: time.Now(), ArtifactsDir: opts.ArtifactsDir}
	for _, f := range flows {
		res.Flows = append(res.Flows, newFlowResult(f))
	}
	b, err := browser.Launch(ctx, opts.Browser)
	if err != nil {
		res.Finish(time.Now())
		return res, fmt.Errorf("%w: %w", ErrBrowser, err)
	}
	defer b.Close()

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
			fr := &flowRun{opts: &opts, browser: b, flow: f, res: res.Flows[i], dir: dirs[i]}
			fr.run(ctx)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		res.Status = report.Interrupted
	}
	res.Finish(time.Now())
	if opts.Progress != nil {
		opts.Progress.RunFinished(res)
	}
	return res, nil
}

// newFlowResult lists the flow's steps, all pending, so a report shows every guide
// step even when the flow never reached it.
func newFlowResult(f *flow.Flow) *report.Flow {
	r := &report.Flow{File: f.Pos.File, Guide: f.Guide.Title, Source: f.Guide.Source, Site: f.Site.Mock, BaseURL: f.Site.BaseURL}
	for i, s := range f.Steps {
		r.Steps = append(r.Steps, &report.Step{Index: i + 1, Line: s.Pos.Line, Title: s.Title, Say: s.Say})
	}
	return r
}

package runner

import (
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"io"
	"math/rand/v2"
	"time"

	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/locator"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/report"
)

// What `enroll docs` needs of a run beyond its report: the same pages in two runs
// (Options.Reproducible), and a look at the page after each step (Options.AfterStep).

// Page is what AfterStep may read of the page a step left, at once and without
// waiting (the browser session's read-only side).
type Page interface {
	// Shows reports whether the page shows text now (case and white space ignored).
	Shows(ctx context.Context, text string) (bool, error)
	// OnScreen lists up to max labels a reader sees, in reading order (what a
	// failure lists as "on screen instead").
	OnScreen(ctx context.Context, max int) ([]string, error)
	// Box is where the element l finds is, in the pixels of the step's screenshot;
	// an error wrapping browser.ErrNoMatch when it is not to be seen.
	Box(ctx context.Context, l locator.Locator) (image.Rectangle, error)
}

var _ Page = (*browser.Session)(nil)

// afterStepTimeout bounds what AfterStep does with the page after one step.
const afterStepTimeout = 10 * time.Second

// afterStep gives AfterStep the page as the step sr left it.
func (fr *flowRun) afterStep(ctx context.Context, sr *report.Step) {
	if fr.opts.AfterStep == nil || fr.sess == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, afterStepTimeout)
	defer cancel()
	fr.opts.AfterStep(ctx, fr.flow, sr, fr.sess)
}

// ReproducibleStart is the time a bundled mock's clock stands at when
// Options.Reproducible is set: the first second of a TOTP time step, so that the codes
// typed never need to wait for the next one.
var ReproducibleStart = time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)

// reproducibleSeed seeds every secret a bundled mock issues when Options.Reproducible
// is set. A mock on loopback for one flow, never a real account.
var reproducibleSeed = sha256.Sum256([]byte("enroll docs: the same pages twice"))

// mockClock and mockRand are the clock and randomness of a bundled mock started for
// a flow: frozen and seeded when the run is reproducible, else the wall clock and
// crypto/rand (nil).
func (o *Options) mockClock() kit.Clock {
	switch {
	case o.Reproducible:
		return kit.NewFixedClock(ReproducibleStart)
	case o.StillMockClock:
		return kit.NewFixedClock(time.Now())
	}
	return nil
}

func (o *Options) mockRand() io.Reader {
	if !o.Reproducible {
		return nil
	}
	return rand.NewChaCha8(reproducibleSeed)
}

// frozen reports whether the flow's site stands still: a bundled mock of a
// reproducible run. Its time moves only when the flow moves it.
func (fr *flowRun) frozen() bool { return fr.opts.Reproducible && fr.site != nil && fr.site.bundled }

// stillClock reports whether the flow's site's clock stands still (a bundled mock of a
// reproducible run, or with StillMockClock): it moves only when the flow moves it.
func (fr *flowRun) stillClock() bool {
	return (fr.opts.Reproducible || fr.opts.StillMockClock) && fr.site != nil && fr.site.bundled
}

// freezePage stops a new session's page clock at the site's time, before its first
// page, when the site's clock stands still.
func (fr *flowRun) freezePage(ctx context.Context, sess *browser.Session) error {
	if !fr.frozen() {
		return nil
	}
	if err := sess.FreezeClock(ctx, fr.site.now()); err != nil {
		return fmt.Errorf("%w: %w", ErrBrowser, err)
	}
	return nil
}

// movePageClock brings the page's clock to the site's after the flow moved the site's.
func (fr *flowRun) movePageClock(ctx context.Context) error {
	if !fr.frozen() {
		return nil
	}
	return fr.sess.SetClock(ctx, fr.site.now())
}

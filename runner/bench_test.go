package runner

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// BenchmarkEnrollment runs guide 003 (20i) end to end on a warm browser: the runner
// carrying out flows/20i.yaml, and in the same run a hand-written chromedp sequence of
// the same actions with CSS selectors that know the page. The difference is the
// runner's overhead (finding by visible text, auto-waits, progress, values):
//
//	go test -run '^$' -bench Enrollment -count 6 ./runner/ | benchstat -col /impl -
//
// Step screenshots are off in both (--screenshots failures), as they are work the
// hand-written sequence does not do; impl=runner-screenshots measures them.
func BenchmarkEnrollment(b *testing.B) {
	exec, f := benchFlow(b)
	ctx := b.Context()

	for _, shots := range []struct {
		name string
		mode Screenshots
	}{{"runner", OnFailure}, {"runner-screenshots", EveryStep}} {
		b.Run("impl="+shots.name, func(b *testing.B) {
			r, err := New(ctx, Options{ArtifactsDir: b.TempDir(), Screenshots: shots.mode, Browser: browser.Options{ExecPath: exec}})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			r.Run(ctx, []*flow.Flow{f}) // warm up: the first context and page cost more
			b.ResetTimer()
			for b.Loop() {
				if res := r.Run(ctx, []*flow.Flow{f}); res.Status != report.Passed {
					b.Fatalf("flow %s: %v", res.Status, res.Flows[0].Failure)
				}
			}
		})
	}

	b.Run("impl=chromedp", func(b *testing.B) {
		browserCtx, err := handWrittenBrowser(b.Context(), exec)
		if err != nil {
			b.Fatal(err)
		}
		if err := handWritten(browserCtx); err != nil { // warm up
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if err := handWritten(browserCtx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkOverhead runs the runner and the hand-written sequence in every iteration,
// alternating which goes first, so that both see the same machine: a drift in load
// between sub-benchmarks run one after the other (BenchmarkEnrollment) cannot show
// up as overhead. It reports the runner's overhead over the hand-written sequence:
//
//	go test -run '^$' -bench Overhead -benchtime 4x -count 6 ./runner/ | benchstat -
func BenchmarkOverhead(b *testing.B) {
	exec, f := benchFlow(b)
	ctx := b.Context()
	r, err := New(ctx, Options{ArtifactsDir: b.TempDir(), Screenshots: OnFailure, Browser: browser.Options{ExecPath: exec}})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	browserCtx, err := handWrittenBrowser(ctx, exec)
	if err != nil {
		b.Fatal(err)
	}
	runFlow := func() error {
		if res := r.Run(ctx, []*flow.Flow{f}); res.Status != report.Passed {
			return fmt.Errorf("flow %s: %v", res.Status, res.Flows[0].Failure)
		}
		return nil
	}
	hand := func() error { return handWritten(browserCtx) }
	if err := errors.Join(runFlow(), hand()); err != nil { // warm up both
		b.Fatal(err)
	}
	var took [2]time.Duration // runner, hand-written
	timed := func(i int, do func() error) {
		start := time.Now()
		if err := do(); err != nil {
			b.Fatal(err)
		}
		took[i] += time.Since(start)
	}
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			timed(0, runFlow)
			timed(1, hand)
		} else {
			timed(1, hand)
			timed(0, runFlow)
		}
		n++
	}
	b.ReportMetric(took[0].Seconds()/float64(n), "runner-s/op")
	b.ReportMetric(took[1].Seconds()/float64(n), "chromedp-s/op")
	b.ReportMetric(100*(took[0]-took[1]).Seconds()/took[1].Seconds(), "overhead-%")
}

// benchFlow finds Chromium (or skips) and parses the benchmarked flow, guide 003.
func benchFlow(b *testing.B) (exec string, f *flow.Flow) {
	exec = browsertest.Chrome(b)
	var err error
	if f, err = flow.Parse(flows.FS, "20i.yaml"); err != nil {
		b.Fatal(err)
	}
	return exec, f
}

// handWrittenBrowser starts the hand-written sequence's own Chromium, with the
// window size and language the runner's browser has (a larger window costs every
// page load more), and no deadline on the first call (it would kill the browser).
func handWrittenBrowser(ctx context.Context, exec string) (context.Context, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 960), chromedp.Flag("lang", "en-US"), chromedp.Flag("accept-lang", "en-US"))...)
	browserCtx, cancel := chromedp.NewContext(allocCtx)
	context.AfterFunc(ctx, func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(browserCtx); err != nil {
		return nil, err
	}
	return browserCtx, nil
}

// handWritten enrolls on a fresh 20i mock the way a chromedp script written for that
// one site would: CSS selectors, no search by text, the flow's checks as checks of
// known elements' text; then signs in again in a fresh browser context with the next
// time step's code.
func handWritten(browserCtx context.Context) error {
	srv, err := mocksites.Start("20i", mocksites.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	acc := srv.Site.Account

	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	// navigate clicks what loads a new page and waits for that page, as a careful
	// script must: a plain Click returns before the load, and the next query can hit
	// the page being left.
	navigate := func(ctx context.Context, css string) error {
		_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css)))
		return err
	}
	// expect is the flow's expect: the element shows the text.
	expect := func(ctx context.Context, css, want string) error {
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
		if err != nil {
			return err
		}
		if !strings.Contains(got, want) {
			return fmt.Errorf("%s says %q, want %q", css, got, want)
		}
		return nil
	}
	signIn := func(ctx context.Context) error {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/login")); err != nil {
			return err
		}
		if err := expect(ctx, "#login-title", "Log in to your 20i Account"); err != nil {
			return err
		}
		if err := chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.CSS("#email"), acc.Email),
			chromedp.SendKeys(chromedp.CSS("#password"), acc.Password.Reveal()),
		); err != nil {
			return err
		}
		return navigate(ctx, `form[action="/login"] button[type=submit]`)
	}
	if err := signIn(ctx); err != nil {
		return err
	}
	if err := expect(ctx, "main h1", "Welcome back"); err != nil {
		return err
	}
	for _, css := range []string{`.account-tabs a[href="/security-details"]`, `.details-nav a[href="/security-details/security"]`} {
		if err := navigate(ctx, css); err != nil {
			return err
		}
	}
	if err := expect(ctx, "#tfa-title", "Two-Factor Authentication"); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-open-dialog="tfa-intro"]`))); err != nil {
		return err
	}
	if err := expect(ctx, "#tfa-intro .warning", "You will have only 30 seconds"); err != nil {
		return err
	}
	if err := navigate(ctx, `#tfa-intro button[type=submit]`); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#tfa-qr[data-drawn="true"]`))); err != nil {
		return err
	}
	dataURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("tfa-qr").toDataURL("image/png")`))
	if err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(dataURL, "data:image/png;base64,"))
	if err != nil {
		return err
	}
	uri, err := qr.DecodeBytes(png)
	if err != nil {
		return err
	}
	key, err := otp.Parse(uri)
	if err != nil {
		return err
	}
	if key.Issuer != "20i" || key.EffectiveDigits() != 6 || key.EffectivePeriod() != 30 {
		return fmt.Errorf("unexpected key parameters")
	}
	step := key.Step(srv.Now())
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#tfa-code"), key.CodeAt(step))); err != nil {
		return err
	}
	if err := navigate(ctx, `form[action$="/2fa/done"] button[type=submit]`); err != nil {
		return err
	}
	if err := expect(ctx, "#two-factor .alert-ok", "two-factor authentication tool has been added"); err != nil {
		return err
	}

	again, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := signIn(again); err != nil {
		return err
	}
	if err := expect(again, `label[for="code"]`, "One-time passcode"); err != nil {
		return err
	}
	if err := chromedp.Do(again, chromedp.SendKeys(chromedp.CSS("#code"), key.CodeAt(step+1))); err != nil {
		return err
	}
	if err := navigate(again, `form[action="/login/code"] button[type=submit]`); err != nil {
		return err
	}
	return expect(again, "main h1", "Welcome back")
}

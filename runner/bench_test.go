package runner

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/internal/browser"
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
	exec, err := browser.FindChrome("", nil)
	if err != nil {
		b.Skip(err)
	}
	f, err := flow.Parse(flows.FS, "20i.yaml")
	if err != nil {
		b.Fatal(err)
	}
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
		allocCtx, cancel := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exec), chromedp.Flag("disable-component-update", true))...)
		defer cancel()
		browserCtx, cancel := chromedp.NewContext(allocCtx)
		defer cancel()
		if err := chromedp.Do(browserCtx); err != nil { // start the browser, no deadline
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

// handWritten enrolls on a fresh 20i mock the way a chromedp script written for that
// one site would: CSS selectors, no search by text, then signs in again in a fresh
// browser context with the next time step's code.
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
	signIn := func(ctx context.Context) error {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/login"),
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
	for _, css := range []string{`.account-tabs a[href="/security-details"]`, `.details-nav a[href="/security-details/security"]`} {
		if err := navigate(ctx, css); err != nil {
			return err
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-open-dialog="tfa-intro"]`))); err != nil {
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
	step := key.Step(srv.Now())
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#tfa-code"), key.CodeAt(step))); err != nil {
		return err
	}
	if err := navigate(ctx, `form[action$="/2fa/done"] button[type=submit]`); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.tools .tool-name`))); err != nil {
		return err
	}

	again, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := signIn(again); err != nil {
		return err
	}
	if err := chromedp.Do(again, chromedp.SendKeys(chromedp.CSS("#code"), key.CodeAt(step+1))); err != nil {
		return err
	}
	if err := navigate(again, `form[action="/login/code"] button[type=submit]`); err != nil {
		return err
	}
	if welcome, err := chromedp.Run(again, chromedp.Text(chromedp.CSS("main h1"))); err != nil || welcome != "Welcome back" {
		return errors.Join(errors.New("not signed in after the passcode"), err)
	}
	return nil
}

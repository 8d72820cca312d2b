// Command chromedp is the peer benchmark's hand-written chromedp program: what
// flows/20i.yaml does (guide 003), written for this one site with CSS selectors that know
// the page, against a 20i mock started with `enroll serve --control 20i`:
//
//	go run ./bench/peer/chromedp BASE_URL [EMAIL]
//
// The account comes from ENROLL_20I_EMAIL / ENROLL_20I_PASSWORD (the flow's variables),
// the email also from the second argument; Chromium from $ENROLL_CHROME, default
// /usr/lib/chromium/chromium. Screenshots are off. It prints PASSED and exits 0 only
// after the last check passed; a failure exits 1 with the step that failed, never a
// secret or a code. bench/peer/run.sh times it against enroll and Playwright.
package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

const (
	actionTimeout = 10 * time.Second // enroll's default per action
	// codeMargin is as in runner/authenticator.go: closer than this to a time step's
	// end, type the next step's code (the mock accepts ±1 step).
	codeMargin = 3 * time.Second
	period     = 30 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program: 0 passed, 1 failed, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := peer{email: os.Getenv("ENROLL_20I_EMAIL"), password: os.Getenv("ENROLL_20I_PASSWORD"), now: time.Now}
	if len(args) > 0 {
		p.base = strings.TrimRight(args[0], "/")
	}
	if len(args) > 1 {
		p.email = args[1]
	}
	if len(args) > 2 || p.base == "" || p.email == "" || p.password == "" {
		fmt.Fprintln(stderr, "usage: chromedp BASE_URL [EMAIL]  (ENROLL_20I_PASSWORD, and ENROLL_20I_EMAIL without EMAIL)")
		return 2
	}
	exec := os.Getenv("ENROLL_CHROME")
	if exec == "" {
		exec = "/usr/lib/chromium/chromium"
	}

	// enroll's browser: the real binary, 1280x960, en-US. No deadline on the first
	// call: it would kill the browser when it fires.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 960), chromedp.Flag("lang", "en-US"), chromedp.Flag("accept-lang", "en-US"))...)
	defer cancelAlloc() // waits for Chromium and removes its temporary profile
	browserCtx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(browserCtx); err != nil {
		fmt.Fprintf(stderr, "FAILED 20i peer=chromedp: launch Chromium: %v\n", err)
		return 1
	}
	err := p.enrollAndSignInAgain(browserCtx)
	if cerr := chromedp.Cancel(browserCtx); err == nil && cerr != nil && !errors.Is(cerr, context.Canceled) {
		err = fmt.Errorf("close Chromium: %w", cerr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "FAILED 20i peer=chromedp: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "PASSED 20i peer=chromedp")
	return 0
}

// peer is one run against one site and account.
type peer struct {
	base, email, password string
	now                   func() time.Time
}

// enrollAndSignInAgain does the flow's steps: sign in, Security Details, the Security
// tab, the popup, the QR code, the code and Done; then signs in again in a fresh
// browser context with the next time step's code.
func (p peer) enrollAndSignInAgain(browserCtx context.Context) error {
	ctx, cancel, err := openTab(browserCtx)
	if err != nil {
		return err
	}
	defer cancel()
	var key *otp.Key
	var enrolled time.Time // the start of the time step whose code enrolled
	steps := []struct {
		name string
		do   func(ctx context.Context) error
	}{
		{"Log in to 20i", func(ctx context.Context) error {
			if err := p.signIn(ctx); err != nil {
				return err
			}
			return expect(ctx, "main h1", "Welcome back")
		}},
		{"Security Details", func(ctx context.Context) error {
			return navigate(ctx, `.account-tabs a[href="/security-details"]`)
		}},
		{"Two-Factor Authentication Security", func(ctx context.Context) error {
			if err := navigate(ctx, `.details-nav a[href="/security-details/security"]`); err != nil {
				return err
			}
			return expect(ctx, "#tfa-title", "Two-Factor Authentication")
		}},
		{"Athenticator Configuration", func(ctx context.Context) error {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-open-dialog="tfa-intro"]`))); err != nil {
				return err
			}
			if err := expect(ctx, "#tfa-intro .warning", "You will have only 30 seconds"); err != nil {
				return err
			}
			return navigate(ctx, `#tfa-intro button[type=submit]`)
		}},
		{"Scan the QR Code", func(ctx context.Context) (err error) {
			key, err = scanQR(ctx)
			return err
		}},
		{"Finalize", func(ctx context.Context) error {
			enrolled = stepStart(p.now())
			code, err := codeAt(key, enrolled)
			if err != nil {
				return err
			}
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#tfa-code"), code)); err != nil {
				return err
			}
			if err := navigate(ctx, `form[action$="/2fa/done"] button[type=submit]`); err != nil {
				return err
			}
			return expect(ctx, "#two-factor .alert-ok", "two-factor authentication tool has been added")
		}},
	}
	for _, s := range steps {
		if err := withDeadline(ctx, s.do); err != nil {
			return fmt.Errorf("step %q: %w", s.name, err)
		}
	}

	// Setup complete: a fresh browser context, and the next step's code (the mock
	// refuses the enrollment step's code again and accepts the next within ±1 step).
	again, cancelAgain, err := openTab(browserCtx)
	if err != nil {
		return err
	}
	defer cancelAgain()
	err = withDeadline(again, func(ctx context.Context) error {
		if err := p.signIn(ctx); err != nil {
			return err
		}
		if err := expect(ctx, `label[for="code"]`, "One-time passcode"); err != nil {
			return err
		}
		// The next step's code is inside the mock's window (±1 step) once the step
		// that enrolled has begun: when enrolling typed the next step's code near a
		// step's end, wait for it to begin, as runner/authenticator.go plans.
		if wait := enrolled.Sub(p.now()); wait > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		}
		code, err := codeAt(key, enrolled.Add(period))
		if err != nil {
			return err
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), code)); err != nil {
			return err
		}
		if err := navigate(ctx, `form[action="/login/code"] button[type=submit]`); err != nil {
			return err
		}
		return expect(ctx, "main h1", "Welcome back")
	})
	if err != nil {
		return fmt.Errorf("step %q: %w", "Setup complete", err)
	}
	return nil
}

// openTab opens a tab in a fresh browser context (cookies of its own, as the flow's
// new-session). The first call on the tab has no deadline: the tab would be closed when
// that deadline's context ends.
func openTab(browserCtx context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("open a tab in a fresh browser context: %w", err)
	}
	return ctx, cancel, nil
}

// signIn is the sign-in fragment, flows/sites/20i.yaml.
func (p peer) signIn(ctx context.Context) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"/login")); err != nil {
		return err
	}
	if err := expect(ctx, "#login-title", "Log in to your 20i Account"); err != nil {
		return err
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), p.email),
		chromedp.SendKeys(chromedp.CSS("#password"), p.password),
	); err != nil {
		return errors.New("fill the sign-in form failed") // SendKeys' error could quote the password
	}
	return navigate(ctx, `form[action="/login"] button[type=submit]`)
}

// withDeadline runs do under a deadline that covers all its actions: chromedp's query
// actions poll with no deadline of their own. The step's few actions share it, a
// shortcut a hand-written script takes where enroll gives each action its own.
func withDeadline(ctx context.Context, do func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, 3*actionTimeout)
	defer cancel()
	return do(ctx)
}

// navigate clicks what loads a new page and waits for that page: a plain Click returns
// before the load, and the next query could hit the page being left.
func navigate(ctx context.Context, css string) error {
	_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css)))
	return err
}

// expect is the flow's expect: the element is there and shows the text.
func expect(ctx context.Context, css, want string) error {
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		return err
	}
	if !strings.Contains(got, want) {
		return fmt.Errorf("%s says %q, want %q", css, got, want)
	}
	return nil
}

// scanQR reads the setup dialog's QR code from the canvas's pixels once the page has
// drawn it, and checks it is what the flow's scan-qr expects.
func scanQR(ctx context.Context) (*otp.Key, error) {
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#tfa-qr[data-drawn="true"]`))); err != nil {
		return nil, err
	}
	dataURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("tfa-qr").toDataURL("image/png")`))
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(base64.NewDecoder(base64.StdEncoding, strings.NewReader(strings.TrimPrefix(dataURL, "data:image/png;base64,"))))
	if err != nil {
		return nil, fmt.Errorf("the canvas is not a PNG: %w", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return nil, err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		// gozxing's detector misses a few percent of crisp codes (a finder pattern
		// placed off by a module); the canvas is a pure, unscaled code: read it as one.
		res, err = qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	}
	if err != nil {
		return nil, fmt.Errorf("no QR code in the canvas: %w", err)
	}
	return parseKey(res.GetText())
}

// parseKey reads an otpauth URI and checks it is the key flows/20i.yaml expects:
// TOTP, issuer 20i, 6 digits, 30 s, SHA1. It checks the URI's own parameters, as
// otp.Key's accessors default what is missing or bad.
func parseKey(uri string) (*otp.Key, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		return nil, errors.New("the QR code is not an otpauth://totp URI")
	}
	q := u.Query()
	if q.Get("issuer") != "20i" || q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" || q.Get("secret") == "" {
		return nil, errors.New("the QR code is not a 6-digit, 30-second SHA1 TOTP key of issuer 20i")
	}
	return otp.NewKeyFromURL(uri)
}

// stepStart returns the start of the time step whose code to type at now: the current
// one, or the next one when the current ends within codeMargin.
func stepStart(now time.Time) time.Time {
	start := now.Truncate(period)
	if start.Add(period).Sub(now) < codeMargin {
		return start.Add(period)
	}
	return start
}

// codeAt returns the key's code for the time step starting at t.
func codeAt(key *otp.Key, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(key.Secret(), t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

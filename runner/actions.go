package runner

import (
	"context"
	"crypto/subtle"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/otp"
)

// do carries out one action under ctx's deadline, then settles the native dialogs
// it saw (dialog.go).
func (fr *flowRun) do(ctx context.Context, a flow.Action) error {
	sess := fr.sess
	err := fr.act(ctx, a)
	return fr.settleDialogs(ctx, sess, a, err)
}

// act carries out one action. It is the one place that knows every action kind.
func (fr *flowRun) act(ctx context.Context, a flow.Action) error {
	s := fr.sess
	switch a := a.(type) {
	case *flow.Open:
		v, err := fr.expand(a.URL)
		if err != nil {
			return err
		}
		return s.Navigate(ctx, fr.site.resolve(v.Reveal()))
	case *flow.Click:
		return s.Click(ctx, a.Target.Locator)
	case *flow.Hover:
		return s.Hover(ctx, a.Target.Locator)
	case *flow.Fill:
		v, err := fr.expand(a.Value)
		if err != nil {
			return err
		}
		return s.Fill(ctx, a.Into.Locator, v.Reveal(), v.Secret())
	case *flow.Select:
		v, err := fr.expand(a.Option)
		if err != nil {
			return err
		}
		return s.Select(ctx, a.From.Locator, v.Reveal())
	case *flow.Check:
		return s.SetChecked(ctx, a.Target.Locator, !a.Off)
	case *flow.Press:
		return s.Press(ctx, a.Key, optLocator(a.In))
	case *flow.Expect:
		return fr.expect(ctx, a)
	case *flow.Capture:
		return fr.capture(ctx, a)
	case *flow.ScanQR:
		return fr.scanQR(ctx, a)
	case *flow.ReadSecret:
		return fr.readSecret(ctx, a)
	case *flow.TypeCode:
		return fr.typeCode(ctx, a)
	case *flow.SMSCode:
		return fr.smsCode(ctx, a)
	case *flow.MailLink:
		return fr.mailLink(ctx, a)
	case *flow.Dialog:
		return fr.armDialog(a)
	case *flow.NewSession:
		return fr.newSession(ctx)
	case *flow.Wait:
		return fr.wait(ctx, a.For)
	case *flow.Use:
		return fmt.Errorf("fragment %q used outside a step", a.Fragment) // runActions expands it
	default:
		return fmt.Errorf("the runner does not know the action %q", a.Kind())
	}
}

func (fr *flowRun) expand(t flow.Template) (Value, error) {
	return fr.vals.expand(t, fr.opts.Getenv)
}

func (fr *flowRun) expect(ctx context.Context, a *flow.Expect) error {
	s, present := fr.sess, !a.Absent
	switch {
	case a.Element != nil:
		return s.WaitElement(ctx, a.Element.Locator, present)
	case a.URL != "":
		if present {
			return s.WaitURL(ctx, a.URL)
		}
		return poll(ctx, func() (bool, error) {
			u, err := s.URL(ctx)
			return err == nil && !strings.Contains(u, a.URL), nil
		}, fmt.Sprintf("the URL still contains %q", a.URL))
	default:
		return s.WaitText(ctx, a.Text, present)
	}
}

func (fr *flowRun) capture(ctx context.Context, a *flow.Capture) error {
	secret := a.Secret || a.Many
	text, err := fr.sess.Text(ctx, a.From.Locator, secret)
	if err != nil {
		return err
	}
	re := a.Regexp
	if re == nil {
		fr.vals.set(a.As, Text(strings.TrimSpace(text), secret))
		return nil
	}
	n := 1
	if a.Many {
		n = -1
	}
	found := re.FindAllString(text, n)
	if len(found) == 0 {
		return fmt.Errorf("no text matching %q in %s", a.Pattern, a.From.Describe())
	}
	if a.Many {
		fr.vals.set(a.As, List(found, secret))
	} else {
		fr.vals.set(a.As, Text(found[0], secret))
	}
	return nil
}

func (fr *flowRun) scanQR(ctx context.Context, a *flow.ScanQR) error {
	code, err := fr.sess.QR(ctx, optLocator(a.Within))
	if err != nil {
		return err
	}
	fr.extraSec = append(fr.extraSec, code.Text)
	k, err := otp.Parse(code.Text)
	if err != nil {
		// The error names the parameter, never the secret's value.
		return fmt.Errorf("the QR code (read from %s) is not a valid otpauth URI: %w", code.Source, err)
	}
	fr.extraSec = append(fr.extraSec, k.Secret.Base32())
	if err := checkKey(k, a.Expect); err != nil {
		return err
	}
	fr.auth.add(a.As, k)
	return nil
}

// checkKey compares a scanned key with what the flow expects of it.
func checkKey(k *otp.Key, want flow.QRExpect) error {
	var bad []string
	if want.Issuer != "" && k.Issuer != want.Issuer {
		bad = append(bad, fmt.Sprintf("issuer is %q, want %q", k.Issuer, want.Issuer))
	}
	if want.Account != "" && k.Account != want.Account {
		bad = append(bad, fmt.Sprintf("account is %q, want %q", k.Account, want.Account))
	}
	if want.Digits != 0 && k.EffectiveDigits() != want.Digits {
		bad = append(bad, fmt.Sprintf("digits is %d, want %d", k.EffectiveDigits(), want.Digits))
	}
	if want.Period != 0 && k.EffectivePeriod() != want.Period {
		bad = append(bad, fmt.Sprintf("period is %ds, want %ds", k.EffectivePeriod(), want.Period))
	}
	if want.Algorithm != "" && !strings.EqualFold(k.Algorithm.String(), want.Algorithm) {
		bad = append(bad, fmt.Sprintf("algorithm is %s, want %s", k.Algorithm, want.Algorithm))
	}
	if len(bad) > 0 {
		return fmt.Errorf("the QR code's key differs from the guide: %s", strings.Join(bad, "; "))
	}
	return nil
}

// readSecret reads the secret shown as text and checks it equals the scanned key's.
// Sites group it in blocks, with spaces or dashes, in either case, and put words
// around it ("Setup key: JBSW Y3DP ..."): see secretIn.
func (fr *flowRun) readSecret(ctx context.Context, a *flow.ReadSecret) error {
	k, err := fr.auth.key(a.Of)
	if err != nil {
		return err
	}
	text, err := fr.sess.Text(ctx, a.From.Locator, true)
	if err != nil {
		return err
	}
	shown, other := secretIn(text, k.Secret)
	switch {
	case shown != "":
		fr.extraSec = append(fr.extraSec, shown)
		return nil
	case other != "":
		fr.extraSec = append(fr.extraSec, other)
		return fmt.Errorf("the secret shown as text in %s is not the QR code's secret %s", a.From.Describe(), a.Of)
	}
	return fmt.Errorf("the text in %s shows no base32 secret (%d characters read; point from: at the element that holds the key)", a.From.Describe(), utf8.RuneCountInString(text))
}

// secretIn finds a base32 secret in text as sites show it: a run of blocks separated
// by spaces or dashes, in either case, among other words. shown is the run that reads
// as want, as the page writes it; else other is the longest run that reads as a secret
// of at least 80 bits and looks like one (see likeSecret); "" when the text shows none.
func secretIn(text string, want otp.Secret) (shown, other string) {
	for _, run := range base32RunRE.FindAllString(text, -1) {
		blocks := base32BlockRE.FindAllStringIndex(run, -1)
		for i := range blocks { // the key may start after words that read as base32 ("Your key")
			for j := i + 1; j <= len(blocks); j++ {
				part := run[blocks[i][0]:blocks[j-1][1]]
				if len(part) > maxShownSecret {
					break
				}
				got, err := otp.DecodeSecret(strings.Map(dropSeparator, part))
				if err != nil || got.Bits() < 80 {
					continue
				}
				if subtle.ConstantTimeCompare(got, want) == 1 {
					return part, ""
				}
				if len(part) > len(other) && likeSecret(part) {
					other = part
				}
			}
		}
	}
	return "", other
}

// likeSecret reports whether a run that reads as base32 looks like a secret rather
// than words (most words are base32 too): one case throughout, and a digit.
func likeSecret(s string) bool {
	return (strings.ToUpper(s) == s || strings.ToLower(s) == s) && strings.ContainsAny(s, "234567")
}

// maxShownSecret bounds the text read as one secret: a 512-bit key in blocks of four.
const maxShownSecret = 128

// dropSeparator drops the white space and dashes between a secret's blocks.
func dropSeparator(r rune) rune {
	if r == '-' || unicode.IsSpace(r) {
		return -1
	}
	return r
}

var (
	base32RunRE   = regexp.MustCompile(`(?i)[a-z2-7]+(?:[\s-]+[a-z2-7]+)*=*`)
	base32BlockRE = regexp.MustCompile(`(?i)[a-z2-7]+=*`)
)

// typeCode types the credential's code, waiting first only when the time step it
// needs has not begun (see authenticator.plan).
func (fr *flowRun) typeCode(ctx context.Context, a *flow.TypeCode) error {
	step, wait, err := fr.auth.plan(a.From)
	if err != nil {
		return err
	}
	if wait > 0 && fr.stillClock() {
		// The site's clock stands still: move it (and the page's) to that time step.
		if err := fr.wait(ctx, wait); err != nil {
			return err
		}
	} else if wait > 0 {
		fr.opts.Progress.Note(fr.res, fmt.Sprintf("waiting %s for the next TOTP time step", wait.Round(100*time.Millisecond)))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("waiting for the next TOTP time step: %w", ctx.Err())
		case <-t.C:
		}
	}
	code, err := fr.auth.code(a.From, step)
	if err != nil {
		return err
	}
	fr.extraSec = append(fr.extraSec, code)
	return fr.sess.TypeCode(ctx, optLocator(a.Into), code, a.Boxes)
}

var smsCodePattern = regexp.MustCompile(`\b\d{4,8}\b`)

func (fr *flowRun) smsCode(ctx context.Context, a *flow.SMSCode) error {
	to := fr.vals.named["account.phone"]
	if !a.To.IsZero() {
		v, err := fr.expand(a.To)
		if err != nil {
			return err
		}
		to = v
	}
	if to.Reveal() == "" {
		return fmt.Errorf("the account has no phone number: give account.phone in the flow (e.g. ${env.NAME})")
	}
	msg, err := fr.mock.next(ctx, "sms", to.Reveal(), nil)
	if err != nil {
		return err
	}
	code := msg.Code
	if code == "" {
		code = smsCodePattern.FindString(msg.Body)
	}
	if code == "" {
		return fmt.Errorf("the text message to %s holds no code", to)
	}
	fr.vals.set(a.As, Text(code, true))
	return nil
}

func (fr *flowRun) mailLink(ctx context.Context, a *flow.MailLink) error {
	to := fr.vals.named["account.email"]
	msg, err := fr.mock.next(ctx, "mail", to.Reveal(), func(m message) bool {
		return strings.Contains(strings.ToLower(m.Subject), strings.ToLower(a.Subject)) && len(m.Links) > 0
	})
	if err != nil {
		return err
	}
	return fr.sess.Navigate(ctx, msg.Links[0])
}

// newSession drops the browser context and opens a fresh one: a reader on another
// browser, with no cookies and no trusted device.
func (fr *flowRun) newSession(ctx context.Context) error {
	old := fr.sess
	sess, err := fr.browser.NewSession(ctx)
	if err != nil {
		return fmt.Errorf("%w: opening a browser context: %w", ErrBrowser, err)
	}
	if err := fr.freezePage(ctx, sess); err != nil {
		sess.Close()
		return err
	}
	fr.sess = sess
	// The old context closes while the flow goes on; tearDown waits for it.
	fr.closing.Go(func() {
		if err := old.Close(); err != nil {
			fr.opts.Logger.Debug("closing the previous browser session", "flow", fr.res.Name(), "err", err)
		}
	})
	return nil
}

// poll checks cond until it holds or ctx ends; what says what was waited for.
func poll(ctx context.Context, cond func() (bool, error), what string) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-tick.C:
		}
	}
}

// wait lets d pass on the site's clock: a bundled mock's clock (or that of any site
// with the mock control surface) moves at once; a real site's time passes for real.
func (fr *flowRun) wait(ctx context.Context, d time.Duration) error {
	moved, err := fr.mock.advanceClock(ctx, d)
	if err != nil || moved {
		if err == nil {
			err = fr.movePageClock(ctx)
		}
		return err
	}
	fr.opts.Progress.Note(fr.res, fmt.Sprintf("waiting %s on the real site's clock", d))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("waiting %s: %w", d, ctx.Err())
	case <-t.C:
		return nil
	}
}

package leaseweb_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
)

const welcome = "Welcome to the Customer Portal"

func TestGuidePath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		to   func(t *testing.T, c *kittest.Client) *kittest.Page
		base string
	}{
		{"profile page", viaProfile, leaseweb.PathProfileTwoFactor},
		{"authentication dashboard", func(t *testing.T, c *kittest.Client) *kittest.Page {
			t.Helper()
			p := c.Get(c.Last.Link(t, "authentication dashboard"))
			p.MustContain(t, "<h1 class=\"lw-title\">Authentication dashboard</h1>", `<h2 id="tfa-title">Two-Factor Authentication</h2>`)
			return p
		}, leaseweb.PathAuthentication},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t)
			c := kittest.NewClient(t, r.URL)
			r.logIn(t, c).MustContain(t, welcome)
			p := tc.to(t, c)
			p.MustContain(t, "Two-factor authentication is not enabled")
			k := enableApp(t, c)
			if !strings.HasPrefix(c.Last.Path, tc.base+"/") {
				t.Fatalf("App screen at %s, want under %s", c.Last.Path, tc.base)
			}
			if k.Issuer != "Leaseweb" || k.Account != leaseweb.Site.Account.Email || k.Secret.Bits() != 160 ||
				k.EffectiveDigits() != 6 || k.EffectivePeriod() != 30 {
				t.Fatalf("key: issuer %q account %q bits %d digits %d period %d", k.Issuer, k.Account, k.Secret.Bits(), k.EffectiveDigits(), k.EffectivePeriod())
			}
			r.Clock.Advance(12 * time.Second) // scanning takes a while
			p = c.Press("Enable", kittest.Form("code", k.Code(r.Clock.Now())))
			if p.Path != tc.base+"?msg=activated" {
				t.Fatalf("after Enable at %s", p.Path)
			}
			p.MustContain(t, "Two-factor authentication is activated", "App (authentication application)", ">Disable</a>",
				"Add recovery phone number", `<h2 id="rc-title">Recovery Codes</h2>`, "Generate tokens")
			p.MustNotContain(t, ">Enable</a>")

			// Guide 000: "The next time you log in ... prompted for a One-time passcode".
			logOut(t, c)
			p = r.logIn(t, c)
			p.MustContain(t, `<label for="code">One-time passcode</label>`, `<label for="trust">Trust this device</label>`)
			p.MustNotContain(t, `id="trust" name="trust" type="checkbox" checked`)
			passcode(t, c, k.Code(r.Clock.Now()), false).MustContain(t, "This security code has already been used.")
			r.Clock.Advance(30 * time.Second)
			passcode(t, c, k.Code(r.Clock.Now()), false).MustContain(t, welcome)
		})
	}
}

func TestEnableWrongCode(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.logIn(t, c)
	viaProfile(t, c)
	k := enableApp(t, c)
	p := c.Press("Enable", kittest.Form("code", kittest.WrongCode(k.Code(r.Clock.Now())), "trust", "on"))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	p.MustContain(t, "The security code is incorrect, so two-factor authentication has not been activated.",
		`id="trust-device" name="trust" type="checkbox" checked`)
	if again := scan(t, p); again.URI() != k.URI() {
		t.Fatal("the attempt's QR code changed after a wrong code")
	}
	c.Get(leaseweb.PathProfileTwoFactor).MustContain(t, "Two-factor authentication is not enabled")
	// A new attempt gets a new secret.
	if k2 := enableApp(t, c); k2.Secret.Base32() == k.Secret.Base32() {
		t.Fatal("a new attempt reused the secret")
	}
}

func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	r := start(t)
	k := r.enrolled(t, kittest.NewClient(t, r.URL))
	d := kittest.NewClient(t, r.URL)
	r.logIn(t, d)
	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 1 {
		passcode(t, d, wrong, false).MustContain(t, "The security code is invalid.")
	}
	passcode(t, d, wrong, false).MustContain(t, "Too many invalid security codes. Your login is blocked for 5 minutes: try again after 10:05:35 UTC.")
	passcode(t, d, k.Code(r.Clock.Now()), false).MustContain(t, "Too many invalid security codes")
	r.Clock.Advance(kit.ThrottleFor)
	passcode(t, d, k.Code(r.Clock.Now()), false).MustContain(t, welcome)
}

func TestTrustedDevice(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.logIn(t, c)
	c.Get(leaseweb.PathAuthentication)
	k := enableApp(t, c)
	// "Trust this device" ticked at enabling (guide 002): the same browser (cookie jar)
	// is not asked for a passcode at its next sign-in; another one is.
	c.Press("Enable", kittest.Form("code", k.Code(r.Clock.Now()), "trust", "on")).MustContain(t, "Two-factor authentication is activated")
	r.Clock.Advance(30 * time.Second)
	logOut(t, c)
	r.logIn(t, c).MustContain(t, welcome)
	other := kittest.NewClient(t, r.URL)
	r.logIn(t, other).MustContain(t, "One-time passcode")

	// 30 days on the site's clock: trusted until then, asked again after.
	// (Sessions end after 12 idle hours, so these sign-ins start afresh.)
	r.Clock.Advance(kit.TrustFor - time.Minute)
	r.logIn(t, c).MustContain(t, welcome)
	r.Clock.Advance(2 * time.Minute)
	logOut(t, c)
	r.logIn(t, c).MustContain(t, "One-time passcode")

	// Ticked on the passcode page, the browser is trusted again.
	passcode(t, c, k.Code(r.Clock.Now()), true).MustContain(t, welcome)
	r.Clock.Advance(30 * time.Second)
	logOut(t, c)
	r.logIn(t, c).MustContain(t, welcome)

	// Unticked, nothing is remembered.
	r.logIn(t, other).MustContain(t, "One-time passcode")
	passcode(t, other, k.Code(r.Clock.Now()), false).MustContain(t, welcome)
	logOut(t, other)
	r.logIn(t, other).MustContain(t, "One-time passcode")
}

func TestSMSMethod(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.logIn(t, c)
	viaProfile(t, c)
	c.Get(c.Last.Link(t, "Enable"))
	p := c.Get(c.Last.Link(t, "SMS"))
	p.MustContain(t, "Activate 2-step verification by SMS", `<label for="phone">Mobile phone number</label>`)
	c.Post(p.FormAction(t, "Send code"), kittest.Form("phone", "not a phone")).MustContain(t, "Enter a mobile phone number in international format")
	phone := leaseweb.Site.Account.Phone
	p = c.Press("Send code", kittest.Form("phone", "+31 6 1234 5678"))
	p.MustContain(t, "We sent an SMS with a 6-digit security code to <strong>"+phone+"</strong>", `<label for="sms-code">Security code</label>`)
	code := c.LastSMSCode(phone)
	p = c.Post(p.FormAction(t, "Enable"), kittest.Form("phone", phone, "code", kittest.WrongCode(code)))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong SMS code: status %d", p.Status)
	}
	p.MustContain(t, "The security code is incorrect.")
	c.Get(leaseweb.PathProfileTwoFactor).MustContain(t, "Two-factor authentication is not enabled")

	// Send again: a new code replaces the first one.
	c.Get(leaseweb.PathProfileTwoFactor + "/sms")
	p = c.Press("Send code", kittest.Form("phone", phone))
	p = c.Post(p.FormAction(t, "Enable"), kittest.Form("phone", phone, "code", c.LastSMSCode(phone)))
	p.MustContain(t, "Two-factor authentication is activated", "SMS to "+phone)

	// Sign-in sends a code by SMS; a wrong one is refused, the sent one works once.
	logOut(t, c)
	before := len(c.SMS(phone))
	r.logIn(t, c).MustContain(t, "One-time passcode")
	if len(c.SMS(phone)) != before+1 {
		t.Fatal("sign-in sent no SMS")
	}
	code = c.LastSMSCode(phone)
	passcode(t, c, kittest.WrongCode(code), false).MustContain(t, "The security code is invalid.")
	passcode(t, c, code, false).MustContain(t, welcome)
}

func TestRecoveryPhone(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	k := r.enrolled(t, c)

	// Without a recovery phone, the passcode page says so.
	logOut(t, c)
	r.logIn(t, c)
	p := c.Press("Send a code to my recovery phone number", nil)
	p.MustContain(t, "No recovery phone number is set for this account.")
	passcode(t, c, k.Code(r.Clock.Now()), false).MustContain(t, welcome)

	const fallback = "+31687654321"
	p = c.Get(c.Get(leaseweb.PathProfileTwoFactor).Link(t, "Add recovery phone number"))
	p.MustContain(t, "<h2 id=\"rp-setup-title\">Add recovery phone number</h2>")
	p = c.Post(p.FormAction(t, "Send code"), kittest.Form("phone", fallback))
	p = c.Post(p.FormAction(t, "Add recovery phone number"), kittest.Form("phone", fallback, "code", kittest.WrongCode(c.LastSMSCode(fallback))))
	p.MustContain(t, "The security code is incorrect.")
	c.Get(leaseweb.PathProfileTwoFactor).MustContain(t, "No recovery phone number yet.")
	c.Get(leaseweb.PathProfileTwoFactor + "/recovery-phone")
	p = c.Press("Send code", kittest.Form("phone", fallback))
	p = c.Post(p.FormAction(t, "Add recovery phone number"), kittest.Form("phone", fallback, "code", c.LastSMSCode(fallback)))
	p.MustContain(t, "Your recovery phone number has been added.", "Recovery phone number: <strong>"+fallback+"</strong>")

	// The fallback at sign-in: a code by SMS to the recovery phone.
	logOut(t, c)
	r.logIn(t, c)
	c.Press("Send a code to my recovery phone number", nil).MustContain(t, "We sent a security code by SMS to your recovery phone number.")
	passcode(t, c, c.LastSMSCode(fallback), false).MustContain(t, welcome)
}

var tokenRe = regexp.MustCompile(`<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>`)

func TestRecoveryTokens(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		defect string
		again  string // the page after the second use of a token
	}{
		{"", "This recovery token is invalid or has already been used."},
		{string(kit.MultiUseRecovery), welcome},
	} {
		t.Run("defect="+tc.defect, func(t *testing.T) {
			t.Parallel()
			var defects []string
			if tc.defect != "" {
				defects = append(defects, tc.defect)
			}
			r := start(t, defects...)
			c := kittest.NewClient(t, r.URL)
			r.enrolled(t, c)
			p := c.Get(leaseweb.PathProfileTwoFactor)
			p.MustContain(t, "You have no recovery tokens yet.")
			p.MustNotContain(t, `aria-label="Show"`)
			p = c.Post(p.FormAction(t, "Generate tokens"), nil)
			p.MustContain(t, "10 new recovery tokens were generated.",
				`<button type="button" class="lw-icon-btn" aria-label="Show"`, `<div id="recovery-tokens" class="lw-tokens-box" hidden>`,
				`data-print>Print</button>`)
			tokens := tokenRe.FindAllStringSubmatch(p.Body, -1)
			if len(tokens) != leaseweb.RecoveryTokens {
				t.Fatalf("%d tokens, want %d", len(tokens), leaseweb.RecoveryTokens)
			}
			// The Show icon has a name and no text: a name-only target.
			if show := regexp.MustCompile(`(?s)aria-label="Show"[^>]*>(.*?)</button>`).FindStringSubmatch(p.Body); show == nil || kittest.Visible(show[1]) != "" {
				t.Fatalf("the Show button has visible text: %q", show)
			}
			first := tokens[0][1]

			logOut(t, c)
			r.logIn(t, c)
			passcode(t, c, first, false).MustContain(t, welcome)
			c.Get(leaseweb.PathProfileTwoFactor).MustContain(t, "<li class=\"used\"><del>"+first+"</del>")
			logOut(t, c)
			r.logIn(t, c)
			passcode(t, c, first, false).MustContain(t, tc.again)
			if tc.defect == "" {
				// Another token still works, written in capitals and without the dash.
				second := strings.ToUpper(strings.ReplaceAll(tokens[1][1], "-", ""))
				passcode(t, c, second, false).MustContain(t, welcome)
			}
		})
	}
}

func TestDisable(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.enrolled(t, c)
	p := c.Get(leaseweb.PathAuthentication)
	c.Post(p.FormAction(t, "Generate tokens"), nil)
	p = c.Get(c.Last.Link(t, "Disable"))
	p.MustContain(t, "Confirm you want to disable Two-Factor Authentication", `role="dialog"`)
	// Cancel changes nothing.
	c.Get(p.Link(t, "Cancel")).MustContain(t, "Two-factor authentication is activated")
	p = c.Get(leaseweb.PathAuthentication + "/disable")
	p = c.Post(p.FormAction(t, "Disable"), nil)
	p.MustContain(t, "Two-factor authentication is disabled.", "Two-factor authentication is not enabled", ">Enable</a>")
	p.MustNotContain(t, "Recovery Codes")

	logOut(t, c)
	r.logIn(t, c).MustContain(t, welcome)
	if p := c.Get(leaseweb.PathAuthentication + "/disable"); p.Path != leaseweb.PathAuthentication {
		t.Fatalf("the confirmation shows with 2FA off: %s", p.Path)
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	c.Get(leaseweb.PathLogin)
	p := c.Post(leaseweb.PathLogin, kittest.Form("email", leaseweb.Site.Account.Email, "password", "wrong"))
	if p.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", p.Status)
	}
	p.MustContain(t, "Invalid email address or password.")
	r.logIn(t, c)
	c.Get(leaseweb.PathProfileTwoFactor + "/enable")
	if p := c.PostRaw(leaseweb.PathProfileTwoFactor+"/app", nil); p.Status != http.StatusForbidden || !p.Contains("Request refused") {
		t.Fatalf("App without CSRF token: status %d", p.Status)
	}
	if p := c.Get(leaseweb.PathProfileTwoFactor + "/app"); p.Path != leaseweb.PathProfileTwoFactor+"/enable" {
		t.Fatalf("App screen without an attempt: at %s", p.Path)
	}
	other := kittest.NewClient(t, r.URL)
	for _, path := range []string{leaseweb.PathDashboard, leaseweb.PathProfile, leaseweb.PathAuthentication, leaseweb.PathCode} {
		if p := other.Get(path); p.Path != leaseweb.PathLogin {
			t.Fatalf("another browser reached %s: at %s", path, p.Path)
		}
	}
}

func TestUnknownDefect(t *testing.T) {
	t.Parallel()
	if _, err := mocksites.Start("leaseweb", mocksites.Options{Defects: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), `unknown defect "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

package twentyi_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/twentyi"
	"github.com/enroll-dev/enroll/otp"
)

// run is one started 20i site and its clock.
type run struct{ *kittest.Run }

func start(t *testing.T, defects ...string) *run {
	t.Helper()
	return &run{kittest.Start(t, "20i", defects...)}
}

var modulesRe = regexp.MustCompile(`<script type="application/json" id="tfa-qr-modules">(.*?)</script>`)

// scan reads the QR module matrix the page's script draws on the canvas, renders it as
// an image and decodes it as the authenticator app's camera would.
func scan(t *testing.T, p *kittest.Page) string {
	t.Helper()
	if !strings.Contains(p.Body, `<canvas id="tfa-qr"`) {
		t.Fatalf("no QR canvas on %s", p.Path)
	}
	m := modulesRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no QR modules on %s", p.Path)
	}
	var rows []string
	if err := json.Unmarshal([]byte(m[1]), &rows); err != nil {
		t.Fatalf("QR modules: %v", err)
	}
	dark := make([][]bool, len(rows))
	for y, row := range rows {
		dark[y] = make([]bool, len(row))
		for x, c := range row {
			dark[y][x] = c == '1'
		}
	}
	return kittest.ScanModules(t, dark, 4)
}

// logIn follows guide step 1 and returns the page after the password.
func (r *run) logIn(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/").MustContain(t, "Log in to your 20i Account", "Email address", "Password")
	a := twentyi.Site.Account
	return c.Press("Log in", kittest.Form("email", a.Email, "password", a.Password.Reveal()))
}

// toTwoFactor follows guide steps 2 and 3 from the home page.
func toTwoFactor(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get(c.Last.Link(t, "Security Details")).MustContain(t, "Personal Details")
	p := c.Get(c.Last.Link(t, "Security"))
	p.MustContain(t, `<h2 id="tfa-title">Two-Factor Authentication</h2>`)
	return p
}

// setUp follows guide steps 4 and 5: the popup, Continue, the QR code. It returns the
// scanned key.
func setUp(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	p := c.Last
	p.MustContain(t, `data-open-dialog="tfa-intro">Set up Two-Factor Authentication</button>`,
		`<dialog id="tfa-intro" role="dialog" aria-modal="true"`, "You will have only 30 seconds to carry out the next step!")
	p = c.Post(p.FormAction(t, "Continue"), nil)
	p.MustContain(t, `<dialog id="tfa-setup" role="dialog"`, "Scan the QR code", "Time left: <span", ">30</span> seconds", "Code from your app")
	k, err := otp.Parse(scan(t, p))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// atSetup signs a new browser in and follows the guide to the setup dialog's QR code;
// it returns the browser and the scanned key.
func (r *run) atSetup(t *testing.T) (*kittest.Client, *otp.Key) {
	t.Helper()
	c := kittest.NewClient(t, r.URL)
	r.logIn(t, c)
	toTwoFactor(t, c)
	return c, setUp(t, c)
}

func TestGuidePath(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.logIn(t, c).MustContain(t, "Welcome back", `<a href="/security-details" class="tab">Security Details</a>`)
	toTwoFactor(t, c).MustContain(t, "Two-factor authentication is <strong>off</strong>")
	k := setUp(t, c)
	if k.Issuer != "20i" || k.Account != twentyi.Site.Account.Email || k.Secret.Bits() != 160 || k.EffectiveDigits() != 6 || k.EffectivePeriod() != 30 {
		t.Fatalf("key: issuer %q account %q bits %d", k.Issuer, k.Account, k.Secret.Bits())
	}
	r.Clock.Advance(20 * time.Second) // scanning takes a while, within the 30 seconds
	p := c.Press("Done", kittest.Form("code", k.Code(r.Clock.Now())))
	p.MustContain(t, "a two-factor authentication tool has been added", `<span class="tool-name">Authenticator app</span> — added`)
	p.MustNotContain(t, "Set up Two-Factor Authentication</button>")

	// Guide: "The next time you log in to 20i ... prompted for a One-time passcode".
	c.Post(p.FormAction(t, "Log out"), nil)
	p = r.logIn(t, c)
	p.MustContain(t, `<label for="code">One-time passcode</label>`)
	p = c.Post(p.FormAction(t, "Verify"), kittest.Form("code", k.Code(r.Clock.Now())))
	p.MustContain(t, "has already been used") // the enrollment code counts as used
	r.Clock.Advance(30 * time.Second)
	c.Post(p.FormAction(t, "Verify"), kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Welcome back")
}

func TestSetupWrongCode(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	p := c.Press("Done", kittest.Form("code", kittest.WrongCode(k.Code(r.Clock.Now()))))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	p.MustContain(t, "That code is incorrect, so two-factor authentication has not been turned on", "Two-factor authentication is <strong>off</strong>")
	if again := scan(t, p); again != k.URI() {
		t.Fatal("the attempt's QR code changed after a wrong code")
	}
	// Cancel leaves it off; a new attempt gets a new secret.
	p = c.Post(p.FormAction(t, "Cancel setup"), nil)
	p.MustContain(t, "setup was cancelled", "Set up Two-Factor Authentication</button>")
	if k2 := setUp(t, c); k2.Secret.Base32() == k.Secret.Base32() {
		t.Fatal("a new attempt reused the secret")
	}
}

func TestSetupExpiresAfter30Seconds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		wait time.Duration
		ok   bool
	}{
		{"29s", 29 * time.Second, true},
		{"30s", 30 * time.Second, false},
		{"31s", 31 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t)
			c, k := r.atSetup(t)
			done := c.Last.FormAction(t, "Done")
			r.Clock.Advance(tc.wait)
			p := c.Post(done, kittest.Form("code", k.Code(r.Clock.Now())))
			if tc.ok {
				p.MustContain(t, "a two-factor authentication tool has been added")
				return
			}
			p.MustContain(t, "Time ran out: the setup took longer than 30 seconds. Start again.", "Set up Two-Factor Authentication</button>")
			p.MustNotContain(t, `<canvas id="tfa-qr"`)
			// Starting again works, with a new 30 seconds.
			k = setUp(t, c)
			c.Press("Done", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "a two-factor authentication tool has been added")
		})
	}
	t.Run("reload after expiry", func(t *testing.T) {
		t.Parallel()
		r := start(t)
		c, _ := r.atSetup(t)
		r.Clock.Advance(10 * time.Second)
		c.Get(twentyi.PathSecurity).MustContain(t, ">20</span> seconds")
		r.Clock.Advance(25 * time.Second)
		c.Get(twentyi.PathSecurity).MustContain(t, "Time ran out: the setup took longer than 30 seconds. Start again.")
	})
}

func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	c.Press("Done", kittest.Form("code", k.Code(r.Clock.Now())))
	r.Clock.Advance(time.Minute)

	d := kittest.NewClient(t, r.URL)
	p := r.logIn(t, d)
	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 1 {
		p = d.Post(twentyi.PathCode, kittest.Form("code", wrong))
		p.MustContain(t, "That one-time passcode is incorrect.")
	}
	p = d.Post(twentyi.PathCode, kittest.Form("code", wrong))
	p.MustContain(t, "Too many incorrect passcodes. For your security, log in is locked for 5 minutes: try again after 10:06:05 UTC.")
	d.Post(twentyi.PathCode, kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Too many incorrect passcodes")
	r.Clock.Advance(kit.ThrottleFor)
	d.Post(twentyi.PathCode, kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Welcome back")
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	c.Get("/login")
	p := c.Post("/login", kittest.Form("email", twentyi.Site.Account.Email, "password", "wrong"))
	if p.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", p.Status)
	}
	p.MustContain(t, "The email address or password you entered is incorrect.")
	p.MustNotContain(t, "wrong\"") // the password typed is not echoed
	r.logIn(t, c)
	toTwoFactor(t, c)
	if p := c.PostRaw(twentyi.PathStart, nil); p.Status != http.StatusForbidden || !p.Contains("Request refused") {
		t.Fatalf("start without CSRF token: status %d", p.Status)
	}
	other := kittest.NewClient(t, r.URL)
	if p := other.Get(twentyi.PathSecurity); p.Path != twentyi.PathLogin {
		t.Fatalf("another browser reached %s", p.Path)
	}
	if p := other.Get(twentyi.PathCode); p.Path != twentyi.PathLogin {
		t.Fatalf("passcode page without a password: at %s", p.Path)
	}
}

func TestUnknownDefect(t *testing.T) {
	t.Parallel()
	if _, err := mocksites.Start("20i", mocksites.Options{Defects: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), `unknown defect "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

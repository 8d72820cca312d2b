package leaseweb_test

import (
	"encoding/base64"
	"html"
	"regexp"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
	"github.com/enroll-dev/enroll/otp"
)

// run is one started Leaseweb site and its clock.
type run struct{ *kittest.Run }

func start(t *testing.T, defects ...string) *run {
	t.Helper()
	return &run{kittest.Start(t, "leaseweb", defects...)}
}

var qrRe = regexp.MustCompile(`<img class="lw-qr" src="data:image/png;base64,([^"]+)"`)

// scan decodes the QR code of the App screen (an <img> with a data: PNG) as the
// authenticator app's camera would, and parses its otpauth URI.
func scan(t *testing.T, p *kittest.Page) *otp.Key {
	t.Helper()
	m := qrRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no QR code <img> with a data: PNG on %s", p.Path)
	}
	png, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatalf("QR data URL: %v", err)
	}
	uri, err := qr.DecodeBytes(png)
	if err != nil {
		t.Fatalf("decode the QR PNG: %v", err)
	}
	k, err := otp.Parse(uri)
	if err != nil {
		t.Fatalf("QR code: %v", err)
	}
	return k
}

// logIn signs in with the seeded account and returns the page after the password.
func (r *run) logIn(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/").MustContain(t, "Log in to Leaseweb", "Email address", "Password")
	a := leaseweb.Site.Account
	return c.Press("Log in", kittest.Form("email", a.Email, "password", a.Password.Reveal()))
}

// logOut uses the header's "Log out" and checks it landed on the sign-in page.
func logOut(t *testing.T, c *kittest.Client) {
	t.Helper()
	c.Press("Log out", nil).MustContain(t, "You are logged out.", "Log in to Leaseweb")
}

// viaProfile follows guide 000 step 2's first way: the Profile page, then its left menu.
func viaProfile(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get(c.Last.Link(t, "Profile")).MustContain(t, "Profile Dashboard", `aria-label="Profile menu"`)
	p := c.Get(c.Last.Link(t, "Two-Factor Authentication"))
	p.MustContain(t, `<h2 id="tfa-title">Two-Factor Authentication</h2>`)
	return p
}

// enableApp follows "Enable", the App icon and the QR code from the settings overview,
// and returns the scanned key with the App screen as the last page.
func enableApp(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	c.Get(c.Last.Link(t, "Enable")).MustContain(t, "Select an authentication method", "<span>App</span>", "<span>SMS</span>")
	p := c.Press("App", nil)
	p.MustContain(t, "Activate 2-step verification", `<label for="security-code">Security code</label>`,
		`<label for="trust-device">Trust this device</label>`, ">Enable</button>")
	return scan(t, p)
}

// enrolled signs in and switches the App method on through the Profile page; it returns
// the key and leaves the clock one step later, so the next code is fresh.
func (r *run) enrolled(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	r.logIn(t, c)
	viaProfile(t, c)
	k := enableApp(t, c)
	c.Press("Enable", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Two-factor authentication is activated")
	r.Clock.Advance(30 * time.Second)
	return k
}

// passcode signs in with the code typed into the passcode page.
func passcode(t *testing.T, c *kittest.Client, code string, trust bool) *kittest.Page {
	t.Helper()
	form := kittest.Form("code", code)
	if trust {
		form.Set("trust", "on")
	}
	return c.Press("Verify", form)
}

package leaseweb_test

import (
	"encoding/base64"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
	"github.com/enroll-dev/enroll/otp"
)

var t0 = time.Date(2026, 3, 4, 10, 0, 5, 0, time.UTC)

// run is one started Leaseweb site and its clock.
type run struct {
	url   string
	clock *kit.FixedClock
}

func start(t *testing.T, defects ...string) *run {
	t.Helper()
	clock := kit.NewFixedClock(t0)
	srv, err := mocksites.Start("leaseweb", mocksites.Options{Clock: clock, Control: true, Defects: defects})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &run{url: srv.URL, clock: clock}
}

var (
	tagRe    = regexp.MustCompile(`(?s)<[^>]*>`)
	spaceRe  = regexp.MustCompile(`\s+`)
	linkRe   = regexp.MustCompile(`(?s)<a [^>]*?href="([^"]+)"[^>]*>(.*?)</a>`)
	formRe   = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)"[^>]*>(.*?)</form>`)
	buttonRe = regexp.MustCompile(`(?s)<button type="submit"[^>]*>(.*?)</button>`)
	qrRe     = regexp.MustCompile(`<img class="lw-qr" src="data:image/png;base64,([^"]+)"`)
)

// visible returns the text a reader sees in an HTML fragment.
func visible(fragment string) string {
	return strings.TrimSpace(spaceRe.ReplaceAllString(html.UnescapeString(tagRe.ReplaceAllString(fragment, " ")), " "))
}

// link returns the href of the first <a> whose visible text is text.
func link(t *testing.T, p *kittest.Page, text string) string {
	t.Helper()
	for _, m := range linkRe.FindAllStringSubmatch(p.Body, -1) {
		if visible(m[2]) == text {
			return html.UnescapeString(m[1])
		}
	}
	t.Fatalf("page %s has no link %q; body:\n%s", p.Path, text, p.Body)
	return ""
}

// formAction returns the action of the form whose submit button reads label.
func formAction(t *testing.T, p *kittest.Page, label string) string {
	t.Helper()
	for _, f := range formRe.FindAllStringSubmatch(p.Body, -1) {
		for _, b := range buttonRe.FindAllStringSubmatch(f[2], -1) {
			if visible(b[1]) == label {
				return html.UnescapeString(f[1])
			}
		}
	}
	t.Fatalf("page %s has no form with a %q button; body:\n%s", p.Path, label, p.Body)
	return ""
}

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
	return c.Post(formAction(t, c.Last, "Log in"), kittest.Form("email", a.Email, "password", a.Password.Reveal()))
}

// logOut uses the header's "Log out" and checks it landed on the sign-in page.
func logOut(t *testing.T, c *kittest.Client) {
	t.Helper()
	c.Post(formAction(t, c.Last, "Log out"), nil).MustContain(t, "You are logged out.", "Log in to Leaseweb")
}

// viaProfile follows guide 000 step 2's first way: the Profile page, then its left menu.
func viaProfile(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get(link(t, c.Last, "Profile")).MustContain(t, "Profile Dashboard", `aria-label="Profile menu"`)
	p := c.Get(link(t, c.Last, "Two-Factor Authentication"))
	p.MustContain(t, `<h2 id="tfa-title">Two-Factor Authentication</h2>`)
	return p
}

// enableApp follows "Enable", the App icon and the QR code from the settings overview,
// and returns the scanned key with the App screen as the last page.
func enableApp(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	c.Get(link(t, c.Last, "Enable")).MustContain(t, "Select an authentication method", "<span>App</span>", "<span>SMS</span>")
	p := c.Post(formAction(t, c.Last, "App"), nil)
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
	c.Post(formAction(t, c.Last, "Enable"), kittest.Form("code", k.Code(r.clock.Now()))).MustContain(t, "Two-factor authentication is activated")
	r.clock.Advance(30 * time.Second)
	return k
}

// passcode signs in with the code typed into the passcode page.
func passcode(t *testing.T, c *kittest.Client, code string, trust bool) *kittest.Page {
	t.Helper()
	form := kittest.Form("code", code)
	if trust {
		form.Set("trust", "on")
	}
	return c.Post(formAction(t, c.Last, "Verify"), form)
}

// sms returns the newest code sent to phone.
func sms(t *testing.T, c *kittest.Client, phone string) string {
	t.Helper()
	box := kittest.Control[struct{ Messages []kit.SMS }](c, "sms?to="+url.QueryEscape(phone))
	if len(box.Messages) == 0 {
		t.Fatalf("no SMS to %s", phone)
	}
	return box.Messages[len(box.Messages)-1].Code
}

// smsCount returns how many messages phone has received.
func smsCount(t *testing.T, c *kittest.Client, phone string) int {
	t.Helper()
	return len(kittest.Control[struct{ Messages []kit.SMS }](c, "sms?to="+url.QueryEscape(phone)).Messages)
}

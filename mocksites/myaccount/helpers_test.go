package myaccount_test

import (
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
	"github.com/enroll-dev/enroll/otp"
)

// run is one started My Account site and its clock.
type run struct{ *kittest.Run }

func start(t *testing.T, defects ...string) *run {
	t.Helper()
	return &run{kittest.Start(t, "myaccount", defects...)}
}

var imgRe = regexp.MustCompile(`<img src="([^"]+)" alt="QR code`)

// qrSrc returns the src of the page's QR image.
func qrSrc(t *testing.T, p *kittest.Page) string {
	t.Helper()
	m := imgRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no QR image on %s", p.Path)
	}
	return html.UnescapeString(m[1])
}

// fetch GETs path with c's cookies without making it the last page.
func fetch(t *testing.T, c *kittest.Client, path string) (int, []byte, string) {
	t.Helper()
	resp, err := c.HTTP.Get(c.Base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header.Get("Content-Type")
}

// scan fetches the page's QR PNG with the page's session and decodes it.
func scan(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	status, png, ctype := fetch(t, c, qrSrc(t, c.Last))
	if status != http.StatusOK || ctype != "image/png" {
		t.Fatalf("QR image: status %d, type %q", status, ctype)
	}
	uri, err := qr.DecodeBytes(png)
	if err != nil {
		t.Fatalf("decode the QR PNG: %v", err)
	}
	k, err := otp.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// logIn follows guide step 1 and returns the page after the password.
func logIn(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/").MustContain(t, "Log in to Northwind Cloud", `<label for="email">Email address</label>`, `<label for="password">Password</label>`)
	a := myaccount.Site.Account
	return c.Press("Log in", kittest.Form("email", a.Email, "password", a.Password.Reveal()))
}

// toTwoStep follows guide steps 2 and 3: the dropdown's "My Account", then "Two Step
// Auth" in the Account Details navigation.
func toTwoStep(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	p := c.Last
	p.MustContain(t, `aria-haspopup="menu"`, `role="menu"`, `<a role="menuitem" href="/my-account">My Account</a>`)
	p = c.Get(p.Link(t, "My Account"))
	p.MustContain(t, `<h1 class="account-title">My Account</h1>`, `<h2 id="account-details-title">Account Details</h2>`)
	return c.Get(p.Link(t, "Two Step Auth"))
}

// verifyEmail clicks "Verify email" and opens the link from the mock mailbox.
func verifyEmail(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Press("Verify email", nil).MustContain(t, "We sent a verification link")
	mail := c.Mail(myaccount.Site.Account.Email)
	if len(mail) == 0 || len(mail[len(mail)-1].Links) != 1 {
		t.Fatalf("mailbox: %+v", mail)
	}
	m := mail[len(mail)-1]
	if !strings.Contains(m.Subject, "Verify your email") || !strings.Contains(m.Links[0], myaccount.PathEmailLink+"?token=") {
		t.Fatalf("mail: subject %q, link %q", m.Subject, m.Links[0])
	}
	return c.Get(strings.TrimPrefix(m.Links[0], c.Base))
}

// sendPhoneCode clicks "Verify phone" and returns the code from the mock SMS inbox.
func sendPhoneCode(t *testing.T, c *kittest.Client) string {
	t.Helper()
	c.Press("Verify phone", nil).MustContain(t, "We sent a 6-digit verification code", `<label for="phone-code">Verification code</label>`)
	return c.LastSMSCode(myaccount.Site.Account.Phone)
}

// verifyPhone clicks "Verify phone" and types the texted code.
func verifyPhone(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	code := sendPhoneCode(t, c)
	return c.Press("Confirm phone", kittest.Form("code", code))
}

// verifyBoth verifies the email address and the phone (guide step 4's prerequisite).
func verifyBoth(t *testing.T, c *kittest.Client) {
	t.Helper()
	verifyEmail(t, c).MustContain(t, "Your email address is verified.")
	verifyPhone(t, c).MustContain(t, "Your phone number is verified.")
}

// toQR follows guide steps 4 and 5 from a verified Two Step Auth page: Enable, Set up
// in your mobile, a device, Proceed. It returns the scanned key.
func toQR(t *testing.T, c *kittest.Client, device string) *otp.Key {
	t.Helper()
	p := c.Press("Enable", nil)
	p.MustContain(t, "Install Google Authenticator", "Google Authenticator")
	p = c.Press("Set up in your mobile", nil)
	p.MustContain(t, "Select a mobile device option", ">Android<", ">iPhone<", ">Windows Phone<", ">BlackBerry<")
	if n := strings.Count(p.Body, `type="radio" `); n != 4 {
		t.Fatalf("%d device options, want 4", n)
	}
	p = c.Press("Proceed", kittest.Form("device", device))
	p.MustContain(t, "Scan the QR Code", `<label for="code">Code</label>`, "Verify and Save</button>")
	return scan(t, c)
}

// enroll runs the whole setup and returns the key and the backup codes shown.
func enroll(t *testing.T, r *run, c *kittest.Client) (*otp.Key, []string) {
	t.Helper()
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	p := c.Press("Verify and Save", kittest.Form("code", k.Code(r.Clock.Now())))
	p.MustContain(t, "Two Step Authentication successful")
	codes := backupRe.FindAllStringSubmatch(p.Body, -1)
	out := make([]string, len(codes))
	for i, m := range codes {
		out[i] = m[1]
	}
	c.Press("I have saved my backup codes", nil).MustContain(t, "Two Step Auth is <strong>on</strong>")
	return k, out
}

var backupRe = regexp.MustCompile(`<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>`)

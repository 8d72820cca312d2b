package myaccount_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
	"github.com/enroll-dev/enroll/otp"
)

var t0 = time.Date(2026, 3, 4, 10, 0, 5, 0, time.UTC)

// run is one started My Account site and its clock.

type run struct {
	url   string
	clock *kit.FixedClock
}

func start(t *testing.T, defects ...string) *run {
	t.Helper()
	clock := kit.NewFixedClock(t0)
	srv, err := mocksites.Start("myaccount", mocksites.Options{Clock: clock, Control: true, Defects: defects})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &run{url: srv.URL, clock: clock}
}

// link returns the href of the <a> whose text is text, failing the test if none.

func link(t *testing.T, p *kittest.Page, text string) string {
	t.Helper()
	re := regexp.MustCompile(`<a [^>]*href="([^"]+)"[^>]*>` + regexp.QuoteMeta(text) + `</a>`)
	m := re.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("page %s has no link %q", p.Path, text)
	}
	return html.UnescapeString(m[1])
}

// formAction returns the action of the form that holds the submit button labelled

// label.

func formAction(t *testing.T, p *kittest.Page, label string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<form method="post" action="([^"]+)"[^>]*>(?:[^<]|<[^/]|</[^f]|</f[^o])*?<button type="submit"[^>]*>` + regexp.QuoteMeta(label) + `</button>`)
	m := re.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("page %s has no form with a %q button", p.Path, label)
	}
	return html.UnescapeString(m[1])
}

// press submits the form of the button labelled label on the last page.

func press(t *testing.T, c *kittest.Client, label string, form url.Values) *kittest.Page {
	t.Helper()
	return c.Post(formAction(t, c.Last, label), form)
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
	return press(t, c, "Log in", kittest.Form("email", a.Email, "password", a.Password.Reveal()))
}

// toTwoStep follows guide steps 2 and 3: the dropdown's "My Account", then "Two Step

// Auth" in the Account Details navigation.

func toTwoStep(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	p := c.Last
	p.MustContain(t, `aria-haspopup="menu"`, `role="menu"`, `<a role="menuitem" href="/my-account">My Account</a>`)
	p = c.Get(link(t, p, "My Account"))
	p.MustContain(t, `<h1 class="account-title">My Account</h1>`, `<h2 id="account-details-title">Account Details</h2>`)
	return c.Get(link(t, p, "Two Step Auth"))
}

type mailbox struct{ Messages []kit.Mail }

type smsInbox struct{ Messages []kit.SMS }

// verifyEmail clicks "Verify email" and opens the link from the mock mailbox.

func verifyEmail(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	press(t, c, "Verify email", nil).MustContain(t, "We sent a verification link")
	mail := kittest.Control[mailbox](c, "mail?to="+url.QueryEscape(myaccount.Site.Account.Email))
	if len(mail.Messages) == 0 || len(mail.Messages[len(mail.Messages)-1].Links) != 1 {
		t.Fatalf("mailbox: %+v", mail)
	}
	m := mail.Messages[len(mail.Messages)-1]
	if !strings.Contains(m.Subject, "Verify your email") || !strings.Contains(m.Links[0], myaccount.PathEmailLink+"?token=") {
		t.Fatalf("mail: subject %q, link %q", m.Subject, m.Links[0])
	}
	return c.Get(strings.TrimPrefix(m.Links[0], c.Base))
}

// sendPhoneCode clicks "Verify phone" and returns the code from the mock SMS inbox.

func sendPhoneCode(t *testing.T, c *kittest.Client) string {
	t.Helper()
	press(t, c, "Verify phone", nil).MustContain(t, "We sent a 6-digit verification code", `<label for="phone-code">Verification code</label>`)
	sms := kittest.Control[smsInbox](c, "sms?to="+url.QueryEscape(myaccount.Site.Account.Phone))
	if len(sms.Messages) == 0 {
		t.Fatal("no SMS")
	}
	return sms.Messages[len(sms.Messages)-1].Code
}

// verifyPhone clicks "Verify phone" and types the texted code.

func verifyPhone(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	code := sendPhoneCode(t, c)
	return press(t, c, "Confirm phone", kittest.Form("code", code))
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
	p := press(t, c, "Enable", nil)
	p.MustContain(t, "Install Google Authenticator", "Google Authenticator")
	p = press(t, c, "Set up in your mobile", nil)
	p.MustContain(t, "Select a mobile device option", ">Android<", ">iPhone<", ">Windows Phone<", ">BlackBerry<")
	if n := strings.Count(p.Body, `type="radio" `); n != 4 {
		t.Fatalf("%d device options, want 4", n)
	}
	p = press(t, c, "Proceed", kittest.Form("device", device))
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
	p := press(t, c, "Verify and Save", kittest.Form("code", k.Code(r.clock.Now())))
	p.MustContain(t, "Two Step Authentication successful")
	codes := backupRe.FindAllStringSubmatch(p.Body, -1)
	out := make([]string, len(codes))
	for i, m := range codes {
		out[i] = m[1]
	}
	press(t, c, "I have saved my backup codes", nil).MustContain(t, "Two Step Auth is <strong>on</strong>")
	return k, out
}

var backupRe = regexp.MustCompile(`<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>`)

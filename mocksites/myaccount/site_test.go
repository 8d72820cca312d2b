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

func TestGuidePath(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c).MustContain(t, "Welcome back, Alex Morgan.", "Dashboard")
	toTwoStep(t, c).MustContain(t, "Two Step Auth is <strong>off</strong>", "Not verified", "Verify email</button>", "Verify phone</button>", "Enable</button>")
	verifyBoth(t, c)
	k := toQR(t, c, "iphone")
	c.Last.MustContain(t, "On your iPhone")
	if k.Issuer != "Northwind Cloud" || k.Account != myaccount.Site.Account.Email || k.Secret.Bits() != 160 || k.EffectiveDigits() != 6 || k.EffectivePeriod() != 30 {
		t.Fatalf("key: issuer %q account %q bits %d", k.Issuer, k.Account, k.Secret.Bits())
	}
	r.clock.Advance(20 * time.Second)
	p := press(t, c, "Verify and Save", kittest.Form("code", k.Code(r.clock.Now())))
	p.MustContain(t, `role="status">Two Step Authentication successful</p>`, `aria-label="Backup codes"`)
	codes := backupRe.FindAllStringSubmatch(p.Body, -1)
	if len(codes) != myaccount.BackupCodes {
		t.Fatalf("%d backup codes, want %d", len(codes), myaccount.BackupCodes)
	}
	p = press(t, c, "I have saved my backup codes", nil)
	p.MustContain(t, "Two Step Auth is <strong>on</strong>", `<strong id="backup-left">10</strong>`)
	p.MustNotContain(t, "Enable</button>")
	// The backup codes are shown once.
	if p := c.Get(myaccount.PathBackup); p.Contains(codes[0][1]) {
		t.Fatal("backup codes shown again after saving them")
	}

	// Guide: "The next time you log in ... prompted for a One-time passcode".
	c.Post(formAction(t, c.Last, "Log out"), nil)
	p = logIn(t, c)
	p.MustContain(t, `<label for="code">One-time passcode</label>`, "Use a backup code")
	p = press(t, c, "Verify", kittest.Form("code", k.Code(r.clock.Now())))
	p.MustContain(t, "That One-time passcode was already used.") // the enrollment code counts as used
	r.clock.Advance(30 * time.Second)
	press(t, c, "Verify", kittest.Form("code", k.Code(r.clock.Now()))).MustContain(t, "Welcome back, Alex Morgan.")
}

func TestEnableNeedsBothVerified(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		email, phone bool
		missing      string
	}{
		{"neither", false, false, "Not verified yet: your email address and your phone number."},
		{"email only", true, false, "Not verified yet: your phone number."},
		{"phone only", false, true, "Not verified yet: your email address."},
		{"both", true, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t)
			c := kittest.NewClient(t, r.url)
			logIn(t, c)
			toTwoStep(t, c)
			if tc.email {
				verifyEmail(t, c)
			}
			if tc.phone {
				verifyPhone(t, c)
			}
			p := press(t, c, "Enable", nil)
			if tc.missing == "" {
				p.MustContain(t, "Set up in your mobile")
				return
			}
			if p.Status != http.StatusConflict {
				t.Fatalf("status %d, want 409", p.Status)
			}
			p.MustContain(t, "Two Step Auth cannot be enabled until your account is verified: confirm both your email address and your phone number.", tc.missing, "Enable</button>")
			// No way round the page: the setup steps refuse without an Enable that worked.
			if p := c.Post(myaccount.PathMobile, nil); p.Contains("Select a mobile device option") {
				t.Fatal("reached the device options without enabling")
			}
			if p := c.Get(myaccount.PathSetup); p.Path != myaccount.PathTwoStep {
				t.Fatalf("setup page without enabling: at %s", p.Path)
			}
		})
	}
}

func TestEmailLink(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c)
	toTwoStep(t, c)
	press(t, c, "Verify email", nil)
	mail := kittest.Control[mailbox](c, "mail")
	first := strings.TrimPrefix(mail.Messages[0].Links[0], c.Base)

	t.Run("expired", func(t *testing.T) {
		press(t, c, "Verify email", nil)
		mail := kittest.Control[mailbox](c, "mail")
		late := strings.TrimPrefix(mail.Messages[1].Links[0], c.Base)
		r.clock.Advance(myaccount.EmailLinkTTL)
		p := kittest.NewClient(t, r.url).Get(late)
		if p.Status != http.StatusBadRequest || !p.Contains("This verification link is not valid") {
			t.Fatalf("expired link: status %d", p.Status)
		}
		r.clock.Advance(-myaccount.EmailLinkTTL)
	})
	t.Run("signed out, once", func(t *testing.T) {
		other := kittest.NewClient(t, r.url) // the mail opened on another device
		other.Get(first).MustContain(t, "Your email address is verified.", "Log in to Northwind Cloud")
		p := other.Get(first)
		if p.Status != http.StatusBadRequest || !p.Contains("This verification link is not valid") {
			t.Fatalf("second use: status %d", p.Status)
		}
		if p := other.Get(myaccount.PathEmailLink + "?token=nope"); p.Status != http.StatusBadRequest {
			t.Fatalf("made-up token: status %d", p.Status)
		}
		c.Get(myaccount.PathTwoStep).MustContain(t, `Email address</span> <span class="verify-value">tester@northwind.example</span> <span class="badge badge-ok">Verified</span>`)
	})
}

func TestPhoneVerification(t *testing.T) {
	t.Parallel()
	t.Run("wrong code", func(t *testing.T) {
		t.Parallel()
		r := start(t)
		c := kittest.NewClient(t, r.url)
		logIn(t, c)
		toTwoStep(t, c)
		code := sendPhoneCode(t, c)
		for range myaccount.PhoneAttempts - 1 {
			p := press(t, c, "Confirm phone", kittest.Form("code", kittest.WrongCode(code)))
			if p.Status != http.StatusUnprocessableEntity || !p.Contains("That verification code is not right.") {
				t.Fatalf("wrong code: status %d", p.Status)
			}
		}
		p := press(t, c, "Confirm phone", kittest.Form("code", kittest.WrongCode(code)))
		p.MustContain(t, "Too many wrong verification codes. Click Verify phone to get a new code.")
		p.MustNotContain(t, "Confirm phone</button>")
		// The old code is dead; a new one works.
		if p := c.Post(myaccount.PathConfirmPhone, kittest.Form("code", code)); p.Contains("Your phone number is verified.") {
			t.Fatal("the code was accepted after too many wrong ones")
		}
		verifyPhone(t, c).MustContain(t, "Your phone number is verified.")
	})
	t.Run("expired", func(t *testing.T) {
		t.Parallel()
		r := start(t)
		c := kittest.NewClient(t, r.url)
		logIn(t, c)
		toTwoStep(t, c)
		code := sendPhoneCode(t, c)
		r.clock.Advance(kit.SMSCodeTTL + time.Second)
		press(t, c, "Confirm phone", kittest.Form("code", code)).MustContain(t, "That verification code has expired.")
	})
}

func TestQRImageOnlyForItsSession(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	src := qrSrc(t, c.Last)

	anon := kittest.NewClient(t, r.url)
	if status, png, _ := fetch(t, anon, src); status != http.StatusForbidden || len(png) > 100 {
		t.Fatalf("signed-out browser: status %d, %d bytes", status, len(png))
	}
	same := kittest.NewClient(t, r.url) // the same account in another browser
	logIn(t, same)
	if status, _, ctype := fetch(t, same, src); status != http.StatusForbidden || ctype == "image/png" {
		t.Fatalf("another session of the account: status %d, %s", status, ctype)
	}
	if p := same.Get(myaccount.PathSetup); p.Path != myaccount.PathTwoStep {
		t.Fatalf("another session saw the setup at %s", p.Path)
	}
	if p := same.Post(myaccount.PathVerify, kittest.Form("code", k.Code(r.clock.Now()))); p.Contains("Two Step Authentication successful") {
		t.Fatal("another session finished the setup")
	}
	// The owner still can.
	if again := scan(t, c); again.URI() != k.URI() {
		t.Fatal("the QR code changed")
	}
	// Once the other session starts its own setup, the first one's image is gone.
	same.Get(myaccount.PathTwoStep)
	press(t, same, "Enable", nil)
	press(t, same, "Set up in your mobile", nil)
	press(t, same, "Proceed", kittest.Form("device", "blackberry"))
	if status, _, _ := fetch(t, c, src); status != http.StatusForbidden {
		t.Fatalf("first session after a new setup elsewhere: status %d", status)
	}
	if k2 := scan(t, same); k2.Secret.Base32() == k.Secret.Base32() {
		t.Fatal("the new setup reused the secret")
	}
	// No setup at all: 404.
	press(t, same, "Cancel setup", nil).MustContain(t, "setup was cancelled")
	if status, _, _ := fetch(t, same, src); status != http.StatusNotFound {
		t.Fatalf("no setup: status %d", status)
	}
}

func TestDeviceChoiceRequired(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	press(t, c, "Enable", nil)
	press(t, c, "Set up in your mobile", nil)
	for _, form := range []url.Values{nil, kittest.Form("device", "nokia-3310"), kittest.Form("device", "")} {
		p := press(t, c, "Proceed", form)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("device %q: status %d", form.Get("device"), p.Status)
		}
		p.MustContain(t, "Select one of the 4 mobile device options for your device, then click Proceed.")
		p.MustNotContain(t, "<img")
	}
	if issued := kittest.Control[struct{ Secrets []string }](c, "issued"); len(issued.Secrets) != 0 {
		t.Fatal("a secret was issued before a device was chosen")
	}
	for _, d := range []string{"android", "iphone", "windows-phone", "blackberry"} {
		if !strings.Contains(c.Last.Body, `value="`+d+`"`) {
			t.Errorf("no option %q", d)
		}
	}
	press(t, c, "Proceed", kittest.Form("device", "windows-phone")).MustContain(t, "On your Windows Phone")
}

func TestSetupWrongCode(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	p := press(t, c, "Verify and Save", kittest.Form("code", kittest.WrongCode(k.Code(r.clock.Now()))))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	p.MustContain(t, "That code is not valid, so Two Step Auth has not been turned on.", `<label for="code">Code</label>`)
	p.MustNotContain(t, "Two Step Authentication successful")
	if again := scan(t, c); again.URI() != k.URI() {
		t.Fatal("the attempt's QR code changed after a wrong code")
	}
	c.Get(myaccount.PathTwoStep).MustContain(t, "Two Step Auth is <strong>off</strong>")
	// Back on the setup page, the right code still works.
	c.Get(myaccount.PathSetup)
	press(t, c, "Verify and Save", kittest.Form("code", k.Code(r.clock.Now()))).MustContain(t, "Two Step Authentication successful")
}

func TestSignInReplayAndThrottle(t *testing.T) {
	t.Parallel()
	r := start(t)
	k, _ := enroll(t, r, kittest.NewClient(t, r.url))
	r.clock.Advance(time.Minute)

	d := kittest.NewClient(t, r.url)
	logIn(t, d)
	good := k.Code(r.clock.Now())
	press(t, d, "Verify", kittest.Form("code", good)).MustContain(t, "Welcome back")
	e := kittest.NewClient(t, r.url)
	logIn(t, e)
	press(t, e, "Verify", kittest.Form("code", good)).MustContain(t, "That One-time passcode was already used.")

	wrong := kittest.WrongCode(k.Code(r.clock.Now()))
	for range kit.ThrottleAfter - 2 { // the replay above counts as the first failure
		press(t, e, "Verify", kittest.Form("code", wrong)).MustContain(t, "That code is not valid.")
	}
	press(t, e, "Verify", kittest.Form("code", wrong)).MustContain(t, "Too many invalid codes. Log in is locked for 5 minutes; try again after 10:06:05 UTC.")
	r.clock.Advance(30 * time.Second)
	press(t, e, "Verify", kittest.Form("code", k.Code(r.clock.Now()))).MustContain(t, "Too many invalid codes")
	r.clock.Advance(kit.ThrottleFor)
	press(t, e, "Verify", kittest.Form("code", k.Code(r.clock.Now()))).MustContain(t, "Welcome back")
}

func TestBackupCodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		defects []string
		reuse   bool // the same code signs in a second time
	}{
		{"single use", nil, false},
		{"multi-use-recovery defect", []string{"multi-use-recovery"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t, tc.defects...)
			_, codes := enroll(t, r, kittest.NewClient(t, r.url))
			if len(codes) != myaccount.BackupCodes {
				t.Fatalf("%d codes", len(codes))
			}
			signInWith := func(code string) *kittest.Page {
				c := kittest.NewClient(t, r.url)
				logIn(t, c)
				c.Get(link(t, c.Last, "Use a backup code")).MustContain(t, `<label for="code">Backup code</label>`)
				return press(t, c, "Verify", kittest.Form("code", code, "kind", "backup"))
			}
			signInWith(codes[3]).MustContain(t, "Welcome back")
			p := signInWith(codes[3])
			if got := p.Contains("Welcome back"); got != tc.reuse {
				t.Fatalf("second use signed in: %v, want %v", got, tc.reuse)
			}
			if !tc.reuse {
				p.MustContain(t, "That code is not valid.", `<label for="code">Backup code</label>`)
			}
			// Another code works, typed in upper case in the passcode field.
			c := kittest.NewClient(t, r.url)
			logIn(t, c)
			press(t, c, "Verify", kittest.Form("code", strings.ToUpper(codes[7]))).MustContain(t, "Welcome back")
			// Two codes used (the defect accepts a used code again but still counts it once).
			toTwoStep(t, c).MustContain(t, `<strong id="backup-left">8</strong>`)
		})
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	c.Get(myaccount.PathLogin)
	p := c.Post(myaccount.PathLogin, kittest.Form("email", myaccount.Site.Account.Email, "password", "wrong-pass"))
	if p.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", p.Status)
	}
	p.MustContain(t, "Incorrect email address or password.")
	p.MustNotContain(t, "wrong-pass")
	logIn(t, c)
	toTwoStep(t, c)
	for _, path := range []string{myaccount.PathVerifyEmail, myaccount.PathVerifyPhone, myaccount.PathEnable} {
		if p := c.PostRaw(path, nil); p.Status != http.StatusForbidden || !p.Contains("Request refused") {
			t.Fatalf("%s without CSRF token: status %d", path, p.Status)
		}
	}
	other := kittest.NewClient(t, r.url)
	for _, path := range []string{myaccount.PathAccount, myaccount.PathTwoStep, myaccount.PathSetup, myaccount.PathCode} {
		if p := other.Get(path); p.Path != myaccount.PathLogin {
			t.Fatalf("another browser reached %s (at %s)", path, p.Path)
		}
	}
	c.Get(myaccount.PathTwoStep)
	if p := c.Post(myaccount.PathConfirmPhone, kittest.Form("code", "123456")); p.Status != http.StatusConflict {
		t.Fatalf("phone code before Verify phone: status %d", p.Status)
	}
}

func TestResetClearsVerification(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.url)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	if _, status := kittest.ControlPost[struct{ OK bool }](c, "reset", ""); status != http.StatusOK {
		t.Fatalf("reset: status %d", status)
	}
	logIn(t, c)
	toTwoStep(t, c).MustContain(t, `<span class="badge badge-no">Not verified</span>`)
	press(t, c, "Enable", nil).MustContain(t, "Not verified yet: your email address and your phone number.")
}

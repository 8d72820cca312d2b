package onepassword_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/onepassword"
	"github.com/enroll-dev/enroll/otp"
)

const safeguarded = "Your account is safeguarded using Two-Factor Authentication."

// run is one started 1Password site and its clock.
type run struct{ *kittest.Run }

// start serves the 1Password mock with whole pages (Options.ClientSide off: the forms
// post to the pages' paths) and the named defects (startWith).
func start(t *testing.T, defects ...string) *run {
	t.Helper()
	return startWith(t, onepassword.Options{}, defects...)
}

// boxes is the form of the six one-digit boxes holding code, one character per box.
func boxes(code string) url.Values {
	v := url.Values{}
	for i, c := range code {
		v.Set(onepassword.DigitField(i+1), string(c))
	}
	return v
}

var (
	svgRe    = regexp.MustCompile(`(?s)<figure class="qr-frame" id="tfa-qr">\s*(<svg .*?</svg>)`)
	viewRe   = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathRe   = regexp.MustCompile(`<path fill="#000" d="([^"]*)"`)
	runRe    = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
	secretRe = regexp.MustCompile(`(?s)<code id="tfa-secret">(.*?)</code>`)
	tagRe    = regexp.MustCompile(`<[^>]+>`)
)

// scan parses the inline <svg> of the setup page (one rectangle per run of dark
// modules), rasterizes it at 4 px per module and decodes it as the authenticator app's
// camera would. It also checks the SVG's modules are exactly qr.Encode's for the URI.
func scan(t *testing.T, p *kittest.Page) string {
	t.Helper()
	m := svgRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no inline QR <svg> on %s", p.Path)
	}
	svg := m[1]
	vb := viewRe.FindStringSubmatch(svg)
	d := pathRe.FindStringSubmatch(svg)
	if vb == nil || d == nil || vb[1] != vb[2] {
		t.Fatalf("unexpected QR svg: %.200s", svg)
	}
	side, _ := strconv.Atoi(vb[1])
	dark := make([][]bool, side)
	for y := range dark {
		dark[y] = make([]bool, side)
	}
	runs := runRe.FindAllStringSubmatch(d[1], -1)
	if len(runs) == 0 || len(strings.Join(runRe.FindAllString(d[1], -1), "")) != len(d[1]) {
		t.Fatalf("QR path is not a list of module runs: %.80s", d[1])
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		n, _ := strconv.Atoi(r[3])
		for i := range n {
			dark[y][x+i] = true
		}
	}
	uri := kittest.ScanModules(t, dark, 0) // the svg has its quiet zone
	want, err := qr.Encode(uri)
	if err != nil {
		t.Fatal(err)
	}
	for y := range want.Size() {
		for x := range want.Size() {
			if dark[y+qr.QuietZone][x+qr.QuietZone] != want.At(x, y) {
				t.Fatalf("svg module (%d,%d) differs from qr.Encode", x, y)
			}
		}
	}
	return uri
}

// secretText returns the secret shown as text on the setup page, as shown (groups
// separated by spaces).
func secretText(t *testing.T, p *kittest.Page) string {
	t.Helper()
	m := secretRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no secret text on %s", p.Path)
	}
	return html.UnescapeString(tagRe.ReplaceAllString(m[1], ""))
}

// signIn follows guide step 1 and returns the page after the password.
func (r *run) signIn(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	p := c.Get("/")
	p.MustContain(t, "Log in to your 1Password Account", `<label for="email">Email</label>`,
		`<label for="secret-key">Secret Key</label>`, `value="`+onepassword.SecretKey.Reveal()+`"`, `<label for="password">Password</label>`)
	a := onepassword.Site.Account
	return c.Post(p.FormAction(t, "Sign In"), kittest.Form("email", a.Email, "secret_key", onepassword.SecretKey.Reveal(), "password", a.Password.Reveal()))
}

// toTwoFactor follows guide steps 2 and 3 from the signed-in page.
func toTwoFactor(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Last.MustContain(t, `aria-label="Account" aria-haspopup="menu" aria-expanded="false" aria-controls="account-menu"`,
		`<div class="menu" id="account-menu" role="menu" aria-label="Profile menu" hidden>`,
		`<a role="menuitem" href="/profile" class="menu-item">My Profile</a>`)
	p := c.Get(c.Last.Link(t, "My Profile"))
	p.MustContain(t, "<h1>My Profile</h1>", `aria-controls="more-options" data-toggle>More Options</button>`,
		`<ul class="more-list" id="more-options" hidden>`)
	p = c.Get(p.Link(t, "Manage Two-Factor Authentication"))
	p.MustContain(t, "<h1>Two-Factor Authentication</h1>")
	return p
}

// setUpApp follows guide steps 4 and 5: "Set Up App", the QR code and the text secret.
// It returns the scanned key, checking the text secret is the QR code's.
func setUpApp(t *testing.T, c *kittest.Client) *otp.Key {
	t.Helper()
	p := c.Press("Set Up App", nil)
	if p.Path != onepassword.PathSetup {
		t.Fatalf("Set Up App led to %s", p.Path)
	}
	return keyOf(t, p)
}

// keyOf checks the setup page shows the QR code and the secret as text, and returns the
// scanned key, checking the text secret is the QR code's.
func keyOf(t *testing.T, p *kittest.Page) *otp.Key {
	t.Helper()
	p.MustContain(t, "Scan this QR code with your authenticator app.", `<h2 id="tfa-secret-label">Two-factor authentication code</h2>`,
		`role="group" aria-labelledby="tfa-secret-label"`, ">Next</a>")
	k, err := otp.Parse(scan(t, p))
	if err != nil {
		t.Fatal(err)
	}
	shown := secretText(t, p)
	if strings.ReplaceAll(shown, " ", "") != k.Secret.Base32() {
		t.Fatal("the secret shown as text is not the QR code's")
	}
	return k
}

// atSetup signs a new browser in and follows the guide to the setup page's QR code; it
// returns the browser and the scanned key.
func (r *run) atSetup(t *testing.T) (*kittest.Client, *otp.Key) {
	t.Helper()
	c := kittest.NewClient(t, r.URL)
	r.signIn(t, c)
	toTwoFactor(t, c)
	return c, setUpApp(t, c)
}

// next follows "Next" from the setup page to the six boxes.
func next(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	p := c.Get(c.Last.Link(t, "Next"))
	p.MustContain(t, "Enter the 6-digit code from your authenticator app", ">Confirm</button>")
	return p
}

func TestGuidePath(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	r.signIn(t, c).MustContain(t, "<h1>All Items</h1>")
	toTwoFactor(t, c).MustContain(t, "Two-factor authentication is <strong>off</strong>", ">Set Up App</button>")
	k := setUpApp(t, c)
	if k.Issuer != "1Password" || k.Account != onepassword.Site.Account.Email || k.Secret.Bits() != 160 ||
		k.EffectiveDigits() != 6 || k.EffectivePeriod() != 30 || k.Algorithm != otp.SHA1 {
		t.Fatalf("key: issuer %q account %q bits %d", k.Issuer, k.Account, k.Secret.Bits())
	}
	r.Clock.Advance(20 * time.Second) // scanning and saving the code take a while
	p := next(t, c)
	p = c.Post(p.FormAction(t, "Confirm"), boxes(k.Code(r.Clock.Now())))
	if p.Path != onepassword.PathTwoFactor+"?msg=enabled" {
		t.Fatalf("Confirm led to %s", p.Path)
	}
	p.MustContain(t, safeguarded, "Authenticator app · added", "Two-factor authentication is turned on.")
	p.MustNotContain(t, ">Set Up App</button>")
	c.Get(onepassword.PathProfile).MustContain(t, "<dt>Two-factor authentication</dt><dd>On</dd>")

	// Guide: "The next time you log in ... prompted for a One-time passcode".
	c.Press("Sign Out", nil)
	p = r.signIn(t, c)
	if p.Path != onepassword.PathCode {
		t.Fatalf("sign-in with 2FA on led to %s", p.Path)
	}
	p.MustContain(t, `<legend class="otp-legend">One-time passcode</legend>`, `aria-label="Digit 6 of 6"`)
	p = c.Post(p.FormAction(t, "Continue"), boxes(k.Code(r.Clock.Now())))
	p.MustContain(t, "That one-time passcode has already been used.") // the enrollment code counts as used
	r.Clock.Advance(30 * time.Second)
	p = c.Post(p.FormAction(t, "Continue"), boxes(k.Code(r.Clock.Now())))
	if p.Path != onepassword.PathHome {
		t.Fatalf("a fresh code led to %s", p.Path)
	}
	p.MustContain(t, "<h1>All Items</h1>")
}

// TestSecretText checks the secret to save: the QR code's secret in blocks of 4 with
// spaces. A 160-bit secret is 32 characters; the guide's "16-digit" code is what the
// short-secret defect (80 bits) shows.
func TestSecretText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		defect []string
		chars  int
	}{
		{"160 bits", nil, 32},
		{"short-secret", []string{"short-secret"}, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t, tc.defect...)
			c, k := r.atSetup(t)
			shown := secretText(t, c.Last)
			groups := strings.Split(shown, " ")
			if len(groups) != tc.chars/4 || k.Secret.Bits() != tc.chars*5 {
				t.Fatalf("%d groups for a %d-bit secret", len(groups), k.Secret.Bits())
			}
			for i, g := range groups {
				if len(g) != 4 || strings.Trim(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
					t.Fatalf("group %d is not 4 base32 characters", i+1)
				}
			}
			c.Last.MustContain(t, strconv.Itoa(tc.chars)+" characters, in groups of 4")
			// Reloading shows the same attempt; a new "Set Up App" a new secret.
			if again := c.Get(onepassword.PathSetup); scan(t, again) != k.URI() || secretText(t, again) != shown {
				t.Fatal("reloading the setup page changed the secret")
			}
			c.Get(onepassword.PathTwoFactor)
			if k2 := setUpApp(t, c); k2.Secret.Base32() == k.Secret.Base32() {
				t.Fatal("a new attempt reused the secret")
			}
		})
	}
}

// TestSixBoxes checks the code entry: six one-digit boxes that the server joins, and
// entries with a missing or bad box refused with a message, before any code is checked.
func TestSixBoxes(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	p := next(t, c)
	for n := 1; n <= onepassword.CodeDigits; n++ {
		auto := "off"
		if n == 1 {
			auto = "one-time-code"
		}
		p.MustContain(t, `<input class="otp-box" type="text" name="digit`+strconv.Itoa(n)+`" inputmode="numeric" maxlength="1" size="1" autocomplete="`+auto+`" aria-label="Digit `+strconv.Itoa(n)+` of 6"`)
	}
	if got := strings.Count(p.Body, `class="otp-box"`); got != onepassword.CodeDigits {
		t.Fatalf("%d boxes", got)
	}
	confirm := p.FormAction(t, "Confirm")
	code := k.Code(r.Clock.Now())
	for _, tc := range []struct {
		name string
		form url.Values
		msg  string
	}{
		{"digit 3 empty", func() url.Values { v := boxes(code); v.Set("digit3", ""); return v }(), "Enter all 6 digits of the code: digit 3 of 6 is missing."},
		{"digit 6 absent", func() url.Values { v := boxes(code); v.Del("digit6"); return v }(), "digit 6 of 6 is missing."},
		{"no boxes", url.Values{}, "digit 1 of 6 is missing."},
		{"a letter", func() url.Values { v := boxes(code); v.Set("digit2", "x"); return v }(), "Each box takes one digit from 0 to 9: check digit 2 of 6."},
		{"two digits in a box", func() url.Values { v := boxes(code); v.Set("digit4", "12"); return v }(), "check digit 4 of 6."},
		{"the whole code in one field", kittest.Form("code", code), "digit 1 of 6 is missing."},
	} {
		p := c.Post(confirm, tc.form)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d", tc.name, p.Status)
		}
		p.MustContain(t, tc.msg, `aria-label="Digit 1 of 6"`)
		p.MustNotContain(t, safeguarded)
	}
	c.Get(onepassword.PathTwoFactor).MustContain(t, "Two-factor authentication is <strong>off</strong>")
	// The attempt is still open: the joined digits switch 2FA on.
	c.Get(onepassword.PathSetupCode)
	c.Post(confirm, boxes(code)).MustContain(t, safeguarded)

	// At sign-in: an incomplete entry is refused and is no attempt at a code.
	r.Clock.Advance(time.Minute)
	d := kittest.NewClient(t, r.URL)
	p = r.signIn(t, d)
	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 1 {
		d.Post(onepassword.PathCode, boxes(wrong)).MustContain(t, "That one-time passcode isn't correct.")
	}
	missing := boxes(wrong)
	missing.Del("digit5")
	p = d.Post(onepassword.PathCode, missing)
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("missing digit at sign-in: status %d", p.Status)
	}
	p.MustContain(t, "digit 5 of 6 is missing.")
	d.Post(onepassword.PathCode, boxes(k.Code(r.Clock.Now()))).MustContain(t, "<h1>All Items</h1>")
}

func TestSetupWrongCode(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	p := next(t, c)
	p = c.Post(p.FormAction(t, "Confirm"), boxes(kittest.WrongCode(k.Code(r.Clock.Now()))))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	p.MustContain(t, "That code isn't correct, so two-factor authentication is still off.")
	p.MustNotContain(t, safeguarded)
	c.Get(onepassword.PathTwoFactor).MustContain(t, "Two-factor authentication is <strong>off</strong>")
	// "Back" shows the same QR code; Cancel leaves 2FA off.
	p = c.Get(onepassword.PathSetup)
	if scan(t, p) != k.URI() {
		t.Fatal("the attempt's QR code changed after a wrong code")
	}
	p = c.Post(p.FormAction(t, "Cancel"), nil)
	p.MustContain(t, "Two-factor authentication setup was cancelled.", ">Set Up App</button>")
	if p := c.Get(onepassword.PathSetupCode); !p.Contains("There is no setup in progress. Click Set Up App to start again.") {
		t.Fatalf("code page without an attempt: %s", p.Path)
	}
	p = c.Post(onepassword.PathConfirm, boxes(k.Code(r.Clock.Now())))
	p.MustContain(t, "There is no setup in progress.")
	p.MustNotContain(t, safeguarded)
}

func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	c.Post(next(t, c).FormAction(t, "Confirm"), boxes(k.Code(r.Clock.Now()))).MustContain(t, safeguarded)
	r.Clock.Advance(time.Minute)

	d := kittest.NewClient(t, r.URL)
	p := r.signIn(t, d)
	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 1 {
		p = d.Post(onepassword.PathCode, boxes(wrong))
		p.MustContain(t, "That one-time passcode isn't correct.")
	}
	p = d.Post(onepassword.PathCode, boxes(wrong))
	p.MustContain(t, "Too many incorrect one-time passcodes. To protect your account, sign-in is paused for 5 minutes: try again after 10:06:05 UTC.")
	d.Post(onepassword.PathCode, boxes(k.Code(r.Clock.Now()))).MustContain(t, "Too many incorrect one-time passcodes")
	r.Clock.Advance(kit.ThrottleFor)
	d.Post(onepassword.PathCode, boxes(k.Code(r.Clock.Now()))).MustContain(t, "<h1>All Items</h1>")
}

func TestReplayRefused(t *testing.T) {
	t.Parallel()
	r := start(t)
	c, k := r.atSetup(t)
	c.Post(next(t, c).FormAction(t, "Confirm"), boxes(k.Code(r.Clock.Now()))).MustContain(t, safeguarded)
	r.Clock.Advance(30 * time.Second)
	code := k.Code(r.Clock.Now())

	a := kittest.NewClient(t, r.URL)
	r.signIn(t, a)
	a.Post(onepassword.PathCode, boxes(code)).MustContain(t, "<h1>All Items</h1>")
	b := kittest.NewClient(t, r.URL)
	r.signIn(t, b)
	p := b.Post(onepassword.PathCode, boxes(code))
	if p.Status != http.StatusUnauthorized {
		t.Fatalf("replayed code: status %d", p.Status)
	}
	p.MustContain(t, "That one-time passcode has already been used.")
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := start(t)
	a := onepassword.Site.Account
	for _, tc := range []struct {
		name                       string
		email, secretKey, password string
	}{
		{"wrong password", a.Email, onepassword.SecretKey.Reveal(), "wrong-password"},
		{"wrong Secret Key", a.Email, "A3-AAAAAA-AAAAAA-AAAAA-AAAAA-AAAAA-AAAAA", a.Password.Reveal()},
		{"no Secret Key", a.Email, "", a.Password.Reveal()},
		{"unknown email", "nobody@1password.example", onepassword.SecretKey.Reveal(), a.Password.Reveal()},
	} {
		c := kittest.NewClient(t, r.URL)
		c.Get(onepassword.PathSignIn)
		p := c.Post(onepassword.PathSignIn, kittest.Form("email", tc.email, "secret_key", tc.secretKey, "password", tc.password))
		if p.Status != http.StatusUnauthorized {
			t.Fatalf("%s: status %d", tc.name, p.Status)
		}
		p.MustContain(t, "The email, Secret Key or password you entered is incorrect.")
		p.MustNotContain(t, "wrong-password")
	}
	c := kittest.NewClient(t, r.URL)
	c.Get(onepassword.PathSignIn)
	// The Secret Key is compared without dashes, spaces or case.
	p := c.Post(onepassword.PathSignIn, kittest.Form("email", a.Email, "password", a.Password.Reveal(),
		"secret_key", strings.ToLower(strings.ReplaceAll(onepassword.SecretKey.Reveal(), "-", " "))))
	p.MustContain(t, "<h1>All Items</h1>")
	toTwoFactor(t, c)
	if p := c.PostRaw(onepassword.PathSetup, nil); p.Status != http.StatusForbidden || !p.Contains("Request refused") {
		t.Fatalf("Set Up App without CSRF token: status %d", p.Status)
	}
	other := kittest.NewClient(t, r.URL)
	for _, path := range []string{onepassword.PathProfile, onepassword.PathTwoFactor, onepassword.PathSetup, onepassword.PathCode} {
		if p := other.Get(path); p.Path != onepassword.PathSignIn {
			t.Fatalf("another browser reached %s at %s", path, p.Path)
		}
	}
	if p := c.Get(onepassword.PathSetup); !p.Contains("There is no setup in progress.") {
		t.Fatalf("setup page without an attempt: %s", p.Path)
	}
}

func TestStaticScript(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	for _, tc := range []struct{ path, want string }{
		{"/static/onepassword.js", `addEventListener("paste"`},
		{"/static/onepassword.js", `ev.key === "Backspace"`},
		{"/static/onepassword.js", `history.pushState(`},
		{"/static/onepassword.js", `addEventListener("popstate"`},
		{"/static/onepassword.css", "--blue: #0572ec"},
	} {
		p := c.Get(tc.path)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, tc.want) {
			t.Fatalf("%s: status %d, want %q", tc.path, p.Status, tc.want)
		}
	}
}

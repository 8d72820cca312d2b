package myaccount_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
)

func TestGuidePath(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c).MustContain(t, "Welcome back, Alex Morgan.", "Dashboard")
	toTwoStep(t, c).MustContain(t, "Two Step Auth is <strong>off</strong>", "Not verified", "Verify email</button>", "Verify phone</button>", "Enable</button>")
	verifyBoth(t, c)
	k := toQR(t, c, "iphone")
	c.Last.MustContain(t, "On your iPhone")
	if k.Issuer != "Northwind Cloud" || k.Account != myaccount.Site.Account.Email || k.Secret.Bits() != 160 || k.EffectiveDigits() != 6 || k.EffectivePeriod() != 30 {
		t.Fatalf("key: issuer %q account %q bits %d", k.Issuer, k.Account, k.Secret.Bits())
	}
	r.Clock.Advance(20 * time.Second)
	p := c.Press("Verify and Save", kittest.Form("code", k.Code(r.Clock.Now())))
	p.MustContain(t, `role="status">Two Step Authentication successful</p>`, `aria-label="Backup codes"`)
	codes := backupRe.FindAllStringSubmatch(p.Body, -1)
	if len(codes) != myaccount.BackupCodes {
		t.Fatalf("%d backup codes, want %d", len(codes), myaccount.BackupCodes)
	}
	p = c.Press("I have saved my backup codes", nil)
	p.MustContain(t, "Two Step Auth is <strong>on</strong>", `<strong id="backup-left">10</strong>`)
	p.MustNotContain(t, "Enable</button>")
	// The backup codes are shown once.
	if p := c.Get(myaccount.PathBackup); p.Contains(codes[0][1]) {
		t.Fatal("backup codes shown again after saving them")
	}

	// Guide: "The next time you log in ... prompted for a One-time passcode".
	c.Press("Log out", nil)
	p = logIn(t, c)
	p.MustContain(t, `<label for="code">One-time passcode</label>`, "Use a backup code")
	p = c.Press("Verify", kittest.Form("code", k.Code(r.Clock.Now())))
	p.MustContain(t, "That One-time passcode was already used.") // the enrollment code counts as used
	r.Clock.Advance(30 * time.Second)
	c.Press("Verify", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Welcome back, Alex Morgan.")
}

func TestSignInReplayAndThrottle(t *testing.T) {
	t.Parallel()
	r := start(t)
	k, _ := enroll(t, r, kittest.NewClient(t, r.URL))
	r.Clock.Advance(time.Minute)

	d := kittest.NewClient(t, r.URL)
	logIn(t, d)
	good := k.Code(r.Clock.Now())
	d.Press("Verify", kittest.Form("code", good)).MustContain(t, "Welcome back")
	e := kittest.NewClient(t, r.URL)
	logIn(t, e)
	e.Press("Verify", kittest.Form("code", good)).MustContain(t, "That One-time passcode was already used.")

	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 2 { // the replay above counts as the first failure
		e.Press("Verify", kittest.Form("code", wrong)).MustContain(t, "That code is not valid.")
	}
	e.Press("Verify", kittest.Form("code", wrong)).MustContain(t, "Too many invalid codes. Log in is locked for 5 minutes; try again after 10:06:05 UTC.")
	r.Clock.Advance(30 * time.Second)
	e.Press("Verify", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Too many invalid codes")
	r.Clock.Advance(kit.ThrottleFor)
	e.Press("Verify", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Welcome back")
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
			_, codes := enroll(t, r, kittest.NewClient(t, r.URL))
			if len(codes) != myaccount.BackupCodes {
				t.Fatalf("%d codes", len(codes))
			}
			signInWith := func(code string) *kittest.Page {
				c := kittest.NewClient(t, r.URL)
				logIn(t, c)
				c.Get(c.Last.Link(t, "Use a backup code")).MustContain(t, `<label for="code">Backup code</label>`)
				return c.Press("Verify", kittest.Form("code", code, "kind", "backup"))
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
			c := kittest.NewClient(t, r.URL)
			logIn(t, c)
			c.Press("Verify", kittest.Form("code", strings.ToUpper(codes[7]))).MustContain(t, "Welcome back")
			// Two codes used (the defect accepts a used code again but still counts it once).
			toTwoStep(t, c).MustContain(t, `<strong id="backup-left">8</strong>`)
		})
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
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
	other := kittest.NewClient(t, r.URL)
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

package kit_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/otp"
)

func TestEnrollThenSignInWithCode(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c, uri := h.enroll(t)
	key, err := otp.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	if key.Issuer != "Kit Test" || key.Account != testSite.Account.Email || key.Secret.Bits() != 160 {
		t.Fatalf("key: issuer %q account %q bits %d", key.Issuer, key.Account, key.Secret.Bits())
	}
	c.Get("/home").MustContain(t, `method="app"`)
	c.Post("/logout", nil)

	c = kittest.NewClient(t, h.url)
	h.signIn(t, c).MustContain(t, "code please")
	if p := c.Get("/home"); !strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("home before the code: at %s", p.Path)
	}
	c.Get("/code")
	// The enrollment code's step counts as used.
	c.Post("/code", kittest.Form("code", key.Code(h.clock.Now()))).MustContain(t, "code already used")
	h.clock.Advance(30 * time.Second)
	c.Post("/code", kittest.Form("code", key.Code(h.clock.Now()))).MustContain(t, "home of")
}

func TestWrongCodes(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c := kittest.NewClient(t, h.url)
	h.signIn(t, c)
	uri := h.begin(t, c, "")
	good := kittest.Code(t, uri, h.clock.Now())

	t.Run("enrollment", func(t *testing.T) {
		p := c.Post("/confirm", kittest.Form("code", kittest.WrongCode(good)))
		p.MustContain(t, "wrong code")
		c.Get("/home").MustContain(t, `method=""`)
		// The attempt stays open: the right code still works.
		c.Post("/confirm", kittest.Form("code", good)).MustContain(t, "confirm: <nil>")
	})
	t.Run("sign-in", func(t *testing.T) {
		h.clock.Advance(2 * time.Minute) // the enrollment's step stays out of every window below
		d := kittest.NewClient(t, h.url)
		h.signIn(t, d)
		p := d.Post("/code", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))))
		if p.Status != http.StatusUnauthorized {
			t.Fatalf("status %d", p.Status)
		}
		p.MustContain(t, "wrong code")
		for _, step := range []time.Duration{-60 * time.Second, 60 * time.Second} { // two steps away
			d.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now().Add(step)))).MustContain(t, "wrong code")
		}
		for _, step := range []time.Duration{-30 * time.Second, 30 * time.Second} { // the ±1 window
			d.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now().Add(step)))).MustContain(t, "home of")
			d.Post("/logout", nil)
			h.signIn(t, d)
		}
	})
}

func TestThrottleAfterFiveWrongCodes(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	_, uri := h.enroll(t)
	h.clock.Advance(time.Minute)
	c := kittest.NewClient(t, h.url)
	h.signIn(t, c)
	wrong := kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))
	for i := 1; i < kit.ThrottleAfter; i++ {
		c.Post("/code", kittest.Form("code", wrong)).MustContain(t, "wrong code")
	}
	p := c.Post("/code", kittest.Form("code", wrong))
	if p.Status != http.StatusTooManyRequests {
		t.Fatalf("5th wrong code: status %d, %s", p.Status, p.Body)
	}
	// Throttled: even the right code is refused, until the throttle is over.
	c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, "too many wrong codes: try again after 10:06:00")
	h.clock.Advance(kit.ThrottleFor)
	c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, "home of")
}

func TestEnrollmentExpires(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c := kittest.NewClient(t, h.url)
	h.signIn(t, c)
	uri := h.begin(t, c, "30s")
	h.clock.Advance(30 * time.Second)
	p := c.Post("/confirm", kittest.Form("code", kittest.Code(t, uri, h.clock.Now())))
	if p.Status != http.StatusGone {
		t.Fatalf("status %d: %s", p.Status, p.Body)
	}
	c.Get("/home").MustContain(t, `method=""`)
	// The attempt is gone: a retry needs a new one.
	c.Post("/confirm", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, "no enrollment under way")
	uri = h.begin(t, c, "30s")
	h.clock.Advance(29 * time.Second)
	c.Post("/confirm", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, "confirm: <nil>")
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	a := kittest.NewClient(t, h.url)
	h.signIn(t, a).MustContain(t, "home of")
	b := kittest.NewClient(t, h.url)
	h.signIn(t, b).MustContain(t, "home of")
	for _, tc := range []struct {
		name  string
		token string
	}{
		{"missing", ""},
		{"wrong", "not-the-token"},
		{"another session's", b.Last.CSRF()},
	} {
		p := a.PostRaw("/enroll", kittest.Form("csrf", tc.token))
		if p.Status != http.StatusForbidden {
			t.Fatalf("%s token: status %d", tc.name, p.Status)
		}
		p.MustContain(t, "Request refused", "security token is missing or out of date")
	}
	// A login form posted without a session is refused too.
	c := kittest.NewClient(t, h.url)
	if p := c.PostRaw("/login", kittest.Form("email", testSite.Account.Email, "password", "x", "csrf", "x")); p.Status != http.StatusForbidden {
		t.Fatalf("login without session: status %d", p.Status)
	}
}

func TestSessionsIsolated(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	a := kittest.NewClient(t, h.url)
	a.Get("/login")
	before := a.Last.CSRF()
	h.signIn(t, a).MustContain(t, "home of")
	if a.Last.CSRF() == before {
		t.Fatal("sign-in kept the pre-sign-in CSRF token")
	}
	b := kittest.NewClient(t, h.url)
	if p := b.Get("/home"); !strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("second browser reached %s", p.Path)
	}
	// b's enrollment attempt is not a's: a has none.
	h.signIn(t, b)
	h.begin(t, b, "")
	a.Post("/confirm", kittest.Form("code", "123456")).MustContain(t, "wrong code") // same account, shared attempt
	a.Post("/logout", nil)
	if p := a.Get("/home"); !strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("after logout: at %s", p.Path)
	}
	b.Get("/home").MustContain(t, "home of")
}

func TestUnknownDefect(t *testing.T) {
	t.Parallel()
	_, err := kit.New(testSite, kit.Options{Defects: []string{"no-throttle", "accept-everything"}})
	if !errors.Is(err, kit.ErrUnknownDefect) || !strings.Contains(err.Error(), `"accept-everything"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestNoSecretInLogs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := startTestSite(t, kit.Options{Logger: log, Control: true})
	c, uri := h.enroll(t)
	c.Post("/recovery", nil)
	h.clock.Advance(time.Minute)
	d := kittest.NewClient(t, h.url)
	h.signIn(t, d)
	d.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now())))
	iss := kittest.Control[kit.Issued](d, "issued")
	if len(iss.Secrets) != 1 || len(iss.Codes) != 2 || len(iss.Recovery) != 10 || len(iss.Passwords) != 1 {
		t.Fatalf("issued: %d secrets, %d codes, %d recovery, %d passwords", len(iss.Secrets), len(iss.Codes), len(iss.Recovery), len(iss.Passwords))
	}
	if buf.Len() == 0 {
		t.Fatal("nothing logged")
	}
	for _, list := range [][]string{iss.Secrets, iss.Codes, iss.Recovery, iss.Passwords} {
		for _, s := range list {
			if strings.Contains(buf.String(), s) {
				t.Fatalf("log contains an issued secret value")
			}
		}
	}
}

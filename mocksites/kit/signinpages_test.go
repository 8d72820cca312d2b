package kit_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

// signInWithPages signs c in through the SignInPages' form and returns the next page.
func (h *harness) signInWithPages(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/signin").MustContain(t, `sign-in page (GET) error="" email=""`)
	return c.Post("/signin", kittest.Form("email", testSite.Account.Email, "password", testSite.Account.Password.Reveal()))
}

func TestSignInPagesPassword(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c := kittest.NewClient(t, h.url)
	if p := c.Get("/"); p.Path != "/signin" {
		t.Fatalf("root signed out: at %s", p.Path)
	}
	p := c.Post("/signin", kittest.Form("email", testSite.Account.Email, "password", "wrong horse"))
	if p.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", p.Status)
	}
	p.MustContain(t, `sign-in page (POST) error="bad password" email="user@kit.example"`)
	p.MustNotContain(t, "wrong horse")

	for _, tc := range []struct{ name, path, want string }{
		{"right password, no second factor", "", "/home"},
		{"root when signed in", "/", "/home"},
		{"sign-in page when signed in", "/signin", "/home"},
		{"code page when signed in", "/signin/code", "/home"},
	} {
		if tc.path == "" {
			p = h.signInWithPages(t, c)
		} else {
			p = c.Get(tc.path)
		}
		if p.Path != tc.want {
			t.Fatalf("%s: at %s, want %s", tc.name, p.Path, tc.want)
		}
	}
	p = c.Post("/signout", nil)
	if p.Path != "/signin?bye" {
		t.Fatalf("sign-out led to %s", p.Path)
	}
	p.MustContain(t, `sign-in page (GET)`)
	if p := c.Get("/home"); !strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("home after sign-out: at %s", p.Path)
	}

	// No session awaiting a code: the code page and its form lead to the sign-in page.
	d := kittest.NewClient(t, h.url)
	d.Get("/signin")
	for _, p := range []*kittest.Page{d.Get("/signin/code"), d.Post("/signin/code", kittest.Form("code", "123456"))} {
		if p.Path != "/signin" {
			t.Fatalf("code page without a password: at %s", p.Path)
		}
	}
}

func TestSignInPagesCode(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	_, uri := h.enroll(t)
	h.clock.Advance(time.Minute)
	good := kittest.Code(t, uri, h.clock.Now())
	wrong := kittest.WrongCode(good)

	c := kittest.NewClient(t, h.url)
	p := h.signInWithPages(t, c)
	if p.Path != "/signin/code" {
		t.Fatalf("sign-in with 2FA on led to %s", p.Path)
	}
	p.MustContain(t, `code page (GET) error="" trust=false`)
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"wrong code", kittest.Form("code", wrong), `error="bad code" trust=false`},
		{"wrong code, trust ticked", kittest.Form("code", wrong, "trust", "on"), `error="bad code" trust=true`},
		{"wrong recovery code", kittest.Form("code", " abcde-fghjk "), `error="bad recovery code"`},
		{"recovery code shape without dash", kittest.Form("code", "ABCDEFGHJK"), `error="bad recovery code"`},
	} {
		p := c.Post("/signin/code", tc.form)
		if p.Status != http.StatusUnauthorized || p.Path != "/signin/code" {
			t.Fatalf("%s: status %d at %s", tc.name, p.Status, p.Path)
		}
		p.MustContain(t, "code page (POST) "+tc.want)
	}
	// The right code, with spaces around it and "Trust this device": home, and this
	// browser skips the code at its next sign-in.
	if p := c.Post("/signin/code", kittest.Form("code", " "+good+" ", "trust", "on")); p.Path != "/home" {
		t.Fatalf("right code: at %s", p.Path)
	}
	c.Post("/signout", nil)
	if p := h.signInWithPages(t, c); p.Path != "/home" {
		t.Fatalf("trusted browser: at %s", p.Path)
	}

	// Another browser: the used code is a replay, then wrong codes lock the account.
	e := kittest.NewClient(t, h.url)
	h.signInWithPages(t, e)
	e.Post("/signin/code", kittest.Form("code", good)).MustContain(t, `error="used code" trust=false`)
	for range kit.ThrottleAfter - 2 {
		e.Post("/signin/code", kittest.Form("code", wrong)).MustContain(t, `error="bad code"`)
	}
	e.Post("/signin/code", kittest.Form("code", wrong)).MustContain(t, `error="locked until 10:06:00 UTC"`)
	h.clock.Advance(kit.ThrottleFor)
	if p := e.Post("/signin/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))); p.Path != "/home" {
		t.Fatalf("after the throttle: at %s", p.Path)
	}
}

// TestSignInPagesWithoutRecoveryMessage checks that a site without its own message for
// a refused recovery code shows WrongCode for one.
func TestSignInPagesWithoutRecoveryMessage(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{}, func(p *kit.SignInPages) { p.Messages.WrongRecoveryCode = "" })
	h.enroll(t)
	c := kittest.NewClient(t, h.url)
	h.signInWithPages(t, c)
	c.Post("/signin/code", kittest.Form("code", "abcde-fghjk")).MustContain(t, `error="bad code"`)
}

// TestSignInPagesHooks checks a site's extra sign-in field (CheckForm) and its own
// code entry (ReadCode): a refused entry checks no code, so it never throttles.
func TestSignInPagesHooks(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{}, func(p *kit.SignInPages) {
		p.CheckForm = func(r *http.Request) bool { return r.PostFormValue("pin") == "1234" }
		p.ReadCode = func(r *http.Request) (string, string) {
			a, b := r.PostFormValue("a"), r.PostFormValue("b")
			if len(a) != 3 || len(b) != 3 {
				return "", "both halves please"
			}
			return a + b, ""
		}
	})
	_, uri := h.enroll(t)
	h.clock.Advance(time.Minute)
	a := testSite.Account

	c := kittest.NewClient(t, h.url)
	c.Get("/signin")
	for _, pin := range []string{"", "9999"} {
		p := c.Post("/signin", kittest.Form("email", a.Email, "password", a.Password.Reveal(), "pin", pin))
		if p.Status != http.StatusUnauthorized {
			t.Fatalf("pin %q: status %d", pin, p.Status)
		}
		p.MustContain(t, `error="bad password" email="user@kit.example"`)
	}
	// Without a session awaiting a code, the code form leads to the sign-in page.
	if p := c.Post("/signin/code", kittest.Form("a", "123", "b", "456")); p.Path != "/signin" {
		t.Fatalf("code without a password: at %s", p.Path)
	}
	c.Post("/signin", kittest.Form("email", a.Email, "password", a.Password.Reveal(), "pin", "1234")).MustContain(t, "code page (GET)")

	good := kittest.Code(t, uri, h.clock.Now())
	for range kit.ThrottleAfter + 1 {
		p := c.Post("/signin/code", kittest.Form("a", good[:3], "b", good[3:5]))
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("half a code: status %d", p.Status)
		}
		p.MustContain(t, `code page (POST) error="both halves please"`)
	}
	wrong := kittest.WrongCode(good)
	c.Post("/signin/code", kittest.Form("a", wrong[:3], "b", wrong[3:])).MustContain(t, `error="bad code"`)
	if p := c.Post("/signin/code", kittest.Form("a", good[:3], "b", good[3:])); p.Path != "/home" {
		t.Fatalf("both halves: at %s", p.Path)
	}
}

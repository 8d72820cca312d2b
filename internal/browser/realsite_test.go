package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/redact"
)

// realSite is a fixture web app built the way products are, not the way our
// mocks are: a sign-in form posted by fetch then navigated by script, hash and
// pushState routing, an account menu in a web component's open shadow root, a
// closed shadow root, a settings panel in a lazily created same-origin iframe
// (with a QR code image served only with the session cookie and a code
// refused with 422), a partner widget in a cross-origin iframe (another site:
// its own process), a meta refresh, a redirect chain and a form submitted by
// script. Latency is random (0-20 ms), so races show.
type realSite struct {
	URL     string // the app, on 127.0.0.1
	Partner string // the widget's origin, on localhost: another site
	key     *otp.Key

	mu       sync.Mutex
	sessions map[string]bool
}

const realPassword = "correct horse battery"

func newRealSite(t testing.TB) *realSite {
	t.Helper()
	page := func(name string) []byte {
		b, err := os.ReadFile("testdata/realsite/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	signin, app, panel, widget := page("signin.html"), page("app.html"), page("panel.html"), page("widget.html")
	key, err := otp.GenerateKey(rand.NewChaCha8([32]byte{1}), "Fixture", "tester@example.com")
	if err != nil {
		t.Fatal(err)
	}
	rs := &realSite{key: key, sessions: map[string]bool{}}

	partner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		html(w, widget)
	}))
	t.Cleanup(partner.Close)
	rs.Partner = strings.Replace(partner.URL, "127.0.0.1", "localhost", 1)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { html(w, signin) })
	mux.HandleFunc("POST /api/signin", func(w http.ResponseWriter, r *http.Request) {
		lag()
		if r.FormValue("email") == "" || r.FormValue("password") != realPassword {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":"Wrong email or password"}`)
			return
		}
		id := fmt.Sprint(rand.Uint64())
		rs.mu.Lock()
		rs.sessions[id] = true
		rs.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, Path: "/", HttpOnly: true})
		fmt.Fprint(w, `{}`)
	})
	mux.HandleFunc("POST /api/signout", func(w http.ResponseWriter, r *http.Request) {
		lag()
		if c, err := r.Cookie("sid"); err == nil {
			rs.mu.Lock()
			delete(rs.sessions, c.Value)
			rs.mu.Unlock()
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Path: "/", MaxAge: -1})
		fmt.Fprint(w, `{}`)
	})
	appPage := func(w http.ResponseWriter, r *http.Request) {
		if !rs.signedIn(r) {
			http.Redirect(w, r, "/", http.StatusFound)
			return
		}
		html(w, bytes.Replace(app, []byte("<head>"), []byte(`<head><script>window.PARTNER_URL = "`+rs.Partner+`/widget";</script>`), 1))
	}
	mux.HandleFunc("GET /app", appPage)
	mux.HandleFunc("GET /app/profile", appPage)
	mux.HandleFunc("GET /panel", func(w http.ResponseWriter, r *http.Request) { html(w, panel) })
	mux.HandleFunc("POST /api/setup", func(w http.ResponseWriter, r *http.Request) {
		lag()
		json.NewEncoder(w).Encode(map[string]string{"key": key.Secret.Base32()})
	})
	mux.HandleFunc("GET /panel/qr.png", func(w http.ResponseWriter, r *http.Request) {
		if !rs.signedIn(r) {
			http.Error(w, "sign in first", http.StatusForbidden)
			return
		}
		png, err := qr.PNG(key.URI(), 4)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("POST /api/verify", func(w http.ResponseWriter, r *http.Request) {
		lag()
		now := time.Now()
		code := r.FormValue("code")
		for _, d := range []time.Duration{0, -time.Duration(key.EffectivePeriod()) * time.Second} {
			if code == key.Code(now.Add(d)) {
				fmt.Fprint(w, `{}`)
				return
			}
		}
		http.Error(w, `{"error":"wrong code"}`, http.StatusUnprocessableEntity)
	})
	mux.HandleFunc("GET /old-settings", func(w http.ResponseWriter, r *http.Request) {
		html(w, []byte(`<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url=/app#/settings"></head><body><p>Moved.</p></body></html>`))
	})
	mux.HandleFunc("GET /go", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/go2", http.StatusFound) })
	mux.HandleFunc("GET /go2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/app#/settings", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /legacy", func(w http.ResponseWriter, r *http.Request) {
		html(w, []byte(`<!DOCTYPE html><html><body><h1>Legacy form</h1>
<form method="post" action="/legacy/done"><input type="hidden" name="x" value="1"></form>
<script>setTimeout(() => document.forms[0].submit(), 20);</script></body></html>`))
	})
	mux.HandleFunc("POST /legacy/done", func(w http.ResponseWriter, r *http.Request) {
		html(w, []byte(`<!DOCTYPE html><html><body><h1>Legacy saved</h1><a href="/app#/home">Back home</a></body></html>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	rs.URL = srv.URL
	return rs
}

func (rs *realSite) signedIn(r *http.Request) bool {
	c, err := r.Cookie("sid")
	if err != nil {
		return false
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.sessions[c.Value]
}

func html(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// lag is the latency of a real server: 0-20 ms.
func lag() { time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond) }

// signIn signs in through the script-driven form, as a flow's fragment would.
func (rs *realSite) signIn(ctx context.Context, s *Session) error {
	if err := s.Navigate(ctx, rs.URL+"/"); err != nil {
		return err
	}
	if err := s.Fill(ctx, Locator{Label: "Email"}, "tester@example.com", false); err != nil {
		return err
	}
	if err := s.Fill(ctx, Locator{Label: "Password"}, realPassword, true); err != nil {
		return err
	}
	if err := s.Click(ctx, Locator{Text: "Sign in", Role: "button"}); err != nil {
		return err
	}
	return s.WaitText(ctx, "Welcome back", true)
}

// signOutAndIn is the sequence that raced: sign out by script (fetch, then
// location.href), open the sign-in page at once, sign in again.
func (rs *realSite) signOutAndIn(ctx context.Context, s *Session) error {
	if err := s.Click(ctx, Locator{Name: "Open user menu"}); err != nil {
		return err
	}
	if err := s.Click(ctx, Locator{Text: "Sign out"}); err != nil {
		return err
	}
	return rs.signIn(ctx, s)
}

func signedInSession(t *testing.T) (*realSite, *Session) {
	t.Helper()
	rs := newRealSite(t)
	s := session(t)
	must(t, rs.signIn(step(t, 10*time.Second), s))
	return rs, s
}

// TestScriptNavigation: sign-in by fetch then location.href, sign-out by script
// followed at once by an open, both ways of routing, a meta refresh, a
// redirect chain, location.replace and a form submitted by script.
func TestScriptNavigation(t *testing.T) {
	rs, s := signedInSession(t)
	ctx := step(t, 20*time.Second)
	for i := range 5 {
		if err := rs.signOutAndIn(ctx, s); err != nil {
			t.Fatalf("sign out and in, round %d: %v", i+1, err)
		}
	}
	t.Run("hash route", func(t *testing.T) {
		must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Settings", Role: "link"}))
		must(t, s.WaitText(step(t, 5*time.Second), "Account settings live here", true))
		must(t, s.WaitURL(step(t, 5*time.Second), "#/settings"))
	})
	t.Run("pushState route from a shadow-root menu", func(t *testing.T) {
		must(t, s.Click(step(t, 5*time.Second), Locator{Name: "Open user menu"}))
		must(t, s.Click(step(t, 5*time.Second), Locator{Text: "My Profile"}))
		must(t, s.WaitURL(step(t, 5*time.Second), "/app/profile"))
		must(t, s.Fill(step(t, 5*time.Second), Locator{Label: "Display name"}, "Tess", false))
	})
	t.Run("meta refresh", func(t *testing.T) {
		must(t, s.Navigate(step(t, 5*time.Second), rs.URL+"/app#/home"))
		must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Old settings page"}))
		must(t, s.WaitText(step(t, 5*time.Second), "Account settings live here", true))
	})
	t.Run("redirect chain", func(t *testing.T) {
		must(t, s.Navigate(step(t, 5*time.Second), rs.URL+"/go"))
		must(t, s.WaitText(step(t, 5*time.Second), "Account settings live here", true))
	})
	t.Run("location.replace and a form submitted by script", func(t *testing.T) {
		must(t, s.Navigate(step(t, 5*time.Second), rs.URL+"/app#/home"))
		must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Legacy form"}))
		must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Back home"}))
		must(t, s.WaitText(step(t, 5*time.Second), "Welcome back", true))
	})
}

// BenchmarkScriptNavigation repeats the sequence that raced (sign out by script,
// open the sign-in page, sign in by script) in one browser; any failure fails it.
//
//	go test ./internal/browser -run '^$' -bench ScriptNavigation -benchtime 200x
func BenchmarkScriptNavigation(b *testing.B) {
	rs := newRealSite(b)
	s := session(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := rs.signIn(ctx, s); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		rctx, rcancel := context.WithTimeout(ctx, 20*time.Second)
		err := rs.signOutAndIn(rctx, s)
		rcancel()
		if err != nil {
			b.Fatalf("round %d of %d: %v", i+1, b.N, err)
		}
	}
}

// TestShadowDOM: every locator kind, text waits, reading, on-screen labels,
// masks and saved HTML see into open and closed shadow roots, nested.
func TestShadowDOM(t *testing.T) {
	_, s := signedInSession(t)
	ctx := func() context.Context { return step(t, 5*time.Second) }
	must(t, s.Hover(ctx(), Locator{Name: "Open user menu"}))
	must(t, s.Click(ctx(), Locator{Name: "Open user menu"}))
	labels, err := s.OnScreen(ctx(), 40)
	must(t, err)
	must(t, s.WaitText(ctx(), "Keep this safe", true)) // in a closed shadow root
	for _, want := range []string{"My Profile", "Sign out", "Reveal"} {
		if !contains(labels, want) {
			t.Errorf("on screen = %q, want %q (inside a shadow root)", labels, want)
		}
	}
	must(t, s.WaitElement(ctx(), Locator{Text: "My Profile", Role: "menuitem"}, true))
	must(t, s.WaitElement(ctx(), Locator{CSS: "#menu menu-item"}, true))
	must(t, s.Fill(ctx(), Locator{Label: "Nickname"}, "Tee", false))
	got, err := s.Text(ctx(), Locator{Label: "Nickname"}, false)
	must(t, err)
	if got != "Tee" {
		t.Errorf("nickname = %q, want Tee", got)
	}
	must(t, s.Click(ctx(), Locator{Text: "Reveal"})) // in a closed shadow root
	must(t, s.WaitText(ctx(), "Revealed", true))
	must(t, s.Click(ctx(), Locator{Name: "Open user menu"}))
	must(t, s.WaitElement(ctx(), Locator{Text: "My Profile"}, false))

	h, err := s.HTML(ctx(), redact.Set{})
	must(t, err)
	for _, want := range []string{`<template shadowrootmode="open">`, "Keep this safe", "Open user menu"} {
		if !strings.Contains(h, want) {
			t.Errorf("saved HTML lacks %q", want)
		}
	}
}

// TestSameOriginFrame: a settings panel in an iframe created when a nav item is
// clicked: click, within by the frame's title, scan a QR image served only with
// the session cookie, type a code refused with 422 then accepted, masks.
func TestSameOriginFrame(t *testing.T) {
	rs, s := signedInSession(t)
	ctx := func() context.Context { return step(t, 5*time.Second) }
	must(t, s.Click(ctx(), Locator{Text: "Security", Role: "button"}))
	must(t, s.Select(ctx(), Locator{Label: "Method"}, "Text message"))
	must(t, s.Select(ctx(), Locator{Label: "Method"}, "Authenticator app"))
	must(t, s.SetChecked(ctx(), Locator{Label: "Trust this device"}, true))
	must(t, s.Click(ctx(), Locator{Text: "Enable", Within: "Security settings"}))
	key, err := s.Text(ctx(), Locator{CSS: "#key"}, true)
	must(t, err)
	if key != rs.key.Secret.Base32() {
		t.Fatalf("key shown in the frame differs from the site's")
	}
	code, err := s.QR(ctx(), nil)
	must(t, err)
	if code.Text != rs.key.URI() {
		t.Fatalf("QR = %q (from %s), want the panel's key", code.Text, code.Source)
	}
	must(t, s.TypeCode(ctx(), nil, "000000", false))
	must(t, s.Click(ctx(), Locator{Text: "Verify"}))
	must(t, s.WaitText(ctx(), "That code is wrong", true))
	must(t, s.TypeCode(ctx(), nil, rs.key.Code(time.Now()), false))
	must(t, s.Press(ctx(), "Enter", &Locator{Label: "Code"}))
	must(t, s.WaitText(ctx(), "Two-factor authentication is on", true))
	labels, err := s.OnScreen(ctx(), 40)
	must(t, err)
	if !contains(labels, "Two-factor authentication") {
		t.Errorf("on screen = %q, want the frame's heading", labels)
	}
	h, err := s.HTML(ctx(), redact.Set{})
	must(t, err)
	if !strings.Contains(h, "srcdoc=") || strings.Contains(h, rs.key.Secret.Base32()) {
		t.Errorf("saved HTML: want the frame's document as srcdoc, without the key it showed")
	}
}

// TestCrossOriginFrame: a partner widget of another site, in its own process
// (an iframe target), created when a button is clicked: fill, click within the
// frame's title, wait for its text, its labels on screen and in the saved HTML.
func TestCrossOriginFrame(t *testing.T) {
	_, s := signedInSession(t)
	ctx := func() context.Context { return step(t, 5*time.Second) }
	must(t, s.Click(ctx(), Locator{Text: "Partner apps"}))
	must(t, s.Fill(ctx(), Locator{Label: "Partner token"}, "abc", false))
	must(t, s.Click(ctx(), Locator{Text: "Connect", Within: "Partner widget"}))
	must(t, s.WaitText(ctx(), "Connected as abc", true))
	if n := len(s.remoteFrames(ctx())); n != 1 {
		t.Fatalf("%d frame targets, want the widget's own (site isolation off?)", n)
	}
	labels, err := s.OnScreen(ctx(), 40)
	must(t, err)
	if !contains(labels, "Partner connection") {
		t.Errorf("on screen = %q, want the frame's heading", labels)
	}
	h, err := s.HTML(ctx(), redact.Set{})
	must(t, err)
	if !strings.Contains(h, "Connected as abc") {
		t.Errorf("saved HTML lacks the frame's content")
	}
	must(t, s.WaitElement(ctx(), Locator{Text: "Connect"}, true))
	must(t, s.WaitElement(ctx(), Locator{Text: "Disconnect"}, false))
}

// TestClickAfterScriptNavigation: the action after a click that navigates only
// when its request is answered (sign-in by fetch, then location.href) acts on
// the page the click led to, not on the one it left, though the old page has a
// match too ("Security and privacy" in its footer).
func TestClickAfterScriptNavigation(t *testing.T) {
	rs := newRealSite(t)
	s := session(t)
	ctx := func() context.Context { return step(t, 10*time.Second) }
	for i := range 3 {
		must(t, s.Navigate(ctx(), rs.URL+"/"))
		must(t, s.Fill(ctx(), Locator{Label: "Email"}, "tester@example.com", false))
		must(t, s.Fill(ctx(), Locator{Label: "Password"}, realPassword, true))
		must(t, s.Click(ctx(), Locator{Text: "Sign in", Role: "button"}))
		must(t, s.Click(ctx(), Locator{Text: "Security"}))
		if err := s.WaitElement(ctx(), Locator{Text: "Enable"}, true); err != nil {
			u, _ := s.URL(ctx())
			t.Fatalf("round %d: the click after signing in did not open the security panel (now on %s): %v", i+1, u, err)
		}
		must(t, s.Click(ctx(), Locator{Name: "Open user menu"}))
		must(t, s.Click(ctx(), Locator{Text: "Sign out"}))
	}
}

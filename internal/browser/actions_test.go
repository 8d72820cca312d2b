package browser

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// actionsPage serves testdata/actions.html and a form target.
func actionsPage(t testing.TB) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile("testdata/actions.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/next", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<h1>The next page</h1>"))
	})
	mux.HandleFunc("/submitted", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<h1>Results for " + r.URL.Query().Get("q") + "</h1>"))
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// open opens the actions page in a fresh session.
func open(t *testing.T) *Session {
	t.Helper()
	s := session(t)
	if err := s.Navigate(step(t, 10*time.Second), actionsPage(t).URL); err != nil {
		t.Fatal(err)
	}
	return s
}

// said reads what the page's handlers logged.
func said(t *testing.T, s *Session) string {
	t.Helper()
	text, err := s.Text(step(t, 5*time.Second), Locator{CSS: "#log"}, false)
	if err != nil {
		// An empty <p> has no box: nothing was said yet.
		return ""
	}
	return text
}

func TestClickLocators(t *testing.T) {
	s := open(t)
	tests := []struct {
		name string
		loc  Locator
		want string
	}{
		{"text contains prefers exact", Locator{Text: "enable"}, "enable;"},
		{"text exact", Locator{Text: "Enable two-factor authentication", Exact: true}, "enable-2fa;"},
		{"first of equal matches in DOM order", Locator{Text: "Save"}, "save-profile;"},
		{"within a section by heading", Locator{Text: "Save", Within: "Security"}, "save-security;"},
		{"within by aria-label", Locator{Text: "Save", Within: "Profile"}, "save-profile;"},
		{"role tab", Locator{Text: "Devices", Role: "tab"}, "tab-devices;"},
		{"icon button by aria-label", Locator{Name: "Account"}, "icon-account;"},
		{"icon button by title", Locator{Name: "account menu", Role: "button"}, "icon-account;"},
		{"css", Locator{CSS: "#save-security"}, "save-security;"},
		{"below the fold", Locator{Text: "Set up", Within: "Two-factor"}, "below-fold;"},
		{"confirm dialog accepted", Locator{Text: "Confirm me"}, "confirmed-true;"},
		{"within a dialog", Locator{Text: "Disable", Within: "Confirm disable"}, "disable-dialog;"},
		{"role dialog narrows to the dialog", Locator{Text: "Confirm disable", Role: "dialog"}, ""},
	}
	for _, tt := range tests {
		// Sequential: one page, one tab.
		t.Run(tt.name, func(t *testing.T) {
			clearLog(t, s)
			if err := s.Click(step(t, 5*time.Second), tt.loc); err != nil {
				t.Fatal(err)
			}
			if got := said(t, s); got != tt.want {
				t.Errorf("log = %q, want %q", got, tt.want)
			}
		})
	}
}

func clearLog(t *testing.T, s *Session) {
	t.Helper()
	if err := s.evalVoid(step(t, 5*time.Second), `document.getElementById('log').textContent = ''`); err != nil {
		t.Fatal(err)
	}
}

func TestClickErrors(t *testing.T) {
	s := open(t)
	tests := []struct {
		name     string
		loc      Locator
		is       error
		contains string
	}{
		{"missing", Locator{Text: "Launch rockets"}, ErrNoMatch, `click: no visible button or link with text "Launch rockets"`},
		{"disabled", Locator{Text: "Delete account"}, ErrDisabled, `button or link with text "Delete account" is disabled`},
		{"hidden", Locator{Text: "Hidden link"}, ErrNoMatch, "1 hidden match"},
		{"screen-reader only", Locator{Text: "Secret helper"}, ErrNoMatch, "no visible"},
		{"field", Locator{Label: "Nope"}, ErrNoMatch, `no visible field labelled "Nope"`},
		{"within nothing", Locator{Text: "Save", Within: "Billing"}, ErrNoMatch, `nothing on the page is called "Billing"`},
		{"bad css", Locator{CSS: "##"}, ErrBadLocator, "bad locator"},
		{"two ways", Locator{Text: "a", CSS: "b"}, ErrBadLocator, "exactly one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Click(step(t, 400*time.Millisecond), tt.loc)
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("err = %q, want it to contain %q", err, tt.contains)
			}
			var le *LookupError
			if errors.As(err, &le) {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want it to wrap the deadline", err)
				}
				if !contains(le.OnScreen, "Enable two-factor authentication") || !contains(le.OnScreen, "Account settings") {
					t.Errorf("on screen = %q, want the page's buttons and headings", le.OnScreen)
				}
			}
		})
	}
}

func TestClickCovered(t *testing.T) {
	s := open(t)
	if err := s.evalVoid(step(t, 5*time.Second), `document.getElementById('overlay').style.display = 'block'`); err != nil {
		t.Fatal(err)
	}
	err := s.Click(step(t, 300*time.Millisecond), Locator{CSS: "#covered"})
	if !errors.Is(err, ErrCovered) || !strings.Contains(err.Error(), `<div id="overlay">`) {
		t.Fatalf("err = %v, want covered by the overlay", err)
	}
	// The overlay goes away when clicked (as a user would dismiss it).
	if err := s.evalVoid(step(t, 5*time.Second), `setTimeout(() => document.getElementById('overlay').style.display = 'none', 200)`); err != nil {
		t.Fatal(err)
	}
	if err := s.Click(step(t, 5*time.Second), Locator{CSS: "#covered"}); err != nil {
		t.Fatal(err)
	}
	if got := said(t, s); got != "covered;" {
		t.Errorf("log = %q", got)
	}
}

func TestHoverMenu(t *testing.T) {
	s := open(t)
	// Closed menu: its item is not visible.
	if err := s.Click(step(t, 300*time.Millisecond), Locator{Text: "Settings", Role: "link"}); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("click before hover: %v, want ErrNoMatch", err)
	}
	if err := s.Hover(step(t, 5*time.Second), Locator{Text: "Account", Within: "Main"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Click(step(t, 5*time.Second), Locator{Text: "Settings", Role: "link"}); err != nil {
		t.Fatal(err)
	}
	if got := said(t, s); got != "menu-settings;" {
		t.Errorf("log = %q", got)
	}
}

func TestFill(t *testing.T) {
	s := open(t)
	tests := []struct {
		name string
		loc  Locator
		css  string
	}{
		{"label for", Locator{Label: "Email address"}, "#email"},
		{"wrapping label replaces old value", Locator{Label: "Display name"}, "#display"},
		{"aria-labelledby", Locator{Label: "Nickname"}, "#nick"},
		{"aria-label", Locator{Label: "Phone number"}, "#phone"},
		{"loose label", Locator{Label: "Sloppy code"}, "#sloppy"},
		{"placeholder", Locator{Placeholder: "you@example"}, "#email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value := "v-" + strings.ReplaceAll(tt.name, " ", "-")
			if err := s.Fill(step(t, 5*time.Second), tt.loc, value, false); err != nil {
				t.Fatal(err)
			}
			got, err := s.Text(step(t, 5*time.Second), Locator{CSS: tt.css}, false)
			if err != nil || got != value {
				t.Errorf("value = %q, %v; want %q", got, err, value)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	s := open(t)
	tests := []struct {
		name   string
		loc    Locator
		option string
		want   string
	}{
		{"native select", Locator{Label: "Method"}, "Authenticator app", "select-app;"},
		{"native select contains", Locator{Label: "Method"}, "text", "select-sms;"},
		{"radio by label in fieldset", Locator{CSS: "fieldset"}, "Post", "radio-post;"},
		{"option card in radiogroup", Locator{Name: "Plan"}, "Pro", "card-pro;"},
		{"custom drop-down opened first", Locator{Name: "Country"}, "Netherlands", "opt-nl;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearLog(t, s)
			if err := s.Select(step(t, 5*time.Second), tt.loc, tt.option); err != nil {
				t.Fatal(err)
			}
			if got := said(t, s); got != tt.want {
				t.Errorf("log = %q, want %q", got, tt.want)
			}
		})
	}
	err := s.Select(step(t, 300*time.Millisecond), Locator{Label: "Method"}, "Carrier pigeon")
	if !errors.Is(err, ErrNoMatch) || !strings.Contains(err.Error(), `"Text message"`) {
		t.Errorf("missing option: %v, want ErrNoMatch listing the options", err)
	}
}

func TestSetChecked(t *testing.T) {
	s := open(t)
	tests := []struct {
		name string
		loc  Locator
		on   bool
		want string
	}{
		{"checkbox by label", Locator{Label: "Remember this device"}, true, "remember-true;"},
		{"already on: nothing to do", Locator{Label: "Remember this device"}, true, ""},
		{"off again", Locator{Label: "remember this device"}, false, "remember-false;"},
		{"hidden custom checkbox via its label", Locator{Label: "I accept the terms"}, true, "terms-true;"},
		{"switch by name", Locator{Name: "Notifications", Role: "checkbox"}, true, "switch;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearLog(t, s)
			if err := s.SetChecked(step(t, 5*time.Second), tt.loc, tt.on); err != nil {
				t.Fatal(err)
			}
			if got := said(t, s); got != tt.want {
				t.Errorf("log = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPressSubmitsForm(t *testing.T) {
	s := open(t)
	if err := s.Fill(step(t, 5*time.Second), Locator{Label: "Search"}, "otp", false); err != nil {
		t.Fatal(err)
	}
	if err := s.Press(step(t, 5*time.Second), "Enter", &Locator{Label: "Search"}); err != nil {
		t.Fatal(err)
	}
	// Press waited for the new page: no wait needed before reading it.
	u, err := s.URL(step(t, 5*time.Second))
	if err != nil || !strings.Contains(u, "/submitted?q=otp") {
		t.Fatalf("url = %q, %v", u, err)
	}
	if err := s.WaitText(step(t, 5*time.Second), "results for OTP", true); err != nil {
		t.Error(err)
	}
	if err := s.Press(step(t, 5*time.Second), "Hyperspace", nil); err == nil {
		t.Error("unknown key: no error")
	}
}

func TestWaits(t *testing.T) {
	s := open(t)
	ctx := step(t, 5*time.Second)
	if err := s.WaitText(ctx, "  PLAIN   words ", true); err != nil {
		t.Error(err)
	}
	if err := s.WaitElement(step(t, 5*time.Second), Locator{Text: "Appears late"}, true); err != nil {
		t.Error(err)
	}
	if err := s.evalVoid(step(t, 5*time.Second), `setTimeout(() => document.querySelector('[role=tab]').remove(), 200)`); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitElement(step(t, 5*time.Second), Locator{Text: "Devices"}, false); err != nil {
		t.Error(err)
	}
	if err := s.WaitText(step(t, 5*time.Second), "Devices", false); err != nil {
		t.Error(err)
	}
	err := s.WaitText(step(t, 300*time.Millisecond), "Welcome back", true)
	if !errors.Is(err, ErrNoMatch) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), `"Welcome back"`) {
		t.Errorf("absent text: %v", err)
	}
	err = s.WaitText(step(t, 300*time.Millisecond), "Account settings", false)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "still on the page") {
		t.Errorf("text that stays: %v", err)
	}
	if err := s.Click(step(t, 5*time.Second), Locator{Text: "Home", Role: "link"}); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitURL(step(t, 5*time.Second), "#home"); err != nil {
		t.Error(err)
	}
	if err := s.WaitURL(step(t, 200*time.Millisecond), "/elsewhere"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("wrong url: %v", err)
	}
}

func TestTextAndOnScreen(t *testing.T) {
	s := open(t)
	got, err := s.Text(step(t, 5*time.Second), Locator{Text: "Two-factor", Role: "heading"}, false)
	if err != nil || got != "Two-factor authentication" {
		t.Errorf("text = %q, %v", got, err)
	}
	if err := s.Fill(step(t, 5*time.Second), Locator{Label: "Phone"}, "+31 6 1234", true); err != nil {
		t.Fatal(err)
	}
	labels, err := s.OnScreen(step(t, 5*time.Second), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Account settings", "Home", "Enable", "Email address", "Devices", "Account"} {
		if !contains(labels, want) {
			t.Errorf("on screen %q lacks %q", labels, want)
		}
	}
	for _, bad := range []string{"Old name", "+31 6 1234", "Settings", "Hidden link", "Secret helper"} {
		if contains(labels, bad) {
			t.Errorf("on screen %q has %q", labels, bad)
		}
	}
	if !contains(s.Console(), "said") && len(s.Console()) == 0 {
		t.Log("console empty")
	}
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

func TestClickLateContent(t *testing.T) {
	s := open(t) // the button appears 400 ms after the load
	must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Appears late"}))
	if got := said(t, s); got != "late;" {
		t.Errorf("log = %q", got)
	}
}

// TestClickWaitsForNavigation checks that a click that opens another page
// returns once that page has loaded.
func TestClickWaitsForNavigation(t *testing.T) {
	s := open(t)
	must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Next page"}))
	u, err := s.URL(step(t, 5*time.Second))
	if err != nil || !strings.HasSuffix(u, "/next") {
		t.Fatalf("url right after the click = %q, %v", u, err)
	}
	has, err := call[bool](tabCtx(t, s), s, "hasText", "the next page")
	if err != nil || !has {
		t.Errorf("the new page is not there right after the click: %v, %v", has, err)
	}
}

func tabCtx(t *testing.T, s *Session) context.Context {
	t.Helper()
	ctx, cancel := s.step(step(t, 5*time.Second))
	t.Cleanup(cancel)
	return ctx
}

// TestStrayClickIsSwallowed checks the guard: a click meant for one
// element that would land on another never reaches the page.
func TestStrayClickIsSwallowed(t *testing.T) {
	s := open(t)
	other, err := call[found](tabCtx(t, s), s, "find", jsOf(Locator{CSS: "#save-profile"}), findOpts{Action: true})
	must(t, err)
	target, err := call[found](tabCtx(t, s), s, "find", jsOf(Locator{Text: "Enable"}), findOpts{Action: true, Guard: true})
	must(t, err)
	hit, err := s.clickFound(tabCtx(t, s), found{ActID: target.ActID, X: other.X, Y: other.Y})
	must(t, err)
	if hit {
		t.Error("a click on another element counted as a hit")
	}
	if got := said(t, s); got != "" {
		t.Errorf("the stray click reached the page: %q", got)
	}
	target, err = call[found](tabCtx(t, s), s, "find", jsOf(Locator{Text: "Enable"}), findOpts{Action: true, Guard: true})
	must(t, err)
	hit, err = s.clickFound(tabCtx(t, s), target)
	if err != nil || !hit {
		t.Fatalf("click on the target: %v, %v", hit, err)
	}
	if got := said(t, s); got != "enable;" {
		t.Errorf("log = %q", got)
	}
}

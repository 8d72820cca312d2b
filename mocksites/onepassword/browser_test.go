package onepassword_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/onepassword"
)

// openBrowser returns an isolated Chromium session, or skips (fails under CI) when no
// Chromium is available.
func openBrowser(t *testing.T) *browser.Session {
	t.Helper()
	browsertest.Chrome(t)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := browser.Launch(ctx, browser.Options{})
	if err != nil {
		cancel()
		t.Fatalf("launch: %v", err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("close browser: %v", err)
		}
		cancel()
	})
	sctx, done := context.WithTimeout(ctx, 10*time.Second)
	defer done()
	s, err := b.NewSession(sctx)
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// signInBrowser signs the seeded account in on r's site in s, as guide step 1 does,
// and waits for the signed-in page (client-side pages load it by script after the
// answer, so the click alone does not wait for it; the flow waits the same way). It
// returns the test's context and a check that ends the test on an error.
func signInBrowser(t *testing.T, s *browser.Session, r *run) (context.Context, func(string, error)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	a := onepassword.Site.Account
	must("open", s.Navigate(ctx, r.URL+onepassword.PathSignIn))
	must("email", s.Fill(ctx, browser.Locator{Label: "Email"}, a.Email, false))
	must("password", s.Fill(ctx, browser.Locator{Label: "Password"}, a.Password.Reveal(), true))
	must("sign in", s.Click(ctx, browser.Locator{Text: "Sign In", Role: "button"}))
	must("signed in", s.WaitText(ctx, "All Items", true))
	return ctx, must
}

// TestBoxesScript drives the six boxes' script in Chromium with real key events: the
// focus moves on after a digit, Backspace in an empty box clears the one before and
// goes back, a letter is dropped, and an entry with a missing digit reaches the server
// (no browser validation stops it) and is refused with its message.
func TestBoxesScript(t *testing.T) {
	s := openBrowser(t)
	r := start(t)
	ctx, must := signInBrowser(t, s, r)
	must("account icon", s.Click(ctx, browser.Locator{Name: "Account"}))
	must("my profile", s.Click(ctx, browser.Locator{Text: "My Profile", Role: "menuitem"}))
	must("more options", s.Click(ctx, browser.Locator{Text: "More Options"}))
	must("manage", s.Click(ctx, browser.Locator{Text: "Manage Two-Factor Authentication"}))
	must("set up app", s.Click(ctx, browser.Locator{Text: "Set Up App"}))
	must("next", s.Click(ctx, browser.Locator{Text: "Next"}))

	box := func(n int) *browser.Locator {
		return &browser.Locator{Label: "Digit " + string(rune('0'+n)) + " of 6", Exact: true}
	}
	for _, k := range []struct {
		key string
		in  *browser.Locator
	}{
		{"4", box(1)},      // focus moves to box 2
		{"2", nil},         // box 2, focus to box 3
		{"Backspace", nil}, // box 3 is empty: clear box 2 and go back
		{"7", nil},         // box 2 again
		{"x", nil},         // dropped, focus stays on box 3
		{"9", box(4)},
		{"1", nil}, {"5", nil}, // boxes 5 and 6
	} {
		must("press "+k.key, s.Press(ctx, k.key, k.in))
	}
	for n, want := range []string{"4", "7", "", "9", "1", "5"} {
		got, err := s.Text(ctx, *box(n + 1), false)
		must("read box", err)
		if got != want {
			t.Fatalf("box %d holds %q, want %q", n+1, got, want)
		}
	}
	must("confirm", s.Click(ctx, browser.Locator{Text: "Confirm", Role: "button"}))
	must("message", s.WaitText(ctx, "digit 3 of 6 is missing.", true))
}

// TestAccountMenu drives the account menu in Chromium as guide step 2 does, by the
// icon's name and the item's text, then signs out from it: in the page and in
// <op-account-menu>'s open shadow root, with whole pages and client-side.
func TestAccountMenu(t *testing.T) {
	s := openBrowser(t)
	for _, o := range []onepassword.Options{{}, {ShadowMenu: true}, {ClientSide: true}, {ClientSide: true, ShadowMenu: true}} {
		t.Run(fmt.Sprintf("client-side=%t,shadow=%t", o.ClientSide, o.ShadowMenu), func(t *testing.T) {
			ctx, must := signInBrowser(t, s, startWith(t, o))
			must("account icon", s.Click(ctx, browser.Locator{Name: "Account"}))
			must("my profile", s.Click(ctx, browser.Locator{Text: "My Profile", Role: "menuitem"}))
			must("profile page", s.WaitElement(ctx, browser.Locator{Text: "More Options", Role: "button"}, true))
			must("account icon", s.Click(ctx, browser.Locator{Name: "Account"}))
			must("sign out", s.Click(ctx, browser.Locator{Text: "Sign Out", Role: "menuitem"}))
			must("signed out", s.WaitText(ctx, "Log in to your 1Password Account", true))
		})
	}
}

package onepassword_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/onepassword"
)

// openTab returns a chromedp tab of a Chromium of its own, for tests that look at the
// page script's work from inside the page (history, the document's identity), which
// the flow actions of package browser do not show; or skips (fails under CI) when no
// Chromium is available.
func openTab(t *testing.T) context.Context {
	t.Helper()
	path := browsertest.Chrome(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1280, 960))
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); acancel() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser: no deadline here
		t.Fatalf("start chromium: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(tcancel)
	return tctx
}

// TestSinglePageApp drives the page script in Chromium: after the first page, links and
// buttons change the page without loading a new document (a value set on window
// survives) and push history entries that back and forward show again; a deep link
// loads whole; a wrong code is shown on the page it was typed on, the boxes cleared;
// sign-in and sign-out load the next page by script. The account menu is in an open
// shadow root (Options.ShadowMenu), out of reach of the document's CSS selectors.
func TestSinglePageApp(t *testing.T) {
	r := startWith(t, onepassword.Options{ClientSide: true, ShadowMenu: true})
	ctx := openTab(t)
	a := onepassword.Site.Account
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// at waits until the page shows path and a heading h.
	at := func(path, h string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.pathname + location.search === `+jsString(path)+
			` && [...document.querySelectorAll("h1")].some(e => e.textContent === `+jsString(h)+`)`))
		must("at "+path, err)
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		must(js, err)
		return v
	}
	// loads runs act and waits for the next document's load event.
	loads := func(what string, act chromedp.Action[chromedp.Void]) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, act))
		must(what, err)
	}
	click := func(sel string) { t.Helper(); must("click "+sel, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel)))) }
	inMenu := func(sel string) chromedp.JSPath { // an element of the account menu's shadow root
		return chromedp.JSPath(`document.querySelector("op-account-menu").shadowRoot.querySelector(` + jsString(sel) + `)`)
	}
	accountMenu := func(item string) { // the account icon, then an item of its menu
		t.Helper()
		must("account icon", chromedp.Do(ctx, chromedp.Click(inMenu("#account-button"))))
		must("menu item", chromedp.Do(ctx, chromedp.Click(inMenu("#account-menu "+item))))
	}

	must("open", chromedp.Do(ctx, chromedp.Navigate(r.URL+onepassword.PathSignIn)))
	must("email", chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("email"), a.Email)))
	must("password", chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("password"), "not-the-password")))
	click("form[data-fetch] [type=submit]")
	must("refused", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-error]`))))
	if eval(`document.querySelector("[data-error]").textContent`) != "The email, Secret Key or password you entered is incorrect. Check them and try again." ||
		eval(`document.getElementById("email").value`) != a.Email {
		t.Fatal("the refused sign-in's message, or the email typed, is not on the page")
	}
	eval(`document.getElementById("password").value = ""`)
	must("password", chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("password"), a.Password.Reveal())))
	loads("sign in", chromedp.Click(chromedp.CSS("form[data-fetch] [type=submit]")))
	at(onepassword.PathHome, "All Items")

	if eval(`document.getElementById("account-button") === null && document.querySelector("op-account-menu").shadowRoot.getElementById("account-button").getAttribute("aria-label")`) != "Account" {
		t.Fatal("the account icon is not in the menu's open shadow root")
	}
	eval(`window.sameDocument = true, history.length`)
	entries := eval(`history.length`).(float64)
	accountMenu(`a[href='/profile']`)
	at(onepassword.PathProfile, "My Profile")
	click("[data-toggle]")
	click(`a[href="/profile/two-factor"]`)
	at(onepassword.PathTwoFactor, "Two-Factor Authentication")
	click("form[data-fetch] [type=submit]") // Set Up App
	at(onepassword.PathSetup, "Set up your authenticator app")
	must("qr", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#tfa-qr svg"))))
	if eval(`window.sameDocument === true && document.title`) != "Set Up App | 1Password" || eval(`history.length`).(float64) != entries+3 {
		t.Fatalf("in-app navigation loaded a document or pushed no history entries: history.length %v", eval(`history.length`))
	}
	if eval(`document.querySelector("[data-nav=home]").classList.contains("active")`) != false {
		t.Fatal("the sidebar still marks All Items")
	}

	must("back", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`history.back()`)))
	at(onepassword.PathTwoFactor, "Two-Factor Authentication")
	must("back", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`history.back()`)))
	at(onepassword.PathProfile, "My Profile")
	must("forward", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`history.forward()`)))
	at(onepassword.PathTwoFactor, "Two-Factor Authentication")
	if eval(`window.sameDocument`) != true {
		t.Fatal("back or forward loaded a document")
	}

	// A deep link loads whole, rendered on the server, and the script takes over.
	must("deep link", chromedp.Do(ctx, chromedp.Navigate(r.URL+onepassword.PathSetupCode)))
	at(onepassword.PathSetupCode, "Set up your authenticator app")
	if eval(`window.sameDocument === undefined`) != true {
		t.Fatal("a deep link did not load a document")
	}
	must("code", chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`[aria-label="Digit 1 of 6"]`), "000000")))
	click("form[data-fetch] [type=submit]") // Confirm
	must("refused", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-error]`))))
	if got := eval(`document.querySelector("[data-error]").textContent + "|" + [...document.querySelectorAll(".otp-box")].map(b => b.value).join("")`); got !=
		"That code isn't correct, so two-factor authentication is still off. Enter the current 6-digit code from your authenticator app.|" {
		t.Fatalf("after a wrong code: %v", got)
	}
	at(onepassword.PathSetupCode, "Set up your authenticator app")

	must("account icon", chromedp.Do(ctx, chromedp.Click(inMenu("#account-button"))))
	loads("sign out", chromedp.Click(inMenu("#account-menu [data-signout]")))
	at(onepassword.PathSignIn, "Log in to your 1Password Account")
}

// jsString quotes s as a JavaScript string literal (s has no double quotes or
// backslashes).
func jsString(s string) string { return `"` + s + `"` }

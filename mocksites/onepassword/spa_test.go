package onepassword_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/onepassword"
)

// startClientSide serves the 1Password mock with Options.ClientSide (startWith).
func startClientSide(t *testing.T) *run {
	t.Helper()
	return startWith(t, onepassword.Options{ClientSide: true})
}

// startWith serves the 1Password mock with the site's options o and the named
// defects, its clock at kittest.T0 and the control surface on, until the test ends.
func startWith(t *testing.T, o onepassword.Options, defects ...string) *run {
	t.Helper()
	clock := kit.NewFixedClock(kittest.T0)
	h, err := onepassword.NewSite(kit.Options{Clock: clock, Control: true, Defects: defects}, o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &run{&kittest.Run{URL: srv.URL, Clock: clock}}
}

// signInByScript follows guide step 1 as the client-side page does: the form to the
// API, then the page its answer leads to.
func (r *run) signInByScript(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/").MustContain(t, `<form method="post" action="/api/signin" class="stack" data-fetch="load">`, `value="`+onepassword.SecretKey.Reveal()+`"`)
	a := onepassword.Site.Account
	return follow(t, c, press(t, c, "Sign In", kittest.Form("email", a.Email, "secret_key", onepassword.SecretKey.Reveal(), "password", a.Password.Reveal())))
}

// answer is what a call of the mock's JSON API answered: the status and the JSON.
type answer struct {
	Status int    `json:"-"`
	Next   string `json:"next"`
	Error  string `json:"error"`
}

var csrfMetaRe = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// csrfOf returns the CSRF token a page gives its script.
func csrfOf(t *testing.T, p *kittest.Page) string {
	t.Helper()
	m := csrfMetaRe.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("page %s has no csrf-token meta tag", p.Path)
	}
	return html.UnescapeString(m[1])
}

// call sends form to an API path as the page script does: by fetch, with the page's
// CSRF token unless form has one. The page stays the client's last page, as a fetch
// leaves the page where it is.
func call(t *testing.T, c *kittest.Client, path string, form url.Values) answer {
	t.Helper()
	page := c.Last
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", csrfOf(t, page))
	}
	p := c.PostRaw(path, form)
	c.Last = page
	var a answer
	if err := json.Unmarshal([]byte(p.Body), &a); err != nil {
		t.Fatalf("POST %s: status %d, not JSON: %v\n%s", path, p.Status, err, p.Body)
	}
	a.Status = p.Status
	return a
}

// press submits the last page's form whose submit button reads label, as the page
// script does when it is clicked.
func press(t *testing.T, c *kittest.Client, label string, form url.Values) answer {
	t.Helper()
	return call(t, c, c.Last.FormAction(t, label), form)
}

// follow loads the page a successful answer leads to, as the script does.
func follow(t *testing.T, c *kittest.Client, a answer) *kittest.Page {
	t.Helper()
	if a.Next == "" || (a.Status != http.StatusOK && a.Error == "") {
		t.Fatalf("answer leads nowhere: status %d, next %q, error %q", a.Status, a.Next, a.Error)
	}
	return c.Get(a.Next)
}

// refused checks that a is a refusal with status and a message containing msg.
func refused(t *testing.T, a answer, status int, msg string) answer {
	t.Helper()
	if a.Status != status || !strings.Contains(a.Error, msg) {
		t.Fatalf("answer: status %d, error %q; want %d with %q", a.Status, a.Error, status, msg)
	}
	if strings.Contains(a.Error, "Your account is safeguarded") {
		t.Fatal("a refusal says 2FA is on")
	}
	return a
}

// signOut is the menu's "Sign Out": the API call, then the start page.
func signOut(t *testing.T, c *kittest.Client) {
	t.Helper()
	if a := call(t, c, onepassword.PathAPISignOut, nil); a.Status != http.StatusOK {
		t.Fatalf("sign out: status %d", a.Status)
	}
	c.Get("/").MustContain(t, "Log in to your 1Password Account")
}

// fragment is a page as the script fetches it.
type fragment struct {
	Status int
	Vary   string
	Path   string `json:"path"`
	Title  string `json:"title"`
	Shell  string `json:"shell"`
	Nav    string `json:"nav"`
	Main   string `json:"main"`
}

// fetchPage gets path as the page script's router does (Accept: application/json),
// following redirects.
func fetchPage(t *testing.T, c *kittest.Client, path string) fragment {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.Base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var f fragment
	if err := json.NewDecoder(resp.Body).Decode(&f); err != nil {
		t.Fatalf("GET %s as a fragment: status %d: %v", path, resp.StatusCode, err)
	}
	f.Status, f.Vary = resp.StatusCode, resp.Header.Get("Vary")
	return f
}

// TestAPI follows the guide through the client-side pages' API, with each refusal it
// answers on the way: the status, the message the page shows, and where the page goes.
func TestAPI(t *testing.T) {
	t.Parallel()
	r := startClientSide(t)
	c := kittest.NewClient(t, r.URL)
	c.Get(onepassword.PathSignIn)
	acct := onepassword.Site.Account
	a := refused(t, press(t, c, "Sign In", kittest.Form("email", acct.Email, "secret_key", onepassword.SecretKey.Reveal(), "password", "wrong-password")),
		http.StatusUnauthorized, "The email, Secret Key or password you entered is incorrect.")
	if a.Next != "" || strings.Contains(a.Error, "wrong-password") {
		t.Fatalf("refused sign-in: %+v", a)
	}
	r.signInByScript(t, c).MustContain(t, "<h1>All Items</h1>", `data-spa>`, `data-signout>Sign Out</button>`)
	toTwoFactor(t, c).MustContain(t, `<form method="post" action="/api/two-factor/setup" data-fetch="route">`)
	a = press(t, c, "Set Up App", nil)
	if a.Status != http.StatusOK || a.Next != onepassword.PathSetup {
		t.Fatalf("Set Up App: %+v", a)
	}
	k := keyOf(t, follow(t, c, a))
	p := next(t, c)
	code := k.Code(r.Clock.Now())
	incomplete := boxes(code)
	incomplete.Del("digit4")
	refused(t, press(t, c, "Confirm", incomplete), http.StatusUnprocessableEntity, "Enter all 6 digits of the code: digit 4 of 6 is missing.")
	refused(t, press(t, c, "Confirm", boxes(kittest.WrongCode(code))), http.StatusUnprocessableEntity,
		"That code isn't correct, so two-factor authentication is still off.")
	if c.Last != p {
		t.Fatal("a refused call changed the page")
	}
	a = press(t, c, "Confirm", boxes(code))
	if a.Status != http.StatusOK || a.Next != onepassword.PathTwoFactor+"?msg=enabled" {
		t.Fatalf("Confirm: %+v", a)
	}
	follow(t, c, a).MustContain(t, safeguarded)
	// The attempt is over: Confirm again is a conflict that leads back to the start.
	a = refused(t, call(t, c, onepassword.PathAPIConfirm, boxes(code)), http.StatusConflict, "There is no setup in progress.")
	if a.Next != onepassword.PathTwoFactor+"?msg=restart" {
		t.Fatalf("Confirm without an attempt leads to %q", a.Next)
	}

	signOut(t, c)
	d := kittest.NewClient(t, r.URL)
	for _, b := range []*kittest.Client{c, d} {
		if p := r.signInByScript(t, b); p.Path != onepassword.PathCode {
			t.Fatalf("sign-in with 2FA on led to %s", p.Path)
		}
	}
	c.Last.MustContain(t, `<form method="post" action="/api/signin/code" class="stack" data-fetch="load">`, `data-signout>Use a different account</button>`)
	refused(t, press(t, c, "Continue", boxes(code)), http.StatusUnauthorized, "That one-time passcode has already been used.")
	missing := boxes(code)
	missing.Del("digit6")
	refused(t, press(t, c, "Continue", missing), http.StatusUnprocessableEntity, "digit 6 of 6 is missing.")
	r.Clock.Advance(30 * time.Second)
	a = press(t, c, "Continue", boxes(k.Code(r.Clock.Now())))
	if a.Status != http.StatusOK || a.Next != onepassword.PathHome {
		t.Fatalf("a fresh code: %+v", a)
	}
	follow(t, c, a).MustContain(t, "<h1>All Items</h1>")
	// The other browser: wrong codes until throttled, all 401.
	wrong := kittest.WrongCode(k.Code(r.Clock.Now()))
	for range kit.ThrottleAfter - 1 {
		refused(t, press(t, d, "Continue", boxes(wrong)), http.StatusUnauthorized, "That one-time passcode isn't correct.")
	}
	refused(t, press(t, d, "Continue", boxes(wrong)), http.StatusUnauthorized, "Too many incorrect one-time passcodes.")
}

// TestFragments checks what the router fetches: each page's <main> content with its
// title, shell and sidebar entry, the same content as the first load of the page, and
// the path after redirects.
func TestFragments(t *testing.T) {
	t.Parallel()
	r := startClientSide(t)
	c := kittest.NewClient(t, r.URL)
	r.signInByScript(t, c)
	for _, tc := range []struct {
		path, title, nav, want string
	}{
		{onepassword.PathHome, "All Items | 1Password", "home", "<h1>All Items</h1>"},
		{onepassword.PathProfile, "My Profile | 1Password", "profile", `data-toggle>More Options</button>`},
		{onepassword.PathTwoFactor, "Two-Factor Authentication | 1Password", "profile", `>Set Up App</button>`},
	} {
		f := fetchPage(t, c, tc.path)
		if f.Status != http.StatusOK || f.Path != tc.path || f.Title != tc.title || f.Shell != "app" || f.Nav != tc.nav || f.Vary != "Accept" {
			t.Fatalf("%s: %+v", tc.path, f)
		}
		if !strings.Contains(f.Main, tc.want) || strings.Contains(f.Main, "<!doctype") || strings.Contains(f.Main, `aria-label="Account"`) {
			t.Fatalf("%s: main is not the page's content:\n%s", tc.path, f.Main)
		}
		if whole := c.Get(tc.path); !strings.Contains(whole.Body, f.Main) {
			t.Fatalf("%s: the fragment differs from the first load's <main>", tc.path)
		}
	}
	// Without an attempt the QR page leads to the two-factor page and says why.
	if f := fetchPage(t, c, onepassword.PathSetup); f.Path != onepassword.PathTwoFactor+"?msg=restart" ||
		!strings.Contains(f.Main, "There is no setup in progress.") {
		t.Fatalf("setup page without an attempt: %+v", f)
	}
	// A signed-out browser gets the sign-in page, in the other shell (a whole page load).
	other := kittest.NewClient(t, r.URL)
	if f := fetchPage(t, other, onepassword.PathProfile); f.Path != onepassword.PathSignIn || f.Shell != "auth" ||
		!strings.Contains(f.Main, "Log in to your 1Password Account") {
		t.Fatalf("signed-out fragment: %+v", f)
	}
}

// TestAPIRefusals checks the API's answers to calls it must refuse: a browser that is
// not signed in, a signed-out session, a stale token.
func TestAPIRefusals(t *testing.T) {
	t.Parallel()
	r := startClientSide(t)
	c := kittest.NewClient(t, r.URL)
	c.Get(onepassword.PathSignIn) // a session with a token, not signed in
	for _, path := range []string{onepassword.PathAPISetUp, onepassword.PathAPIConfirm, onepassword.PathAPICancel} {
		a := refused(t, call(t, c, path, nil), http.StatusUnauthorized, "You are signed out.")
		if a.Next != onepassword.PathSignIn {
			t.Fatalf("%s: next %q", path, a.Next)
		}
	}
	// The passcode API without a sign-in waiting for a code leads back to the sign-in page.
	if a := call(t, c, onepassword.PathAPICode, boxes("123456")); a.Next != onepassword.PathSignIn {
		t.Fatalf("passcode without a sign-in: %+v", a)
	}
	r.signInByScript(t, c)
	page := c.Last
	signOut(t, c)
	c.Last = page // the old tab's token is no longer good
	if p := c.PostRaw(onepassword.PathAPISetUp, kittest.Form("csrf", csrfOf(t, page))); p.Status != http.StatusForbidden {
		t.Fatalf("Set Up App after sign-out: status %d", p.Status)
	}
}

// TestShadowMenu checks where the account menu is: with Options.ShadowMenu in the
// <template> that <op-account-menu> attaches as its shadow root, else in the page.
func TestShadowMenu(t *testing.T) {
	t.Parallel()
	for _, shadow := range []bool{false, true} {
		r := startWith(t, onepassword.Options{ShadowMenu: shadow})
		c := kittest.NewClient(t, r.URL)
		p := r.signIn(t, c)
		toTwoFactor(t, c) // the same labels either way
		inShadow := p.Contains(`<op-account-menu class="account"><template><link rel="stylesheet" href="/static/onepassword.css">`)
		inPage := p.Contains(`<div class="account">`)
		if inShadow != shadow || inPage == shadow {
			t.Fatalf("shadow %t: in a shadow root %t, in the page %t", shadow, inShadow, inPage)
		}
	}
}

package runner

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// actionSite is a small site for the action tests, served by httptest: a sign-in that
// sets a cookie, a page with a hover menu, a drop-down, a checkbox and a key press,
// and a two-factor setup that shows a QR code and the key as text, verifies the code
// on the server with otp.Verifier and then lists recovery codes.
type actionSite struct {
	key *otp.Key
}

func newActionSite(t *testing.T) *httptest.Server {
	t.Helper()
	k, err := otp.GenerateKey(rand.Reader, "Actions", "ada@example.test")
	if err != nil {
		t.Fatal(err)
	}
	s := &actionSite{key: k}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

func (s *actionSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page := func(title, body string) {
		fmt.Fprintf(w, "<!doctype html><title>%s</title><h1>%s</h1>%s", title, title, body)
	}
	switch r.URL.Path {
	case "/login":
		if r.Method == http.MethodPost {
			if r.FormValue("password") != "correct horse" {
				w.WriteHeader(http.StatusUnauthorized)
				page("Sign in", `<p role=alert>Wrong password</p>`)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: "s", Value: "ada", Path: "/", HttpOnly: true})
			http.Redirect(w, r, "/home", http.StatusSeeOther)
			return
		}
		page("Sign in", `<form method=post><label>Email <input name=email type=email></label>
<label>Password <input name=password type=password></label><button>Sign in</button></form>`)
	case "/home":
		if c, err := r.Cookie("s"); err != nil || c.Value != "ada" {
			page("Signed out", `<a href=/login>Sign in</a>`)
			return
		}
		page("Home", `<p>Signed in as ada</p>
<nav><span id=menu tabindex=0>Account</span><div id=sub hidden><a href=/setup onclick="return confirm('Open the security settings?')">Security</a></div></nav>
<script>menu.onmouseenter = () => sub.hidden = false</script>
<label>Device <select id=dev onchange="shown.textContent = 'Using ' + this.value"><option>iPhone<option>Android</select></label>
<label><input type=checkbox onchange="tick.textContent = this.checked ? 'Ticked' : 'Unticked'"> Remember me</label>
<label>Search <input id=q onkeydown="if (event.key === 'Enter') found.textContent = 'Searched ' + this.value"></label>
<p id=shown></p><p id=tick></p><p id=found></p>`)
	case "/setup":
		png, err := qr.PNG(s.key.URI(), 6)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		page("Set up two-factor authentication", fmt.Sprintf(`<img alt="QR code" src="data:image/png;base64,%s">
<p>Or type this key: <code id=key>%s</code></p>
<form method=post action=/verify><label>Code <input name=code inputmode=numeric autocomplete=one-time-code></label><button>Verify</button></form>`,
			base64.StdEncoding.EncodeToString(png), html.EscapeString(inBlocks(strings.ToLower(s.key.Secret.Base32())))))
	case "/verify":
		c := &otp.Credential{Key: s.key}
		if _, err := otp.NewVerifier().Verify(c, r.FormValue("code"), time.Now()); err != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
			page("Set up two-factor authentication", `<p role=alert>That code is incorrect</p>`)
			return
		}
		page("Two-factor authentication is on", `<p>Save your recovery codes:</p>
<ul id=codes><li>abcde-fghij</li><li>klmno-pqrst</li><li>uvwxy-z2345</li></ul>`)
	default:
		http.NotFound(w, r)
	}
}

// actionFlow is a flow that uses every action kind the runner can carry out against
// a site it did not start; the kinds that need a bundled mock's inbox or clock are in
// kindsElsewhere.
const actionFlow = `enroll: 1
guide: {title: Actions, source: actions.txt}
site: {base-url: http://127.0.0.1:1}
account: {email: ada@example.test, password: correct horse}
timeout: 5s
fragments:
  sign-in:
    - open: /login
    - fill: { into: Email, value: "${account.email}" }
    - fill: { into: Password, value: "${account.password}" }
    - click: Sign in
steps:
  - step: Sign in
    do:
      - use: sign-in
      - expect: Signed in as ada
      - expect-not: Wrong password
  - step: Home
    do:
      - select: { from: Device, option: Android }
      - expect: Using Android
      - check: Remember me
      - expect: Ticked
      - uncheck: Remember me
      - expect: Unticked
      - fill: { into: Search, value: totp }
      - press: { key: Enter, in: Search }
      - expect: Searched totp
      - capture: { as: who, from: { text: Signed in as }, pattern: "as (\\w+)" }
      - hover: Account
      - dialog: { expect: Open the security settings, answer: accept }
      - click: Security
      - expect: { url: /setup }
  - step: Scan
    do:
      - scan-qr: { as: app, expect: { issuer: Actions, digits: 6, period: 30 } }
      - read-secret: { of: app, from: { text: Or type this key } }
      - type-code: { from: app, into: Code }
      - click: Verify
      - expect: Two-factor authentication is on
      - capture: { as: codes, from: { css: "#codes" }, pattern: "[a-z2-9]{5}-[a-z2-9]{5}", many: true }
  - step: Fresh session
    do:
      - new-session
      - open: /home
      - expect: Signed out
`

// kindsElsewhere are the action kinds actionFlow leaves out, and where they are tested.
var kindsElsewhere = map[flow.Kind]string{
	"sms-code":  "needs a bundled mock's SMS inbox: e2e (leaseweb-sms)",
	"mail-link": "needs a bundled mock's mailbox: e2e and mocksites",
	"wait":      "moves a bundled mock's clock: e2e (20i's 31 s too late)",
}

// TestActionsAgainstASite runs actionFlow in real Chromium against actionSite: every
// kind does its work (the site checks the typed TOTP code on the server), and each
// step passes. Then a drifted label fails with the message a doc writer reads.
func TestActionsAgainstASite(t *testing.T) {
	exec := browsertest.Chrome(t)
	ts := newActionSite(t)
	f, err := flow.Parse(fstest.MapFS{"actions.yaml": {Data: []byte(actionFlow)}}, "actions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	used := map[flow.Kind]bool{}
	for _, s := range f.Steps {
		for _, a := range s.Actions {
			used[a.Kind()] = true
		}
	}
	for _, k := range f.Fragments["sign-in"].Actions {
		used[k.Kind()] = true
	}
	for _, k := range flow.Kinds {
		if !used[k.Name] && kindsElsewhere[k.Name] == "" {
			t.Errorf("kind %s is neither in actionFlow nor in kindsElsewhere", k.Name)
		}
	}

	drift := strings.Replace(actionFlow, "- click: Security\n", "- click: Security Settings\n", 1)
	fd, err := flow.Parse(fstest.MapFS{"drift.yaml": {Data: []byte(drift)}}, "drift.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(t.Context(), Options{BaseURL: ts.URL, ArtifactsDir: t.TempDir(), Screenshots: OnFailure,
		Browser: browser.Options{ExecPath: exec}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	run := r.Run(t.Context(), []*flow.Flow{f, fd})

	t.Run("every kind does its work", func(t *testing.T) {
		fr := run.Flows[0]
		for _, st := range fr.Steps {
			if st.Status != report.Passed {
				t.Errorf("step %q: %s: %v", st.Title, st.Status, st.Failure)
			}
		}
	})
	t.Run("a drifted label names the step, the action and what is on screen", func(t *testing.T) {
		fl := run.Flows[1].Steps[1].Failure
		if fl == nil {
			t.Fatalf("step 2 did not fail: %+v", run.Flows[1].Steps[1])
		}
		if want := `drift.yaml:32:9: step 2 "Home": click "Security Settings"`; fl.Headline() != want {
			t.Errorf("headline %q\nwant      %q", fl.Headline(), want)
		}
		if want := `no visible button or link with text "Security Settings" after 5s`; fl.Message != want {
			t.Errorf("message %q\nwant    %q", fl.Message, want)
		}
		if !strings.HasSuffix(fl.URL, "/home") || !slices.Contains(fl.OnScreen, "Security") {
			t.Errorf("url %q, on screen %q: want /home, with \"Security\" among the labels", fl.URL, fl.OnScreen)
		}
		if fl.Screenshot == "" || fl.HTML == "" {
			t.Errorf("no screenshot or HTML kept: %+v", fl)
		}
	})
}

// inBlocks writes a secret as sites show it, in blocks of four.
func inBlocks(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestSecretIn: the secret is found as sites show it (blocks, dashes, either case,
// words around it, words before it that read as base32), another secret is told
// apart, and a text with none shows none.
func TestSecretIn(t *testing.T) {
	t.Parallel()
	want, err := otp.DecodeSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, shown, other string }{
		{"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", ""},
		{"Setup key: jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp (keep it safe)", "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp", ""},
		{"Your key is JBSW-Y3DP-EHPK-3PXP-JBSW-Y3DP-EHPK-3PXP and it", "JBSW-Y3DP-EHPK-3PXP-JBSW-Y3DP-EHPK-3PXP", ""},
		{"Key:\nJBSW Y3DP EHPK 3PXP\nJBSW Y3DP EHPK 3PXP", "JBSW Y3DP EHPK 3PXP\nJBSW Y3DP EHPK 3PXP", ""},
		{"Setup key: ABC2 EFG3 IJK4 MNO5 QRS6 UVW7", "", "ABC2 EFG3 IJK4 MNO5 QRS6 UVW7"},
		{"Enter the setup key shown under the QR code in your app.", "", ""},
	}
	for _, tt := range tests {
		shown, other := secretIn(tt.text, want)
		if shown != tt.shown || other != tt.other {
			t.Errorf("secretIn(%q) = %q, %q; want %q, %q", tt.text, shown, other, tt.shown, tt.other)
		}
	}
}

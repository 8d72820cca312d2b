package conform

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// panelFlow enrolls in a security panel that is a frame of another site.
const panelFlow = `enroll: 1
guide: { title: Turn on two-factor authentication, source: guide.txt }
site: { base-url: "https://example.com" }
fragments:
  sign-in:
    - open: /settings
steps:
  - step: Turn on
    do:
      - open: /settings
      - click: { text: Enable two-factor authentication, within: Security settings }
      - scan-qr: { as: app }
      - type-code: { from: app, into: Verification code }
      - click: Verify
      - expect: Two-factor authentication is on
conform:
  enroll: Turn on
  code: Verification code
  submit: Verify
  signed-in: Account settings
  refused: [Wrong code]
`

// panelServer is an accounts service serving a security panel in a frame of the
// site: /security starts it, /security/setup shows the QR code as an image of its
// own, /security/verify checks the code against the server's clock. keep: once
// enrolled, the setup page and its image still give the enrolled key. cookie: the
// panel and its image answer only with the cookie the panel's first load set,
// partitioned as a third-party frame's cookie is, so not sent to a page or image
// loaded on its own.
type panelServer struct {
	keep, cookie bool

	mu      sync.Mutex
	key     *otp.Key
	enabled bool
}

func (ps *panelServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if r.URL.Path == "/security" {
		http.SetCookie(w, &http.Cookie{Name: "acct", Value: "ok", Path: "/", Secure: true, HttpOnly: true,
			SameSite: http.SameSiteNoneMode, Partitioned: true})
	} else if c, err := r.Cookie("acct"); ps.cookie && (err != nil || c.Value != "ok") {
		http.Error(w, "Your session has expired", http.StatusUnauthorized)
		return
	}
	page := func(body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, "<!doctype html><title>Accounts</title>"+body)
	}
	shown := !ps.enabled || ps.keep
	switch r.URL.Path {
	case "/security":
		if ps.enabled {
			page(`<p>Two-factor authentication is on</p>`)
			return
		}
		page(`<a href="/security/setup">Enable two-factor authentication</a>`)
	case "/security/setup":
		if !shown {
			page(`<p>Two-factor authentication is on</p>`)
			return
		}
		if ps.key == nil {
			k, err := otp.GenerateKey(nil, "Panel", "qa@example.com")
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			ps.key = k
		}
		page(`<h2>Set up your authenticator app</h2><img alt="QR code" src="/security/qr.png" width="200" height="200">
<form method="post" action="/security/verify"><label for="code">Verification code</label><input id="code" name="code">
<button>Verify</button></form>`)
	case "/security/qr.png":
		if !shown || ps.key == nil {
			http.NotFound(w, r)
			return
		}
		png, err := qr.PNG(ps.key.URI(), 5)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(png)
	case "/security/verify":
		if ps.key == nil {
			page(`<p>Start again</p>`)
			return
		}
		now, code := ps.key.Step(time.Now()), r.FormValue("code")
		if code != ps.key.CodeAt(now) && code != ps.key.CodeAt(now-1) && code != ps.key.CodeAt(now+1) {
			page(`<p>Wrong code</p>`)
			return
		}
		ps.enabled = true
		http.Redirect(w, r, "/security", http.StatusSeeOther)
	default:
		http.NotFound(w, r)
	}
}

// TestReshownInCrossOriginFrame decides secret-not-reshown for a QR code shown in a
// frame of another site whose starting page, once enrolled, shows no code: the
// frame's own page and image are what is loaded again, never only the page that
// holds the frame (which used to PASS a site that still gives the key). A code they
// still give is FAILED; when they give none, loaded outside the frame, conform cannot
// tell whether that is the site's doing or a session they lack: ERROR, never PASSED.
func TestReshownInCrossOriginFrame(t *testing.T) {
	exec := browsertest.Chrome(t)
	f, err := flow.Parse(fstest.MapFS{"panel.yaml": {Data: []byte(panelFlow)}}, "panel.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		keep, cookie bool
		verdict      report.Verdict
		reason       string
	}{
		{"keeps the key", true, false, report.VerdictFailed, "still gives the enrolled secret's QR code"},
		{"keeps the key behind the frame's cookie", true, true, report.VerdictError, "could not tell: the QR code was shown in a frame of another site"},
		{"clean", false, false, report.VerdictError, "could not tell: the QR code was shown in a frame of another site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			panel := httptest.NewServer(&panelServer{keep: tt.keep, cookie: tt.cookie})
			t.Cleanup(panel.Close)
			panelURL := strings.Replace(panel.URL, "127.0.0.1", "localhost", 1)
			top := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprintf(w, `<!doctype html><title>Settings</title><h1>Account settings</h1>
<iframe title="Security settings" src="%s/security" style="width:700px;height:500px"></iframe>`, panelURL)
			})
			pr := servedProbe(t, exec, top, f, nil)
			if err := pr.RunSteps(t.Context(), 0, 1); err != nil {
				t.Fatal(err)
			}
			key, err := pr.Key("app")
			if err != nil {
				t.Fatal(err)
			}
			r := newResult(catalog.Checks[checkIndex(t, catalog.SecretNotReshown)])
			p := &probing{pr: pr, f: f, c: f.Conform, key: key, results: map[string]*report.Check{catalog.SecretNotReshown: r}}
			p.secretNotReshown(t.Context())
			t.Logf("%s: %s", r.Verdict, r.Reason)
			if r.Verdict != tt.verdict || !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("secret-not-reshown: %s %q, want %s %q\nevidence: %q", r.Verdict, r.Reason, tt.verdict, tt.reason, r.Evidence)
			}
			if s := key.Secret.Base32(); strings.Contains(r.Reason+strings.Join(r.Evidence, " "), s) {
				t.Errorf("the verdict shows the secret")
			}
		})
	}
}

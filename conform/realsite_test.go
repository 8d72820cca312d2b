package conform

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// realSiteFlow signs in on a page the site below never shows, so every check that
// needs the flow cannot be carried out.
const realSiteFlow = `enroll: 1
guide: { title: Turn on two-step sign-in, source: guide.txt }
site: { base-url: "https://example.com" }
timeout: 1s
account: { email: qa@example.com, password: "${env.PASSWORD}" }
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
  - step: Turn on
    do:
      - click: Set up
      - scan-qr: { as: app }
      - type-code: { from: app, into: Code }
      - click: Verify
      - expect: Two-step sign-in is on
conform:
  enroll: Turn on
  code: Code
  submit: Verify
  signed-in: Dashboard
  refused: [Wrong code]
`

// TestRealSiteWithoutControl: against a site without the bundled mocks' control
// surface (a real or staging site), conform reads the site's clock from its Date
// header and runs the groups one after the other on one probe. It used to panic there,
// on a probe not yet kept. Here the site is down for maintenance: every check that
// needs the flow could not tell (ERROR, with the step that failed), none FAILED.
func TestRealSiteWithoutControl(t *testing.T) {
	exec := browsertest.Chrome(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(90*time.Second).UTC().Format(http.TimeFormat))
		fmt.Fprint(w, "<!DOCTYPE html><title>Maintenance</title><h1>Back soon</h1>")
	}))
	defer srv.Close()
	f, err := flow.Parse(fstest.MapFS{"real.yaml": {Data: []byte(realSiteFlow)}}, "real.yaml")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PASSWORD": "Correct-Horse-1"}
	prober, err := runner.NewProber(t.Context(), runner.Options{BaseURL: srv.URL,
		Browser: browser.Options{ExecPath: exec}, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	defer prober.Close()

	cf := probeFlow(t.Context(), prober, f)
	if cf.BaseURL != srv.URL {
		t.Errorf("base URL %q, want %q", cf.BaseURL, srv.URL)
	}
	errors := 0
	for _, c := range cf.Checks {
		switch c.Verdict {
		case report.VerdictFailed, report.VerdictPassed, report.VerdictWarning:
			t.Errorf("%s: %s %q, on a site that never showed its sign-in page", c.ID, c.Verdict, c.Reason)
		case report.VerdictError:
			errors++
			if !strings.Contains(c.Reason, `step 1 "Sign in"`) {
				t.Errorf("%s: ERROR %q does not name the step that could not be carried out", c.ID, c.Reason)
			}
		}
	}
	if errors == 0 {
		t.Errorf("no ERROR: %+v", cf.Checks)
	}
}

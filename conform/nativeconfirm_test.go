package conform

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// TestDisableConfirmedNativeDialog decides disable-confirmed on the Leaseweb mock's
// NativeConfirm variant, whose confirmation is the browser's confirm() dialog, with
// flows/testdata/leaseweb-disable-native.yaml: the click that opens the dialog is
// carried out and the dialog answered Cancel. The clean variant passes; with
// no-disable-confirm (the first Disable switches 2FA off, no dialog) it fails.
func TestDisableConfirmedNativeDialog(t *testing.T) {
	exec := browsertest.Chrome(t)
	// Its sites/ links to the bundled flows' sites/.
	f, err := flow.Parse(os.DirFS("../flows/testdata"), "leaseweb-disable-native.yaml")
	if err != nil {
		t.Fatal(err)
	}
	acc := leaseweb.Site.Account
	env := map[string]string{"ENROLL_LEASEWEB_EMAIL": acc.Email, "ENROLL_LEASEWEB_PASSWORD": acc.Password.Reveal(),
		"ENROLL_LEASEWEB_PHONE": acc.Phone}
	tests := []struct {
		defects []string
		verdict report.Verdict
		reason  string
	}{
		{nil, report.VerdictPassed, "without the confirming click two-factor authentication stayed on"},
		{[]string{string(kit.NoDisableConfirm)}, report.VerdictFailed, "two-factor authentication was off before the confirmation was clicked"},
	}
	const carried = `carried out step 3 "Disabling two-factor authentication" up to, not including, ` +
		`accepting the native dialog that click "Disable" (leaseweb-disable-native.yaml:49:9) opens`
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{"variant"}, tt.defects...), "+"), func(t *testing.T) {
			h, err := leaseweb.NewVariant(kit.Options{Control: true, Defects: tt.defects}, leaseweb.Variant{NativeConfirm: true})
			if err != nil {
				t.Fatal(err)
			}
			pr := servedProbe(t, exec, h, f, env)
			r := newResult(catalog.Checks[checkIndex(t, catalog.DisableConfirmed)])
			p := &probing{pr: pr, f: f, c: f.Conform, results: map[string]*report.Check{catalog.DisableConfirmed: r}}
			p.controlled = pr.Controlled(t.Context())
			p.phaseDisable(t.Context())
			if r.Verdict != tt.verdict || r.Reason != tt.reason {
				t.Errorf("disable-confirmed: %s %q, want %s %q\nevidence: %q", r.Verdict, r.Reason, tt.verdict, tt.reason, r.Evidence)
			}
			if !slices.Contains(r.Evidence, carried) {
				t.Errorf("evidence %q\nlacks %q", r.Evidence, carried)
			}
		})
	}
}

func checkIndex(t *testing.T, id string) int {
	t.Helper()
	for i, c := range catalog.Checks {
		if c.ID == id {
			return i
		}
	}
	t.Fatalf("no check %s", id)
	return -1
}

// servedProbe serves a mock site's handler on loopback and opens a probe of flow f on
// it, as `enroll conform --base-url` does, with the account in env; all of it is
// closed when the test ends.
func servedProbe(t *testing.T, exec string, h http.Handler, f *flow.Flow, env map[string]string) *runner.Probe {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	prober, err := runner.NewProber(t.Context(), runner.Options{BaseURL: srv.URL,
		Browser: browser.Options{ExecPath: exec}, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prober.Close() })
	pr, err := prober.Open(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pr.Close)
	return pr
}

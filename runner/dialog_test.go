package runner

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
	"github.com/enroll-dev/enroll/report"
)

// confirmPage asks for a native confirmation before disabling, as real portals do.
const confirmPage = `<!doctype html><title>Security</title>
<button onclick="document.getElementById('out').textContent =
  confirm('Are you sure you want to disable two-factor authentication?') ? 'disabled' : 'kept'">Disable</button>
<button>Nothing</button>
<p id=out>waiting</p>`

// TestDialogAction runs flows with dialog actions on a page with a native confirm,
// in real Chromium: the answer armed is given, a dialog saying something else or
// none opening fails the step, and every dialog is in the step's result.
func TestDialogAction(t *testing.T) {
	exec := browsertest.Chrome(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, confirmPage)
	}))
	t.Cleanup(ts.Close)

	tests := []struct {
		name    string
		do      string // the step's actions, YAML, indented for the do list
		status  report.Status
		message string // the failure's message
		dialogs []string
	}{{
		name:    "cancelled",
		do:      "- dialog: { expect: Are you  SURE, answer: cancel }\n- click: Disable\n- expect: kept",
		status:  report.Passed,
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered cancel`},
	}, {
		name:    "accepted by default",
		do:      "- click: Disable\n- expect: disabled",
		status:  report.Passed,
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered accept (by default)`},
	}, {
		name:   "saying something else",
		do:     "- dialog: { expect: Delete your account, answer: cancel }\n- click: Disable\n- expect: kept",
		status: report.Failed,
		message: `dialog: the confirm dialog says "Are you sure you want to disable two-factor authentication?", ` +
			`not "Delete your account" (dialog at f.yaml:8:9); answered cancel`,
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered cancel`},
	}, {
		name:    "none opened",
		do:      "- dialog: { expect: Are you sure, answer: cancel }\n- click: Nothing\n  timeout: 3s",
		status:  report.Failed,
		message: `dialog: no dialog opened (expected one saying "Are you sure") after 3s`,
	}}
	var flows []*flow.Flow
	for _, tt := range tests {
		src := "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nsteps:\n  - step: Disable\n    do:\n" +
			"      - open: /security\n" + indent(tt.do, "      ")
		f, err := flow.Parse(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		flows = append(flows, f)
	}
	r, err := New(t.Context(), Options{BaseURL: ts.URL, ArtifactsDir: t.TempDir(), Screenshots: OnFailure,
		Browser: browser.Options{ExecPath: exec}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	run := r.Run(t.Context(), flows)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := run.Flows[i].Steps[0]
			if st.Status != tt.status {
				t.Errorf("status %s, want %s (%v)", st.Status, tt.status, st.Failure)
			}
			if tt.message != "" && (st.Failure == nil || st.Failure.Message != tt.message) {
				t.Errorf("failure %+v\nwant message %q", st.Failure, tt.message)
			}
			if strings.Join(st.Dialogs, "\n") != strings.Join(tt.dialogs, "\n") {
				t.Errorf("dialogs %q, want %q", st.Dialogs, tt.dialogs)
			}
		})
	}
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix) + "\n"
}

// TestDialogOnLeasewebVariant runs flows/testdata/leaseweb-disable-native.yaml, the
// disable flow written for the Leaseweb mock's NativeConfirm variant, against that
// variant: the flow checks the confirm() dialog's text and accepts it.
func TestDialogOnLeasewebVariant(t *testing.T) {
	exec := browsertest.Chrome(t)
	h, err := leaseweb.NewVariant(kit.Options{Control: true}, leaseweb.Variant{NativeConfirm: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	// Its sites/ links to the bundled flows' sites/.
	f, err := flow.Parse(os.DirFS("../flows/testdata"), "leaseweb-disable-native.yaml")
	if err != nil {
		t.Fatal(err)
	}
	acc := leaseweb.Site.Account
	env := map[string]string{"ENROLL_LEASEWEB_EMAIL": acc.Email, "ENROLL_LEASEWEB_PASSWORD": acc.Password.Reveal(),
		"ENROLL_LEASEWEB_PHONE": acc.Phone}
	r, err := New(t.Context(), Options{BaseURL: srv.URL, ArtifactsDir: t.TempDir(), Screenshots: OnFailure,
		Browser: browser.Options{ExecPath: exec}, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	res := r.Run(t.Context(), []*flow.Flow{f}).Flows[0]
	if res.Status != report.Passed {
		t.Fatalf("flow %s: %v", res.Status, res.Failure)
	}
	want := `confirm "Confirm you want to disable Two-Factor Authentication. Disabling two-factor authentication ` +
		`decreases the security of your account." answered accept`
	if got := res.Steps[2].Dialogs; len(got) != 1 || got[0] != want {
		t.Errorf("step 3's dialogs: %q, want %q", got, want)
	}
}

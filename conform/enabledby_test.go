package conform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
	"github.com/enroll-dev/enroll/report"
)

// TestEnabledByAcknowledgement enrolls on the myaccount-ack mock, which switches 2FA on
// only at "I have saved my backup codes", with flows/testdata/myaccount-ack.yaml: as
// written (enabled-by names that step) and without enabled-by (conform finds it out
// from a side session). Either way the enrollment phase leaves 2FA on, the next
// sign-in asks for a passcode, and nothing is FAILED.
func TestEnabledByAcknowledgement(t *testing.T) {
	exec := browsertest.Chrome(t)
	src, err := os.ReadFile("../flows/testdata/myaccount-ack.yaml")
	if err != nil {
		t.Fatal(err)
	}
	acc := myaccount.Site.Account
	env := map[string]string{"ENROLL_MYACCOUNT_EMAIL": acc.Email, "ENROLL_MYACCOUNT_PASSWORD": acc.Password.Reveal(),
		"ENROLL_MYACCOUNT_PHONE": acc.Phone}
	for _, declared := range []bool{true, false} {
		name := map[bool]string{true: "enabled-by", false: "found-out"}[declared]
		t.Run(name, func(t *testing.T) {
			text := string(src)
			if !declared {
				text = strings.Replace(text, "  enabled-by: Consider backup codes\n", "", 1)
			}
			dir := t.TempDir()
			sites, err := filepath.Abs("../flows/sites")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(sites, filepath.Join(dir, "sites")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "ack.yaml"), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := flow.Parse(os.DirFS(dir), "ack.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Conform.EnabledBy != ""; got != declared {
				t.Fatalf("enabled-by %q", f.Conform.EnabledBy)
			}
			h, err := myaccount.NewAck(kit.Options{Control: true})
			if err != nil {
				t.Fatal(err)
			}
			pr := servedProbe(t, exec, h, f, env)
			p := &probing{pr: pr, f: f, c: f.Conform, results: newResults()}
			p.enrollStep = f.StepIndex(f.Conform.Enroll)
			p.enrollCode = f.Steps[p.enrollStep].EnrollCode()
			p.cred = f.Steps[p.enrollStep].Actions[p.enrollCode].(*flow.TypeCode).From
			p.controlled = pr.Controlled(t.Context())
			if !p.phaseEnroll(t.Context()) {
				t.Fatalf("not enrolled: %+v", p.ordered())
			}
			if !p.switched || p.switchErr != nil {
				t.Errorf("switched %v, %v", p.switched, p.switchErr)
			}
			for _, id := range enrollChecks {
				if r := p.result(id); r.Verdict == report.VerdictFailed || r.Verdict == report.VerdictError {
					t.Errorf("%s: %s %q", id, r.Verdict, r.Reason)
				}
			}
			if r := p.result(catalog.SecretNotReshown); r.Verdict != report.VerdictPassed {
				t.Errorf("secret-not-reshown: %s %q", r.Verdict, r.Reason)
			}
			prompted, err := p.signIn(t.Context())
			if err != nil || !prompted {
				t.Errorf("signing in after the enrollment: prompted %v, %v", prompted, err)
			}
		})
	}
}

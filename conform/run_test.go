package conform

import (
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// TestGroupsAtOnce probes flows/20i.yaml's bundled mock with no-throttle: its groups
// run at once, each in a probe of its own (go test -race checks they share nothing),
// and the verdicts merge as one after the other would give them: throttling FAILED,
// throttle-survives-new-session SKIPPED for it, every other check the clean mock's,
// each with its time, in table order.
func TestGroupsAtOnce(t *testing.T) {
	exec := browsertest.Chrome(t)
	f, err := flow.Parse(flows.FS, "20i.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), []*flow.Flow{f}, Options{Runner: runner.Options{
		Browser: browser.Options{ExecPath: exec}, Defects: []string{string(kit.NoThrottle)}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]report.Verdict{
		catalog.ReplayRefused: report.VerdictPassed, catalog.SkewWindow: report.VerdictPassed,
		catalog.WrongCodeRefused: report.VerdictPassed, catalog.Throttling: report.VerdictFailed,
		catalog.LockoutRecovers: report.VerdictPassed, catalog.ThrottleNewSession: report.VerdictSkipped,
		catalog.EnrollRequiresCode: report.VerdictPassed, catalog.FreshSecret: report.VerdictPassed,
		catalog.SecretStrength: report.VerdictPassed, catalog.URILint: report.VerdictPassed,
	}
	checks := res.Flows[0].Checks
	if len(checks) != len(catalog.Checks) {
		t.Fatalf("%d checks, want %d", len(checks), len(catalog.Checks))
	}
	for i, c := range checks {
		if c.ID != catalog.Checks[i].ID {
			t.Errorf("check %d is %s, want %s (table order)", i, c.ID, catalog.Checks[i].ID)
		}
		v, ok := want[c.ID]
		if !ok {
			continue
		}
		if c.Verdict != v {
			t.Errorf("%s: %s (%s), want %s", c.ID, c.Verdict, c.Reason, v)
		}
		if c.Duration <= 0 && v != report.VerdictSkipped {
			t.Errorf("%s took no time", c.ID)
		}
	}
	for _, c := range checks {
		if c.ID == catalog.ThrottleNewSession && !strings.HasPrefix(c.Reason, catalog.Throttling+" is FAILED: ") {
			t.Errorf("%s: %q, want it skipped for throttling's failure", c.ID, c.Reason)
		}
	}
}

// TestEveryCheckInOneGroup: each check of the catalog is decided by exactly one group
// (a check in none would stay pending; in two, the groups would race for its verdict).
func TestEveryCheckInOneGroup(t *testing.T) {
	in := map[string]int{}
	for _, g := range groups {
		for _, id := range g.checks {
			in[id]++
		}
	}
	for _, c := range catalog.Checks {
		if in[c.ID] != 1 {
			t.Errorf("%s is in %d groups, want 1", c.ID, in[c.ID])
		}
	}
	if len(in) != len(catalog.Checks) {
		t.Errorf("the groups name %d checks, the catalog has %d", len(in), len(catalog.Checks))
	}
}

package conform

import (
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/report"
)

func TestApplyExpectations(t *testing.T) {
	t.Parallel()
	x := &Expectations{Entries: []Expectation{
		{Flow: "leaseweb", Check: catalog.GuideClaims, Reason: "the guide is wrong", Pos: "x.yaml:3:5"},
		{Flow: "leaseweb", Check: catalog.Throttling, Reason: "stale", Pos: "x.yaml:6:5"},
		{Flow: "20i", Check: catalog.FreshSecret, Reason: "other flow", Pos: "x.yaml:9:5"},
	}}
	cf := &report.ConformFlow{File: "flows/leaseweb.yaml", Checks: []*report.Check{
		{ID: catalog.GuideClaims, Verdict: report.VerdictFailed},
		{ID: catalog.Throttling, Verdict: report.VerdictPassed},
		{ID: catalog.FreshSecret, Verdict: report.VerdictFailed},
	}}
	x.Apply(cf)
	g, th, fs := cf.Checks[0], cf.Checks[1], cf.Checks[2]
	if !g.Known() || g.Unexpected() || g.Expected.At != "x.yaml:3:5" {
		t.Errorf("guide-claims: %+v, want a known failure", g)
	}
	if !th.Stale() {
		t.Errorf("throttling: %+v, want a stale expectation", th)
	}
	if !fs.Unexpected() {
		t.Errorf("fresh-secret: %+v, want an unexpected failure (listed for another flow)", fs)
	}
	s := (&report.Conformance{Flows: []*report.ConformFlow{cf}}).Summary()
	if s.Failed != 1 || s.Known != 1 || s.Stale != 1 || s.Passed != 1 || s.OK() {
		t.Errorf("summary %+v", s)
	}
	var none *Expectations
	none.Apply(cf) // a nil file expects nothing
}

package conform

import (
	"errors"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/report"
)

func TestParseExpectations(t *testing.T) {
	t.Parallel()
	src := `# known failures
expected-failures:
  - flow: flows/leaseweb.yaml
    check: guide-claims
    reason: >-
      guide 002 says the code changes every minute;
      the site issues 30-second codes
  - flow: 20i
    check: throttling
    reason: the real site locks after 10
`
	x, err := ParseExpectations("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Expectation{
		{Flow: "leaseweb", Check: "guide-claims", Reason: "guide 002 says the code changes every minute; the site issues 30-second codes", Pos: "x.yaml:3:5"},
		{Flow: "20i", Check: "throttling", Reason: "the real site locks after 10", Pos: "x.yaml:8:5"},
	}
	if len(x.Entries) != len(want) {
		t.Fatalf("entries %+v", x.Entries)
	}
	for i := range want {
		if x.Entries[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, x.Entries[i], want[i])
		}
	}
}

func TestParseExpectationsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown check", "expected-failures:\n  - flow: a\n    check: replay-refuse\n    reason: r\n",
			[]string{`x.yaml:3:12: unknown check "replay-refuse" (did you mean "replay-refused"?); checks: replay-refused,`}},
		{"missing reason, unknown key", "expected-failures:\n  - flow: a\n    check: throttling\n    because: r\n",
			[]string{`x.yaml:4:5: unknown key "because" in an entry; keys: flow, check, reason`, "x.yaml:2:5: the entry needs reason"}},
		{"duplicate", "expected-failures:\n  - {flow: a, check: throttling, reason: r}\n  - {flow: a.yaml, check: throttling, reason: s}\n",
			[]string{"x.yaml:3:5: a throttling is already listed at x.yaml:2:5"}},
		{"top key", "expected_failures: []\n", []string{`x.yaml:1:1: unknown key "expected_failures"; the file has expected-failures`}},
		{"not a mapping", "- a\n", []string{"x.yaml:1:1: an expected-failures file is a mapping"}},
		{"bad yaml", "expected-failures: [\n", []string{"x.yaml:1:1: invalid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseExpectations("x.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var ee *ExpectError
			if !errors.As(err, &ee) {
				t.Errorf("errors.As(*ExpectError) fails on %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error:\n%v\nwant it to contain:\n%s", err, w)
				}
			}
		})
	}
}

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

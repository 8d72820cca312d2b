package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// sampleConformance is two flows: one with every kind of outcome, one all skipped.
func sampleConformance() *Conformance {
	known := &Expectation{Reason: "the guide is wrong, not the site", At: "x.yaml:3:5"}
	return &Conformance{
		Started: t0, Duration: ms(41230), Defects: []string{"accept-replay"}, ExpectFile: "x.yaml",
		Flows: []*ConformFlow{
			{File: "flows/leaseweb.yaml", Guide: "Setup two-factor authentication", Source: "002.txt", Site: "leaseweb",
				BaseURL: "http://127.0.0.1:4711", Duration: ms(30100), Checks: []*Check{
					{ID: "replay-refused", Statement: "a code accepted once is refused", Clause: "RFC 6238 §5.2", About: "site",
						Verdict: VerdictFailed, Reason: "the enrollment's code, again at the first sign-in was accepted", Duration: ms(2100),
						Evidence: []string{"the enrollment's code, again at the first sign-in: accepted (the page said \"Welcome\"), but it must be refused"}},
					{ID: "skew-window", Statement: "codes near now", Clause: "RFC 6238 §5.2, §6", About: "site",
						Verdict: VerdictPassed, Reason: "codes within the window were accepted", Duration: ms(3000), Evidence: []string{"one", "two"}},
					{ID: "secret-strength", Statement: "at least 128 bits", Clause: "RFC 4226 §4 R6", About: "site",
						Verdict: VerdictWarning, Reason: "the secret is 128 bits; RFC 4226 recommends 160"},
					{ID: "throttling", Statement: "wrong codes are throttled", Clause: "RFC 4226 §7.3", About: "site",
						Verdict: VerdictPassed, Reason: "the right code was refused", Expected: &Expectation{Reason: "stale <entry> & co", At: "x.yaml:9:5"}},
					{ID: "guide-claims", Statement: "the guide is right", Clause: "RFC 6238 §4", About: "guide",
						Verdict: VerdictFailed, Reason: "guide 002 is wrong, not the site", Expected: known},
					{ID: "disable-confirmed", Statement: "disabling is confirmed", Clause: "good practice", About: "site",
						Verdict: VerdictSkipped, Reason: "the flow does not cover disabling"},
				}},
			{File: "flows/20i.yaml", Guide: "20i", Site: "20i", Checks: []*Check{
				{ID: "replay-refused", Statement: "s", Clause: "c", About: "site", Verdict: VerdictSkipped, Reason: "no conform section"},
				{ID: "skew-window", Statement: "s", Clause: "c", About: "site", Verdict: VerdictSkipped, Reason: "no conform section"},
			}},
		},
	}
}

func TestConformSummary(t *testing.T) {
	t.Parallel()
	s := sampleConformance().Summary()
	want := ConformSummary{Checks: 8, Passed: 2, Failed: 1, Known: 1, Warning: 1, Skipped: 3, Stale: 1, Duration: ms(41230)}
	if s != want {
		t.Errorf("summary %+v, want %+v", s, want)
	}
	if s.OK() {
		t.Error("OK with an unexpected failure")
	}
	if got := s.String(); got != "8 checks: 2 passed, 1 failed, 1 known failure, 1 warning, 3 skipped, 1 stale expectation (41.2s)" {
		t.Errorf("String() = %q", got)
	}
}

func TestWriteConformJSON(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteConformJSON(&b, sampleConformance()); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		t.Fatal("not JSON")
	}
	golden(t, "conform.json", b.Bytes())
}

func TestWriteConformJUnit(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteConformJUnit(&b, sampleConformance()); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, b.Bytes())
	golden(t, "conform.junit.xml", b.Bytes())
}

func TestWriteConformTable(t *testing.T) {
	t.Parallel()
	for _, verbose := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteConformTable(&b, sampleConformance(), verbose); err != nil {
			t.Fatal(err)
		}
		name := "conform-table.txt"
		if verbose {
			name = "conform-table-verbose.txt"
		}
		golden(t, name, b.Bytes())
		if !strings.Contains(b.String(), "[guide] guide 002 is wrong") {
			t.Error("the table does not mark the guide's finding")
		}
	}
}

// TestConformError: a check that could not tell is counted apart, leaves the run OK
// but undecided, is an <error> in JUnit, carries its cause in JSON and reads ERROR in
// the table with its evidence.
func TestConformError(t *testing.T) {
	t.Parallel()
	c := &Conformance{Flows: []*ConformFlow{{File: "flows/20i.yaml", Site: "20i", Checks: []*Check{
		{ID: "replay-refused", Verdict: VerdictPassed, Reason: "fine"},
		{ID: "skew-window", Verdict: VerdictError, Reason: "could not tell: the page went blank", Evidence: []string{"typed a code"}},
		{ID: "throttling", Verdict: VerdictError, Reason: "not run: skew-window could not be carried out"},
	}}}}
	s := c.Summary()
	if s.Errored != 2 || s.Failed != 0 || !s.OK() || !s.Undecided() {
		t.Errorf("summary %+v: want 2 errored, OK and undecided", s)
	}
	if got := s.String(); !strings.Contains(got, "2 could not tell (errors)") {
		t.Errorf("String() = %q", got)
	}
	c.Flows[0].Checks[0].Verdict = VerdictFailed
	if c.Summary().Undecided() {
		t.Error("undecided although a check failed: FAILED decides the exit status")
	}
	c.Flows[0].Checks[0].Verdict = VerdictPassed

	var j, x, tab bytes.Buffer
	if err := WriteConformJSON(&j, c); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Summary struct {
			Errored int `json:"errored"`
		} `json:"summary"`
		Flows []struct {
			Checks []struct{ Verdict, Reason string } `json:"checks"`
		} `json:"flows"`
	}
	if err := json.Unmarshal(j.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Errored != 2 || rep.Flows[0].Checks[2].Verdict != "error" || !strings.HasPrefix(rep.Flows[0].Checks[2].Reason, "not run: ") {
		t.Errorf("JSON: %s", j.String())
	}
	if err := WriteConformJUnit(&x, c); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, x.Bytes())
	if n := strings.Count(x.String(), `<error message="`); n != 2 || !strings.Contains(x.String(), `errors="2"`) {
		t.Errorf("JUnit: %d <error> elements, want 2:\n%s", n, x.String())
	}
	if err := WriteConformTable(&tab, c, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tab.String(), "? ERROR   skew-window     could not tell: the page went blank") || !strings.Contains(tab.String(), "· typed a code") {
		t.Errorf("table:\n%s", tab.String())
	}
}

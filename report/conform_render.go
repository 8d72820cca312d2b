package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// ConformJSONVersion is the version of the conformance JSON report's format.
const ConformJSONVersion = 1

// The conformance JSON report's shape: camelCase names, durations in whole
// milliseconds, verdicts as the Verdict strings.
type (
	jsonConformance struct {
		Version    int                `json:"version"`
		Kind       string             `json:"kind"` // "conformance"
		OK         bool               `json:"ok"`
		Started    string             `json:"started,omitempty"`
		DurationMs int64              `json:"durationMs"`
		Defects    []string           `json:"defects,omitempty"`
		ExpectFile string             `json:"expectFile,omitempty"`
		Summary    jsonConformSummary `json:"summary"`
		Flows      []jsonConformFlow  `json:"flows"`
	}
	jsonConformSummary struct {
		Checks  int `json:"checks"`
		Passed  int `json:"passed"`
		Failed  int `json:"failed"`
		Known   int `json:"knownFailures"`
		Warning int `json:"warning"`
		Skipped int `json:"skipped"`
		Errored int `json:"errored"`
		Stale   int `json:"staleExpectations"`
	}
	jsonConformFlow struct {
		File       string      `json:"file"`
		Guide      string      `json:"guide,omitempty"`
		Source     string      `json:"source,omitempty"`
		Site       string      `json:"site,omitempty"`
		BaseURL    string      `json:"baseURL,omitempty"`
		DurationMs int64       `json:"durationMs"`
		Checks     []jsonCheck `json:"checks"`
	}
	jsonCheck struct {
		ID         string           `json:"id"`
		Statement  string           `json:"statement"`
		Clause     string           `json:"clause"`
		About      string           `json:"about"`
		Verdict    string           `json:"verdict"`
		Reason     string           `json:"reason,omitempty"`
		Evidence   []string         `json:"evidence,omitempty"`
		DurationMs int64            `json:"durationMs"`
		Expected   *jsonExpectation `json:"expectedFailure,omitempty"`
		Unexpected bool             `json:"unexpectedFailure,omitempty"`
		Stale      bool             `json:"staleExpectation,omitempty"`
	}
	jsonExpectation struct {
		Reason string `json:"reason"`
		At     string `json:"at,omitempty"`
	}
)

// WriteConformJSON writes c as the conformance JSON report, indented, in a fixed order.
func WriteConformJSON(w io.Writer, c *Conformance) error {
	s := c.Summary()
	out := jsonConformance{
		Version:    ConformJSONVersion,
		Kind:       "conformance",
		OK:         s.OK(),
		Started:    formatTime(c.Started),
		DurationMs: c.Duration.Milliseconds(),
		Defects:    c.Defects,
		ExpectFile: c.ExpectFile,
		Summary:    jsonConformSummary{s.Checks, s.Passed, s.Failed, s.Known, s.Warning, s.Skipped, s.Errored, s.Stale},
		Flows:      make([]jsonConformFlow, 0, len(c.Flows)),
	}
	for _, f := range c.Flows {
		jf := jsonConformFlow{File: f.File, Guide: f.Guide, Source: f.Source, Site: f.Site, BaseURL: f.BaseURL,
			DurationMs: f.Duration.Milliseconds(), Checks: make([]jsonCheck, 0, len(f.Checks))}
		for _, ch := range f.Checks {
			jc := jsonCheck{ID: ch.ID, Statement: ch.Statement, Clause: ch.Clause, About: ch.About,
				Verdict: ch.Verdict.String(), Reason: ch.Reason, Evidence: ch.Evidence,
				DurationMs: ch.Duration.Milliseconds(), Unexpected: ch.Unexpected(), Stale: ch.Stale()}
			if ch.Expected != nil {
				jc.Expected = &jsonExpectation{Reason: ch.Expected.Reason, At: ch.Expected.At}
			}
			jf.Checks = append(jf.Checks, jc)
		}
		out.Flows = append(out.Flows, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write conformance json report: %w", err)
	}
	return nil
}

// WriteConformJUnit writes c as JUnit XML: one <testsuite> per flow, one <testcase>
// per check (named by the check's id, classname "conform.<flow name>"). An unexpected
// failure carries <failure>; a check that could not tell carries <error type="error">
// with its root cause; a known failure and a skipped check carry <skipped> with the
// reason; a warning passes with the reason in <system-out>.
func WriteConformJUnit(w io.Writer, c *Conformance) error {
	out := junitSuites{Name: "enroll conform", Time: seconds(c.Duration), Timestamp: junitTime(c.Started)}
	for _, f := range c.Flows {
		s := junitSuite{Name: "conform " + f.Name(), Time: seconds(f.Duration), File: f.File}
		var props []junitProp
		for _, p := range []junitProp{{"guide", f.Guide}, {"source", f.Source}, {"site", f.Site}, {"baseURL", f.BaseURL},
			{"defects", strings.Join(c.Defects, ",")}} {
			if p.Value != "" {
				props = append(props, p)
			}
		}
		if len(props) > 0 {
			s.Properties = &junitProps{props}
		}
		for _, ch := range f.Checks {
			jc := junitCase{Name: ch.ID, Classname: "conform." + f.Name(), Time: seconds(ch.Duration), File: f.File}
			text := checkText(ch)
			switch {
			case ch.Unexpected():
				jc.Failure = &junitResult{Message: ch.Reason, Type: "failed", Text: xmlText(text)}
				s.Failures++
			case ch.Verdict == VerdictError:
				jc.Error = &junitResult{Message: ch.Reason, Type: "error", Text: xmlText(text)}
				s.Errors++
			case ch.Known():
				jc.Skipped = &junitResult{Message: "known failure: " + ch.Expected.Reason}
				jc.SystemOut = &junitCharData{xmlText(text)}
				s.Skipped++
			case ch.Verdict == VerdictPassed || ch.Verdict == VerdictWarning:
				jc.SystemOut = &junitCharData{xmlText(text)}
			default:
				jc.Skipped = &junitResult{Message: ch.Reason}
				s.Skipped++
			}
			s.Tests++
			s.Cases = append(s.Cases, jc)
		}
		out.add(s)
	}
	return out.write(w, "conformance junit report")
}

// checkText is a check in full, for a failure's text and system-out.
func checkText(ch *Check) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s)\n", ch.ID, ch.Statement, ch.Clause)
	fmt.Fprintf(&b, "%s: %s\n", strings.ToUpper(ch.Verdict.String()), ch.Reason)
	if ch.Expected != nil {
		fmt.Fprintf(&b, "expected failure (%s): %s\n", ch.Expected.At, ch.Expected.Reason)
	}
	for _, e := range ch.Evidence {
		fmt.Fprintf(&b, "  - %s\n", e)
	}
	return b.String()
}

// WriteConformTable writes the readable table of a conformance run: each flow as
// WriteConformFlow writes it, then the summary line. verbose adds the evidence under
// every check.
func WriteConformTable(w io.Writer, c *Conformance, verbose bool) error {
	for _, f := range c.Flows {
		if err := WriteConformFlow(w, f, verbose); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, c.Summary().String()+"\n")
	return err
}

// WriteConformFlow writes one flow's part of the table: a heading line, then one line
// per check (mark, verdict, id, reason; "[guide]" before the reason when the finding
// is about the guide), the expected failure's reason under a listed check, and the
// evidence under an unexpected failure (under every check with verbose).
func WriteConformFlow(w io.Writer, f *ConformFlow, verbose bool) error {
	var b strings.Builder
	where := f.Site
	if where == "" {
		where = f.BaseURL
	}
	fmt.Fprintf(&b, "%s  %s  (%s)  %s\n", f.File, f.Guide, where, FormatDuration(f.Duration))
	if reason, ok := allSkipped(f); ok {
		fmt.Fprintf(&b, "  - SKIPPED all %d checks: %s\n\n", len(f.Checks), reason)
		_, err := io.WriteString(w, b.String())
		return err
	}
	width := 0
	for _, ch := range f.Checks {
		width = max(width, len(ch.ID))
	}
	for _, ch := range f.Checks {
		mark, label := verdictLabel(ch)
		reason := ch.Reason
		if ch.About != "" && ch.About != "site" {
			reason = "[" + ch.About + "] " + reason
		}
		fmt.Fprintf(&b, "  %s %-7s %-*s  %s\n", mark, label, width, ch.ID, reason)
		pad := strings.Repeat(" ", 4+7+1+width+2)
		if ch.Expected != nil {
			what := "known failure"
			if ch.Stale() {
				what = "listed as an expected failure, but it did not fail: remove the entry"
			}
			fmt.Fprintf(&b, "%s%s (%s): %s\n", pad, what, ch.Expected.At, ch.Expected.Reason)
		}
		if verbose || ch.Unexpected() || ch.Verdict == VerdictError {
			for _, e := range ch.Evidence {
				fmt.Fprintf(&b, "%s· %s\n", pad, e)
			}
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// allSkipped reports whether every check of f was skipped for one reason (a flow with
// no conform section), and the reason.
func allSkipped(f *ConformFlow) (string, bool) {
	if len(f.Checks) < 2 {
		return "", false
	}
	for _, ch := range f.Checks {
		if ch.Verdict != VerdictSkipped || ch.Expected != nil || ch.Reason != f.Checks[0].Reason {
			return "", false
		}
	}
	return f.Checks[0].Reason, true
}

// verdictLabel is a check's mark and label in the table.
func verdictLabel(ch *Check) (string, string) {
	switch {
	case ch.Unexpected():
		return "✗", "FAILED"
	case ch.Known():
		return "≈", "KNOWN"
	case ch.Verdict == VerdictPassed:
		return "✓", "PASSED"
	case ch.Verdict == VerdictWarning:
		return "!", "WARNING"
	case ch.Verdict == VerdictError:
		return "?", "ERROR"
	default:
		return "-", "SKIPPED"
	}
}

// String is the summary line of a conformance run:
//
//	44 checks: 30 passed, 1 known failure, 2 warnings, 11 skipped (41.2s)
func (s ConformSummary) String() string {
	parts := []string{fmt.Sprintf("%d passed", s.Passed)}
	for _, c := range []struct {
		n          int
		one, other string
	}{
		{s.Failed, "failed", "failed"},
		{s.Errored, "could not tell (error)", "could not tell (errors)"},
		{s.Known, "known failure", "known failures"},
		{s.Warning, "warning", "warnings"},
		{s.Skipped, "skipped", "skipped"},
		{s.Stale, "stale expectation", "stale expectations"},
	} {
		if c.n == 1 {
			parts = append(parts, "1 "+c.one)
		} else if c.n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.other))
		}
	}
	noun := "checks"
	if s.Checks == 1 {
		noun = "check"
	}
	return fmt.Sprintf("%d %s: %s (%s)", s.Checks, noun, strings.Join(parts, ", "), FormatDuration(s.Duration))
}

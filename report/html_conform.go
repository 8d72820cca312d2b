package report

import (
	"fmt"
	"io"
	"sort"
)

// WriteConformHTML writes c as the conformance HTML report: one self-contained page
// with a header (when, defects, expected-failures file, checks by verdict), then per
// flow the verdict table (statement, clause, verdict, reason, evidence) and the known
// failures with their reasons. Unexpected failures, stale expectations and any verdict
// this package does not know are marked as problems; a checkbox shows only those.
func WriteConformHTML(w io.Writer, c *Conformance) error {
	v := htmlConformOf(c)
	return writePage(w, "conform", "enroll conform: "+v.Outcome, v)
}

// htmlConform is a Conformance as conform.html.tmpl shows it.
type htmlConform struct {
	Outcome    string // "1 unexpected failure" or "no unexpected failure"
	OK         bool
	Started    string
	Duration   string
	Defects    []string
	ExpectFile string
	Counts     []count
	Flows      []htmlConformFlow
}

type htmlConformFlow struct {
	ID       string
	File     string
	Guide    string
	Source   string
	Site     string
	BaseURL  string
	Duration string
	Problem  bool
	Counts   []count
	Checks   []htmlCheck
	Known    []htmlCheck // failures listed as expected, with their reasons
}

type htmlCheck struct {
	ID        string
	Statement string
	Clause    string
	About     string
	Verdict   string
	Label     string // the verdict as read: "failed (known)", "passed (stale expectation)"
	Class     string // v-<verdict>, or v-known for a known failure
	Note      string // what the verdict alone does not say: unexpected, known, stale expectation
	Problem   bool
	Reason    string
	Evidence  []string
	Duration  string
	Expected  *Expectation
}

// knownVerdicts are the verdicts this package defines, in the order reports count
// them; any other verdict is counted after them, by name, and marked a problem.
var knownVerdicts = []Verdict{VerdictPassed, VerdictFailed, VerdictWarning, VerdictSkipped, VerdictPending}

func isKnownVerdict(v Verdict) bool {
	for _, k := range knownVerdicts {
		if v == k {
			return true
		}
	}
	return false
}

// checkProblem reports whether a check needs a reader's attention: an unexpected
// failure, a stale expectation, or a verdict this package does not know.
func checkProblem(ch *Check) bool {
	return ch.Unexpected() || ch.Stale() || !isKnownVerdict(ch.Verdict)
}

// verdictCounts counts checks by verdict, with known failures and stale expectations
// apart, in knownVerdicts order then by name.
func verdictCounts(checks []*Check) []count {
	n := map[Verdict]int{}
	known, stale := 0, 0
	for _, ch := range checks {
		switch {
		case ch.Known():
			known++
		default:
			n[ch.Verdict]++
		}
		if ch.Stale() {
			stale++
		}
	}
	var out []count
	add := func(v Verdict) {
		if n[v] > 0 {
			out = append(out, count{n[v], v.String(), "v-" + v.String()})
		}
	}
	for _, v := range knownVerdicts {
		add(v)
		if v == VerdictFailed && known > 0 {
			out = append(out, count{known, "known " + plural(known, "failure"), "v-known"})
		}
	}
	var rest []Verdict
	for v := range n {
		if !isKnownVerdict(v) {
			rest = append(rest, v)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	for _, v := range rest {
		add(v)
	}
	if stale > 0 {
		out = append(out, count{stale, "stale " + plural(stale, "expectation"), "v-stale"})
	}
	return out
}

func htmlConformOf(c *Conformance) htmlConform {
	s := c.Summary()
	out := htmlConform{
		OK: s.OK(), Started: htmlTime(c.Started), Duration: FormatDuration(c.Duration),
		Defects: c.Defects, ExpectFile: c.ExpectFile,
	}
	var all []*Check
	unexpected := 0
	for i, f := range c.Flows {
		hf := htmlConformFlow{
			ID: fmt.Sprintf("flow-%d", i+1), File: f.File, Guide: f.Guide, Source: f.Source, Site: f.Site,
			BaseURL: f.BaseURL, Duration: FormatDuration(f.Duration), Counts: verdictCounts(f.Checks),
		}
		for _, ch := range f.Checks {
			all = append(all, ch)
			hc := htmlCheck{
				ID: ch.ID, Statement: ch.Statement, Clause: ch.Clause, About: ch.About, Verdict: ch.Verdict.String(),
				Label: ch.Verdict.String(), Class: "v-" + ch.Verdict.String(), Problem: checkProblem(ch), Reason: ch.Reason, Evidence: ch.Evidence,
				Duration: FormatDuration(ch.Duration), Expected: ch.Expected,
			}
			switch {
			case ch.Unexpected():
				unexpected++
				hc.Label, hc.Note = "failed (unexpected)", "unexpected"
			case ch.Known():
				hc.Label, hc.Class, hc.Note = "failed (known)", "v-known", "known"
				hf.Known = append(hf.Known, hc)
			case ch.Stale():
				hc.Label += " (stale expectation)"
				hc.Note = "stale expectation"
			}
			hf.Problem = hf.Problem || hc.Problem
			hf.Checks = append(hf.Checks, hc)
		}
		out.Flows = append(out.Flows, hf)
	}
	out.Counts = append([]count{{len(all), plural(len(all), "check"), "all"}}, verdictCounts(all)...)
	if unexpected == 0 {
		out.Outcome = "no unexpected failure"
	} else {
		out.Outcome = fmt.Sprintf("%d unexpected %s", unexpected, plural(unexpected, "failure"))
	}
	return out
}

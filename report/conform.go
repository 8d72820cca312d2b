package report

import "time"

// Verdict is the outcome of one conformance check (`enroll conform`).
type Verdict string

// The verdicts. The zero value, VerdictPending, means the check has not been decided.
const (
	VerdictPending Verdict = ""
	// VerdictPassed: the site did what the check's clause asks.
	VerdictPassed Verdict = "passed"
	// VerdictFailed: it did not (or, for an "about: guide" check, the guide is wrong).
	VerdictFailed Verdict = "failed"
	// VerdictWarning: allowed, but discouraged (a 128-bit secret, a non-default period).
	VerdictWarning Verdict = "warning"
	// VerdictSkipped: not checked; Reason says why.
	VerdictSkipped Verdict = "skipped"
	// VerdictError: the check could not be carried out, so it could not tell whether
	// the site does what it asks; Reason gives the root cause ("not run: ..." when a
	// phase another check needed failed). Never the site's fault.
	VerdictError Verdict = "error"
)

// String returns the verdict as written in reports; pending reads "pending".
func (v Verdict) String() string {
	if v == VerdictPending {
		return "pending"
	}
	return string(v)
}

// Conformance is the results of one `enroll conform`: every flow probed, in the order
// given, each with its checks in a fixed order. Like a Run, it holds no secret value:
// reasons and evidence name codes by what they are ("the enrollment's code"), never
// by value.
type Conformance struct {
	// Started is when the run began; Duration its wall-clock time.
	Started  time.Time
	Duration time.Duration
	// Defects are the deliberate defects the bundled mocks were started with.
	Defects []string
	// ExpectFile is the expected-failures file applied, "" for none.
	ExpectFile string
	// Flows are the flows probed, in the order given.
	Flows []*ConformFlow
}

// ConformFlow is the checks of one flow: one guide's site.
type ConformFlow struct {
	// File is the flow file as given; Guide its title and Source the guide file.
	File   string
	Guide  string
	Source string
	// Site is the bundled mock's name, "" for a real site; BaseURL where it ran.
	Site    string
	BaseURL string
	// Duration is how long the flow's checks took.
	Duration time.Duration
	// Checks are the flow's checks, in the order of the conform package's table.
	Checks []*Check
}

// Name is the flow's short name: its file name without directory and extension.
func (f *ConformFlow) Name() string { return (&Flow{File: f.File}).Name() }

// Check is one conformance check of one flow's site.
type Check struct {
	// ID is the check's stable identifier (replay-refused); Statement what it checks,
	// in one line; Clause the document and section it rests on.
	ID        string
	Statement string
	Clause    string
	// About is whom a failure is about: "site", or "guide" when it is the written
	// guide that is wrong (guide-claims).
	About string
	// Verdict and Reason: the outcome, and why, in one sentence.
	Verdict Verdict
	Reason  string
	// Evidence is what the check did and saw, in order, one line each.
	Evidence []string
	// Duration is the time spent on the check's own probes.
	Duration time.Duration
	// Expected is the entry of the expected-failures file that lists this check, or nil.
	Expected *Expectation
}

// Expectation is a known failure listed in an expected-failures file.
type Expectation struct {
	// Reason is why the failure is known and accepted.
	Reason string
	// At is where the entry is written: file:line:col.
	At string
}

// Unexpected reports whether the check failed without being listed as expected: the
// only outcome that fails a conformance run.
func (c *Check) Unexpected() bool { return c.Verdict == VerdictFailed && c.Expected == nil }

// Known reports whether the check failed as listed in the expected-failures file.
func (c *Check) Known() bool { return c.Verdict == VerdictFailed && c.Expected != nil }

// Stale reports whether the check was listed as an expected failure but did not fail.
func (c *Check) Stale() bool { return c.Expected != nil && c.Verdict != VerdictFailed }

// ConformSummary counts the checks of a conformance run by outcome.
type ConformSummary struct {
	Checks   int
	Passed   int
	Failed   int // unexpected failures only: these fail the run
	Known    int // failures listed as expected
	Warning  int
	Skipped  int
	Errored  int // checks that could not tell (VerdictError)
	Stale    int // expected failures that did not happen (also counted by verdict)
	Duration time.Duration
}

// Summary counts the run's checks.
func (c *Conformance) Summary() ConformSummary {
	s := ConformSummary{Duration: c.Duration}
	for _, f := range c.Flows {
		for _, ch := range f.Checks {
			s.Checks++
			switch {
			case ch.Unexpected():
				s.Failed++
			case ch.Known():
				s.Known++
			case ch.Verdict == VerdictPassed:
				s.Passed++
			case ch.Verdict == VerdictWarning:
				s.Warning++
			case ch.Verdict == VerdictError:
				s.Errored++
			default:
				s.Skipped++
			}
			if ch.Stale() {
				s.Stale++
			}
		}
	}
	return s
}

// OK reports whether the run passed: no check failed unexpectedly. A run with checks
// that could not tell (Errored) and no failure is OK but Undecided.
func (s ConformSummary) OK() bool { return s.Failed == 0 }

// Undecided reports whether some check could not tell (ERROR) while none failed: the
// site was not shown broken, but not shown sound either.
func (s ConformSummary) Undecided() bool { return s.Failed == 0 && s.Errored > 0 }

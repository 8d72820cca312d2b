package report

// Status is the outcome of a run, a flow or a guide step. The zero value, Pending,
// means it has not finished (or not started) yet.
type Status string

// The statuses. A run, flow or step that finished has one of Passed, Failed, Errored,
// Skipped or Interrupted.
const (
	// Pending: not started or still running. Reports render it like Skipped.
	Pending Status = ""
	// Passed: every action did what it names.
	Passed Status = "passed"
	// Failed: an action failed: the site or the guide disagrees with the flow. The
	// Failure says which and why.
	Failed Status = "failed"
	// Errored: the environment failed, not the site or the guide: the browser crashed
	// or the connection to it was lost. The Failure says what happened.
	Errored Status = "errored"
	// Skipped: never run, because an earlier step of the flow failed, the run
	// stopped before the flow started, or the browser could not be started again
	// after a crash (the flow's Failure then says so).
	Skipped Status = "skipped"
	// Interrupted: stopped part way by the user (Ctrl-C) or the run's deadline.
	Interrupted Status = "interrupted"
)

// String returns the status as written in reports; Pending reads "pending".
func (s Status) String() string {
	if s == Pending {
		return "pending"
	}
	return string(s)
}

// Done reports whether s is a final status (not Pending).
func (s Status) Done() bool { return s != Pending }

// mark is the one-character sign the terminal progress shows for a status.
func (s Status) mark() string {
	switch s {
	case Passed:
		return "✓"
	case Failed:
		return "✗"
	case Errored:
		return "E"
	case Interrupted:
		return "!"
	default:
		return "-"
	}
}

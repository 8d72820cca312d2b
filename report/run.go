package report

import (
	"path/filepath"
	"strings"
	"time"
)

// Run is the results of one `enroll run`: every flow it ran, in the order given on the
// command line (not the order they finished). It is the one structure every report
// renders (JSON, JUnit XML, terminal progress, and later the HTML evidence report).
//
// Everything in a Run is already safe to publish: the runner never puts a secret value
// (TOTP secret, code, recovery code, password) into any field, including failure
// messages and file names. The renderers print what they are given.
//
// The runner owns a Run while it runs: it appends flows and fills them in. Renderers
// read it after the run; Progress reads only the flow and step it is handed, at the
// moment it is called.
type Run struct {
	// Started is when the run began.
	Started time.Time
	// Duration is the wall-clock time of the whole run.
	Duration time.Duration
	// Status is the run's outcome; Finish derives it from the flows.
	Status Status
	// ArtifactsDir is the run's artifact folder (screenshots, page HTML, console logs),
	// as given with --artifacts.
	ArtifactsDir string
	// Flows are the flows of the run, in the order given.
	Flows []*Flow
}

// Flow is the result of running one flow file: one written guide carried out against
// one site.
type Flow struct {
	// File is the flow file's path as given on the command line (flows/20i.yaml).
	File string
	// Guide is the guide's title, and Source the guide file or URL it follows.
	Guide  string
	Source string
	// Site is the bundled mock site's name ("20i"), empty for a real site; BaseURL is
	// the URL the flow ran against.
	Site    string
	BaseURL string
	// Account is the email of the account the flow leased from an account pool, so a
	// person knows which test account it enrolled; "" when it used no pool.
	Account string
	// Status is the flow's outcome: Passed when every step passed, Failed when the
	// site or guide disagreed, Errored when the environment failed (browser crash).
	Status Status
	// Started is when the flow began, Duration how long it took.
	Started  time.Time
	Duration time.Duration
	// Steps are the guide's steps in order, including the ones not reached (Skipped).
	Steps []*Step
	// Failure is why the flow failed: the failed step's Failure, or a failure outside
	// any step (the site or browser context could not be set up). Nil when it passed.
	Failure *Failure
	// ArtifactsDir is the flow's folder of artifacts (artifacts/20i).
	ArtifactsDir string
	// Export is what --export wrote for the flow; nil when nothing was exported.
	Export *Export
}

// Export says that --export wrote a flow's credentials and where, never what is in
// the files.
type Export struct {
	// Dir is the flow's folder in the export folder (out/20i), Files the names written
	// there.
	Dir   string
	Files []string
	// Refused says which formats were left out and why (a key Google Authenticator
	// cannot carry); Error why the export could not be written, when it could not.
	Refused []string
	Error   string
}

// Name is the short name of the flow, used to label its lines when flows run in
// parallel: the file name without directory and extension ("20i").
func (f *Flow) Name() string {
	base := filepath.Base(f.File)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Step is the result of one step of the guide.
type Step struct {
	// Index is the step's 1-based position in the guide.
	Index int
	// Line is the step's line in the flow file, 0 when unknown.
	Line int
	// Title is the guide's heading for the step and Say its sentence(s), word for word.
	Title string
	Say   string
	// Status is the step's outcome; Skipped when an earlier step failed, or when the
	// step is Manual.
	Status Status
	// Manual, for a step the flow does not carry out, says why: the reader does it
	// away from the site ("done in the authenticator app"). Its Status is Skipped.
	Manual string
	// Duration is how long the step's actions took, waits included.
	Duration time.Duration
	// Screenshot is the screenshot taken after the step (QR region masked), empty when
	// none was taken.
	Screenshot string
	// Failure is why the step failed; nil unless Status is Failed, Errored or
	// Interrupted.
	Failure *Failure
	// Dialogs are the native dialogs (alert, confirm, prompt, beforeunload) the
	// step's actions saw and how each was answered, one line each:
	// `confirm "Are you sure?" answered cancel`.
	Dialogs []string
}

// Summary counts a run's flows by status.
type Summary struct {
	Flows       int // all flows
	Passed      int
	Failed      int
	Errored     int // the environment failed: browser crash, lost connection
	Interrupted int
	Skipped     int           // includes flows still Pending
	Duration    time.Duration // the run's Duration
}

// Summary counts the run's flows by status.
func (r *Run) Summary() Summary {
	s := Summary{Flows: len(r.Flows), Duration: r.Duration}
	for _, f := range r.Flows {
		switch f.Status {
		case Passed:
			s.Passed++
		case Failed:
			s.Failed++
		case Errored:
			s.Errored++
		case Interrupted:
			s.Interrupted++
		default:
			s.Skipped++
		}
	}
	return s
}

// Status derives a run's status from the counts: Interrupted if any flow was, else
// Errored if any flow errored, else Failed if any flow failed, else Passed if any flow
// passed, else Skipped.
func (s Summary) Status() Status {
	switch {
	case s.Interrupted > 0:
		return Interrupted
	case s.Errored > 0:
		return Errored
	case s.Failed > 0:
		return Failed
	case s.Passed > 0:
		return Passed
	default:
		return Skipped
	}
}

// Finish closes the run at end: it sets Duration, marks flows still Pending as
// Skipped, and sets Status from the flows (keeping Interrupted if the runner set it).
func (r *Run) Finish(end time.Time) {
	r.Duration = end.Sub(r.Started)
	for _, f := range r.Flows {
		if f.Status == Pending {
			f.Status = Skipped
		}
	}
	if r.Status != Interrupted {
		r.Status = r.Summary().Status()
	}
}

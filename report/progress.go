package report

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// IsTerminal reports whether f is a terminal (a character device), so progress can
// print a line per step there and stay quiet in CI logs, files and pipes. It needs no
// ioctl, so it also says true for other character devices such as /dev/null, where
// the extra lines do no harm.
func IsTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Progress prints a run's progress as it happens. On a terminal it prints a line per
// flow and per guide step with the time taken, a failure in full under its step, and
// the summary; elsewhere (CI logs, pipes) it is quiet until RunFinished, which prints
// the failures in full and the summary.
//
// The runner calls its methods as it goes; they are safe to call from the goroutines
// of flows running in parallel. Once two flows have been in flight at the same time,
// every line is prefixed with its flow's name ("[20i] ") so interleaved lines stay
// readable. A nil *Progress prints nothing.
type Progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	flows    map[*Flow]*flowState
	running  int   // flows started and not finished
	overlap  bool  // two flows have run at once: prefix every line from now on
	width    int   // longest flow name seen, to align prefixes
	open     *Step // the step whose line is written without its end (terminal, sequential)
	err      error // the first write error
}

// flowState is what Progress remembers about a flow while it runs.
type flowState struct {
	printed map[*Step]bool // steps whose result line is printed
}

// NewProgress returns a Progress writing to w; isTerminal selects the line-per-step
// output (see IsTerminal).
func NewProgress(w io.Writer, isTerminal bool) *Progress {
	return &Progress{w: w, terminal: isTerminal, flows: make(map[*Flow]*flowState)}
}

// Err returns the first error writing to the output, if any.
func (p *Progress) Err() error {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// FlowStarted tells that f has started; f.File and f.Guide are set.
func (p *Progress) FlowStarted(f *Flow) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.flows[f] = &flowState{printed: make(map[*Step]bool)}
	p.running++
	if p.running > 1 {
		p.overlap = true
	}
	p.width = max(p.width, len(f.Name()))
	if p.terminal {
		p.line(f, fmt.Sprintf("▶ %s  %s", f.File, f.Guide))
	}
}

// StepStarted tells that step s of f has started. On a terminal, when one flow runs at
// a time, it shows the step's line until StepFinished completes it.
func (p *Progress) StepStarted(f *Flow, s *Step) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.terminal || p.overlap {
		return
	}
	p.endOpen()
	p.write(fmt.Sprintf("  · %d %s", s.Index, s.Title))
	p.open = s
}

// StepFinished tells that step s of f has finished with s.Status, s.Duration and,
// when it failed, s.Failure set.
func (p *Progress) StepFinished(f *Flow, s *Step) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.flows[f]; st != nil {
		st.printed[s] = true
	}
	if !p.terminal {
		return
	}
	if p.open == s {
		p.write("\r\033[K") // replace the started line with the finished one
		p.open = nil
	}
	p.stepLine(f, s)
}

// Note prints a message about f's current step on a terminal, for waits a person
// would otherwise wonder about: "waiting 4s for the next TOTP time step". It must
// carry no secret value.
func (p *Progress) Note(f *Flow, msg string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		p.line(f, indent(msg, "    "))
	}
}

// FlowFinished tells that f has finished with f.Status, f.Duration and, when it
// failed, f.Failure set. On a terminal it prints the steps StepFinished was not
// called for (the ones not reached) and the flow's result.
func (p *Progress) FlowFinished(f *Flow) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.flows[f]
	delete(p.flows, f)
	if st != nil {
		p.running--
	}
	if !p.terminal {
		return
	}
	for _, s := range f.Steps {
		if st == nil || !st.printed[s] {
			p.stepLine(f, s)
		}
	}
	p.line(f, fmt.Sprintf("%s %s  %s  %s", f.Status.mark(), f.File, f.Status, FormatDuration(f.Duration)))
	if f.Failure != nil && !stepFailure(f) {
		p.line(f, indent(f.Failure.Error(), "  "))
	}
}

// RunFinished prints the end of the run: the failed, errored, interrupted flows, and
// skipped ones with a cause, with their
// failures in full (not on a terminal, or on one when flows ran in parallel and their
// lines interleaved), then the summary line.
func (p *Progress) RunFinished(r *Run) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endOpen()
	if !p.terminal || p.overlap {
		for _, f := range r.Flows {
			if f.Status == Passed || f.Failure == nil && f.Status != Failed && f.Status != Interrupted {
				continue
			}
			p.write(fmt.Sprintf("%s %s  %s  %s\n", strings.ToUpper(f.Status.String()), f.File, f.Guide, FormatDuration(f.Duration)))
			if f.Failure != nil {
				p.write(indent(f.Failure.Error(), "  ") + "\n")
			}
		}
	}
	if p.terminal {
		p.write("\n")
	}
	p.write(r.Summary().String() + "\n")
}

// stepLine prints a step's result line and, under it, its failure.
func (p *Progress) stepLine(f *Flow, s *Step) {
	text := fmt.Sprintf("  %s %d %s  %s", s.Status.mark(), s.Index, s.Title, FormatDuration(s.Duration))
	switch {
	case s.Status == Skipped && s.Manual != "":
		text = fmt.Sprintf("  %s %d %s  manual: %s", Skipped.mark(), s.Index, s.Title, s.Manual)
	case !s.Status.Done() || s.Status == Skipped:
		text = fmt.Sprintf("  %s %d %s  %s", Skipped.mark(), s.Index, s.Title, "not reached")
	}
	p.line(f, text)
	if s.Failure != nil {
		p.line(f, indent(s.Failure.Error(), "    "))
	}
}

// stepFailure reports whether f's failure is the failure of one of its steps, so
// it is already printed under that step.
func stepFailure(f *Flow) bool {
	for _, s := range f.Steps {
		if s.Failure == f.Failure {
			return true
		}
	}
	return false
}

// line writes text, which may span lines, as whole lines of f, each prefixed with the
// flow's name once flows run in parallel.
func (p *Progress) line(f *Flow, text string) {
	p.endOpen()
	if p.overlap {
		text = indent(text, fmt.Sprintf("%-*s ", p.width+2, "["+f.Name()+"]"))
	}
	p.write(text + "\n")
}

// endOpen ends a step line left open by StepStarted.
func (p *Progress) endOpen() {
	if p.open != nil {
		p.write("\n")
		p.open = nil
	}
}

// write writes s to the output, remembering the first error.
func (p *Progress) write(s string) {
	if p.err != nil {
		return
	}
	_, p.err = io.WriteString(p.w, s)
}

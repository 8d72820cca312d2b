package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// play calls p the way the runner does for the finished flows of r, one flow after
// the other: flows never started get no calls, and steps not reached get no
// StepStarted/StepFinished. A note is given during the second step of each flow.
func play(p *Progress, r *Run) {
	for _, f := range r.Flows {
		playFlow(p, f)
	}
	p.RunFinished(r)
}

func playFlow(p *Progress, f *Flow) {
	if f.Status == Pending || f.Status == Skipped {
		return
	}
	p.FlowStarted(f)
	for _, s := range f.Steps {
		if s.Status == Skipped || s.Status == Pending {
			continue
		}
		p.StepStarted(f, s)
		if s.Index == 2 {
			p.Note(f, "waiting 4s for the next TOTP time step")
		}
		p.StepFinished(f, s)
	}
	p.FlowFinished(f)
}

func TestProgress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		run      *Run
		terminal bool
	}{
		{"run", sampleRun(), true},
		{"run", sampleRun(), false},
		{"interrupted", interruptedRun(), true},
		{"interrupted", interruptedRun(), false},
		{"errored", erroredRun(), true},
		{"errored", erroredRun(), false},
	}
	for _, tt := range tests {
		mode := "plain"
		if tt.terminal {
			mode = "terminal"
		}
		t.Run(tt.name+"-"+mode, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			p := NewProgress(&buf, tt.terminal)
			play(p, tt.run)
			if err := p.Err(); err != nil {
				t.Fatal(err)
			}
			golden(t, "progress-"+tt.name+"-"+mode+".txt", buf.Bytes())
		})
	}
}

func TestProgressNil(t *testing.T) {
	t.Parallel()
	var p *Progress
	play(p, sampleRun()) // must not panic
	if err := p.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
}

func TestSummaryString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    Summary
		want string
	}{
		{Summary{Flows: 2, Passed: 1, Failed: 1, Duration: 3200 * time.Millisecond}, "2 flows: 1 passed, 1 failed (3.2s)"},
		{Summary{Flows: 1, Passed: 1, Duration: 410 * time.Millisecond}, "1 flow: 1 passed (0.41s)"},
		{Summary{Flows: 3, Interrupted: 1, Skipped: 2, Duration: 65 * time.Second}, "3 flows: 0 passed, 1 interrupted, 2 skipped (1m05s)"},
		{Summary{Flows: 3, Failed: 1, Errored: 1, Skipped: 1, Duration: time.Second}, "3 flows: 0 passed, 1 failed, 1 errored, 1 skipped (1.0s)"},
		{Summary{}, "0 flows: 0 passed (0.00s)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := tt.s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if IsTerminal(f) {
		t.Errorf("IsTerminal(regular file) = true")
	}
	if IsTerminal(nil) {
		t.Errorf("IsTerminal(nil) = true")
	}
}

// TestProgressConcurrent runs flows in parallel, as -j N does, under the race
// detector: every line of a flow's steps must be whole and carry its flow's name.
func TestProgressConcurrent(t *testing.T) {
	t.Parallel()
	const flows, steps = 8, 20
	run := &Run{Started: t0}
	for i := range flows {
		f := &Flow{File: fmt.Sprintf("flows/site%d.yaml", i), Guide: fmt.Sprintf("Guide %d", i), Status: Passed, Duration: ms(100 * i)}
		for j := range steps {
			f.Steps = append(f.Steps, &Step{Index: j + 1, Title: fmt.Sprintf("site%d step %d", i, j+1), Duration: ms(j)})
		}
		run.Flows = append(run.Flows, f)
	}
	var buf bytes.Buffer
	p := NewProgress(&buf, true)
	var started, done sync.WaitGroup
	started.Add(flows)
	for _, f := range run.Flows {
		done.Add(1)
		go func() {
			defer done.Done()
			p.FlowStarted(f)
			started.Done()
			started.Wait() // every flow is in flight before any step runs
			for _, s := range f.Steps {
				p.StepStarted(f, s)
				p.Note(f, "note for "+s.Title)
				s.Status = Passed // the runner's goroutine owns its flow's steps
				p.StepFinished(f, s)
			}
			p.FlowFinished(f)
		}()
	}
	done.Wait()
	run.Finish(t0.Add(time.Second))
	p.RunFinished(run)

	out := buf.String()
	counts := make(map[string]int)
	for _, line := range strings.Split(out, "\n") {
		i := strings.Index(line, "site")
		if i < 0 || !strings.Contains(line, " step ") {
			continue
		}
		name := line[i : i+len("site0")]
		if !strings.HasPrefix(line, "["+name+"]") {
			t.Errorf("line of %s without its prefix: %q", name, line)
		}
		counts[name]++
	}
	for i := range flows {
		name := fmt.Sprintf("site%d", i)
		if counts[name] != 2*steps { // a note and a result line per step
			t.Errorf("%s: %d step lines, want %d", name, counts[name], 2*steps)
		}
	}
	if !strings.HasSuffix(out, "\n8 flows: 8 passed (1.0s)\n") {
		t.Errorf("output does not end with the summary:\n%s", out)
	}
}

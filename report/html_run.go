package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteHTML writes r as the HTML evidence report: one self-contained page (style,
// screenshots as data: URIs, no request to anywhere) that a doc writer opens from a
// file:// URL. A header says when, against what, and how many flows passed; then, per
// flow, the guide's title and source and, per guide step, its heading, its say: text,
// its outcome and duration, its screenshot and, for a failure, the message, the flow
// file position, what is on screen instead, the failure screenshot and the browser
// console. Steps are collapsible (<details>), problems open; a checkbox shows only
// problems. It reports at step level: a Run has no per-action results; a failure names
// its action.
//
// Screenshots and console logs are read through read (nil: the files, relative to the
// working folder); one that cannot be read is named with the reason instead. Nothing
// else is read: the page shows what the JSON report holds plus those artifacts.
func WriteHTML(w io.Writer, r *Run, read ReadFile) error {
	return writePage(w, "run", "enroll run: "+runHeadline(r), htmlRunOf(r, read))
}

// htmlRun is a Run as run.html.tmpl shows it.
type htmlRun struct {
	Headline  string
	Status    string
	Problem   bool
	Started   string
	Duration  string
	Counts    []count
	Targets   []string // "20i at http://127.0.0.1:4711"
	Artifacts string
	Problems  []htmlLink // links to every step or flow with a problem
	Flows     []htmlFlow
}

type htmlLink struct{ ID, Text string }

type htmlFlow struct {
	ID       string
	File     string
	Name     string
	Guide    string
	Source   string
	Site     string
	BaseURL  string
	Status   string
	Mark     string
	Problem  bool
	Started  string
	Duration string
	Failure  *htmlFailure // a failure outside any step
	Steps    []htmlStep
	Export   *Export
}

type htmlStep struct {
	ID         string
	File       string
	Index      int
	Line       int
	Title      string
	Say        string
	Status     string
	Mark       string
	Problem    bool
	Manual     string
	Duration   string
	Dialogs    []string
	Screenshot *image
	Failure    *htmlFailure
}

type htmlFailure struct {
	Headline   string
	Pos        string
	Step       string
	Action     string
	Message    string
	URL        string
	OnScreen   []string
	Screenshot *image
	HTML       string
	Console    *console
}

// runHeadline is the run's outcome in a line: "failed: 1 passed, 1 failed (13.6s)".
func runHeadline(r *Run) string {
	s := r.Summary()
	text := s.String()
	if _, rest, ok := strings.Cut(text, ": "); ok {
		text = rest
	}
	return r.Status.String() + ": " + text
}

func htmlRunOf(r *Run, read ReadFile) htmlRun {
	s := r.Summary()
	out := htmlRun{
		Headline:  runHeadline(r),
		Status:    r.Status.String(),
		Problem:   problem(r.Status),
		Started:   htmlTime(r.Started),
		Duration:  FormatDuration(r.Duration),
		Artifacts: r.ArtifactsDir,
	}
	counts := map[Status]int{}
	targets := map[string]bool{}
	for i, f := range r.Flows {
		counts[f.Status]++
		t := f.Site
		switch {
		case t != "" && f.BaseURL != "":
			t += " at " + f.BaseURL
		case t == "":
			t = f.BaseURL
		}
		if t != "" && !targets[t] {
			targets[t] = true
			out.Targets = append(out.Targets, t)
		}
		hf := htmlFlowOf(i+1, f, read)
		if hf.Failure != nil {
			out.Problems = append(out.Problems, htmlLink{hf.ID, fmt.Sprintf("%s: %s", f.File, hf.Failure.Headline)})
		}
		for _, st := range hf.Steps {
			if st.Problem {
				out.Problems = append(out.Problems, htmlLink{st.ID, fmt.Sprintf("%s: step %d %q %s", f.File, st.Index, st.Title, st.Status)})
			}
		}
		out.Flows = append(out.Flows, hf)
	}
	out.Counts = append(out.Counts, count{s.Flows, plural(s.Flows, "flow"), "all"})
	for _, st := range statusesOf(counts) {
		out.Counts = append(out.Counts, count{counts[st], st.String(), "s-" + st.String()})
	}
	return out
}

// statusOrder is the order the header counts statuses in; a status not listed (added
// later) comes after, by name.
var statusOrder = []Status{Passed, Failed, Errored, Interrupted, Skipped, Pending}

// statusesOf returns the statuses counted, in statusOrder, then any other by name.
func statusesOf(counts map[Status]int) []Status {
	var out, rest []Status
	known := map[Status]bool{}
	for _, st := range statusOrder {
		known[st] = true
		if counts[st] > 0 {
			out = append(out, st)
		}
	}
	for st, n := range counts {
		if !known[st] && n > 0 {
			rest = append(rest, st)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	return append(out, rest...)
}

func htmlFlowOf(n int, f *Flow, read ReadFile) htmlFlow {
	id := fmt.Sprintf("flow-%d", n)
	hf := htmlFlow{
		ID: id, File: f.File, Name: f.Name(), Guide: f.Guide, Source: f.Source, Site: f.Site, BaseURL: f.BaseURL,
		Status: f.Status.String(), Mark: f.Status.mark(), Problem: problem(f.Status) || f.Failure != nil,
		Started: htmlTime(f.Started), Duration: FormatDuration(f.Duration), Export: f.Export,
	}
	inStep := false
	for _, st := range f.Steps {
		hs := htmlStep{
			ID: fmt.Sprintf("%s-step-%d", id, st.Index), File: f.File, Index: st.Index, Line: st.Line, Title: st.Title, Say: st.Say,
			Status: st.Status.String(), Mark: st.Status.mark(), Problem: problem(st.Status) || st.Failure != nil,
			Manual: st.Manual, Dialogs: st.Dialogs,
			Screenshot: embedImage(read, st.Screenshot, fmt.Sprintf("The page after step %d, %q", st.Index, st.Title)),
		}
		if st.Status.Done() && st.Status != Skipped {
			hs.Duration = FormatDuration(st.Duration)
		}
		if st.Failure != nil {
			inStep = inStep || st.Failure == f.Failure
			hs.Failure = htmlFailureOf(st.Failure, read, fmt.Sprintf("The page when step %d, %q, %s", st.Index, st.Title, st.Status))
			if hs.Screenshot != nil && hs.Failure.Screenshot != nil && hs.Screenshot.Path == hs.Failure.Screenshot.Path {
				hs.Screenshot = nil
			}
		}
		hf.Steps = append(hf.Steps, hs)
	}
	if f.Failure != nil && !inStep {
		hf.Failure = htmlFailureOf(f.Failure, read, fmt.Sprintf("The page when %s stopped", f.File))
	}
	return hf
}

func htmlFailureOf(f *Failure, read ReadFile, alt string) *htmlFailure {
	hf := &htmlFailure{
		Headline: f.Headline(), Pos: f.Pos.String(), Action: f.Action, Message: f.message(), URL: f.URL,
		OnScreen: f.OnScreen, HTML: f.HTML, Console: readConsole(read, f.Console),
		Screenshot: embedImage(read, f.Screenshot, alt),
	}
	if f.StepIndex > 0 || f.Step != "" {
		hf.Step = fmt.Sprintf("step %d %q", f.StepIndex, f.Step)
	}
	if hf.Headline == "" {
		hf.Headline = hf.Message
	}
	return hf
}

// plural is "1 flow", "2 flows" without the number: the noun for n.
func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

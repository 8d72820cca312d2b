package guidedoc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/report"
)

// driftRow is one label the guide quotes and what the run saw of it.
type driftRow struct {
	Step   string // the guide's step: "2. Security Details"
	Label  string
	Status string
}

// drift lists every label the guide quotes with what the run saw of it at the flow's
// step of the same heading (see labelStatus). missing are the guide's headings that no
// step of the flow has.
func drift(g *guide.Guide, f *flow.Flow, r *report.Flow, w *Watch) (rows []driftRow, missing []string) {
	rows = []driftRow{}
	byTitle := map[string]int{} // flow step title → index in r.Steps
	for i, s := range r.Steps {
		byTitle[strings.ToLower(s.Title)] = i
	}
	for _, gs := range g.Steps {
		name := fmt.Sprintf("%d. %s", gs.Number, gs.Heading)
		i, ok := byTitle[strings.ToLower(gs.Heading)]
		if !ok {
			missing = append(missing, fmt.Sprintf("%q", name))
			i = -1
		}
		for _, l := range gs.Labels {
			rows = append(rows, driftRow{Step: name, Label: l.Text, Status: labelStatus(l.Text, i, f, r, w)})
		}
	}
	return rows, missing
}

// labelStatus says what the run saw of one label the guide quotes in the step that is
// the flow's step i (-1: the flow has no such step):
//
//   - not shown, with what the page showed instead, when the action looking for it
//     failed;
//   - shown, when the page showed it as the step ended, or an action of the step
//     looked for it and passed;
//   - not shown, with the labels on the page most like it first, when the page did
//     not show it as the step ended (and where it showed, if at another step);
//   - shown at another step; or not checked, saying why.
func labelStatus(label string, i int, f *flow.Flow, r *report.Flow, w *Watch) string {
	var sn *seen
	if i >= 0 {
		s := r.Steps[i]
		if fl := s.Failure; fl != nil && strings.Contains(strings.ToLower(fl.Action), strings.ToLower(fmt.Sprintf("%q", label))) {
			if len(fl.OnScreen) == 0 {
				return "not shown"
			}
			return "not shown; on screen instead: " + quoteAll(fl.OnScreen)
		}
		sn = w.at(s.Index)
		if shown, _ := sn.lookup(label); shown || passedLooking(f, i, s, label) {
			return "shown"
		}
	}
	elsewhere := ""
	for j, s := range r.Steps {
		if j == i {
			continue
		}
		if shown, _ := w.at(s.Index).lookup(label); shown || passedLooking(f, j, s, label) {
			elsewhere = fmt.Sprintf("shown at step %d, %q", s.Index, s.Title)
			break
		}
	}
	if _, ok := sn.lookup(label); ok {
		status := "not shown"
		if elsewhere != "" {
			status += " here (" + elsewhere + ")"
		}
		if alike := likeFirst(label, sn.onScreen); len(alike) > 0 {
			status += "; on screen instead: " + quoteAll(alike)
		}
		return status
	}
	switch {
	case elsewhere != "":
		return elsewhere
	case i < 0:
		return "not checked: no step of the flow has this heading"
	case r.Steps[i].Manual != "":
		return "not checked: the step is done away from the site"
	case r.Steps[i].Status == report.Skipped:
		return "not checked: the step was not reached"
	case lookedFor(f, i, label):
		return "not checked: the step failed before looking for it"
	case w == nil:
		return "not checked: the flow does not look for it"
	}
	return "not checked: the page could not be read"
}

// lookup says whether the page showed label after the step, and whether it was
// checked at all.
func (sn *seen) lookup(label string) (shown, checked bool) {
	if sn == nil {
		return false, false
	}
	shown, checked = sn.shown[strings.ToLower(label)]
	return shown, checked
}

// lookedFor reports whether step i of the flow looks for label on the screen (case
// ignored), in its own actions or the fragments they use (flow.Labels).
func lookedFor(f *flow.Flow, i int, label string) bool {
	return looking(f, i, label, func(int) bool { return true })
}

// passedLooking reports whether an action of step i (its run s) that looks for label
// passed: the step passed, or the action came before the one that failed.
func passedLooking(f *flow.Flow, i int, s *report.Step, label string) bool {
	failed := -1 // the failed action's place among the step's actions
	if fl := s.Failure; fl != nil && f != nil && i < len(f.Steps) {
		failed = slices.IndexFunc(f.Expand(f.Steps[i].Actions), func(a flow.Action) bool {
			return report.Pos(a.At()) == fl.Pos
		})
	}
	return looking(f, i, label, func(k int) bool { return s.Status == report.Passed || k < failed })
}

// looking reports whether one of step i's actions for which ok(its place) holds looks
// for label.
func looking(f *flow.Flow, i int, label string, ok func(int) bool) bool {
	if f == nil || i < 0 || i >= len(f.Steps) {
		return false
	}
	for k, a := range f.Expand(f.Steps[i].Actions) {
		for _, l := range flow.Labels(a) {
			if !l.Absent && strings.EqualFold(l.Text, label) && ok(k) {
				return true
			}
		}
	}
	return false
}

// maxInstead is how many labels on the page a row of the labels section names.
const maxInstead = 5

// likeFirst returns up to maxInstead of the labels on the page, those sharing a word
// with label first, each group in reading order.
func likeFirst(label string, onScreen []string) []string {
	words := strings.Fields(strings.ToLower(label))
	shares := func(s string) bool {
		for _, w := range strings.Fields(strings.ToLower(s)) {
			if slices.Contains(words, w) {
				return true
			}
		}
		return false
	}
	out := slices.Clone(onScreen)
	slices.SortStableFunc(out, func(a, b string) int {
		switch sa, sb := shares(a), shares(b); {
		case sa && !sb:
			return -1
		case sb && !sa:
			return 1
		}
		return 0
	})
	return out[:min(len(out), maxInstead)]
}

// quoteAll quotes each label and joins them with commas, as failures list them.
func quoteAll(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q, ", ")
}

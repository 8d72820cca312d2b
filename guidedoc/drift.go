package guidedoc

import (
	"fmt"
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

// drift lists every label the guide quotes with what the run says of it: shown at
// its step (a passed action of the flow's step of that heading looked for it), shown
// at another step, not shown (the action looking for it failed; with what was on the
// screen instead), or not checked (the flow does not look for it). missing are the
// guide's headings that no step of the flow has.
func drift(g *guide.Guide, f *flow.Flow, r *report.Flow) (rows []driftRow, missing []string) {
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
		}
		for _, l := range gs.Labels {
			rows = append(rows, driftRow{Step: name, Label: l.Text, Status: labelStatus(l.Text, i, ok, f, r)})
		}
	}
	return rows, missing
}

// labelStatus says what the run saw of one quoted label of the guide step that is
// the flow's step i (when ok).
func labelStatus(label string, i int, ok bool, f *flow.Flow, r *report.Flow) string {
	if ok {
		s := r.Steps[i]
		if fl := s.Failure; fl != nil && strings.Contains(strings.ToLower(fl.Action), strings.ToLower(fmt.Sprintf("%q", label))) {
			if len(fl.OnScreen) == 0 {
				return "not shown"
			}
			return "not shown; on screen instead: " + quoteAll(fl.OnScreen)
		}
		if lookedFor(f, i, label) {
			if s.Status == report.Passed {
				return "shown"
			}
			return "not checked: the step did not pass"
		}
	}
	for j, s := range r.Steps {
		if (!ok || j != i) && lookedFor(f, j, label) && s.Status == report.Passed {
			return fmt.Sprintf("shown at step %d, %q", s.Index, s.Title)
		}
	}
	return "not checked: the flow does not look for it"
}

// lookedFor reports whether step i of the flow looks for label on the screen (case
// ignored), in its own actions or the fragments they use.
func lookedFor(f *flow.Flow, i int, label string) bool {
	if f == nil || i >= len(f.Steps) {
		return false
	}
	for _, l := range Labels(f, f.Steps[i].Actions) {
		if strings.EqualFold(l, label) {
			return true
		}
	}
	return false
}

// Labels returns the visible texts the actions look for on the screen (what they
// click, hover, check, select, fill or type into, and the texts they expect),
// including those of the fragments they use.
func Labels(f *flow.Flow, actions []flow.Action) []string {
	var out []string
	target := func(t *flow.Target) {
		if t != nil {
			for _, s := range []string{t.Text, t.Label, t.Placeholder, t.Name} {
				if s != "" {
					out = append(out, s)
				}
			}
		}
	}
	for _, a := range actions {
		switch a := a.(type) {
		case *flow.Click:
			target(&a.Target)
		case *flow.Hover:
			target(&a.Target)
		case *flow.Check:
			target(&a.Target)
		case *flow.Fill:
			target(&a.Into)
		case *flow.Select:
			target(&a.From)
		case *flow.Press:
			target(a.In)
		case *flow.TypeCode:
			target(a.Into)
		case *flow.Expect:
			if !a.Absent {
				if a.Text != "" {
					out = append(out, a.Text)
				}
				target(a.Element)
			}
		case *flow.Use:
			if fr := f.Fragments[a.Fragment]; fr != nil {
				out = append(out, Labels(f, fr.Actions)...)
			}
		}
	}
	return out
}

// quoteAll quotes each label and joins them with commas, as failures list them.
func quoteAll(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q, ", ")
}

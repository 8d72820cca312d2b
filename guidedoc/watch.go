package guidedoc

import (
	"context"
	"image"
	"slices"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/locator"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// Watch reads the page after each step of one flow's run, for its render: whether
// the page shows each label the written guide quotes for that step (and what it shows
// instead), and, for a cropped or highlighted picture, where the element the step acts
// on is. Give its AfterStep to runner.Options.AfterStep (for this flow), then the
// Watch to Doc. One flow's steps run one after another, so a Watch needs no lock.
type Watch struct {
	flow  *flow.Flow
	guide *guide.Guide
	focus bool
	steps map[int]*seen // by the step's number, from 1
}

// seen is what a Watch read of the page after one step.
type seen struct {
	shown    map[string]bool // by label, lower-cased: every label checked at the step
	onScreen []string        // the labels on the page, when one of the guide's was not
	focus    *image.Rectangle
}

// NewWatch returns a Watch of flow f's run against the written guide g (nil: no
// labels to check). focus: find the element each step acts on (for Pictures' crop and
// highlight).
func NewWatch(f *flow.Flow, g *guide.Guide, focus bool) *Watch {
	return &Watch{flow: f, guide: g, focus: focus, steps: map[int]*seen{}}
}

// maxOnScreen is how many labels on the page are read when a label of the guide is not
// shown, as failures read them.
const maxOnScreen = 20

// AfterStep reads the page as step s of the flow left it (runner.Options.AfterStep).
// The labels checked are those the guide quotes in the step of the same heading, and
// those of the guide's steps that no step of the flow has (they may show anywhere).
func (w *Watch) AfterStep(ctx context.Context, s *report.Step, p runner.Page) {
	if w == nil || s.Index < 1 || s.Index > len(w.flow.Steps) {
		return
	}
	sn := &seen{shown: map[string]bool{}}
	w.steps[s.Index] = sn
	missing := false
	for _, l := range w.labelsAt(s.Title) {
		k := strings.ToLower(l)
		if _, done := sn.shown[k]; done {
			continue
		}
		ok, err := p.Shows(ctx, l)
		if err != nil {
			delete(w.steps, s.Index) // the page could not be read: nothing seen
			return
		}
		sn.shown[k] = ok
		missing = missing || !ok
	}
	if missing {
		sn.onScreen, _ = p.OnScreen(ctx, maxOnScreen)
	}
	if w.focus {
		sn.focus = w.focusOf(ctx, w.flow.Steps[s.Index-1], p)
	}
}

// labelsAt lists the guide's labels to check after the flow's step titled title.
func (w *Watch) labelsAt(title string) []string {
	if w.guide == nil {
		return nil
	}
	var out []string
	for _, gs := range w.guide.Steps {
		if strings.EqualFold(gs.Heading, title) || !w.hasStep(gs.Heading) {
			for _, l := range gs.Labels {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

// hasStep reports whether the flow has a step titled heading (case ignored).
func (w *Watch) hasStep(heading string) bool {
	return slices.ContainsFunc(w.flow.Steps, func(s *flow.Step) bool { return strings.EqualFold(s.Title, heading) })
}

// focusOf finds the element step acts on, as the step left the page: the last
// element its actions name (what it clicks, fills, selects, waits to see, or the text
// it expects) that is to be seen now. nil when none is.
func (w *Watch) focusOf(ctx context.Context, step *flow.Step, p runner.Page) *image.Rectangle {
	var tried []locator.Locator
	actions := w.flow.Expand(step.Actions)
	for i := len(actions) - 1; i >= 0; i-- {
		for _, l := range slices.Backward(flow.Labels(actions[i])) {
			var loc locator.Locator
			switch {
			case l.Absent:
				continue
			case l.Source == flow.LabelTarget:
				loc = l.Target.Locator
			case l.Source == flow.LabelPage:
				loc = locator.Locator{Text: l.Text}
			default:
				continue
			}
			if slices.Contains(tried, loc) {
				continue
			}
			tried = append(tried, loc)
			if r, err := p.Box(ctx, loc); err == nil && !r.Empty() {
				return &r
			}
		}
	}
	return nil
}

// at returns what the watch saw after step i, nil when it saw nothing (no watch, the
// step not carried out, the page unreadable).
func (w *Watch) at(i int) *seen {
	if w == nil {
		return nil
	}
	return w.steps[i]
}

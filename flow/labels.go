package flow

import "fmt"

// Label is one text an action looks for on the screen, as the flow writes it: the
// words of a target (how it finds a button, a field, a section), the text an expect
// waits for, the option a select picks, the message a native dialog must show. It is
// what a written guide quotes, so the faithfulness test (flows/) checks each against
// the guide and `enroll docs` (guidedoc) says whether the page showed it.
type Label struct {
	Pos    Pos    // where the flow writes it
	Kind   Kind   // the kind of the action that looks for it
	Text   string // the words, never empty
	Source LabelSource
	// Target is the target whose words these are (LabelTarget, LabelWithin), nil for
	// a page text, an option or a dialog's message.
	Target *Target
	// OffGuide says why the guide does not quote it ("" when it should): the target's
	// or the dialog's off-guide.
	OffGuide string
	// Absent: the action waits for the text to be gone (expect-not).
	Absent bool
}

// LabelSource says where in an action a label comes from.
type LabelSource int

const (
	// LabelTarget is how a target finds its element: its text, label, placeholder
	// or accessible name.
	LabelTarget LabelSource = iota + 1
	// LabelWithin is the section, dialog or form a target is looked for in.
	LabelWithin
	// LabelPage is a text an expect waits for anywhere on the page.
	LabelPage
	// LabelOption is the option a select picks, when the flow writes it literally.
	LabelOption
	// LabelDialog is the text a native dialog's message must contain.
	LabelDialog
)

// Labels returns the labels an action looks for on the screen, in the order the
// action names them. Actions that read no label a guide quotes (a path to open, a
// region that holds a value to capture, an inbox, time) give none; a `use:` gives
// none here either: its fragment's actions give their own.
func Labels(a Action) []Label {
	out, _ := labels(a)
	return out
}

// labels is Labels, and whether the action's kind is known to it (the test proves
// every kind of the Kinds table is).
func labels(a Action) (out []Label, known bool) {
	add := func(pos Pos, text string, src LabelSource, t *Target, offGuide string, absent bool) {
		if text != "" {
			out = append(out, Label{Pos: pos, Kind: a.Kind(), Text: text, Source: src, Target: t, OffGuide: offGuide, Absent: absent})
		}
	}
	target := func(t *Target, absent bool) {
		if t == nil {
			return
		}
		for _, s := range []string{t.Text, t.Label, t.Placeholder, t.Name} {
			add(t.Pos, s, LabelTarget, t, t.OffGuide, absent)
		}
		add(t.Pos, t.Within, LabelWithin, t, t.OffGuide, absent)
	}
	switch a := a.(type) {
	case *Click:
		target(&a.Target, false)
	case *Hover:
		target(&a.Target, false)
	case *Check:
		target(&a.Target, false)
	case *Fill:
		target(&a.Into, false)
	case *Select:
		target(&a.From, false)
		if literal(a.Option) {
			add(a.Option.Pos, a.Option.Raw, LabelOption, nil, a.From.OffGuide, false)
		}
	case *Press:
		target(a.In, false)
	case *TypeCode:
		target(a.Into, false)
	case *Expect:
		add(a.Pos, a.Text, LabelPage, nil, "", a.Absent)
		target(a.Element, a.Absent)
	case *Dialog:
		add(a.Pos, a.Expect, LabelDialog, nil, a.OffGuide, false)
	case *Open, *Capture, *ScanQR, *ReadSecret, *SMSCode, *MailLink, *NewSession, *Wait, *Use:
		// A path, a region holding a value, an inbox, time, a fragment's name.
	default:
		return nil, false
	}
	return out, true
}

// Expand returns actions with every `use:` replaced by its fragment's actions, in the
// order they run (fragments within fragments too). A fragment the flow does not have
// is left out; Parse reports it.
func (f *Flow) Expand(actions []Action) []Action {
	var out []Action
	var walk func(actions []Action, depth int)
	walk = func(actions []Action, depth int) {
		for _, a := range actions {
			u, ok := a.(*Use)
			if !ok {
				out = append(out, a)
				continue
			}
			if fr := f.Fragments[u.Fragment]; fr != nil && depth < maxUseDepth {
				walk(fr.Actions, depth+1)
			}
		}
	}
	walk(actions, 0)
	return out
}

// GuideLabels returns the labels the flow's steps look for that its guide must quote:
// those of every action (flow.Labels), fragments' included, once each, except those
// marked off-guide. `enroll validate` and the bundled flows' test check each against
// the guide (guide.Guide.Quotes).
func (f *Flow) GuideLabels() []Label {
	var out []Label
	seen := map[string]bool{} // a fragment used twice gives its labels once
	for _, s := range f.Steps {
		for _, a := range f.Expand(s.Actions) {
			for _, l := range Labels(a) {
				key := l.Pos.String() + "\x00" + l.Text
				if l.OffGuide == "" && !seen[key] {
					seen[key] = true
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// maxUseDepth bounds Expand's nesting, should fragments ever use one another in a
// cycle.
const maxUseDepth = 16

// literal reports whether a template is plain text, with no ${references}.
func literal(t Template) bool {
	for _, p := range t.Parts {
		if p.Ref != nil {
			return false
		}
	}
	return true
}

// String says the label for a message: "Enable" (click at f.yaml:3:9).
func (l Label) String() string {
	return fmt.Sprintf("%q (%s at %s)", l.Text, l.Kind, l.Pos)
}

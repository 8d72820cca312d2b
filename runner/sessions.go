package runner

import "github.com/enroll-dev/enroll/flow"

// SessionsNeeded is how many browser sessions running the flows asks for in all: one
// per flow and one per new-session action, in the flow's fragments too. Given to the
// browser (browser.Options.Sessions), it opens no session ahead that nobody takes. A
// wrong count costs time, never a session: too high (a flow that stops early), a spare
// nobody takes; too low, a session opened when it is asked for.
func SessionsNeeded(flows []*flow.Flow) int {
	n := 0
	for _, f := range flows {
		n++
		for _, s := range f.Steps {
			n += newSessions(f, s.Actions, 0)
		}
	}
	return n
}

// newSessions counts the new-session actions in actions and in the fragments they use
// (depth guards a fragment that uses itself, which Parse refuses).
func newSessions(f *flow.Flow, actions []flow.Action, depth int) int {
	if depth > 16 {
		return 0
	}
	n := 0
	for _, a := range actions {
		switch a := a.(type) {
		case *flow.NewSession:
			n++
		case *flow.Use:
			if frag := f.Fragments[a.Fragment]; frag != nil {
				n += newSessions(f, frag.Actions, depth+1)
			}
		}
	}
	return n
}

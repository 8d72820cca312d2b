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
			for _, a := range f.Expand(s.Actions) {
				if _, ok := a.(*flow.NewSession); ok {
					n++
				}
			}
		}
	}
	return n
}

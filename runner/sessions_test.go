package runner

import (
	"testing"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
)

// TestSessionsNeeded counts flows/20i.yaml's sessions: the flow's own and one
// new-session; twice the flow, twice as many.
func TestSessionsNeeded(t *testing.T) {
	f, err := flow.Parse(flows.FS, "20i.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := SessionsNeeded([]*flow.Flow{f}); got != 2 {
		t.Errorf("SessionsNeeded(20i) = %d, want 2", got)
	}
	if got := SessionsNeeded([]*flow.Flow{f, f}); got != 4 {
		t.Errorf("SessionsNeeded(20i, 20i) = %d, want 4", got)
	}
}

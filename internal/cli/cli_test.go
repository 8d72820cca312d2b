package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestPanicIsInternalError: a command that panics exits 70 with the panic said as a bug
// in enroll, after its deferred clean-ups ran; never exit 2 (Go's own panic status),
// which reads as bad usage.
func TestPanicIsInternalError(t *testing.T) {
	t.Parallel()
	cleaned := false
	cmd := command{run: func(context.Context, *Env, []string) error {
		defer func() { cleaned = true }()
		var p *struct{ x int }
		return fmt.Errorf("%d", p.x)
	}}
	err := runCommand(context.Background(), &Env{}, cmd, nil)
	if code := ExitCode(err); code != ExitInternal || !cleaned {
		t.Fatalf("exit %d, want %d; clean-ups ran: %v; err: %v", code, ExitInternal, cleaned, err)
	}
	for _, want := range []string{"a bug in enroll", "nil pointer dereference", "TestPanicIsInternalError"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message lacks %q:\n%v", want, err)
		}
	}
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/locator"
)

// TestBrowserFailed: which errors are the browser's (errored), not the site's (failed).
// A real exit error comes from a process killed by a signal.
func TestBrowserFailed(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("sh", "-c", "kill -9 $$")
	exitErr := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(exitErr, &ee) {
		t.Skipf("no exit error from a killed shell: %v", exitErr)
	}
	lookup := &browser.LookupError{Action: "click", What: `button or link with text "Done"`, Reason: browser.ErrNoMatch, Err: context.DeadlineExceeded}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"process exited", fmt.Errorf("browser process exited: %w: %w", exitErr, context.Canceled), true},
		{"session closed", fmt.Errorf("open: %w", browser.ErrClosed), true},
		{"no browser context", fmt.Errorf("%w: opening a browser context: x", ErrBrowser), true},
		{"lost connection", fmt.Errorf("lost the connection to the browser: EOF: %w", context.Canceled), true},
		{"not found on the page", lookup, false},
		{"refused by the site", errors.New(`expect "Done": not on the page`), false},
	}
	fr := &flowRun{} // no browser: only the error decides
	for _, tt := range tests {
		if got := fr.browserFailed(tt.err); got != tt.want {
			t.Errorf("%s: browserFailed(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestFlowDeadlineMessage(t *testing.T) {
	t.Parallel()
	click := &flow.Click{Target: flow.Target{Locator: locator.Locator{Text: "Enable"}}}
	tests := []struct {
		err  error
		want string
	}{
		{&browser.LookupError{Action: "click", What: `button or link with text "Enable"`, Reason: browser.ErrNoMatch, Err: context.DeadlineExceeded},
			`no visible button or link with text "Enable" when the flow's deadline passed (--timeout 3s)`},
		{fmt.Errorf("the page did not load: %w", context.DeadlineExceeded),
			`the page did not load when the flow's deadline passed (--timeout 3s)`},
		{context.DeadlineExceeded, `not done when the flow's deadline passed (--timeout 3s)`},
	}
	for _, tt := range tests {
		ae := &actionError{action: click, err: tt.err, timeout: 10 * time.Second, flowDeadline: true}
		if got := flowDeadlineMessage(ae, 3*time.Second); got != tt.want {
			t.Errorf("flowDeadlineMessage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

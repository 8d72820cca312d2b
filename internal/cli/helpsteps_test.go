package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/flow"
)

func TestHelpSteps(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := enroll(t, "help", "steps")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, k := range flow.Kinds {
		if !strings.Contains(stdout, "\n"+string(k.Name)+" ") {
			t.Errorf("help steps does not describe %s", k.Name)
		}
		if !strings.Contains(stdout, strings.Split(k.Example, "\n")[0]) {
			t.Errorf("help steps does not show %s's example", k.Name)
		}
	}

	code, stdout, _ = enroll(t, "help", "steps", "scan-qr")
	if code != ExitOK || !strings.HasPrefix(stdout, "\nscan-qr ") || strings.Contains(stdout, "\nclick ") {
		t.Errorf("help steps scan-qr: exit %d\n%s", code, stdout)
	}

	code, _, stderr = enroll(t, "help", "steps", "clik")
	if code != ExitUsage || !strings.Contains(stderr, `unknown action "clik"`) {
		t.Errorf("help steps clik: exit %d, stderr %q", code, stderr)
	}
}

func TestHelpSchema(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := enroll(t, "help", "schema")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !json.Valid([]byte(stdout)) || stdout != string(flow.Schema()) {
		t.Errorf("help schema does not print flow.Schema()")
	}
}

func TestUsageHidesHelpCommands(t *testing.T) {
	t.Parallel()
	_, stdout, _ := enroll(t, "help")
	if strings.Contains(stdout, "help-") || !strings.Contains(stdout, "validate") {
		t.Errorf("usage:\n%s", stdout)
	}
}

package cli

import (
	"strings"
	"testing"
)

// TestTargetFlags: run and conform read the same targeting flags and refuse the same
// misuses with exit 2, before any browser or mock site starts.
func TestTargetFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no flow", nil, "no flow given"},
		{"defect with base URL", []string{"20i", "--base-url", "http://127.0.0.1:1", "--mock-defect", "accept-replay"}, "--mock-defect applies to the bundled mock sites only"},
		{"unknown defect", []string{"20i", "--mock-defect", "accept-everything"}, "accept-replay"},
		{"no such flow", []string{"no-such-flow"}, "no such flow file, folder or bundled flow"},
	}
	for _, cmd := range []string{"run", "conform"} {
		for _, tt := range tests {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				code, _, stderr := enroll(t, append([]string{cmd}, tt.args...)...)
				if code != ExitUsage {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr)
				}
				if !strings.Contains(stderr, tt.stderr) {
					t.Errorf("stderr does not say %q:\n%s", tt.stderr, stderr)
				}
			})
		}
	}
}

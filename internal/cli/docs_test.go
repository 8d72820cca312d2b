package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsUsage: what enroll docs refuses before it starts a browser, exit 2.
func TestDocsUsage(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{"file.txt": "x", "good.yaml": goodFlow, "sites/s.yaml": goodFrag})
	good := filepath.Join(dir, "good.yaml")
	tests := []struct {
		name   string
		args   []string
		stderr string // the last line of stderr
	}{
		{"no --out", []string{"docs", good}, "enroll docs: --out DIR is required"},
		{"--out is a file", []string{"docs", "--out", filepath.Join(dir, "file.txt"), good}, "enroll docs: --out " + filepath.Join(dir, "file.txt") + ": a file, not a folder"},
		{"no flow", []string{"docs", "--out", filepath.Join(dir, "out")}, "enroll docs: no flow given"},
		{"bad timeout", []string{"docs", "--out", filepath.Join(dir, "out"), "--timeout", "-1s", good}, "enroll docs: --timeout -1s: want a positive duration, such as 5m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := enroll(t, tt.args...)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != ExitUsage || stdout != "" || lines[len(lines)-1] != tt.stderr {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, tt.stderr)
			}
		})
	}
}

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCountsOrphans runs a command that leaves a busy grandchild behind and exits at
// once, the way Chromium's helpers outlive their parents. proctime must wait for the
// orphan and count its CPU: at least what the orphan itself reports with `times`.
// /usr/bin/time reports about none of it.
func TestCountsOrphans(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	out, own := filepath.Join(dir, "time"), filepath.Join(dir, "orphan")
	// The orphan loops, then writes its own user and system time on the first line of `times`
	// ("0m0.412s 0m0.004s"; not in a pipe, which would run `times` in another process).
	orphan := fmt.Sprintf(`(i=0; while ((i < 200000)); do ((i++)); done; times > %q) & exit 0`, own)
	if code := run([]string{"-o", out, "--", "bash", "-c", orphan}); code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	var wall, user, sys float64
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscanf(string(b), "%f %f %f", &wall, &user, &sys); err != nil {
		t.Fatalf("proctime wrote %q: %v", b, err)
	}
	b, err = os.ReadFile(own)
	if err != nil {
		t.Fatalf("the orphan had not finished when proctime returned: %v", err)
	}
	var um, sm int
	var us, ss float64
	if _, err := fmt.Sscanf(string(b), "%dm%fs %dm%fs\n", &um, &us, &sm, &ss); err != nil { // the first line: its own
		t.Fatalf("times wrote %q: %v", b, err)
	}
	orphanCPU := float64(um*60+sm*60) + us + ss
	if orphanCPU == 0 {
		t.Fatal("the orphan used no measurable CPU: the test proves nothing")
	}
	if user+sys < orphanCPU {
		t.Errorf("proctime counted %.3f s of CPU, less than the orphan's own %.3f s", user+sys, orphanCPU)
	}
}

func TestExitStatus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "time")
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"-o", out, "--", "sh", "-c", "exit 0"}, 0},
		{[]string{"-o", out, "--", "sh", "-c", "exit 7"}, 7},
		{[]string{"-o", out, "--", "/nonexistent/command"}, 127},
		{[]string{"--", "true"}, 2},
	} {
		if got := run(tc.args); got != tc.want {
			t.Errorf("run(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}
}

package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

func TestClearArtifacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	earlier := []string{"01-log-in.png", "02-security-details.failure.png", "02-security-details.failure.html", "02-security-details.failure.console.txt"}
	kept := []string{"notes.txt", "01-log-in.PNG", "my.png"}
	for _, name := range append(slices.Clone(earlier), kept...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "03-sub.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := clearArtifacts(dir); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := append(slices.Clone(kept), "03-sub.png")
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %q, want %q", left, want)
	}
	if err := clearArtifacts(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("a missing folder: %v", err)
	}
}

func TestProcessAlive(t *testing.T) {
	t.Parallel()
	if !processAlive(os.Getpid()) {
		t.Error("this process is not alive")
	}
	if !processAlive(0) {
		t.Error("an unknown pid counts as dead")
	}
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep binary:", err)
	}
	pid := cmd.Process.Pid
	if !processAlive(pid) {
		t.Error("a running child is not alive")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if processAlive(pid) {
		t.Error("a killed and reaped child is alive")
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunChecksBeforeTheBrowser: every bad argument or output exits 2 with its
// message before a browser starts (--chrome names a binary that does not exist, so a
// run that got as far as starting the browser would exit 3 instead).
func TestRunChecksBeforeTheBrowser(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("afile", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "missing", "deeper")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--timeout", "0"}, "enroll run: --timeout 0s: want a positive duration, such as 5m\n"},
		{[]string{"--timeout", "-1s"}, "enroll run: --timeout -1s: want a positive duration, such as 5m\n"},
		{[]string{"--base-url", "not a url"}, `enroll run: --base-url "not a url": want an http:// or https:// URL` + "\n"},
		{[]string{"--base-url", "ftp://x.example"}, `enroll run: --base-url "ftp://x.example": want an http:// or https:// URL` + "\n"},
		{[]string{"--base-url", "https://"}, `enroll run: --base-url "https://": no host` + "\n"},
		{[]string{"--report", "json=afile/r.json"}, "enroll run: --report json=afile/r.json: afile is a file, not a folder\n"},
		{[]string{"--report", "junit=."}, "enroll run: --report junit=.: is a folder, not a file\n"},
		{[]string{"--report", "json=" + filepath.Join(outside, "r.json")}, "enroll run: --report json=" + filepath.Join(outside, "r.json") + ": folder " + filepath.Dir(outside) + " does not exist (outside the working folder enroll creates none: create it first)\n"},
		{[]string{"--artifacts", "afile"}, "enroll run: --artifacts afile: afile is a file, not a folder\n"},
		{[]string{"--artifacts", outside}, "enroll run: --artifacts " + outside + ": folder " + filepath.Dir(outside) + " does not exist (outside the working folder enroll creates none: create it first)\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"run", "--chrome", "/nonexistent/chromium"}, tt.args...)
			code, _, stderr := enroll(t, append(args, "20i")...)
			if code != ExitUsage || stderr != tt.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(outside)); !os.IsNotExist(err) {
		t.Errorf("a folder outside the working folder was created: %v", err)
	}
}

func TestRunCreatesMissingFoldersInsideTheWorkingFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	// The browser is missing: exit 3 shows the outputs were accepted.
	code, _, stderr := enroll(t, "run", "--chrome", "/nonexistent/chromium", "--report", "json=out/a/r.json", "--artifacts", "out/art", "20i")
	if code != ExitBrowser {
		t.Fatalf("exit %d, want 3; stderr:\n%s", code, stderr)
	}
	for _, p := range []string{"out/a/r.json", "out/art"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
}

func TestNoArgumentsIsUsage(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := enroll(t)
	if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "Usage: enroll COMMAND") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

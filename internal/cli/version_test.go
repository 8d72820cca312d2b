package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	browsertest.Chrome(t)
	want, err := browser.FindChrome("", true, func(string) string { return "" }) // enroll's Getenv in these tests
	if err != nil {
		t.Fatal(err)
	}

	code, out, errOut := enroll(t, "version")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || len(lines) != 2 || !strings.HasPrefix(lines[0], "enroll ") ||
		!strings.HasPrefix(lines[1], "browser (headless): "+want+" (Chrom") {
		t.Errorf("enroll version: exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}

	if code, out, errOut := enroll(t, "version", "--browser-path"); code != ExitOK || out != want+"\n" {
		t.Errorf("enroll version --browser-path: exit %d, stdout %q, want %q; stderr: %s", code, out, want+"\n", errOut)
	}

	missing := filepath.Join(t.TempDir(), "no-chromium")
	code, out, errOut = enroll(t, "version", "--chrome", missing)
	if code != ExitBrowser || !strings.Contains(out, "browser (headless): none") || !strings.Contains(errOut, missing) {
		t.Errorf("enroll version --chrome %s: exit %d, want %d; stdout:\n%s\nstderr: %s", missing, code, ExitBrowser, out, errOut)
	}

	if code, _, errOut := enroll(t, "version", "extra"); code != ExitUsage || !strings.Contains(errOut, `"extra"`) {
		t.Errorf("enroll version extra: exit %d, want %d; stderr: %s", code, ExitUsage, errOut)
	}
}

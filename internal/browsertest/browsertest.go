// Package browsertest gives tests outside package browser the Chromium to drive:
// its path (found as enroll finds it), or a skip when there is none, which is a
// failure under CI (CI must install it; .ci/run does).
package browsertest

import (
	"os"
	"testing"

	"github.com/enroll-dev/enroll/internal/browser"
)

// Chrome returns the Chromium binary, or skips the test (fails it when CI is set).
func Chrome(t testing.TB) string {
	t.Helper()
	path, err := browser.FindChrome("", true, nil)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no browser under CI: %v", err)
		}
		t.Skipf("no browser: %v", err)
	}
	return path
}

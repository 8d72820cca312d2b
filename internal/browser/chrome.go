package browser

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// debianWrapper is the script Debian installs as /usr/bin/chromium; it
// swallows the signal that stops the browser, so the real binary below is
// executed instead when both exist.
const (
	debianWrapper = "/usr/bin/chromium"
	debianBinary  = "/usr/lib/chromium/chromium"
)

// pathNames are the names looked up in PATH, in order.
var pathNames = []string{"chromium", "chromium-browser", "google-chrome"}

// installHint ends the error of a failed search.
const installHint = "install it (Debian/Ubuntu: apt-get install -y chromium) or point ENROLL_CHROME or --chrome at the binary"

// FindChrome returns the Chromium binary to execute: explicit if set, then
// the ENROLL_CHROME variable, then chromium, chromium-browser and
// google-chrome in PATH, then /usr/lib/chromium/chromium. A Debian wrapper
// at /usr/bin/chromium is replaced by the real binary it runs. getenv nil
// means os.Getenv. An explicit path or ENROLL_CHROME that does not exist
// is an error, never silently skipped. Every error wraps ErrChromeNotFound.
func FindChrome(explicit string, getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, c := range []struct{ from, path string }{
		{"--chrome", explicit},
		{"ENROLL_CHROME", getenv("ENROLL_CHROME")},
	} {
		if c.path == "" {
			continue
		}
		p, err := exec.LookPath(c.path)
		if err != nil {
			return "", fmt.Errorf("%w: %s %q: %v; %s", ErrChromeNotFound, c.from, c.path, err, installHint)
		}
		return realBinary(p), nil
	}
	for _, name := range pathNames {
		if p, err := exec.LookPath(name); err == nil {
			return realBinary(p), nil
		}
	}
	if isExecutable(debianBinary) {
		return debianBinary, nil
	}
	return "", fmt.Errorf("%w: looked for ENROLL_CHROME, %v in PATH and %s; %s",
		ErrChromeNotFound, pathNames, debianBinary, installHint)
}

// realBinary swaps the Debian wrapper script for the binary it runs.
func realBinary(p string) string {
	abs := p
	if a, err := filepath.Abs(p); err == nil {
		abs = a
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	if abs == debianWrapper && isExecutable(debianBinary) {
		return debianBinary
	}
	return p
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

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

// The headless shell is Chromium without the browser around the pages (no
// windows, tab strip or omnibox to lay out and paint for every page and
// navigation): Debian's chromium-headless-shell, Chrome for Testing's
// chrome-headless-shell. A headless browser is started from it when it is
// installed; it is what Playwright runs headless too. enroll conform
// flows/20i.yaml took 40% less CPU with it (browser process 3.8 s against
// 10.8 s, GPU process 2.3 s against 4.2 s).
const (
	debianWrapperShell = "/usr/bin/chromium-headless-shell"
	debianShell        = "/usr/lib/chromium/chromium-headless-shell"
)

var shellNames = []string{"chromium-headless-shell", "chrome-headless-shell"}

// debianWrappers maps each Debian wrapper script to the binary it runs.
var debianWrappers = map[string]string{debianWrapper: debianBinary, debianWrapperShell: debianShell}

// installHint ends the error of a failed search.
const installHint = "install it (Debian/Ubuntu: apt-get install -y chromium chromium-headless-shell) or point ENROLL_CHROME or --chrome at the binary"

// FindChrome returns the Chromium binary to execute: explicit if set, then
// the ENROLL_CHROME variable; then, for a headless browser, the headless
// shell (chromium-headless-shell or chrome-headless-shell in PATH, then
// /usr/lib/chromium/chromium-headless-shell); then chromium,
// chromium-browser and google-chrome in PATH, then
// /usr/lib/chromium/chromium. A Debian wrapper script (/usr/bin/chromium,
// /usr/bin/chromium-headless-shell) is replaced by the real binary it runs.
// getenv nil means os.Getenv. An explicit path or ENROLL_CHROME that does
// not exist is an error, never silently skipped. Every error wraps
// ErrChromeNotFound.
func FindChrome(explicit string, headless bool, getenv func(string) string) (string, error) {
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
	if headless {
		if p, ok := lookUp(shellNames, debianShell); ok {
			return p, nil
		}
	}
	if p, ok := lookUp(pathNames, debianBinary); ok {
		return p, nil
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
	if binary, ok := debianWrappers[abs]; ok && isExecutable(binary) {
		return binary
	}
	return p
}

// lookUp returns the first of names in PATH, else fallback when it is
// executable.
func lookUp(names []string, fallback string) (string, bool) {
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return realBinary(p), true
		}
	}
	return fallback, isExecutable(fallback)
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/internal/browser"
)

// runVersion is `enroll version`: enroll's own version, and the browser a run would
// start with the same flags and environment, with that browser's version. A bug
// report wants both; a script wants the browser's path alone (--browser-path).
func runVersion(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll version", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	chrome := fl.String("chrome", "", "the Chromium or Chrome binary a run would be given")
	headful := fl.Bool("headful", false, "the browser a run with a visible window would start")
	pathOnly := fl.Bool("browser-path", false, "print only the path of the browser binary, for scripts")
	pos, err := parseArgs(fl, args)
	switch {
	case errors.Is(err, errHelp):
		return nil
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("version takes no arguments, got %q", pos[0])
	}
	path, err := browser.FindChrome(*chrome, !*headful, env.Getenv)
	if *pathOnly {
		if err != nil {
			return &BrowserError{Err: err}
		}
		fmt.Fprintln(env.Stdout, path)
		return nil
	}
	fmt.Fprintf(env.Stdout, "enroll %s (%s %s/%s)\n", buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	mode := "headless"
	if *headful {
		mode = "headful"
	}
	if err != nil {
		fmt.Fprintf(env.Stdout, "browser (%s): none\n", mode)
		return &BrowserError{Err: err}
	}
	fmt.Fprintf(env.Stdout, "browser (%s): %s (%s)\n", mode, path, browserVersion(ctx, path))
	return nil
}

// buildVersion is the module version enroll was built as (go install ...@v1.2.3), else
// the commit it was built from with "+dirty" for uncommitted changes, else "devel".
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	return "devel " + rev[:min(len(rev), 12)] + dirty
}

// browserVersion is what the binary prints for --version ("Chromium 156.0.8078.108"),
// or why it printed nothing.
func browserVersion(ctx context.Context, path string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	if err == nil {
		err = fmt.Errorf("printed nothing")
	}
	return fmt.Sprintf("--version failed: %v", err)
}

package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/report"
)

// openExport opens the --export folder before the browser starts, as checkOutputs does
// for the other outputs: created (mode 0700) when missing inside the working folder,
// refused when missing outside it or when other users can open it. It warns, on
// stderr, that the folder will hold live secrets.
func openExport(env *Env, dir string) (*export.Dir, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) && !insideWorkingDir(dir) {
		return nil, usagef("--export %s: folder %s does not exist (outside the working folder enroll creates none: create it first, mode 0700)", dir, firstMissing(dir))
	}
	d, err := export.Open(dir)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	fmt.Fprintf(env.Stderr, "enroll run: warning: --export %s will hold live secrets: the enrolled accounts' TOTP keys and recovery codes, enough to sign in as them. Keep the folder private; delete it once the keys are in an authenticator app.\n", dir)
	return d, nil
}

// exported says, on stderr, where each flow's export was written (never what is in
// it) and which formats were left out and why. A flow whose export could not be
// written is an environment failure (exit 3): its credentials are lost.
func exported(env *Env, res *report.Run) error {
	var failed []string
	for _, f := range res.Flows {
		e := f.Export
		if e == nil {
			continue
		}
		if len(e.Files) > 0 {
			fmt.Fprintf(env.Stderr, "enroll run: %s: exported to %s (%d files, live secrets)\n", f.Name(), e.Dir, len(e.Files))
		}
		for _, r := range e.Refused {
			fmt.Fprintf(env.Stderr, "enroll run: %s: %s\n", f.Name(), r)
		}
		if e.Error != "" {
			fmt.Fprintf(env.Stderr, "enroll run: %s: the export could not be written: %s\n", f.Name(), e.Error)
			failed = append(failed, f.Name())
		}
	}
	if len(failed) > 0 {
		return &BrowserError{Err: fmt.Errorf("the export of %s could not be written", strings.Join(failed, ", "))}
	}
	return nil
}

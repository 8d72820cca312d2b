package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// checkOutputs makes sure every output a run was asked for can be written, before the
// browser starts: a report path is not a folder and, when it exists, can be written;
// its folder and the artifacts folder are folders that take a new file. A missing
// folder is created when it lies inside the working folder; outside it, the error says
// which folder is missing and nothing is created. Every problem is a usage error.
func checkOutputs(reports []reportSpec, artifactsDir string) error {
	for _, r := range reports {
		what := fmt.Sprintf("--report %s=%s", r.format, r.path)
		st, err := os.Stat(r.path)
		switch {
		case err == nil && st.IsDir():
			return usagef("%s: is a folder, not a file", what)
		case err == nil:
			f, err := os.OpenFile(r.path, os.O_WRONLY, 0)
			if err != nil {
				return usagef("%s: cannot be written: %v", what, pathless(err))
			}
			f.Close()
		case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			return usagef("%s: %v", what, pathless(err))
		}
		if err := writableDir(filepath.Dir(r.path), what); err != nil {
			return err
		}
	}
	return writableDir(artifactsDir, "--artifacts "+artifactsDir)
}

// writableDir checks that dir is a folder that takes a new file, creating it when it
// is missing and inside the working folder. what names the flag in errors.
func writableDir(dir, what string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return usagef("%s: %s is a file, not a folder", what, dir)
	case errors.Is(err, syscall.ENOTDIR):
		return usagef("%s: %s is a file, not a folder", what, firstFile(dir))
	case errors.Is(err, fs.ErrNotExist):
		if !insideWorkingDir(dir) {
			return usagef("%s: folder %s does not exist (outside the working folder enroll creates none: create it first)", what, firstMissing(dir))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return usagef("%s: cannot create folder %s: %v", what, dir, pathless(err))
		}
	case err != nil:
		return usagef("%s: %v", what, pathless(err))
	}
	f, err := os.CreateTemp(dir, ".enroll-write-check-*")
	if err != nil {
		return usagef("%s: folder %s cannot be written: %v", what, dir, pathless(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

// insideWorkingDir reports whether path is the working folder or lies below it.
func insideWorkingDir(path string) bool {
	wd, err := os.Getwd()
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(wd, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// firstMissing returns the outermost folder of dir that does not exist.
func firstMissing(dir string) string {
	for {
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		if _, err := os.Stat(parent); err == nil {
			return dir
		}
		dir = parent
	}
}

// firstFile returns the outermost part of path that is a file, not a folder.
func firstFile(path string) string {
	var parts []string
	for p := path; ; p = filepath.Dir(p) {
		parts = append(parts, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if st, err := os.Stat(parts[i]); err == nil && !st.IsDir() {
			return parts[i]
		}
	}
	return path
}

// pathless returns the reason of a *fs.PathError without the path, which the caller
// has already said.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkBaseURL checks a --base-url: an absolute http or https URL with a host.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return usagef("--base-url %q: not a URL: %v", raw, errors.Unwrap(err))
	case u.Scheme != "http" && u.Scheme != "https":
		return usagef("--base-url %q: want an http:// or https:// URL", raw)
	case u.Host == "" || u.Hostname() == "":
		return usagef("--base-url %q: no host", raw)
	}
	return nil
}

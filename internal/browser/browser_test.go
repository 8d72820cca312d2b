package browser

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFindChrome(t *testing.T) {
	// Not parallel: it sets PATH.
	dir := t.TempDir()
	fake := filepath.Join(dir, "google-chrome")
	must(t, os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755))
	notExec := filepath.Join(dir, "chromium")
	must(t, os.WriteFile(notExec, []byte("text"), 0o644))
	t.Setenv("PATH", dir)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	tests := []struct {
		name     string
		explicit string
		env      map[string]string
		want     string
		err      string
	}{
		{"explicit wins", fake, map[string]string{"ENROLL_CHROME": "/nope"}, fake, ""},
		{"explicit missing is an error", "/no/such/chrome", nil, "", `--chrome "/no/such/chrome"`},
		{"env var", "", map[string]string{"ENROLL_CHROME": fake}, fake, ""},
		{"env var missing is an error", "", map[string]string{"ENROLL_CHROME": "/no/chrome"}, "", `ENROLL_CHROME "/no/chrome"`},
		{"PATH, skipping a non-executable chromium", "", nil, fake, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindChrome(tt.explicit, false, env(tt.env))
			if tt.err != "" {
				if !errors.Is(err, ErrChromeNotFound) || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "apt-get install -y chromium") {
					t.Fatalf("err = %v, want ErrChromeNotFound mentioning %q and how to install", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("FindChrome = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("headless: the headless shell first", func(t *testing.T) {
		shell := filepath.Join(dir, "chrome-headless-shell")
		must(t, os.WriteFile(shell, []byte("#!/bin/sh\n"), 0o755))
		defer os.Remove(shell)
		if got, err := FindChrome("", true, env(nil)); err != nil || got != shell {
			t.Fatalf("headless: FindChrome = %q, %v; want the shell %q", got, err, shell)
		}
		if got, err := FindChrome("", false, env(nil)); err != nil || got != fake {
			t.Fatalf("headful: FindChrome = %q, %v; want the browser %q", got, err, fake)
		}
		if got, err := FindChrome("", true, env(map[string]string{"ENROLL_CHROME": fake})); err != nil || got != fake {
			t.Fatalf("ENROLL_CHROME: FindChrome = %q, %v; want %q", got, err, fake)
		}
	})
	t.Run("nothing anywhere", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		got, err := FindChrome("", false, env(nil))
		if isExecutable(debianBinary) {
			if err != nil || got != debianBinary {
				t.Fatalf("FindChrome = %q, %v; want the Debian binary", got, err)
			}
			return
		}
		if !errors.Is(err, ErrChromeNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("debian wrapper is swapped for the binary", func(t *testing.T) {
		if !isExecutable(debianWrapper) || !isExecutable(debianBinary) {
			t.Skip("no Debian chromium here")
		}
		got, err := FindChrome(debianWrapper, true, nil)
		if err != nil || got != debianBinary {
			t.Fatalf("FindChrome = %q, %v", got, err)
		}
	})
}

// TestCloseLeavesNothing launches a browser of its own and checks that
// Close leaves no process of its profile, no main process and no profile
// directory, and that a second Close is harmless.
func TestCloseLeavesNothing(t *testing.T) {
	session(t) // skips or fails like the other browser tests
	b, err := Launch(context.Background(), Options{})
	must(t, err)
	s, err := b.NewSession(step(t, 10*time.Second))
	must(t, err)
	srv := serve(t, map[string]string{"/": "<h1>Hi</h1>"})
	must(t, s.Navigate(step(t, 10*time.Second), srv.URL))
	dir, pid := b.ProfileDir(), b.PID()
	procs := browserProcesses(pid, dir, false)
	if pid == 0 || len(procs) < 2 {
		t.Fatalf("pid %d, browser processes %v: the checks below would prove nothing", pid, procs)
	}
	must(t, b.Close())
	must(t, b.Close())
	must(t, s.Close())
	if left := stillRunning(procs, dir); len(left) > 0 {
		t.Errorf("processes left: %v", left)
	}
	if _, err := os.Stat("/proc/" + itoa(pid)); err == nil {
		t.Errorf("main process %d still exists", pid)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("profile dir %s: %v", dir, err)
	}
	if _, err := b.NewSession(step(t, time.Second)); !errors.Is(err, ErrClosed) {
		t.Errorf("NewSession after Close: %v", err)
	}
}

// TestLaunchContextEnds checks that the end of Launch's context stops the
// browser and removes its profile without a Close call.
func TestLaunchContextEnds(t *testing.T) {
	session(t)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := Launch(ctx, Options{})
	must(t, err)
	dir := b.ProfileDir()
	procs := browserProcesses(b.PID(), dir, false)
	cancel()
	wait := step(t, 10*time.Second)
	for {
		_, statErr := os.Stat(dir)
		if errors.Is(statErr, os.ErrNotExist) && len(stillRunning(procs, dir)) == 0 {
			break
		}
		select {
		case <-wait.Done():
			t.Fatalf("profile %s or its processes remain", dir)
		case <-time.After(20 * time.Millisecond):
		}
	}
	must(t, b.Close())
}

func TestLaunchBadBinary(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "chrome")
	must(t, os.WriteFile(fake, []byte("#!/bin/sh\nexit 3\n"), 0o755))
	_, err := Launch(context.Background(), Options{ExecPath: fake})
	if !errors.Is(err, ErrLaunch) {
		t.Fatalf("err = %v, want ErrLaunch", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// stillRunning returns the processes of procs still alive (not zombies), and
// any naming the profile dir.
func stillRunning(procs []int, dir string) []int {
	left := browserProcesses(0, dir, false)
	for _, p := range procs {
		if _, ok := liveParent(p); ok && !slices.Contains(left, p) {
			left = append(left, p)
		}
	}
	return left
}

package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// testBrowser is the one browser the package's tests share; each test
// opens its own session.
var (
	testBrowser *Browser
	launchErr   error
)

func TestMain(m *testing.M) {
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := FindChrome("", true, nil); err == nil {
		testBrowser, launchErr = Launch(ctx, Options{})
	} else {
		launchErr = err
	}
	code := m.Run()
	if testBrowser != nil {
		procs := browserProcesses(testBrowser.PID(), testBrowser.ProfileDir(), false)
		if err := testBrowser.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close browser:", err)
			code = 1
		}
		if left := stillRunning(procs, testBrowser.ProfileDir()); len(left) > 0 {
			fmt.Fprintln(os.Stderr, "chromium processes left after Close:", left)
			code = 1
		}
		if _, err := os.Stat(testBrowser.ProfileDir()); err == nil {
			fmt.Fprintln(os.Stderr, "profile directory left after Close:", testBrowser.ProfileDir())
			code = 1
		}
	}
	cancel()
	os.Exit(code)
}

// session gives the test its own isolated session, or skips (fails under
// CI) when no Chromium is available.
func session(t testing.TB) *Session {
	t.Helper()
	if testBrowser == nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no browser under CI: %v", launchErr)
		}
		t.Skipf("no browser: %v", launchErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := testBrowser.NewSession(ctx)
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// serve starts a server for the test with the given pages (path -> HTML).
func serve(t testing.TB, pages map[string]string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, body := range pages {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		})
	}
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// step gives one action a deadline, as the runner does.
func step(t testing.TB, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

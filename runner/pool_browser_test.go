package runner

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/report"
)

// syncBuffer is a log buffer the site's handlers write from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestPooledFlowsAtOnce runs flows/20i.yaml three times at once against one mock with
// three seeded accounts, from a pool of them: every run passes, and the site's log
// shows each account enrolled exactly once.
func TestPooledFlowsAtOnce(t *testing.T) {
	exec := browsertest.Chrome(t)
	var log syncBuffer
	srv, err := mocksites.Start("20i", mocksites.Options{Control: true, Accounts: 3,
		Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	var csv strings.Builder
	for _, a := range srv.Accounts {
		fmt.Fprintf(&csv, "%s,%s,%s\n", a.Email, a.Password.Reveal(), a.Phone)
	}
	pool, err := flow.ParsePool("pool.csv", []byte(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := flow.Parse(flows.FS, "20i.yaml")
	if err != nil {
		t.Fatal(err)
	}
	run, err := Run(t.Context(), []*flow.Flow{f, f, f}, Options{BaseURL: srv.URL, Parallel: 3, ArtifactsDir: t.TempDir(),
		Screenshots: OnFailure, Browser: browser.Options{ExecPath: exec},
		Pools: Pools{Accounts: map[string]*flow.Pool{"": pool}}})
	if err != nil {
		t.Fatal(err)
	}
	for i, fl := range run.Flows {
		if fl.Status != report.Passed {
			t.Errorf("run %d: %s %v", i+1, fl.Status, fl.Failure)
		}
	}
	out := log.String()
	for _, a := range srv.Accounts {
		if n := strings.Count(out, `msg="2fa enabled" site=20i method=app account=`+a.Email+"\n"); n != 1 {
			t.Errorf("%s enrolled %d times, want once:\n%s", a.Email, n, out)
		}
	}
	if n := accountLeases.leased(srv.URL, pool); n != 0 {
		t.Errorf("%d accounts still leased after the run", n)
	}
}

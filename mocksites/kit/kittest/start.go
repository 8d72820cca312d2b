package kittest

import (
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

// T0 is the time on a started site's clock until the test moves it: a Wednesday
// morning, five seconds into a 30-second TOTP step.
var T0 = time.Date(2026, 3, 4, 10, 0, 5, 0, time.UTC)

// Run is one bundled site started for a test, and the clock the test moves.
type Run struct {
	URL   string          // the site's base URL, for NewClient
	Clock *kit.FixedClock // the site's clock, at T0 when started
}

// Start serves the bundled site called name (mocksites.Start) on a clock at T0, with
// the control surface on and the named defects switched on. The site closes when the
// test ends.
func Start(t testing.TB, name string, defects ...string) *Run {
	t.Helper()
	clock := kit.NewFixedClock(T0)
	srv, err := mocksites.Start(name, mocksites.Options{Clock: clock, Control: true, Defects: defects})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &Run{URL: srv.URL, Clock: clock}
}

package browser

import (
	"context"
	"testing"
	"time"
)

// TestSpareBudget checks that a browser told how many sessions it will be asked for
// opens none ahead beyond them, and that a session asked for beyond them still opens.
func TestSpareBudget(t *testing.T) {
	session(t) // skips or fails like the other browser tests
	b, err := Launch(context.Background(), Options{Sessions: 2})
	must(t, err)
	t.Cleanup(func() { b.Close() })
	pending := func() bool {
		b.spareMu.Lock()
		defer b.spareMu.Unlock()
		return b.spare != nil
	}
	if !pending() {
		t.Fatal("after Launch: no spare on its way, want the first session")
	}
	for i, want := range []bool{true, false, false} { // a spare on its way after NewSession i+1
		s, err := b.NewSession(step(t, 10*time.Second))
		must(t, err)
		must(t, s.Navigate(step(t, 10*time.Second), "about:blank"))
		must(t, s.Close())
		if got := pending(); got != want {
			t.Fatalf("after NewSession %d (2 announced): a spare on its way = %v, want %v", i+1, got, want)
		}
	}
}

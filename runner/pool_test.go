package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/flow"
)

// testPool is a pool of n accounts named name.
func testPool(t *testing.T, name string, n int) *flow.Pool {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "qa%d@example.com,Secret-%d\n", i+1, i+1)
	}
	p, err := flow.ParsePool(name, []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func noNote(string) {}

// TestLeaseNeverShares leases from many goroutines at once, as -j N flows do: no two
// hold one account at the same time, and each gets one once the others give theirs
// back.
func TestLeaseNeverShares(t *testing.T) {
	t.Parallel()
	l := &leases{held: map[string]bool{}, freed: make(chan struct{})}
	pool := testPool(t, "pool.csv", 3)
	var (
		mu      sync.Mutex
		holding = map[string]bool{}
		wg      sync.WaitGroup
		errs    = make(chan error, 12)
	)
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, release, err := l.lease(t.Context(), "http://site", pool, 0, noNote)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			if holding[a.Email] {
				errs <- fmt.Errorf("%s leased twice at once", a.Email)
			}
			holding[a.Email] = true
			mu.Unlock()
			mu.Lock()
			holding[a.Email] = false
			mu.Unlock()
			release()
			release() // a second call does nothing
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := l.leased("http://site", pool); n != 0 {
		t.Errorf("%d accounts still leased after every flow gave its back", n)
	}
}

// TestLeaseWaitsForAFreeAccount: with every account held, a lease waits, says so, and
// gets the account given back.
func TestLeaseWaitsForAFreeAccount(t *testing.T) {
	t.Parallel()
	l := &leases{held: map[string]bool{}, freed: make(chan struct{})}
	pool := testPool(t, "pool.csv", 2)
	_, r1, _ := l.lease(t.Context(), "http://site", pool, 0, noNote)
	a2, r2, _ := l.lease(t.Context(), "http://site", pool, 0, noNote)
	defer r1()
	// The same emails on another site are other accounts.
	if _, r, err := l.lease(t.Context(), "http://other", pool, 0, noNote); err != nil {
		t.Fatalf("another site's account: %v", err)
	} else {
		r()
	}
	noted := make(chan string, 1)
	got := make(chan flow.PoolAccount)
	go func() {
		a, r, err := l.lease(t.Context(), "http://site", pool, time.Minute, func(m string) { noted <- m })
		if err != nil {
			t.Error(err)
		} else {
			defer r()
		}
		got <- a
	}()
	if m := <-noted; m != "waiting for a free account in pool.csv: all 2 are leased to flows running now" {
		t.Errorf("note = %q", m)
	}
	r2()
	if a := <-got; a.Email != a2.Email {
		t.Errorf("the waiting flow got %s, want %s, the one given back", a.Email, a2.Email)
	}
}

// TestLeaseTimesOut: a flow that finds no free account in time fails with a message
// naming the pool, its size and how many are leased, and never a password.
func TestLeaseTimesOut(t *testing.T) {
	t.Parallel()
	l := &leases{held: map[string]bool{}, freed: make(chan struct{})}
	pool := testPool(t, "accounts/20i.csv", 1)
	_, r, _ := l.lease(t.Context(), "http://site", pool, 0, noNote)
	defer r()
	_, _, err := l.lease(t.Context(), "http://site", pool, 50*time.Millisecond, noNote)
	if !errors.Is(err, ErrNoFreeAccount) {
		t.Fatalf("err = %v, want ErrNoFreeAccount", err)
	}
	want := "no free account in account pool accounts/20i.csv after "
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.Contains(msg, ": it has 1 accounts, 1 leased to flows running now") {
		t.Errorf("message = %q", msg)
	}
	if strings.Contains(err.Error(), "Secret-1") {
		t.Error("the message holds a password")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := l.lease(ctx, "http://site", pool, 0, noNote); !errors.Is(err, ErrNoFreeAccount) {
		t.Errorf("a flow whose deadline passed: err = %v", err)
	}
}

// TestPoolFor: the command line's pool for the flow's site, then for every flow, then
// the flow's own; none for a bundled mock; the shard's slice; an environment pool.
func TestPoolFor(t *testing.T) {
	t.Parallel()
	own := testPool(t, "own.csv", 4)
	all, site := testPool(t, "all.csv", 4), testPool(t, "20i.csv", 4)
	f := &flow.Flow{Site: flow.Site{Mock: "20i"}, Account: flow.Account{Pool: &flow.PoolSource{File: own}}}
	env := &flow.Flow{Site: flow.Site{BaseURL: "https://staging.example"},
		Account: flow.Account{Pool: &flow.PoolSource{Pos: flow.Pos{File: "x.yaml", Line: 7, Col: 9}, Env: "POOL"}}}
	getenv := func(name string) string {
		if name == "POOL" {
			return "a@example.com,pw-a\nb@example.com,pw-b\n"
		}
		return ""
	}
	for _, tc := range []struct {
		name  string
		f     *flow.Flow
		opts  Options
		want  string // the pool's name and its emails
		error string
	}{
		{name: "bundled", f: f, opts: Options{Pools: Pools{Accounts: map[string]*flow.Pool{"": all}}}},
		{name: "own", f: f, opts: Options{BaseURL: "http://s"}, want: "own.csv: qa1 qa2 qa3 qa4"},
		{name: "every flow", f: f, opts: Options{BaseURL: "http://s", Pools: Pools{Accounts: map[string]*flow.Pool{"": all}}}, want: "all.csv: qa1 qa2 qa3 qa4"},
		{name: "by site", f: f, opts: Options{BaseURL: "http://s", Pools: Pools{Accounts: map[string]*flow.Pool{"": all, "20i": site}}}, want: "20i.csv: qa1 qa2 qa3 qa4"},
		{name: "shard", f: f, opts: Options{BaseURL: "http://s", Pools: Pools{Shard: 2, Shards: 3}}, want: "own.csv (shard 2/3): qa2"},
		{name: "shard 1", f: f, opts: Options{BaseURL: "http://s", Pools: Pools{Shard: 1, Shards: 3}}, want: "own.csv (shard 1/3): qa1 qa4"},
		{name: "too many shards", f: f, opts: Options{BaseURL: "http://s", Pools: Pools{Shard: 5, Shards: 5}},
			error: "account pool own.csv has 4 accounts, too few for 5 shards: each shard needs one of its own"},
		{name: "env", f: env, opts: Options{Getenv: getenv}, want: "$POOL: a b"},
		{name: "env unset", f: env, opts: Options{Getenv: func(string) string { return "" }},
			error: "x.yaml:7:9: account pool: environment variable POOL is not set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.defaults()
			p, err := tc.opts.poolFor(tc.f)
			if tc.error != "" || err != nil {
				if err == nil || err.Error() != tc.error {
					t.Fatalf("err = %v, want %s", err, tc.error)
				}
				return
			}
			got := ""
			if p != nil {
				var emails []string
				for _, a := range p.Accounts {
					emails = append(emails, strings.TrimSuffix(a.Email, "@example.com"))
				}
				got = p.Name + ": " + strings.Join(emails, " ")
			}
			if got != tc.want {
				t.Errorf("pool = %q, want %q", got, tc.want)
			}
		})
	}
}

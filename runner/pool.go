package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/enroll-dev/enroll/flow"
)

// Pools are the account pools of a run: the ones given on the command line, and how
// the run shares them with other machines and waits for a free account. A flow takes
// its pool from, in this order: Accounts[its site's mock], Accounts[""], its own
// account: { pool } or { pool-env }. A pool is leased only where flows share a site
// (a base URL): a bundled mock started for one flow has the whole site to itself and
// signs in with its seeded account.
type Pools struct {
	// Accounts are pools by the bundled site name whose flows lease from them (--accounts
	// SITE=FILE); "" for every flow (--accounts FILE). They win over a flow's own account.
	Accounts map[string]*flow.Pool
	// Shard and Shards (--shard i/n), when Shards > 1, give this run the Shard-th of
	// Shards disjoint slices of every pool (flow.Pool.Shard), so that runs on other
	// machines never lease the same account.
	Shard, Shards int
	// Wait caps how long a flow waits for a free account (--account-wait); zero waits
	// until the flow's own deadline (--timeout).
	Wait time.Duration
}

// ErrNoFreeAccount marks a flow that found no free account in its pool in time. It is
// the run's set-up that failed, not the site or the guide: the flow is Errored.
var ErrNoFreeAccount = errors.New("no free account")

// poolFor returns the pool f leases its account from, sliced for the run's shard, or
// nil when f names one account or runs against its own bundled mock.
func (o *Options) poolFor(f *flow.Flow) (*flow.Pool, error) {
	if siteBase(f, o) == "" {
		return nil, nil
	}
	p := o.Pools.Accounts[f.Site.Mock]
	if p == nil {
		p = o.Pools.Accounts[""]
	}
	if ps := f.Account.Pool; p == nil && ps != nil {
		switch {
		case ps.File != nil:
			p = ps.File
		case ps.Env != "":
			text := o.Getenv(ps.Env)
			if strings.TrimSpace(text) == "" {
				return nil, fmt.Errorf("%s: account pool: environment variable %s is not set", ps.Pos, ps.Env)
			}
			var err error
			if p, err = flow.ParsePool("$"+ps.Env, []byte(text)); err != nil {
				return nil, err
			}
		}
	}
	if p == nil {
		return nil, nil
	}
	return p.Shard(o.Pools.Shard, o.Pools.Shards)
}

// CheckPools reads the pool of every flow that leases one (its environment variable's
// pool, the shard's slice), so that a bad pool stops the run before anything starts.
// Problems in a pool's text are a flow.ErrorList.
func CheckPools(flows []*flow.Flow, opts Options) error {
	opts.defaults()
	var errs []error
	for _, f := range flows {
		if _, err := opts.poolFor(f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// leases is the one record, in a process, of which accounts flows hold: one account
// (a site and an email) is leased to one flow run at a time.
type leases struct {
	mu   sync.Mutex
	held map[string]bool // site base URL + "\x00" + lower-case email
	// freed is closed, and replaced, whenever an account is given back: the condition
	// a waiting flow selects on together with its deadline.
	freed chan struct{}
}

// accountLeases is the process's record: every Runner and Prober in it leases here.
var accountLeases = &leases{held: map[string]bool{}, freed: make(chan struct{})}

// lease gives the first account of pool that no other flow holds on the site at base,
// waiting for one to be given back until ctx ends or wait (when positive) passes. The
// release func gives the account back; call it once. note tells a person that the
// flow waits.
func (l *leases) lease(ctx context.Context, base string, pool *flow.Pool, wait time.Duration, note func(string)) (flow.PoolAccount, func(), error) {
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	start := time.Now()
	for noted := false; ; noted = true {
		l.mu.Lock()
		for _, a := range pool.Accounts {
			key := leaseKey(base, a)
			if l.held[key] {
				continue
			}
			l.held[key] = true
			l.mu.Unlock()
			var once sync.Once
			return a, func() { once.Do(func() { l.release(key) }) }, nil
		}
		freed := l.freed
		l.mu.Unlock()
		if !noted {
			note(fmt.Sprintf("waiting for a free account in %s: all %d are leased to flows running now", pool.Name, len(pool.Accounts)))
		}
		select {
		case <-freed:
			continue
		case <-ctx.Done():
		case <-timeout:
		}
		return flow.PoolAccount{}, nil, fmt.Errorf("%w in account pool %s after %s: it has %d accounts, %d leased to flows running now (run fewer flows at once with -j, or add accounts)",
			ErrNoFreeAccount, pool.Name, time.Since(start).Round(100*time.Millisecond), len(pool.Accounts), l.leased(base, pool))
	}
}

// leaseKey names an account on a site: the same email on two sites is two accounts.
func leaseKey(base string, a flow.PoolAccount) string {
	return base + "\x00" + strings.ToLower(a.Email)
}

// leased counts the accounts of pool held on the site at base.
func (l *leases) leased(base string, pool *flow.Pool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, a := range pool.Accounts {
		if l.held[leaseKey(base, a)] {
			n++
		}
	}
	return n
}

// release gives the account key back and wakes the flows waiting for one.
func (l *leases) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.held, key)
	close(l.freed)
	l.freed = make(chan struct{})
}

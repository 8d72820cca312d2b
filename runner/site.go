package runner

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/mocksites"
)

// site is where one flow runs: a bundled mock started for it alone (so flows never
// share an account's state), or a real or staging site at a base URL, where the flow
// may hold an account leased from a pool (pool.go).
type site struct {
	baseURL string
	account account
	pooled  bool // account is leased from a pool: it wins over the flow's account values
	// skew is the window of time steps either side of now the site is known to accept:
	// a bundled mock's, or site.skew of a flow that gives it or names the bundled mock
	// the site is modelled by. 0 when the window is not known.
	skew int
	// windowKnown says skew is known, not a guess: conform judges the window by it.
	windowKnown bool
	now         func() time.Time // the site's clock, as far as the runner can know it
	close       func()           // stops the bundled mock, gives a leased account back
	bundled     bool             // a bundled mock started for the flow
}

// account is the seeded test account of a bundled mock, or the account leased from a
// pool; empty for a real site whose flow names its account.
type account struct {
	Email, Password, Phone string
}

// siteBase is the base URL the flow runs against: --base-url, else the flow's own
// base-url when it names no bundled mock; "" for its bundled mock.
func siteBase(f *flow.Flow, opts *Options) string {
	if opts.BaseURL != "" || f.Site.Mock != "" {
		return opts.BaseURL
	}
	return f.Site.BaseURL
}

// startSite starts the flow's bundled mock on loopback, or points at the base URL
// given on the command line or in the flow, leasing an account from the flow's pool
// there (waiting for a free one, saying so in the progress).
func (fr *flowRun) startSite(ctx context.Context) (*site, error) {
	f, opts := fr.flow, fr.opts
	if base := siteBase(f, opts); base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("base URL %q is not an http(s) URL", base)
		}
		s := &site{baseURL: strings.TrimRight(base, "/"), now: opts.Now, close: func() {}}
		// A code ahead of the site's time step is accepted only within a forward
		// window, which pyotp and speakeasy leave at 0 by default: against a site
		// whose window nothing says, the runner waits for the time step instead.
		if f.Site.Mock != "" || f.Site.SkewGiven {
			s.skew, s.windowKnown = f.Site.Skew, true
		}
		pool, err := opts.poolFor(f)
		if err != nil || pool == nil {
			return s, err
		}
		note := func(msg string) {
			opts.Progress.Note(fr.res, msg) // on a terminal
			opts.Logger.Debug(msg, "flow", fr.res.Name())
		}
		a, release, err := accountLeases.lease(ctx, s.baseURL, pool, opts.Pools.Wait, note)
		if err != nil {
			return nil, err
		}
		opts.Logger.Debug("account leased", "flow", fr.res.Name(), "pool", pool.Name, "account", a.Email)
		s.account = account{Email: a.Email, Password: a.Password.Reveal(), Phone: a.Phone}
		s.pooled, s.close = true, release
		return s, nil
	}
	srv, err := mocksites.Start(f.Site.Mock, mocksites.Options{Control: true, Defects: opts.Defects, Logger: opts.Logger,
		Clock: opts.mockClock(), Rand: opts.mockRand()})
	if err != nil {
		return nil, fmt.Errorf("starting the bundled %s mock site: %w", f.Site.Mock, err)
	}
	acc := srv.Site.Account
	return &site{
		baseURL:     srv.URL,
		account:     account{Email: acc.Email, Password: acc.Password.Reveal(), Phone: acc.Phone},
		skew:        srv.Site.Skew,
		windowKnown: true,
		now:         srv.Now,
		close:       srv.Close,
		bundled:     true,
	}, nil
}

// resolve makes a flow's path absolute against the site's base URL.
func (s *site) resolve(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return s.baseURL + path
}

package runner

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/mocksites"
)

// site is where one flow runs: a bundled mock started for it alone (so flows never
// share an account's state), or a real or staging site at a base URL.
type site struct {
	baseURL string
	account account
	skew    int
	now     func() time.Time // the site's clock, as far as the runner can know it
	close   func()
	bundled bool // a bundled mock started for the flow
}

// account is the seeded test account of a bundled mock; empty for a real site.
type account struct {
	Email, Password, Phone string
}

// startSite starts the flow's bundled mock on loopback, or points at the base URL
// given on the command line or in the flow.
func startSite(f *flow.Flow, opts *Options) (*site, error) {
	skew := f.Site.Skew
	if skew == 0 {
		skew = 1
	}
	base := opts.BaseURL
	if base == "" && f.Site.Mock == "" {
		base = f.Site.BaseURL
	}
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("base URL %q is not an http(s) URL", base)
		}
		return &site{baseURL: strings.TrimRight(base, "/"), skew: skew, now: opts.Now, close: func() {}}, nil
	}
	srv, err := mocksites.Start(f.Site.Mock, mocksites.Options{Control: true, Defects: opts.Defects, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("starting the bundled %s mock site: %w", f.Site.Mock, err)
	}
	acc := srv.Site.Account
	return &site{
		baseURL: srv.URL,
		account: account{Email: acc.Email, Password: acc.Password.Reveal(), Phone: acc.Phone},
		skew:    srv.Site.Skew,
		now:     srv.Now,
		close:   srv.Close,
		bundled: true,
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

package cli

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/runner"
)

// accountsFlag collects --accounts [SITE=]FILE: account pools that win over the
// flows' own accounts, for the flows of one bundled site (SITE=) or for every flow.
type accountsFlag []accountsSpec

type accountsSpec struct{ site, path string }

func (a *accountsFlag) String() string { return "" }

func (a *accountsFlag) Set(v string) error {
	spec := accountsSpec{path: v}
	if site, path, ok := strings.Cut(v, "="); ok && slices.Contains(flow.BundledSites, site) {
		spec = accountsSpec{site, path}
	}
	if spec.path == "" {
		return fmt.Errorf("want FILE or SITE=FILE, got %q", v)
	}
	for _, s := range *a {
		if s.site == spec.site {
			return fmt.Errorf("a second pool for %s: give one per site", cmp.Or(spec.site, "every flow"))
		}
	}
	*a = append(*a, spec)
	return nil
}

// accountsUsage is the --accounts flag's help.
const accountsUsage = "lease each flow's account from this pool file (YAML, or CSV lines email,password,phone), one account to one flow at a time, over the flow's own account; SITE=FILE for the flows of one bundled site (repeatable)"

// load reads the pool files into opts and reads every flow's pool (a variable's, the
// shard's slice), so that a bad pool stops the command before anything runs. Problems
// in a pool file are printed one per line, file:line:col: message.
func (a accountsFlag) load(env *Env, flows []*flow.Flow, opts *runner.Options) error {
	var errs flow.ErrorList
	for _, s := range a {
		p, err := flow.ParsePoolFile(s.path)
		var list flow.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
			continue
		case err != nil:
			return usagef("--accounts %s: %v", s.path, err)
		}
		if opts.Pools.Accounts == nil {
			opts.Pools.Accounts = map[string]*flow.Pool{}
		}
		opts.Pools.Accounts[s.site] = p
	}
	if len(errs) > 0 {
		return reportInvalid(env.Stderr, errs)
	}
	if err := runner.CheckPools(flows, *opts); err != nil {
		fmt.Fprintln(env.Stderr, err) // a problem a line
		return &UsageError{Err: errFailed}
	}
	return nil
}

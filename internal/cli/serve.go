package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

const serveUsage = `Usage: enroll serve [--control] [--defect NAME]... [--quiet] [SITE...]

Starts the bundled mock sites (all of them by default) on free loopback ports, prints
one line per site: its name, base URL and the seeded account's email; then serves
until interrupted (Ctrl-C). Passwords are in mocksites/README.md.

--control mounts the test-only control surface under /_mock/ (SMS inbox, mailbox,
reset, clock, issued secrets). --defect switches on a deliberate security defect in
every started site, for trying out 'enroll conform'.

Flags:`

// runServe is `enroll serve`: the bundled mock sites, until ctx is cancelled.
func runServe(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll serve", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	control := fl.Bool("control", false, "mount the control surface under /_mock/")
	quiet := fl.Bool("quiet", false, "do not log requests and events to stderr")
	var defects stringList
	all := make([]string, len(kit.AllDefects))
	for i, d := range kit.AllDefects {
		all[i] = string(d)
	}
	fl.Var(&defects, "defect", "switch on a defect (repeatable): "+strings.Join(all, ", "))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, serveUsage)
		fl.PrintDefaults()
	}
	// Flags may come before or after the site names.
	names, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if len(names) == 0 {
		names = mocksites.Names()
	}
	for _, n := range names {
		if _, ok := mocksites.Lookup(n); !ok {
			return usagef("unknown site %q (bundled: %s)", n, strings.Join(mocksites.Names(), ", "))
		}
	}
	if _, err := kit.ParseDefects(defects); err != nil {
		return &UsageError{Err: err}
	}

	logger := slog.New(slog.DiscardHandler)
	if !*quiet {
		logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	var servers []*mocksites.Server
	closeAll := func() {
		for _, s := range servers {
			s.Close()
		}
	}
	for _, n := range names {
		s, err := mocksites.Start(n, mocksites.Options{Control: *control, Defects: defects, Logger: logger})
		if err != nil {
			closeAll()
			return err
		}
		servers = append(servers, s)
		fmt.Fprintf(env.Stdout, "%s %s %s\n", s.Site.Name, s.URL, s.Site.Account.Email)
	}
	<-ctx.Done()
	closeAll()
	return nil
}

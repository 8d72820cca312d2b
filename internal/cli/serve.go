package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

const serveUsage = `Usage: enroll serve [--control] [--defect NAME]... [--accounts N [--pool FILE]] [--quiet] [SITE...]

Starts the bundled mock sites (all of them by default) on free loopback ports, prints
one line per site: its name, base URL and the seeded account's email; then serves
until interrupted (Ctrl-C). Passwords are in mocksites/README.md.

--accounts N seeds N test accounts in each site (a line each), so that 'enroll run
-j N --base-url URL --accounts FILE' runs N flows at once, each on an account of its
own; --pool FILE writes them, passwords too, as the pool file that --accounts reads
(CSV lines email,password,phone; mode 0600; one site only). The log names the
account of every sign-in and enrollment.

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
	accounts := fl.Int("accounts", 1, fmt.Sprintf("seed this many test accounts in each site (1 to %d)", kit.MaxAccounts))
	poolFile := fl.String("pool", "", "write the seeded accounts to this pool file, for enroll run --accounts (one site only)")
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
	if *accounts < 1 || *accounts > kit.MaxAccounts {
		return usagef("--accounts %d: want 1 to %d", *accounts, kit.MaxAccounts)
	}
	if *poolFile != "" && len(names) != 1 {
		return usagef("--pool writes one site's accounts: name the site (enroll serve --accounts %d --pool FILE SITE)", *accounts)
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
		s, err := mocksites.Start(n, mocksites.Options{Control: *control, Defects: defects, Logger: logger, Accounts: *accounts})
		if err != nil {
			closeAll()
			return err
		}
		servers = append(servers, s)
		if *poolFile != "" {
			if err := writePool(*poolFile, s.Accounts); err != nil {
				closeAll()
				return &BrowserError{Err: fmt.Errorf("writing the pool file: %w", err)}
			}
		}
		for _, a := range s.Accounts {
			fmt.Fprintf(env.Stdout, "%s %s %s\n", s.Site.Name, s.URL, a.Email)
		}
	}
	<-ctx.Done()
	closeAll()
	return nil
}

// writePool writes accounts as a pool file (flow.Pool's CSV lines) that only its
// owner can read: it holds passwords.
func writePool(path string, accounts []mocksites.Account) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"email", "password", "phone"})
	for _, a := range accounts {
		_ = w.Write([]string{a.Email, a.Password.Reveal(), a.Phone})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		return err
	}
	return os.Chmod(path, 0o600) // a file that was there keeps its mode otherwise
}

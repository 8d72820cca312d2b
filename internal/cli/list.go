package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/mocksites"
)

// runList is `enroll list`: the bundled flows and the bundled mock sites.
func runList(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll list", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	if err := fl.Parse(args); err != nil {
		return &UsageError{Err: err}
	}
	names, err := fs.Glob(flows.FS, "*.yaml")
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLOW\tSITE\tGUIDE")
	for _, n := range names {
		f, err := flow.Parse(flows.FS, n)
		if err != nil {
			fmt.Fprintf(tw, "flows/%s\t-\tinvalid: %v\n", n, firstLine(err.Error()))
			continue
		}
		fmt.Fprintf(tw, "flows/%s\t%s\t%s\n", n, f.Site.Mock, f.Guide.Title)
	}
	fmt.Fprintln(tw, "\nSITE\tTITLE\tTEST ACCOUNT")
	for _, s := range mocksites.Sites() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Title, s.Account.Email)
	}
	return tw.Flush()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

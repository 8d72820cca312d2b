package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/enroll-dev/enroll/draft"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
)

const draftUsage = `Usage: enroll draft [--site NAME | --base-url URL] GUIDE.txt|GUIDE.md > flow.yaml

Writes a starting flow for a written guide on stdout: the guide block, one step per
numbered heading ("1. Log in to 20i") titled word for word, its sentences as say, and
for each label the guide quotes ('Security Details', "Enable") a suggested action,
commented out ("# - click: Security Details"). Uncomment those the page confirms, then
enroll validate and enroll run. No label the guide does not quote is suggested.

  --site NAME     the bundled mock to run against (default: the one the title names)
  --base-url URL  the site to run against instead

Exits 2 when the guide cannot be read or has no numbered headings.`

// runDraft is `enroll draft`: a starting flow from a written guide.
func runDraft(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll draft", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() { fmt.Fprintln(env.Stderr, draftUsage) }
	site := fl.String("site", "", "the bundled mock site")
	baseURL := fl.String("base-url", "", "the site's base URL")
	files, err := parseArgs(fl, args)
	switch {
	case err == errHelp:
		return nil
	case err != nil:
		return err
	case len(files) != 1:
		fl.Usage()
		return usagef("want one guide file, got %d", len(files))
	case *site != "" && *baseURL != "":
		return usagef("--site and --base-url: give one")
	case *site != "" && !slices.Contains(flow.BundledSites, *site):
		return usagef("--site %q: not a bundled site (%s)", *site, strings.Join(flow.BundledSites, ", "))
	case *baseURL != "":
		if err := checkBaseURL(*baseURL); err != nil {
			return err
		}
		*site = *baseURL
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		return usagef("read guide: %v", err)
	}
	g, err := guide.Parse(files[0], src)
	switch {
	case errors.Is(err, guide.ErrNoSteps):
		return usagef("%v; number the guide's step headings and run enroll draft again", err)
	case err != nil:
		return &UsageError{Err: err}
	}
	var b bytes.Buffer
	if err := draft.Write(&b, g, draft.Options{Site: *site}); err != nil {
		return err
	}
	_, err = env.Stdout.Write(b.Bytes())
	return err
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/enroll-dev/enroll/report"
)

// runReport is `enroll report merge`: the JSON reports of shards (`enroll run --shard
// i/n --report json=...` on several machines) combined into one run, written as any
// report kind; its exit status is the merged run's, like `enroll run`'s.
func runReport(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "merge" {
		fmt.Fprintln(env.Stderr, "Usage: enroll report merge [--report FORMAT=PATH]... REPORT.json...")
		if len(args) == 0 {
			return usagef("no subcommand: want merge")
		}
		return usagef("unknown subcommand %q: want merge", args[0])
	}
	fl := flag.NewFlagSet("enroll report merge", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	var reports reportFlag
	fl.Var(&reports, "report", "write the merged report: "+reportKindsUsage+" (repeatable; default: JSON on standard output)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: enroll report merge [--report FORMAT=PATH]... REPORT.json...\n\n"+
			"Combines the JSON reports of shards (enroll run --shard i/n) into one run: every flow,\n"+
			"in path order. Exit status: that of the merged run, as for enroll run.\n\nFlags:")
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args[1:])
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if len(files) == 0 {
		fl.Usage()
		return usagef("no report given")
	}
	runs := make([]*report.Run, 0, len(files))
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return usagef("%v", err)
		}
		r, err := report.ReadJSON(f)
		f.Close()
		if err != nil {
			return usagef("%s: not a JSON report of enroll run: %v", path, err)
		}
		runs = append(runs, r)
	}
	merged, err := report.Merge(runs...)
	if err != nil {
		return usagef("%v", err)
	}
	if err := checkOutputs(reports, "."); err != nil {
		return err
	}
	var writeErr error
	if len(reports) == 0 {
		writeErr = report.WriteJSON(env.Stdout, merged)
	}
	for _, r := range reports {
		if err := writeReport(r, merged); err != nil {
			writeErr = fmt.Errorf("writing the %s report: %w", r.format, err)
			fmt.Fprintf(env.Stderr, "enroll report merge: %v\n", writeErr)
		}
	}
	s := merged.Summary()
	fmt.Fprintf(env.Stderr, "merged %d reports: %d flows: %d passed, %d failed, %d errored, %d interrupted, %d skipped\n",
		len(runs), s.Flows, s.Passed, s.Failed, s.Errored, s.Interrupted, s.Skipped)
	return runOutcome(merged, nil, writeErr)
}

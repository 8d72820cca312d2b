package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Merge combines the runs of shards (`enroll run --shard i/n`) into one run, as if
// one machine had run every flow: the flows of all runs in the order of their files'
// paths, started when the first run started and lasting until the last one ended. A
// flow file found in two runs is an error: shards must not overlap.
func Merge(runs ...*Run) (*Run, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("no report to merge")
	}
	out := &Run{ArtifactsDir: runs[0].ArtifactsDir}
	var end time.Time
	seen := map[string]int{}
	for i, r := range runs {
		if out.Started.IsZero() || (!r.Started.IsZero() && r.Started.Before(out.Started)) {
			out.Started = r.Started
		}
		if e := r.Started.Add(r.Duration); e.After(end) {
			end = e
		}
		if r.ArtifactsDir != out.ArtifactsDir {
			out.ArtifactsDir = ""
		}
		if r.Status == Interrupted {
			out.Status = Interrupted
		}
		for _, f := range r.Flows {
			key := FlowKey(f.File)
			if j, dup := seen[key]; dup {
				return nil, fmt.Errorf("%s is in report %d and report %d: shards overlap", f.File, j+1, i+1)
			}
			seen[key] = i
			out.Flows = append(out.Flows, f)
		}
	}
	slices.SortStableFunc(out.Flows, func(a, b *Flow) int {
		return strings.Compare(FlowKey(a.File), FlowKey(b.File))
	})
	if end.IsZero() {
		end = out.Started
	}
	out.Finish(end)
	return out, nil
}

// Durations lists how long each flow of a run took, by FlowKey: what --shard reads
// from a previous run to balance shards.
func Durations(r *Run) map[string]time.Duration {
	out := make(map[string]time.Duration, len(r.Flows))
	for _, f := range r.Flows {
		out[FlowKey(f.File)] = f.Duration
	}
	return out
}

// FlowKey is a flow file's name as shards and merged reports compare it: the path as
// given, cleaned, with forward slashes (the same on every machine of a CI matrix).
func FlowKey(file string) string { return filepath.ToSlash(filepath.Clean(file)) }

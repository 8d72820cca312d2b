package cli

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// shard is --shard i/n: this machine runs the i-th of n disjoint parts of the flows
// given, the same split on every machine of a CI matrix; `enroll report merge`
// combines their reports.
type shard struct{ i, n int }

func parseShard(s string) (shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shard{}, fmt.Errorf("--shard %q: want i/n with 1 <= i <= n, such as 2/3", s)
	}
	return shard{i, n}, nil
}

// pick returns this shard's flows, in the order given. Flows are dealt by their
// paths (report.FlowKey), so the split depends only on the flows named: without
// durations, round robin in path order; with the durations of a previous run, the
// longest first onto the shard with the least time so far (a flow the run did not
// have counts as the mean of those it had), ties to the lower shard.
func (sh shard) pick(flows []*flow.Flow, durations map[string]time.Duration) []*flow.Flow {
	keys := make([]string, len(flows))
	for i, f := range flows {
		keys[i] = report.FlowKey(f.Pos.File)
	}
	order := make([]int, len(flows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	owner := make([]int, len(flows))
	if len(durations) == 0 {
		for k, i := range order {
			owner[i] = k%sh.n + 1
		}
	} else {
		var sum time.Duration
		for _, d := range durations {
			sum += d
		}
		mean := sum / time.Duration(len(durations))
		cost := func(i int) time.Duration {
			if d, ok := durations[keys[i]]; ok {
				return d
			}
			return mean
		}
		slices.SortStableFunc(order, func(a, b int) int {
			if ca, cb := cost(a), cost(b); ca != cb {
				return cmp.Compare(cb, ca)
			}
			return strings.Compare(keys[a], keys[b])
		})
		load := make([]time.Duration, sh.n)
		for _, i := range order {
			least := 0
			for s := range load {
				if load[s] < load[least] {
					least = s
				}
			}
			load[least] += cost(i)
			owner[i] = least + 1
		}
	}
	var out []*flow.Flow
	for i, f := range flows {
		if owner[i] == sh.i {
			out = append(out, f)
		}
	}
	return out
}

// readDurations reads how long each flow took from a JSON report of an earlier run.
func readDurations(path string) (map[string]time.Duration, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--durations: %w", err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("--durations %s: %w", path, err)
	}
	return report.Durations(r), nil
}

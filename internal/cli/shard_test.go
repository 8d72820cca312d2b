package cli

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/flow"
)

func flowsNamed(names ...string) []*flow.Flow {
	out := make([]*flow.Flow, len(names))
	for i, n := range names {
		out[i] = &flow.Flow{Pos: flow.Pos{File: n}}
	}
	return out
}

func files(fs []*flow.Flow) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Pos.File
	}
	return out
}

// TestShardPick: the shards of a list are disjoint, cover it, keep the order given,
// and do not depend on that order (every machine of a matrix computes the same split).
func TestShardPick(t *testing.T) {
	names := []string{"flows/c.yaml", "flows/a.yaml", "flows/e.yaml", "./flows/b.yaml", "flows/d.yaml"}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	for _, durations := range []map[string]time.Duration{
		nil,
		{"flows/a.yaml": 40 * time.Second, "flows/b.yaml": 10 * time.Second, "flows/c.yaml": 30 * time.Second, "flows/d.yaml": 20 * time.Second},
	} {
		for n := 1; n <= 6; n++ {
			var got []string
			for i := 1; i <= n; i++ {
				part := files(shard{i, n}.pick(flowsNamed(names...), durations))
				again := files(shard{i, n}.pick(flowsNamed(reversed...), durations))
				slices.Sort(again)
				sorted := slices.Clone(part)
				slices.Sort(sorted)
				if !slices.Equal(sorted, again) {
					t.Errorf("n=%d i=%d: %v, but %v when the flows are given in another order", n, i, part, again)
				}
				if !slices.IsSortedFunc(part, func(a, b string) int { return slices.Index(names, a) - slices.Index(names, b) }) {
					t.Errorf("n=%d i=%d: %v is not in the order given", n, i, part)
				}
				got = append(got, part...)
			}
			slices.Sort(got)
			want := slices.Clone(names)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("n=%d: shards hold %v, want each flow once: %v", n, got, want)
			}
		}
	}
}

// TestShardBalance: with a previous run's durations, the longest flows go first to
// the least loaded shard; a flow the run did not have counts as the mean.
func TestShardBalance(t *testing.T) {
	durations := map[string]time.Duration{"a": 60 * time.Second, "b": 10 * time.Second, "c": 10 * time.Second, "d": 10 * time.Second, "e": 30 * time.Second}
	all := flowsNamed("a", "b", "c", "d", "e", "new")
	got := []string{
		fmt.Sprint(files(shard{1, 2}.pick(all, durations))),
		fmt.Sprint(files(shard{2, 2}.pick(all, durations))),
	}
	// a (60) -> 1; e (30) -> 2; new (the mean, 24) -> 2; then the 10s to the least
	// loaded: b -> 2 (64), c -> 1 (70), d -> 2 (74).
	want := []string{"[a c]", "[b d e new]"}
	if !slices.Equal(got, want) {
		t.Errorf("shards = %v, want %v", got, want)
	}
}

func TestParseShard(t *testing.T) {
	for _, bad := range []string{"", "1", "0/2", "3/2", "a/b", "1/0", "-1/2"} {
		if _, err := parseShard(bad); err == nil {
			t.Errorf("parseShard(%q) accepted", bad)
		}
	}
	if sh, err := parseShard("2/3"); err != nil || sh != (shard{2, 3}) {
		t.Errorf("parseShard(2/3) = %v, %v", sh, err)
	}
}

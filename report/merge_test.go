package report

import (
	"strings"
	"testing"
	"time"
)

func TestMerge(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)
	flowAt := func(file string, st Status) *Flow {
		return &Flow{File: file, Status: st, Steps: []*Step{{Index: 1, Title: "Log in", Status: st}}}
	}
	a := &Run{Started: t0.Add(2 * time.Second), Duration: 10 * time.Second, ArtifactsDir: "artifacts",
		Flows: []*Flow{flowAt("flows/b.yaml", Passed), flowAt("flows/d.yaml", Passed)}}
	b := &Run{Started: t0, Duration: 5 * time.Second, ArtifactsDir: "artifacts",
		Flows: []*Flow{flowAt("./flows/c.yaml", Failed), flowAt("flows/a.yaml", Passed)}}
	m, err := Merge(a, b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range m.Flows {
		got = append(got, f.File)
	}
	if strings.Join(got, " ") != "flows/a.yaml flows/b.yaml ./flows/c.yaml flows/d.yaml" {
		t.Errorf("flows = %v, want path order", got)
	}
	if !m.Started.Equal(t0) || m.Duration != 12*time.Second {
		t.Errorf("started %v, lasted %v: want the first start to the last end (12s)", m.Started, m.Duration)
	}
	if m.Status != Failed || m.ArtifactsDir != "artifacts" {
		t.Errorf("status %v, artifacts %q", m.Status, m.ArtifactsDir)
	}
	if _, err := Merge(a, a); err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Errorf("merging a report with itself: %v, want shards overlap", err)
	}
	b.Status = Interrupted
	if m, _ := Merge(a, b); m.Status != Interrupted {
		t.Errorf("a shard interrupted: merged status %v", m.Status)
	}
	if _, err := Merge(); err == nil {
		t.Error("merging nothing succeeded")
	}
}

package report

import (
	"testing"
	"time"
)

func TestRunFinish(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status Status // set by the runner before Finish
		flows  []Status
		want   Status
		sum    Summary
	}{
		{"all passed", Pending, []Status{Passed, Passed}, Passed, Summary{Flows: 2, Passed: 2}},
		{"one failed", Pending, []Status{Passed, Failed}, Failed, Summary{Flows: 2, Passed: 1, Failed: 1}},
		{"errored wins over failed", Pending, []Status{Failed, Errored, Skipped}, Errored, Summary{Flows: 3, Failed: 1, Errored: 1, Skipped: 1}},
		{"interrupted flow", Pending, []Status{Failed, Interrupted}, Interrupted, Summary{Flows: 2, Failed: 1, Interrupted: 1}},
		{"interrupted before any flow", Interrupted, []Status{Pending, Pending}, Interrupted, Summary{Flows: 2, Skipped: 2}},
		{"nothing ran", Pending, []Status{Skipped}, Skipped, Summary{Flows: 1, Skipped: 1}},
		{"no flows", Pending, nil, Skipped, Summary{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &Run{Started: t0, Status: tt.status}
			for _, s := range tt.flows {
				r.Flows = append(r.Flows, &Flow{Status: s})
			}
			r.Finish(t0.Add(2 * time.Second))
			if r.Status != tt.want {
				t.Errorf("Status = %v, want %v", r.Status, tt.want)
			}
			tt.sum.Duration = 2 * time.Second
			if got := r.Summary(); got != tt.sum {
				t.Errorf("Summary() = %+v, want %+v", got, tt.sum)
			}
			for i, f := range r.Flows {
				if !f.Status.Done() {
					t.Errorf("flow %d still %v after Finish", i, f.Status)
				}
			}
		})
	}
}

func TestFlowName(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"flows/20i.yaml":          "20i",
		"/abs/path/leaseweb.yml":  "leaseweb",
		"myaccount-recovery.yaml": "myaccount-recovery",
		"":                        "",
	} {
		if got := (&Flow{File: file}).Name(); got != want {
			t.Errorf("Flow{File: %q}.Name() = %q, want %q", file, got, want)
		}
	}
}

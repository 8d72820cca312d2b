package report_test

import (
	"fmt"
	"os"
	"time"

	"github.com/enroll-dev/enroll/report"
)

// The runner fills a Run as it goes and tells Progress at each step; at the end the
// command writes the reports. Here Progress is not on a terminal, so it prints only
// the failures and the summary.
func Example() {
	start := time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)
	run := &report.Run{Started: start, ArtifactsDir: "artifacts"}
	progress := report.NewProgress(os.Stdout, false)

	f := &report.Flow{
		File:  "flows/20i.yaml",
		Guide: "Enabling Two-Factor Authentication on your 20i account",
		Site:  "20i", BaseURL: "http://127.0.0.1:40213",
		Started: start, ArtifactsDir: "artifacts/20i",
		Steps: []*report.Step{
			{Index: 1, Title: "Sign in"},
			{Index: 2, Title: "Two-Factor Authentication Security"},
			{Index: 3, Title: "Done"},
		},
	}
	run.Flows = append(run.Flows, f)
	progress.FlowStarted(f)

	step := f.Steps[0]
	progress.StepStarted(f, step)
	step.Status, step.Duration = report.Passed, 410*time.Millisecond
	step.Screenshot = "artifacts/20i/01-sign-in.png"
	progress.StepFinished(f, step)

	step = f.Steps[1]
	progress.StepStarted(f, step)
	step.Status, step.Duration = report.Failed, 10*time.Second
	step.Failure = &report.Failure{
		Pos:       report.Pos{File: "flows/20i.yaml", Line: 27, Col: 9}, // report.Pos(action.At())
		StepIndex: step.Index, Step: step.Title,
		Action:     `click "Two-Factor Authentication"`,
		Message:    "no visible button or link with that text after 10s",
		URL:        "http://127.0.0.1:40213/security",
		OnScreen:   []string{"Two-Step Verification", "Password", "Sessions"},
		Screenshot: "artifacts/20i/02-two-factor-authentication-security.png",
	}
	progress.StepFinished(f, step)

	f.Steps[2].Status = report.Skipped // not reached
	f.Status, f.Failure, f.Duration = report.Failed, step.Failure, 10500*time.Millisecond
	progress.FlowFinished(f)

	run.Finish(start.Add(11 * time.Second))
	progress.RunFinished(run)

	// `enroll run --report junit=PATH --report json=PATH` then writes the reports.
	if err := report.WriteJUnit(discard{}, run); err != nil {
		fmt.Println(err)
	}
	if err := report.WriteJSON(discard{}, run); err != nil {
		fmt.Println(err)
	}
	// Output:
	// FAILED flows/20i.yaml  Enabling Two-Factor Authentication on your 20i account  10.5s
	//   flows/20i.yaml:27:9: step 2 "Two-Factor Authentication Security": click "Two-Factor Authentication":
	//     no visible button or link with that text after 10s on http://127.0.0.1:40213/security
	//     on screen instead: "Two-Step Verification", "Password", "Sessions"
	//     screenshot: artifacts/20i/02-two-factor-authentication-security.png
	// 1 flow: 0 passed, 1 failed (11.0s)
}

// discard stands in for the report files.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

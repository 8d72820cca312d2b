// Package report holds the results of an enroll run as one data structure and renders
// it: the JSON report, JUnit XML for CI, progress on the terminal, the HTML evidence
// report, a Markdown summary and GitHub Actions annotations. Conformance runs
// (Conformance) have the same renderers.
//
// # The data
//
// A Run holds the Flows given on the command line, in that order; a Flow holds the
// guide's Steps, each with its Status and Duration; a Failure says where and why a step
// (or a flow, outside its steps) failed, in the guide's terms:
//
//	flows/20i.yaml:27:9: step 3 "Two-Factor Authentication Security": click "Two-Factor Authentication":
//	  no visible button or link with that text after 10s on http://127.0.0.1:40213/security
//	  on screen instead: "Two-Step Verification", "Password", "Sessions"
//	  screenshot: artifacts/20i/03-two-factor-authentication-security.png
//
// Artifact paths (screenshots, page HTML, console logs) are stored as the runner wrote
// them: the --artifacts folder joined with the file name, so they open from the folder
// enroll ran in.
//
// Nothing in a Run is secret. The runner names secrets ("the TOTP code", "recovery
// code 3"); it never puts their values into any field, message or file name, and the
// renderers print what they are given without scrubbing.
//
// # A run, step by step
//
// The runner creates the Run, appends each Flow before it starts, and calls a Progress
// as it goes (from each flow's goroutine when flows run in parallel):
//
//	run := &report.Run{Started: time.Now(), ArtifactsDir: "artifacts"}
//	progress := report.NewProgress(os.Stdout, report.IsTerminal(os.Stdout))
//
//	f := &report.Flow{File: "flows/20i.yaml", Guide: fl.Guide.Title, Site: "20i", Started: time.Now(), ...}
//	for i, s := range fl.Steps {
//		f.Steps = append(f.Steps, &report.Step{Index: i + 1, Line: s.Pos.Line, Title: s.Title, Say: s.Say})
//	}
//	run.Flows = append(run.Flows, f)
//	progress.FlowStarted(f)
//
//	step := f.Steps[0]
//	progress.StepStarted(f, step)
//	progress.Note(f, "waiting 4s for the next TOTP time step")
//	step.Status, step.Duration, step.Screenshot = report.Passed, took, "artifacts/20i/01-sign-in.png"
//	progress.StepFinished(f, step)
//	// ... a step fails: step.Status = report.Failed, step.Failure = &report.Failure{...},
//	// f.Failure = step.Failure, the steps after it report.Skipped.
//
//	f.Status, f.Duration = report.Failed, time.Since(f.Started)
//	progress.FlowFinished(f)
//
//	run.Finish(time.Now())
//	progress.RunFinished(run)
//	err = report.WriteJSON(jsonFile, run)
//	err = report.WriteJUnit(junitFile, run)
//
// On a terminal the progress reads:
//
//	▶ flows/20i.yaml  Enabling Two-Factor Authentication on your 20i account
//	  ✓ 1 Sign in  0.41s
//	  ✓ 2 Security  0.22s
//	  ✗ 3 Two-Factor Authentication Security  10.0s
//	    flows/20i.yaml:27:9: step 3 "Two-Factor Authentication Security": click "Two-Factor Authentication":
//	      no visible button or link with that text after 10s on http://127.0.0.1:40213/security
//	      ...
//	  - 4 Scan the QR code  not reached
//	✗ flows/20i.yaml  failed  11.2s
//
//	2 flows: 1 passed, 1 failed (13.6s)
//
// Elsewhere (CI logs, pipes) only the failed flows, their failures and the summary line
// are printed, at the end. The runnable Example shows the whole sequence.
//
// # The reports
//
// WriteJSON writes a stable, indented document (version 1: camelCase fields, durations
// as durationMs, RFC 3339 times in UTC) that ReadJSON reads back. WriteJUnit writes one
// <testsuite> per flow and one <testcase> per guide step, in the schema Jenkins and
// GitLab read, with screenshots as [[ATTACHMENT|path]] lines.
//
// WriteHTML writes the evidence report a doc writer reads: one page with nothing to
// fetch (screenshots as data: URIs, inline style, a Content-Security-Policy that
// allows nothing else), made with html/template from the templates embedded in
// templates/. Per guide step its heading, say: text, outcome, duration and screenshot;
// for a failure its message, flow file position, the labels on screen instead, the
// failure screenshot and the browser console. It reads only the artifacts the Run
// names, so it shows nothing the JSON report does not point to:
//
//	err = report.WriteHTML(htmlFile, run, nil) // nil: read the artifacts from disk
//
// WriteMarkdown writes a GitHub-flavoured summary under MarkdownLimit (a job summary,
// a pull-request comment), and WriteAnnotations the ::error workflow commands that
// annotate the flow file's lines in a pull request. WriteConformHTML,
// WriteConformMarkdown and WriteConformAnnotations do the same for a Conformance.
// Statuses and verdicts are rendered by name, so one added later shows (as needing
// attention) without a change here.
package report

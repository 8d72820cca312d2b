// Package report holds the results of an enroll run as one data structure, Run ->
// Flow -> Step (with a Failure where something went wrong), and renders it: the JSON
// report (WriteJSON), JUnit XML for CI (WriteJUnit) and progress on the terminal
// (Progress). Later reports (the HTML evidence report, conformance verdicts) render
// the same structure.
//
// The runner fills a Run as it goes and calls Progress at each step; `enroll run`
// writes the reports at the end. Nothing in a Run is secret: the runner names secrets,
// it never puts their values in.
package report

package cli

import (
	"io"
	"slices"

	"github.com/enroll-dev/enroll/report"
)

// reportKind is one kind of --report KIND=PATH: how it writes a run of `enroll run`
// and one of `enroll conform`.
type reportKind struct {
	name    string
	run     func(io.Writer, *report.Run) error
	conform func(io.Writer, *report.Conformance) error
}

// reportKinds are the kinds --report takes, in the order the usage lists them.
var reportKinds = []reportKind{
	{"json", report.WriteJSON, report.WriteConformJSON},
	{"junit", report.WriteJUnit, report.WriteConformJUnit},
	// The HTML report embeds the screenshots, read where the runner wrote them
	// (relative to the working folder, like the paths the reports give).
	{"html", func(w io.Writer, r *report.Run) error { return report.WriteHTML(w, r, nil) }, report.WriteConformHTML},
	{"markdown", report.WriteMarkdown, report.WriteConformMarkdown},
}

// reportKindsUsage lists the kinds for usage and error messages.
const reportKindsUsage = "json=PATH, junit=PATH, html=PATH or markdown=PATH"

// kindOf returns the report kind named name, or nil.
func kindOf(name string) *reportKind {
	i := slices.IndexFunc(reportKinds, func(k reportKind) bool { return k.name == name })
	if i < 0 {
		return nil
	}
	return &reportKinds[i]
}

// annotate reports whether failures are also printed as GitHub Actions workflow
// commands: with a Markdown summary asked for, inside a GitHub Actions job.
func annotate(env *Env, reports []reportSpec) bool {
	if env.Getenv == nil || env.Getenv("GITHUB_ACTIONS") != "true" {
		return false
	}
	return slices.ContainsFunc(reports, func(r reportSpec) bool { return r.format == "markdown" })
}

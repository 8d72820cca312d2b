package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteAnnotations writes a GitHub Actions workflow command per failure of r
// (`::error file=flows/20i.yaml,line=27,col=9,title=...::message`), so the failure
// annotates the flow file's line in a pull request's diff. A failed or errored step
// is an error, an interrupted one a warning; a failure outside any step names the
// flow file alone. Print them only when GITHUB_ACTIONS is "true".
func WriteAnnotations(w io.Writer, r *Run) error {
	var b strings.Builder
	for _, f := range r.Flows {
		for _, fail := range failuresOf(f) {
			level := "error"
			status := f.Status
			if fail.StepIndex > 0 && fail.StepIndex <= len(f.Steps) {
				status = f.Steps[fail.StepIndex-1].Status
			}
			if status == Interrupted {
				level = "warning"
			}
			file, line, col := fail.Pos.File, fail.Pos.Line, fail.Pos.Col
			if file == "" {
				file = f.File
			}
			title := "enroll: " + f.Name() + " " + status.String()
			if fail.StepIndex > 0 || fail.Step != "" {
				title = fmt.Sprintf("enroll: step %d %q %s", fail.StepIndex, fail.Step, status)
			}
			msg := strings.TrimPrefix(fail.Error(), fail.Pos.String()+": ")
			b.WriteString(workflowCommand(level, file, line, col, title, msg))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteConformAnnotations writes a GitHub Actions workflow command per conformance
// check that needs a reader, on its flow file: an error for an unexpected failure, a
// warning for a stale expectation or a verdict this package does not know.
func WriteConformAnnotations(w io.Writer, c *Conformance) error {
	var b strings.Builder
	for _, f := range c.Flows {
		for _, ch := range f.Checks {
			if !checkProblem(ch) {
				continue
			}
			level, what := "warning", ch.Verdict.String()
			switch {
			case ch.Unexpected():
				level, what = "error", "failed"
			case ch.Stale():
				what += ", but listed as an expected failure at " + ch.Expected.At
			}
			title := fmt.Sprintf("enroll conform: %s %s", ch.ID, ch.Verdict)
			msg := fmt.Sprintf("%s (%s): %s: %s", ch.Statement, ch.Clause, what, ch.Reason)
			b.WriteString(workflowCommand(level, f.File, 0, 0, title, msg))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// workflowCommand formats one ::error or ::warning command, escaped as the runner
// reads it: % \r \n in the message; also : and , in the properties.
func workflowCommand(level, file string, line, col int, title, msg string) string {
	props := []string{"file=" + escapeProperty(file)}
	if line > 0 {
		props = append(props, fmt.Sprintf("line=%d", line))
		if col > 0 {
			props = append(props, fmt.Sprintf("col=%d", col))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + level + " " + strings.Join(props, ",") + "::" + escapeData(msg) + "\n"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

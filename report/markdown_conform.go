package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteConformMarkdown writes c as a short GitHub-flavoured Markdown summary: the
// outcome, the checks of each flow counted by verdict, then the checks that need a
// reader (unexpected failures, stale expectations, verdicts this package does not
// know) with their reasons, and the known failures with why they are known. It stays
// under MarkdownLimit; the last line says what was left out.
func WriteConformMarkdown(w io.Writer, c *Conformance) error {
	s := c.Summary()
	mark := "✓"
	if !s.OK() {
		mark = "✗"
	}
	v := htmlConformOf(c)
	var parts []mdPart
	var b strings.Builder
	fmt.Fprintf(&b, "### %s enroll conform: %s\n\n%s", mark, v.Outcome, mdText(s.String()))
	if t := htmlTime(c.Started); t != "" {
		b.WriteString(" · started " + t)
	}
	b.WriteString("\n")
	if len(c.Defects) > 0 {
		fmt.Fprintf(&b, "\nDeliberate defects in the bundled mocks: %s\n", mdText(strings.Join(c.Defects, ", ")))
	}
	// The columns are the verdicts the whole run has, so a verdict added later shows.
	var cols []string
	for _, n := range v.Counts[1:] {
		cols = append(cols, n.Label)
	}
	b.WriteString("\n| flow | guide |")
	for _, col := range cols {
		b.WriteString(" " + mdText(col) + " |")
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(cols)) + "\n")
	parts = append(parts, mdPart{text: b.String()})
	for _, f := range v.Flows {
		n := map[string]int{}
		for _, ct := range f.Counts {
			n[ct.Label] = ct.N
		}
		row := fmt.Sprintf("| %s | %s |", mdCode(f.File), mdText(f.Guide))
		for _, col := range cols {
			row += fmt.Sprintf(" %d |", n[col])
		}
		parts = append(parts, mdPart{text: row + "\n", kind: "flow row", drop: 4})
	}
	var attention, known []mdPart
	for _, f := range v.Flows {
		for _, ch := range f.Checks {
			line := fmt.Sprintf("- **%s** %s %s (%s): %s", mdText(ch.Label), mdCode(f.File), mdCode(ch.ID), mdText(ch.Clause), mdText(ch.Reason))
			switch {
			case ch.Problem:
				if ch.Expected != nil {
					line += fmt.Sprintf("; listed as expected at %s: %s", mdCode(ch.Expected.At), mdText(ch.Expected.Reason))
				}
				attention = append(attention, mdPart{text: line + "\n", kind: "check needing attention", drop: 3})
			case ch.Expected != nil:
				line += fmt.Sprintf("; known because: %s (%s)", mdText(ch.Expected.Reason), mdCode(ch.Expected.At))
				known = append(known, mdPart{text: line + "\n", kind: "known failure", drop: 2})
			}
		}
	}
	if len(attention) > 0 {
		parts = append(parts, mdPart{text: "\n#### Needs attention\n\n"})
		parts = append(parts, attention...)
	}
	if len(known) > 0 {
		parts = append(parts, mdPart{text: "\n#### Known failures\n\n"})
		parts = append(parts, known...)
	}
	return writeMarkdown(w, parts, MarkdownLimit)
}

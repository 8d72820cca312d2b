package report

import (
	"fmt"
	"io"
	"strings"
)

// MarkdownLimit is the most bytes WriteMarkdown and WriteConformMarkdown write: under
// the 65,536 characters of a GitHub pull-request comment, so the summary also fits
// $GITHUB_STEP_SUMMARY. What does not fit is left out, least useful first, and the
// summary says what.
const MarkdownLimit = 60 * 1024

// mdPart is one piece of a Markdown summary; the parts with a kind may be left out to
// stay under MarkdownLimit, in the order of their drop rank (lowest first).
type mdPart struct {
	text string
	kind string // "" (always kept), or what it is, for the note: "step table"
	drop int    // lower goes first; parts of the same rank go from the last
}

// writeMarkdown joins parts, leaving out droppable ones until the whole, with a note
// of what was left out, fits in limit bytes.
func writeMarkdown(w io.Writer, parts []mdPart, limit int) error {
	keep := make([]bool, len(parts))
	size := 0
	for i, p := range parts {
		keep[i] = true
		size += len(p.text)
	}
	left := map[string]int{}
	var order []string // kinds in the order first left out
	note := func() string {
		if len(order) == 0 {
			return ""
		}
		var what []string
		for _, k := range order {
			what = append(what, fmt.Sprintf("%d %s", left[k], plural(left[k], k)))
		}
		return "\n_Left out to stay under 64 KB: " + strings.Join(what, ", ") + ". The JSON and HTML reports have everything._\n"
	}
	for size+len(note()) > limit {
		victim := -1
		for i := len(parts) - 1; i >= 0; i-- {
			if keep[i] && parts[i].kind != "" && (victim < 0 || parts[i].drop < parts[victim].drop) {
				victim = i
			}
		}
		if victim < 0 {
			break // only the parts always kept: they are short by construction
		}
		keep[victim] = false
		size -= len(parts[victim].text)
		k := parts[victim].kind
		if left[k] == 0 {
			order = append(order, k)
		}
		left[k]++
	}
	var b strings.Builder
	for i, p := range parts {
		if keep[i] {
			b.WriteString(p.text)
		}
	}
	b.WriteString(note())
	_, err := io.WriteString(w, b.String())
	return err
}

// mdMark is the sign a Markdown summary shows for a status; a status added later
// shows as a warning sign next to its name.
func mdMark(s Status) string {
	switch s {
	case Passed:
		return "✓"
	case Failed:
		return "✗"
	case Skipped, Pending:
		return "–"
	default:
		return "⚠"
	}
}

// mdReplacer escapes what Markdown or GitHub's HTML sanitiser would read as markup.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;",
	"|", `\|`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ", "&", "&amp;",
)

// mdText escapes s as one line of Markdown text (a table cell, a list item).
func mdText(s string) string { return mdReplacer.Replace(s) }

// mdCode writes s as inline code, on one line; a code span cannot escape, so a
// backtick in s is shown as a prime.
func mdCode(s string) string {
	s = strings.NewReplacer("`", "ʹ", "|", `\|`, "\r\n", " ", "\n", " ").Replace(s)
	return "`" + s + "`"
}

// mdBlock writes s as a fenced text block, the fence longer than any backtick run in s.
func mdBlock(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "text\n" + strings.TrimRight(s, "\n") + "\n" + fence + "\n"
}

// WriteMarkdown writes r as a short GitHub-flavoured Markdown summary for a CI job
// summary or a pull-request comment: the outcome, a table of flows, every failure
// with its flow file:line:col, and per flow a table of its guide steps with ✓/✗. It
// stays under MarkdownLimit: step tables of passed flows go first, then the others,
// then failures, then flow rows; the last line says what was left out.
func WriteMarkdown(w io.Writer, r *Run) error {
	s := r.Summary()
	var parts []mdPart
	head := fmt.Sprintf("### %s enroll run: %s\n\n%s", mdMark(r.Status), r.Status, mdText(s.String()))
	if t := htmlTime(r.Started); t != "" {
		head += " · started " + t
	}
	head += "\n\n| | flow | guide | steps | time |\n|---|---|---|---|---|\n"
	parts = append(parts, mdPart{text: head})
	for _, f := range r.Flows {
		parts = append(parts, mdPart{text: fmt.Sprintf("| %s %s | %s | %s | %s | %s |\n", mdMark(f.Status), f.Status,
			mdCode(f.File), mdText(f.Guide), mdText(stepsLine(f)), FormatDuration(f.Duration)), kind: "flow row", drop: 4})
	}
	var fails []mdPart
	for _, f := range r.Flows {
		for _, fail := range failuresOf(f) {
			text := fail.Error()
			if fail.Pos.File == "" {
				text = f.File + ": " + text
			}
			fails = append(fails, mdPart{text: "\n" + mdBlock(text), kind: "failure", drop: 3})
		}
	}
	if len(fails) > 0 {
		parts = append(parts, mdPart{text: "\n#### Failures\n"})
		parts = append(parts, fails...)
	}
	for _, f := range r.Flows {
		if len(f.Steps) == 0 {
			continue
		}
		open, drop := "", 1
		if problem(f.Status) || f.Failure != nil {
			open, drop = " open", 2
		}
		var b strings.Builder
		fmt.Fprintf(&b, "\n<details%s><summary>%s %s: %s</summary>\n\n| | step | line | time |\n|---|---|---|---|\n",
			open, mdMark(f.Status), mdText(f.File), mdText(f.Guide))
		for _, st := range f.Steps {
			took := ""
			if st.Status.Done() && st.Status != Skipped {
				took = FormatDuration(st.Duration)
			} else if st.Manual != "" {
				took = "manual: " + mdText(st.Manual)
			}
			line := ""
			if st.Line > 0 {
				line = fmt.Sprint(st.Line)
			}
			fmt.Fprintf(&b, "| %s %s | %d. %s | %s | %s |\n", mdMark(st.Status), st.Status, st.Index, mdText(st.Title), line, took)
		}
		b.WriteString("\n</details>\n")
		parts = append(parts, mdPart{text: b.String(), kind: "step table", drop: drop})
	}
	return writeMarkdown(w, parts, MarkdownLimit)
}

// stepsLine says how far a flow got: "5/5 passed", "2/5 passed, failed at step 3".
func stepsLine(f *Flow) string {
	passed := 0
	var stop *Step
	for _, st := range f.Steps {
		if st.Status == Passed {
			passed++
		} else if stop == nil && problem(st.Status) {
			stop = st
		}
	}
	text := fmt.Sprintf("%d/%d passed", passed, len(f.Steps))
	if stop != nil {
		text += fmt.Sprintf(", %s at step %d", stop.Status, stop.Index)
	}
	return text
}

// failuresOf returns a flow's failures: each step's, then the flow's own when it is
// not a step's (set-up failed, not run after a browser crash).
func failuresOf(f *Flow) []*Failure {
	var out []*Failure
	for _, st := range f.Steps {
		if st.Failure != nil {
			out = append(out, st.Failure)
		}
	}
	if f.Failure != nil {
		for _, o := range out {
			if o == f.Failure {
				return out
			}
		}
		out = append(out, f.Failure)
	}
	return out
}

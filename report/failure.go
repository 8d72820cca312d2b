package report

import (
	"fmt"
	"strings"
)

// Pos is a position in a flow file. It has the same fields as flow.Pos, so the runner
// converts with report.Pos(action.At()).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col; empty when File is empty.
func (p Pos) String() string {
	if p.File == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Failure says why a step or flow failed, in the guide's terms: where the action is
// written, which guide step, what the action was, what went wrong, and what the page
// showed instead. It is an error, so the runner can return it and callers can
// errors.As it; Err keeps the cause for errors.Is (it is not rendered in reports).
//
// Like all of a Run, a Failure holds no secret values: Action and Message describe a
// secret by its name ("fill field labelled "Code" with the TOTP code"), never by value.
type Failure struct {
	// Pos is where the failing action is written in the flow file.
	Pos Pos
	// StepIndex and Step are the guide step's 1-based index and heading; 0 and "" for
	// a failure outside any step.
	StepIndex int
	Step      string
	// Action is the failing action as a reader would say it: click "Enable".
	Action string
	// Message is what went wrong, lower-case, without the URL: no visible button or
	// link with that text after 10s.
	Message string
	// URL is the page's address when the action failed.
	URL string
	// OnScreen are the nearest visible labels on the page, the likeliest intended ones
	// first.
	OnScreen []string
	// Screenshot, HTML and Console are the files saved when the action failed: a
	// screenshot, the page's HTML and the browser console log.
	Screenshot string
	HTML       string
	Console    string
	// Err is the underlying error, for errors.Is/As (a browser crash, a deadline).
	Err error
}

// Headline is the failure's first line: position, guide step and action.
//
//	flows/20i.yaml:27:9: step 3 "Two-Factor Authentication Security": click "Two-Factor Authentication"
func (f *Failure) Headline() string {
	var parts []string
	if p := f.Pos.String(); p != "" {
		parts = append(parts, p)
	}
	if f.StepIndex > 0 || f.Step != "" {
		parts = append(parts, fmt.Sprintf("step %d %q", f.StepIndex, f.Step))
	}
	if f.Action != "" {
		parts = append(parts, f.Action)
	}
	return strings.Join(parts, ": ")
}

// Reason is what went wrong and where: the message and, when known, the URL.
//
//	no visible button or link with that text after 10s on http://127.0.0.1:40213/security
func (f *Failure) Reason() string {
	msg := f.message()
	if f.URL != "" {
		msg += " on " + f.URL
	}
	return msg
}

// message is Message, or the cause's text when Message is empty.
func (f *Failure) message() string {
	if f.Message == "" && f.Err != nil {
		return f.Err.Error()
	}
	return f.Message
}

// Error renders the failure for a doc writer: the headline, then indented lines with
// what went wrong, what is on screen instead and the saved files.
//
//	flows/20i.yaml:27:9: step 3 "Two-Factor Authentication Security": click "Two-Factor Authentication":
//	  no visible button or link with that text after 10s on http://127.0.0.1:40213/security
//	  on screen instead: "Two-Step Verification", "Password", "Sessions"
//	  screenshot: artifacts/20i/03-two-factor-authentication-security.png
func (f *Failure) Error() string {
	head, lines := f.Headline(), f.details()
	if head == "" && len(lines) > 0 {
		head, lines = lines[0], lines[1:]
	} else if len(lines) > 0 {
		head += ":"
	}
	var b strings.Builder
	b.WriteString(head)
	for _, line := range lines {
		b.WriteString("\n  ")
		b.WriteString(line)
	}
	return b.String()
}

// details are the lines after the headline: reason, labels on screen, screenshot.
func (f *Failure) details() []string {
	var lines []string
	if r := f.Reason(); r != "" {
		lines = append(lines, r)
	}
	if len(f.OnScreen) > 0 {
		quoted := make([]string, len(f.OnScreen))
		for i, s := range f.OnScreen {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		lines = append(lines, "on screen instead: "+strings.Join(quoted, ", "))
	}
	// The page HTML and console log lie next to the screenshot; reports list them.
	if f.Screenshot != "" {
		lines = append(lines, "screenshot: "+f.Screenshot)
	}
	return lines
}

// Unwrap returns the underlying error.
func (f *Failure) Unwrap() error { return f.Err }

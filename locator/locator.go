// Package locator names an element the way a reader finds it on a page: by the
// words on a button, a field's label, a placeholder, an icon's accessible name, or
// (the exception) a CSS selector, optionally narrowed by a role or by the section,
// dialog or frame it is in.
//
// It is the one type that crosses from a flow file (package flow decodes it) to the
// browser (internal/browser finds it), and it says itself in words for errors and
// logs. It imports nothing of either.
//
//	l := locator.Locator{Text: "Enable", Within: "Two-factor authentication"}
//	l.String()            // "Enable" in "Two-factor authentication"
//	l.Phrase("button")    // button with text "Enable" inside "Two-factor authentication"
package locator

import (
	"errors"
	"fmt"
	"strings"
)

// Locator finds an element the way a reader does. Exactly one of Text, Label,
// Placeholder, Name, CSS is set.
type Locator struct {
	Text        string `json:"text,omitempty"`        // visible text of a button, link, tab, menu item, summary, or (fallback) any element whose own visible text matches
	Label       string `json:"label,omitempty"`       // a form control by its <label> text, aria-label or aria-labelledby
	Placeholder string `json:"placeholder,omitempty"` // a form control by placeholder
	Name        string `json:"name,omitempty"`        // accessible name: aria-label or title (icon buttons)
	CSS         string `json:"css,omitempty"`         // a CSS selector: the exception, for what has no words
	Role        string `json:"role,omitempty"`        // optional narrowing: button, link, tab, menuitem, checkbox, field, dialog
	Within      string `json:"within,omitempty"`      // optional: only inside a section, dialog, form or frame whose heading, label or title contains this
	Exact       bool   `json:"exact,omitempty"`       // Text must equal (after white space is folded), else contains; case-insensitive either way
}

// ErrWays is what Valid wraps: not exactly one way to find the element is set.
var ErrWays = errors.New("exactly one of text, label, placeholder, name, css must be set")

// Valid reports whether exactly one way to find the element is set.
func (l Locator) Valid() error {
	n := 0
	for _, v := range []string{l.Text, l.Label, l.Placeholder, l.Name, l.CSS} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("%w (got %d)", ErrWays, n)
	}
	return nil
}

// String names the target in a reader's words, e.g. `"Enable"`,
// `field labelled "Code"`, `element named "Account"`, `element #x`, with the
// section it is in: `"Save" in "Security"`.
func (l Locator) String() string {
	var s string
	switch {
	case l.Text != "":
		s = fmt.Sprintf("%q", l.Text)
		if l.Role != "" {
			s = roleNoun(l.Role) + " " + s
		}
	case l.Label != "":
		s = fmt.Sprintf("%s labelled %q", roleNoun(orDefault(l.Role, "field")), l.Label)
	case l.Placeholder != "":
		s = fmt.Sprintf("%s with placeholder %q", roleNoun(orDefault(l.Role, "field")), l.Placeholder)
	case l.Name != "":
		s = fmt.Sprintf("%s named %q", roleNoun(orDefault(l.Role, "element")), l.Name)
	case l.CSS != "":
		s = "element " + l.CSS
	default:
		s = "empty locator"
	}
	if l.Within != "" {
		s += fmt.Sprintf(" in %q", l.Within)
	}
	return s
}

// Phrase is the longer form an error uses after "no visible": noun is what the
// action looks for when the locator has no role ("button or link" for a click,
// "element" for a wait).
func (l Locator) Phrase(noun string) string {
	var s string
	switch {
	case l.Text != "":
		n := noun
		if l.Role != "" {
			n = roleNoun(l.Role)
		}
		verb := "with text"
		if l.Exact {
			verb = "with exactly the text"
		}
		s = fmt.Sprintf("%s %s %q", n, verb, l.Text)
	case l.CSS != "":
		s = fmt.Sprintf("%s matching %s", roleNoun(orDefault(l.Role, "element")), l.CSS)
	default:
		s = l.String()
		if i := strings.LastIndex(s, " in \""); i >= 0 && l.Within != "" {
			s = s[:i]
		}
	}
	if l.Within != "" {
		s += fmt.Sprintf(" inside %q", l.Within)
	}
	return s
}

func roleNoun(role string) string {
	switch role {
	case "menuitem":
		return "menu item"
	case "":
		return "element"
	}
	return role
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

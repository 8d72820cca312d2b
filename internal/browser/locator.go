package browser

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Locator finds an element the way a reader does. Exactly one of Text,
// Label, Placeholder, Name, CSS is set.
type Locator struct {
	Text        string // visible text of a button, link, tab, menu item, summary, or (fallback) any element whose own visible text matches
	Label       string // a form control by its <label> text, aria-label or aria-labelledby
	Placeholder string // a form control by placeholder
	Name        string // accessible name: aria-label or title (icon buttons)
	CSS         string
	Role        string // optional narrowing: button, link, tab, menuitem, checkbox, field, dialog (match tag or role attr)
	Within      string // optional: only inside an element (landmark/section/dialog/nav/form) whose visible text, heading or aria-label contains this
	Exact       bool   // Text must equal (after whitespace normalisation), else contains; case-insensitive either way
}

// String names the target in a reader's words, e.g. `"Enable"`,
// `field labelled "Code"`, `element named "Account"`, `element #x`.
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

// phrase is the longer form used after "no visible": noun is what the
// action looks for when the locator has no role ("button or link" for a
// click, "element" for a wait).
func (l Locator) phrase(noun string) string {
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

func (l Locator) valid() error {
	n := 0
	for _, v := range []string{l.Text, l.Label, l.Placeholder, l.Name, l.CSS} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("%w: exactly one of text, label, placeholder, name, css must be set (got %d)", ErrBadLocator, n)
	}
	return nil
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

// jsLocator is the locator as the page-side finder reads it.
type jsLocator struct {
	Text        string `json:"text,omitempty"`
	Label       string `json:"label,omitempty"`
	Placeholder string `json:"placeholder,omitempty"`
	Name        string `json:"name,omitempty"`
	CSS         string `json:"css,omitempty"`
	Role        string `json:"role,omitempty"`
	Within      string `json:"within,omitempty"`
	Exact       bool   `json:"exact,omitempty"`
	Scope       string `json:"scope,omitempty"` // data-enroll-target of the element to search in
}

func (l Locator) js() jsLocator {
	return jsLocator{
		Text: l.Text, Label: l.Label, Placeholder: l.Placeholder, Name: l.Name, CSS: l.CSS,
		Role: strings.ToLower(l.Role), Within: l.Within, Exact: l.Exact,
	}
}

// MarshalJSON keeps the zero fields out, for logs and reports.
func (l Locator) MarshalJSON() ([]byte, error) { return json.Marshal(l.js()) }

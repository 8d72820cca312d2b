package browser

import (
	"fmt"
	"strings"

	"github.com/enroll-dev/enroll/locator"
)

// Locator finds an element the way a reader does (package locator): the type a
// flow's target is decoded into, used here as it is.
type Locator = locator.Locator

// valid checks l before any waiting: a locator without exactly one way to find
// the element is a bad locator.
func valid(l Locator) error {
	if err := l.Valid(); err != nil {
		return fmt.Errorf("%w: %v", ErrBadLocator, err)
	}
	return nil
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

func jsOf(l Locator) jsLocator {
	return jsLocator{
		Text: l.Text, Label: l.Label, Placeholder: l.Placeholder, Name: l.Name, CSS: l.CSS,
		Role: strings.ToLower(l.Role), Within: l.Within, Exact: l.Exact,
	}
}

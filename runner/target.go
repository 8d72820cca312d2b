package runner

import (
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
)

// locator turns a flow's target into the browser's locator: the same words, read the
// same way a reader reads the page.
func locator(t flow.Target) browser.Locator {
	return browser.Locator{
		Text:        t.Text,
		Label:       t.Label,
		Placeholder: t.Placeholder,
		Name:        t.Name,
		CSS:         t.CSS,
		Role:        t.Role,
		Within:      t.Within,
		Exact:       t.Exact,
	}
}

func optLocator(t *flow.Target) *browser.Locator {
	if t == nil {
		return nil
	}
	l := locator(*t)
	return &l
}

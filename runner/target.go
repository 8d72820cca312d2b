package runner

import (
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
)

// optLocator is the browser's locator of an optional target (nil: none given).
func optLocator(t *flow.Target) *browser.Locator {
	if t == nil {
		return nil
	}
	return &t.Locator
}

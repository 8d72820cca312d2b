package browser

import (
	"errors"
)

var (
	// ErrNoMatch means no visible element matched a locator before the
	// deadline (or the QR code or code field could not be found).
	ErrNoMatch = errors.New("no match")
	// ErrDisabled means the element was found and visible but stayed
	// disabled (or read-only, for a field) until the deadline.
	ErrDisabled = errors.New("disabled")
	// ErrCovered means the element was found but another element (an
	// overlay, a banner) covered the point a click would hit.
	ErrCovered = errors.New("covered by another element")
	// ErrBadLocator means a locator is malformed (several or no ways to find
	// set, an invalid CSS selector); waiting does not help.
	ErrBadLocator = errors.New("bad locator")
	// ErrChromeNotFound is wrapped by FindChrome's error when no Chromium
	// or Chrome binary is found.
	ErrChromeNotFound = errors.New("chromium not found")
	// ErrLaunch is wrapped by Launch's error when Chromium cannot be started.
	ErrLaunch = errors.New("cannot start chromium")
	// ErrClosed is returned by a Session or Browser used after Close.
	ErrClosed = errors.New("browser session closed")
)

// LookupError is the error of an action whose target never became ready
// before the deadline. Its text says what was looked for in a reader's
// words; it wraps the reason (ErrNoMatch, ErrDisabled, ErrCovered) and the
// context's error.
type LookupError struct {
	Action   string   // "click", "fill", "wait for", ...
	What     string   // e.g. `button or link with text "Enable"`
	Reason   error    // ErrNoMatch, ErrDisabled or ErrCovered
	Detail   string   // e.g. "1 hidden match", "covered by <div class="overlay">"
	OnScreen []string // visible labels on the page when the wait ended
	Err      error    // the context's error (deadline exceeded, canceled)
}

func (e *LookupError) Error() string {
	s := e.Action + ": " + e.Problem()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Problem says what was wrong with the target in a reader's words, without the
// action or the context's error: `no visible button or link with text "Enable"
// (1 hidden match)`.
func (e *LookupError) Problem() string {
	var s string
	switch {
	case errors.Is(e.Reason, ErrDisabled):
		s = e.What + " is disabled"
	case errors.Is(e.Reason, ErrCovered):
		s = e.What + " is covered"
	default:
		s = "no visible " + e.What
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns the reason and the context's error, so errors.Is works
// for ErrNoMatch and context.DeadlineExceeded alike.
func (e *LookupError) Unwrap() []error {
	var errs []error
	if e.Reason != nil {
		errs = append(errs, e.Reason)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

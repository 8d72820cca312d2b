// Package browser drives headless Chromium for enroll. It is the only
// package that imports chromedp and cdproto, so their API churn stays here,
// and a remote browser (a CDP endpoint) can later sit behind the same seam.
//
// One Browser per run (Launch; Close kills every process of its temporary
// profile and removes it); one isolated Session per flow (NewSession: its
// own cookies and storage). Every Session method waits for its condition,
// polling, until the deadline of the context it is given, so the caller
// sets one per step.
//
// Elements are found the way a reader finds them: a Locator names visible
// text, a field's label, a placeholder, an accessible name, or (the
// exception) a CSS selector, optionally inside a section, dialog or form
// named by its heading or label. A script injected into the page (finder.js
// and page.js) does the finding; actions then use real mouse and keyboard
// events at a point where the element is not covered, and a guard in the
// page swallows a click that would land elsewhere because the page moved.
//
// Secrets stay out of artifacts: Fill and Text with secret, TypeCode and QR
// mark their elements; Screenshot covers marked elements with opaque boxes,
// and the elements showing a secret of the redact.Set it is given: a value
// known, or a text one of its patterns finds in the page (recovery codes a
// later step captures); HTML drops marked elements' content, input values,
// script bodies, data: URLs and otpauth: URIs.
//
// For pictures that are the same in two runs (enroll docs), FreezeClock stops
// the page's clock before the site's scripts run and SetClock moves it
// (clock.go); Box and Shows read the page as it is, without waiting (box.go).
//
// Errors: a target that never becomes ready gives a *LookupError that says
// what was looked for in a reader's words, lists the labels on screen, and
// wraps ErrNoMatch, ErrDisabled or ErrCovered together with the context's
// error.
//
// Worked example:
//
//	b, err := browser.Launch(ctx, browser.Options{Logger: log})
//	if err != nil {
//		return err // wraps ErrChromeNotFound (with how to install) or ErrLaunch
//	}
//	defer b.Close()
//	s, err := b.NewSession(ctx)
//	if err != nil {
//		return err
//	}
//	defer s.Close()
//
//	step, cancel := context.WithTimeout(ctx, 10*time.Second)
//	defer cancel()
//	if err := s.Navigate(step, site+"/account"); err != nil {
//		return err
//	}
//	err = s.Click(step, browser.Locator{Text: "Enable", Within: "Two-factor authentication"})
//	var le *browser.LookupError
//	if errors.As(err, &le) {
//		// le.Error(): click: no visible button or link with text "Enable" inside
//		// "Two-factor authentication": context deadline exceeded
//		// le.OnScreen: []string{"Account", "Security", "Disable", ...}
//	}
//	code, err := s.QR(step, nil) // code.Text: the otpauth:// URI; code.Source: "data-url", ...
//	...
//	err = s.TypeCode(step, nil, totp, false) // the focused or only code-like field
//	png, err := s.Screenshot(step, redact.Set{}) // the QR and the typed code are covered
package browser

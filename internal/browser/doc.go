// Package browser drives headless Chromium for enroll. It is the only
// package that imports chromedp and cdproto, so their API churn stays here,
// and a remote browser (a CDP endpoint) can later sit behind the same seam.
//
// One Browser per run; one isolated Session (its own cookies and storage)
// per flow; every Session method waits for its condition until the
// deadline of the context it is given, so the caller sets one per step.
// Elements are found the way a reader finds them (Locator: visible text,
// field label, placeholder, accessible name, CSS as the exception) by a
// script injected into the page; actions then use real mouse and keyboard
// events.
//
// Worked example:
//
//	b, err := browser.Launch(ctx, browser.Options{Logger: log})
//	if err != nil {
//		return err // wraps ErrChromeNotFound or ErrLaunch
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
//	if err := s.Click(step, browser.Locator{Text: "Enable", Within: "Two-factor"}); err != nil {
//		return err // errors.Is(err, browser.ErrNoMatch), errors.As(err, new(*browser.LookupError))
//	}
//	code, err := s.QR(step, nil) // code.Text is the otpauth:// URI; the QR is masked from now on
//	...
//	err = s.TypeCode(step, nil, totp, false)
//	png, err := s.Screenshot(step) // QR and typed code covered
package browser

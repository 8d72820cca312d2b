// Package twentyi is the bundled mock of 20i's control panel, following guide 003: log
// in ("Log in to your 20i Account"), the "Security Details" tab, the "Security" tab,
// the "Two-Factor Authentication" section below the fold, a popup that warns "You will
// have only 30 seconds", the QR code drawn on a <canvas> by script, a code and "Done",
// then "a two-factor authentication tool has been added". The 30 seconds are enforced
// on the site's clock: a later "Done" is refused with "Time ran out: ...".
//
// It is built on package kit, which does the accounts, sessions, CSRF, TOTP checks,
// throttling, defects and control surface; this package has only the pages.
//
//	clock := kit.NewFixedClock(time.Now())
//	srv, err := mocksites.Start("20i", mocksites.Options{Clock: clock})
//	...
//	// after "Continue": the page holds the QR modules; after 31 s "Done" fails
//	clock.Advance(31 * time.Second)
//
// The README in mocksites maps each guide step to the page, label and element here.
package twentyi

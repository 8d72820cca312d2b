// Package onepassword is the bundled mock of 1Password's web app, following guide 004:
// log in ("Log in to your 1Password Account": email, the Secret Key prefilled as on a
// known device, password), the account icon in the upper-right corner (an icon button
// named only by aria-label="Account") opens a menu with "My Profile"; there "More
// Options" reveals "Manage Two-Factor Authentication"; "Set Up App" shows the QR code as
// an inline <svg> and the same secret as text to save, in blocks of 4; "Next" leads to
// six one-digit boxes; "Confirm" switches 2FA on and the page says "Your account is
// safeguarded using Two-Factor Authentication." The sign-in passcode page after that
// uses the same six boxes.
//
// The boxes are <input maxlength=1 inputmode=numeric aria-label="Digit N of 6"> named
// digit1 ... digit6; a little script moves the focus on, back on Backspace, and spreads
// a pasted code over them. The server joins the six digits; an entry with a missing or
// non-digit box is refused with a message before any code is checked (it does not
// count towards throttling).
//
// The guide says 1Password "suggests you save the 16-digit two-factor authentication
// code". The mock's secret is 160 bits, which is 32 base32 characters (8 blocks of 4):
// 16 base32 characters would be an 80-bit secret, below RFC 4226's 128-bit minimum.
// With the short-secret defect the mock shows 16 characters, as the guide describes.
//
// With Options.ClientSide (NewSite) the pages are a single-page app, as the real web
// app is: after the server-rendered first page, links fetch pages as JSON and show them
// with history.pushState, and forms go by fetch to a JSON API (/api/...) that answers
// refusals with 4xx statuses; sign-in, the passcode and sign-out then load the next page
// by script (spa.go). New, what the registry serves, has it on, and the account menu in
// an open shadow root (Options.ShadowMenu).
//
// It is built on package kit, which does the accounts, sessions, CSRF, TOTP checks,
// throttling, defects and control surface; this package has only the pages.
//
//	clock := kit.NewFixedClock(time.Now())
//	srv, err := mocksites.Start("1password", mocksites.Options{Clock: clock})
//	...
//	// POST /profile/two-factor/setup ("Set Up App"), then the code in six boxes:
//	form := url.Values{"csrf": {token}}
//	for i, d := range key.Code(clock.Now()) {
//		form.Set(onepassword.DigitField(i+1), string(d))
//	}
//	// POST /profile/two-factor/setup/confirm with form ("Confirm")
//
// The README in mocksites maps each guide step to the page, label and element here.
package onepassword

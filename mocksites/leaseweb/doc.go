// Package leaseweb is the bundled mock of Leaseweb's Customer Portal, following guide 000
// (a third-party guide) and guide 002 (Leaseweb's own knowledge-base article).
//
// The two-factor settings are reachable two ways, as guide 000 says: the Profile
// Dashboard's left menu item "Two-Factor Authentication" (/profile/two-factor-authentication)
// and the authentication dashboard (/authentication); both serve the same screens under
// their own base path. "Enable" offers the methods "App" and "SMS". App shows
// "Activate 2-step verification" with the QR code as an <img> holding a data: PNG, the
// "Security code" field, the "Trust this device" checkbox and the button "Enable";
// afterwards the page says "Two-factor authentication is activated". SMS sends a code to
// the phone typed (the mock SMS inbox) and enables with it. "Disable" asks for
// confirmation on a page of its own ("Confirm you want to disable Two-Factor
// Authentication", "Disable" again); in the NativeConfirm variant (NewVariant, for
// tests of flows that answer native dialogs) it asks with the browser's own confirm()
// instead. "Add recovery phone number" proves a fallback
// number by SMS; the passcode page can send a sign-in code to it. "Generate tokens"
// creates 10 single-use recovery tokens, revealed by an icon button named only "Show"
// (aria-label), with a "Print" button; a token typed in the passcode field signs in
// once.
//
// It is built on package kit, which does the accounts, sessions, CSRF, TOTP checks,
// throttling, trusted devices, defects and control surface; this package has only the
// pages.
//
//	clock := kit.NewFixedClock(time.Now())
//	srv, err := mocksites.Start("leaseweb", mocksites.Options{Clock: clock, Control: true})
//	...
//	// after sign-in with "Trust this device" ticked, the same browser skips the
//	// passcode until 30 days have passed on the site's clock
//	clock.Advance(kit.TrustFor + time.Second)
//
// The README in mocksites maps each guide step to the page, label and element here.
package leaseweb

// Package myaccount is the bundled mock of the service of guide 001, whose name was
// removed from the guide; the mock calls it "Northwind Cloud". It follows the guide:
// log in, the user's dropdown menu in the header (it opens on click and, by CSS, on
// hover) with "My Account", the "Account Details" navigation on the left with "Two Step
// Auth", "Enable" (refused until both the email address and the phone number are
// verified: "Verify email" mails a link, "Verify phone" texts a code), a page that
// suggests Google Authenticator with "Set up in your mobile", 4 mobile device options
// and "Proceed" (the guide lost that button's label), the QR code as an
// <img src="/two-step-auth/qr.png"> served only to the session that started the
// setup, the box labelled "Code", "Verify and Save", then "Two Step Authentication
// successful" and 10 backup codes, each of which signs in once in place of the
// One-time passcode (the passcode field takes either; "Use a backup code" relabels it).
//
// It is built on package kit (accounts, sessions, CSRF, TOTP, throttling, recovery
// codes, SMS and mail inboxes, defects, control surface); this package has the pages
// and the site's own state: which contacts are verified and the setup under way.
//
//	clock := kit.NewFixedClock(time.Now())
//	srv, err := mocksites.Start("myaccount", mocksites.Options{Clock: clock, Control: true})
//	...
//	// "Verify email" puts a link to /verify-email?token=... in GET /_mock/mail;
//	// "Verify phone" puts a 6-digit code in GET /_mock/sms.
//
// The README in mocksites maps each guide step to the page, label and element here.
package myaccount

// Package mocksites is the registry of enroll's bundled mock sites: one web site per
// setup guide (20i, Leaseweb, My Account, 1Password), each following its guide's pages
// and labels, with real TOTP enrollment and sign-in built on package kit.
//
// Start serves a site on a free loopback port, like httptest.NewServer:
//
//	clock := kit.NewFixedClock(time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC))
//	srv, err := mocksites.Start("20i", mocksites.Options{Clock: clock, Control: true})
//	if err != nil {
//		return err // unknown site or defect name
//	}
//	defer srv.Close()
//	fmt.Println(srv.URL, srv.Site.Account.Email) // http://127.0.0.1:41234 tester@20i.example
//
// With Options.Control the site also answers the control surface under /_mock/ (SMS
// inbox, mailbox, reset, clock, issued secrets); with Options.Defects it carries the
// named security defects that `enroll conform` must catch. README.md documents both, the
// seeded accounts, and which page and label implement each guide step.
package mocksites

// Package flow reads enroll's flow files: a written two-factor setup guide as a
// sequence of steps, each with the guide's heading and sentences and the actions a
// reader takes on the screen. It parses and validates, and imports no browser code,
// so `enroll validate` and fuzzing need no Chromium.
//
// # A worked example
//
// A flow follows its guide heading by heading. This one is for guide 003, cut
// short and varied to show each form (the bundled flows/20i.yaml is the whole
// flow, and runs):
//
//	enroll: 1                                   # format version, required
//	guide:
//	  title: Setting up Trusona for 20i using 2-Step Verification with TOTP
//	  source: 003_13c50cf616da0fba.txt
//	site: 20i                                   # a bundled mock; or { mock, base-url, skew }
//	account:                                    # empty: the mock's seeded test account
//	  email: ${env.ENROLL_20I_EMAIL}
//	  password: ${env.ENROLL_20I_PASSWORD}
//	timeout: 10s                                # default deadline of each action
//	import: [sites/20i.yaml]                    # fragment files, relative to this file
//
//	steps:
//	  - step: Log in to 20i                     # the guide's heading
//	    say: Log in to your 20i Account         # the guide's sentences
//	    do:
//	      - use: sign-in                        # a fragment from sites/20i.yaml
//
//	  - step: Two-Factor Authentication Security
//	    do:
//	      - click: { text: Security, role: tab, within: Navigation }
//	      - click: Two-Factor Authentication    # one-line form: visible text
//	        timeout: 20s                        # any action: its own deadline
//
//	  - step: Athenticator Configuration
//	    do:
//	      - expect: { element: { text: only have 30 seconds, role: dialog } }
//	      - click: { text: Continue, off-guide: the popup's button is not named in the guide }
//
//	  - step: Scan the QR Code
//	    do:
//	      - scan-qr: { as: app, expect: { issuer: 20i, digits: 6, period: 30 } }
//
//	  - step: Finalize
//	    do:
//	      - type-code: { from: app, into: Code }
//	      - click: Done
//	      - expect: two-factor authentication tool has been added
//
// and flows/sites/20i.yaml holds what several flows share:
//
//	enroll: 1
//	fragments:
//	  sign-in:
//	    - open: /login
//	    - fill: { into: Email, value: "${account.email}" }
//	    - fill: { into: Password, value: "${account.password}" }
//	    - click: Log in
//
// Read it with ParseFile (a path on disk) or Parse (a name in an fs.FS, such as the
// bundled flows.FS):
//
//	f, err := flow.ParseFile("flows/20i.yaml")
//	var list flow.ErrorList
//	if errors.As(err, &list) {
//		for _, e := range list {
//			fmt.Println(e) // flows/20i.yaml:27:9: unknown action "clik" (did you mean "click"?) ...
//		}
//	}
//	for _, s := range f.Steps {
//		for _, a := range s.Actions {
//			switch a := a.(type) {
//			case *flow.Click:
//				fmt.Println(s.Title, "click", a.Target.Describe())
//			}
//		}
//	}
//
// # What is checked
//
// Every problem in a file and its imports is reported at once, as an ErrorList
// sorted by position, each "file:line:col: message": unknown keys and action kinds
// (with "did you mean"), wrong value types, missing fields, two actions in one item,
// an empty step list or repeated step titles, a missing or unsupported version,
// imports that are missing or form a cycle, `use:` of an unknown fragment, bad
// scan-qr expectations, patterns that do not compile, names defined twice, and
// every ${reference} that names nothing defined before it in the order the flow runs
// (fragment bodies included where they are used).
//
// # One table
//
// Kinds describes every action kind: its fields with types and descriptions, its
// one-line form, a summary and an example. The decoder checks keys and types against
// it, `enroll help steps` prints it and Schema turns it into a JSON Schema for
// editors. Parsed actions are pointers (*Click, *Fill, ...) that the runner handles
// in one type switch.
package flow

// Package conform checks a site's two-factor authentication against RFC 4226 and
// RFC 6238 (`enroll conform`): that it refuses what it must refuse (a replayed code,
// a code outside its skew window, a wrong code, guessing without throttling, an
// enrollment without a correct code, a used recovery code), that it issues fresh,
// strong secrets in a URI apps read correctly, and that the written guide tells the
// truth about the code.
//
// The checks reuse a flow's own steps: the flow's sign-in fragment, its steps up to
// the enrollment code, its recovery and disable steps. A few facts the steps cannot
// say are written in the flow's `conform:` section (flow.Conform): which step's code
// switches 2FA on (or verifies it, when a later step, enabled-by, switches it on; without
// enabled-by conform finds that step out from a side session: enable.go), the passcode field and button at sign-in, and the texts that mean
// signed in, refused and throttled. Each check is a Check in the Checks table, with a
// stable id, a statement and the clause it rests on; its result is a report.Check
// with a verdict (passed, failed, warning, skipped, or error: could not tell, with the
// root cause; a failed shared phase makes the check whose property failed FAILED and
// its dependants "not run: <cause>") and evidence.
//
// Time moves only through the bundled mocks' control surface (POST /_mock/clock, the
// runner's wait); against a real site the checks wait for real time steps, saying
// so, and skip what would need a reset (throttling would lock the real account).
// Every time-dependent verdict is decided on the site's clock (clock.go): a code
// counts only when the site's time step was the same when it was typed as when its
// outcome was read, never by how long the browser took.
//
// Each bundled mock takes deliberate defects (kit.AllDefects); Check.Defect pairs each
// with the one check it breaks (the one home of that table), and the e2e suite's kill
// matrix proves every check with a defect fails under it and passes without.
//
// A worked example, probing the 20i flow against its bundled mock with the replay
// defect switched on:
//
//	f, _ := flow.Parse(flows.FS, "20i.yaml")
//	res, err := conform.Run(ctx, []*flow.Flow{f}, conform.Options{
//		Runner: runner.Options{Defects: []string{"accept-replay"}},
//	})
//	if err != nil {
//		return err // the browser could not start
//	}
//	report.WriteConformTable(os.Stdout, res, false)
//	// flows: 20i.yaml  Setting up Trusona for 20i …  (20i)  21.4s
//	//   ✗ FAILED  replay-refused  the enrollment's code, again at the first sign-in was accepted
//	//   ✓ PASSED  skew-window     codes within the declared window of 1 step(s) were accepted, …
//	//   …
//
// Known failures are listed in an expected-failures file (ReadExpectationsFile; package
// flow decodes it, ParseKnownFailuresFile): they do not fail the run, and a listed
// failure that did not happen is reported as stale.
package conform

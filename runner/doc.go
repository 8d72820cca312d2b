// Package runner carries out parsed flows (package flow) in a browser (package
// internal/browser) against their sites, and records what happened as a
// report.Run: every guide step passed, failed, errored, skipped or manual, with
// its evidence.
//
// # The map
//
//   - runner.go: Options, and Runner: one browser for a batch of flows (Run is
//     the one-shot form), -j flows at once, a new browser when one dies.
//   - flowrun.go: flowRun, one flow in its own browser session: set up (site,
//     account, authenticator, mock control surface, session), the guide steps
//     in order, runActions (fragments expanded, each action under its deadline),
//     and fail, the one place a failure is built (its position, step, action,
//     message, and the evidence: screenshot, HTML, console, on-screen labels).
//   - actions.go: act, the one switch from action kinds to browser calls, and
//     the actions that need more than one call (scan-qr, read-secret, type-code,
//     capture, the inboxes, new-session, wait).
//   - dialog.go: native dialogs armed by dialog: and settled at the step's end.
//   - authenticator.go: the authenticator app: keys by name, which TOTP step a
//     code is typed for (never one already used), its codes. values.go: ${...}
//     values, secret ones printing REDACTED, and the patterns of the flow's
//     secret captures, which mask and scrub from the first step (flowRun.secrets:
//     a redact.Set of both, for every screenshot and text artifact). site.go: the bundled mock or the
//     base URL, and the site's clock. pool.go: account pools, the one place an
//     account is leased to a flow run (never to two at once in a process).
//     control.go: a mock's control surface (SMS and mail inboxes, clock,
//     reset), for the actions and for probing. artifacts.go: file names,
//     writing, scrubbing secrets out of text.
//   - flowsession.go: what probing may change in a flowRun (follow the site's
//     clock, forget what the flow did, a second session on the same site): Probe
//     calls these and never writes a flowRun's parts itself.
//   - probe.go: Probe, what `enroll conform` drives: a flow's site with its
//     account and authenticator, the flow's own steps or chosen actions, chosen
//     codes typed, the page read. It is a flowRun without a report.
//   - probesessions.go: what conform needs beyond one session: Probe.Side, a
//     second browser session on the probe's site (two sessions at once, or a look
//     from outside the enrolling one), and where the flow's QR code was shown (its
//     page, its image URL), reloaded and read again.
//   - export.go: the credentials of a flow handed to --export.
//   - docs.go: what `enroll docs` needs of a run: Reproducible (a bundled mock's
//     clock frozen and its secrets seeded, the page's clock frozen with it and
//     moved with it) and AfterStep (the page as each step left it, as a Page).
//
// # Adding an action kind
//
// One entry in flow.Kinds (its fields, example and builder) and its type in
// package flow with a Describe method (the Action interface requires it); one
// case in act here. TestActCoversEveryKind fails while act lacks the case;
// flow's TestKindExamples checks the example parses, is described and is
// known to flow.Labels (what it looks for on the screen). If the kind needs
// the browser to do something new, that is a Session method in
// internal/browser.
//
// # Worked example
//
//	f, err := flow.Parse(flows.FS, "20i.yaml")
//	if err != nil {
//		return err // every problem as file:line:col
//	}
//	run, err := runner.Run(ctx, []*flow.Flow{f}, runner.Options{ArtifactsDir: "artifacts"})
//	if err != nil {
//		return err // wraps ErrBrowser: Chromium could not be started
//	}
//	for _, fl := range run.Flows {
//		fmt.Println(fl.File, fl.Status) // 20i.yaml passed
//	}
package runner

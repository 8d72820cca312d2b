package runner

import (
	"time"

	"github.com/enroll-dev/enroll/internal/browser"
)

// What probing may change in a flowRun, the flow session that both Runner.Run and
// Probe carry out flows in: the site's clock, forgetting what the flow did, and a
// second session on the same site. Probe calls these and never writes a flowRun's
// parts itself.

// follow makes clock the site's time and the authenticator's, for a served site whose
// own clock conform moves (enroll serve --control).
func (fr *flowRun) follow(clock func() time.Time) {
	fr.site.now = clock
	fr.auth.now = clock
}

// forget puts the flow's own state back to before its first step: its values, its
// account, its authenticator (no key scanned, no code typed) and the messages read.
// The site, its clock and the browser session are kept.
func (fr *flowRun) forget() error {
	fr.vals = newValues()
	if err := fr.resolveAccount(); err != nil {
		return err
	}
	fr.auth = newAuthenticator(fr.site.now, fr.site.skew)
	fr.mock.seen = map[string]int{}
	return nil
}

// sideRun is a flowRun on fr's site, with fr's values, authenticator and control
// surface, in another browser session: what one session does (a code typed) the other
// knows. Closing it closes only its session; the site stops with fr.
func (fr *flowRun) sideRun(sess *browser.Session) *flowRun {
	site := *fr.site
	site.close = func() {}
	return &flowRun{opts: fr.opts, browser: fr.browser, flow: fr.flow, res: newFlowResult(fr.flow), runCtx: fr.runCtx,
		site: &site, sess: sess, vals: fr.vals, auth: fr.auth, mock: fr.mock}
}

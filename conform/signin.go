package conform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// throttleAttempts is how many wrong codes in a row the throttling check types at
// most before the right one. RFC 4226 §7.3 leaves the limit to the site; sites keep
// it low (the bundled mocks lock after 5).
const throttleAttempts = 10

// phaseSignIn decides replay-refused, wrong-code-refused and skew-window on the
// enrolled account, in that order: each leaves the site in a state the next expects
// (the highest accepted time step in p.last). When replay-refused or
// wrong-code-refused cannot be carried out, the throttling checks are not run either.
func (p *probing) phaseSignIn(ctx context.Context) {
	if err := p.ensureLeft(ctx, 15*p.period()/30); err != nil {
		p.stopped(signInChecks, err)
		return
	}
	if err := p.replay(ctx); err != nil {
		p.stopped(signInChecks, err)
		return
	}
	if err := p.wrongCode(ctx); err != nil {
		p.stopped(signInChecks[1:], err)
		return
	}
	if err := p.skew(ctx); err != nil {
		// The window could not be probed: throttling needs only a prompt.
		p.stopped(signInChecks[2:3], err)
		p.onPrompt = false
	}
}

// phaseThrottle decides throttling and lockout-recovers on the enrolled account, in
// that order: the second needs the first's throttle. When either cannot be carried
// out, throttle-survives-new-session is not run either.
func (p *probing) phaseThrottle(ctx context.Context) {
	if err := p.throttling(ctx); err != nil {
		p.stopped(signInChecks[3:], err)
		return
	}
	if err := p.lockoutRecovers(ctx); err != nil {
		p.stopped(signInChecks[4:], err)
	}
}

// phaseThrottleNewSession decides throttle-survives-new-session on the enrolled
// account (throttleReady says whether it applies).
func (p *probing) phaseThrottleNewSession(ctx context.Context) {
	if err := p.throttleNewSession(ctx); err != nil {
		p.stopped(signInChecks[5:], err)
	}
}

// throttleReady decides throttle-survives-new-session SKIPPED unless throttling and
// lockout-recovers passed, and reports whether they did: the check needs a site that
// throttles within one session, and whose throttle lifts.
func (p *probing) throttleReady() bool {
	r := p.result(catalog.ThrottleNewSession)
	for _, before := range []string{catalog.Throttling, catalog.LockoutRecovers} {
		switch v := p.result(before).Verdict; v {
		case report.VerdictPassed:
		case report.VerdictSkipped:
			decide(r, report.VerdictSkipped, "%s", p.result(before).Reason)
			return false
		default:
			decide(r, report.VerdictSkipped, "%s is %s: no throttle that lifts, so no count for a fresh session to keep", before, strings.ToUpper(v.String()))
			return false
		}
	}
	return true
}

// throttleNewSession types one wrong code per fresh session (signing in again with the
// password each time) until the page says it throttles, at most throttleAttempts, then
// the right code in another fresh session: it must be refused. It applies only when
// throttling and lockout-recovers passed (see throttleReady).
func (p *probing) throttleNewSession(ctx context.Context) error {
	r := p.result(catalog.ThrottleNewSession)
	wrongs, _, accepted, err := p.wrongUntilThrottled(ctx, r, true)
	if err != nil || accepted {
		return err
	}
	p.onPrompt = false
	right, _, err := p.rightCode(ctx, "then the right code, in a fresh session", outcomeThrottled)
	if err != nil {
		return err
	}
	judge(r, []attempt{right}, fmt.Sprintf("after %d wrong codes, each in its own session, the right code was refused: the count belongs to the account", wrongs))
	return nil
}

// lockoutWait is how far conform moves the site's clock after throttling before the
// right code must sign in again: far longer than any throttle a site should keep (the
// bundled mocks keep theirs 5 minutes).
const lockoutWait = time.Hour

// lockoutRecovers lets lockoutWait pass on the site's clock after the throttling check
// and types a right code: it must sign in (the throttle was a delay, not a lockout
// for good). Like throttling, it needs a site conform can reset.
func (p *probing) lockoutRecovers(ctx context.Context) error {
	r := p.result(catalog.LockoutRecovers)
	if !p.controlled {
		decide(r, report.VerdictSkipped, "it follows the throttling check, which would lock the real account out")
		return nil
	}
	if err := p.pr.Wait(ctx, lockoutWait); err != nil {
		return err
	}
	evidence(r, "after the throttling check, %s passed on the site's clock", lockoutWait)
	p.onPrompt = false // a fresh sign-in: the old prompt's session may have expired meanwhile
	right, _, err := p.rightCode(ctx, "then a right code", outcomeAccepted)
	if err != nil {
		return err
	}
	if right.got == outcomeThrottled { // what this check looks for, not a doubt (see attempt.ok)
		evidence(r, "%s: refused as throttled (the page said %q), but it must be accepted", right.what, right.said)
		decide(r, report.VerdictFailed, "%s after the throttle the right code was still refused as throttled: the throttle did not lift", lockoutWait)
		return nil
	}
	judge(r, []attempt{right}, fmt.Sprintf("%s after the throttle the right code signed in again", lockoutWait))
	return nil
}

// replay types the enrollment's code at the first sign-in, then a right code, then
// that same code again in a fresh session: only the right code may sign in. A refusal
// counts only when the code stayed inside the skew window on the site's clock while it
// was judged (else the window, not replay protection, may have refused it).
func (p *probing) replay(ctx context.Context) error {
	r := p.result(catalog.ReplayRefused)
	var attempts []attempt
	enrolled := p.last
	if p.inWindow(enrolled) {
		a, err := p.try(ctx, "the enrollment's code, again at the first sign-in", p.code(enrolled), outcomeRefused, false)
		if err != nil {
			return err
		}
		if a.got == outcomeAccepted || p.inWindow(enrolled) {
			attempts = append(attempts, a)
		} else {
			evidence(r, "the enrollment's time step left the skew window while its code was judged again: not counted")
		}
	} else {
		evidence(r, "the enrollment's time step had left the skew window before sign-in: its code was not tried again")
	}
	right, s, err := p.rightCode(ctx, "a right code not used before", outcomeAccepted)
	if err != nil {
		return err
	}
	if !right.ok() {
		// Without a code that signs in nothing else can be judged.
		r.Evidence = append(r.Evidence, right.line())
		switch right.got {
		case outcomeUnknown:
			return fmt.Errorf("after %s the page showed neither the signed-in text nor a refusal the conform section names", right.what)
		case outcomeThrottled:
			decide(r, report.VerdictError, "%s", throttledReason(right))
			p.notRun(signInChecks[1:], "the right code was refused as throttled at sign-in (%s could not tell), so no check that signs in can be judged", catalog.ReplayRefused)
			return errJudged
		}
		if _, hi := p.stepSpan(); s > hi {
			// A code ahead of the site's time: the window the flow declares may be wider
			// than the site's, which is the flow's mistake, not the site's.
			decide(r, report.VerdictError, "could not tell: %s, of a time step ahead of the site's, was refused; the flow declares a window of %d step(s) (site.skew), and the site may accept no code ahead of its time: declare its own window", right.what, p.pr.Skew())
			p.notRun(signInChecks[1:], "no code signed in at sign-in (%s could not tell), so no check that signs in can be judged", catalog.ReplayRefused)
			return errJudged
		}
		decide(r, report.VerdictFailed, "the right code was %s at sign-in (%s)", right.got, right.what)
		p.notRun(signInChecks[1:], "the right code was %s at sign-in (%s FAILED), so no check that signs in can be judged", right.got, catalog.ReplayRefused)
		return errJudged
	}
	attempts = append(attempts, right)
	if !p.inWindow(s) {
		evidence(r, "the time step moved on before the code could be tried again")
	} else {
		if err := p.pr.NewSession(ctx); err != nil {
			return err
		}
		p.onPrompt = false
		again, err := p.try(ctx, "that code again, in a fresh session", p.code(s), outcomeRefused, false)
		if err != nil {
			return err
		}
		if again.got == outcomeAccepted || p.inWindow(s) {
			attempts = append(attempts, again)
		} else {
			evidence(r, "the code's time step left the skew window while it was judged again: not counted")
		}
	}
	judge(r, attempts, "a code that had signed in (or switched 2FA on) was refused when typed again, also in a fresh session")
	return nil
}

// rightCode types the code of a time step the site has not accepted yet and would
// accept now (want says what the check requires). A refusal while the site's time step
// moved is tried again with a fresh step.
func (p *probing) rightCode(ctx context.Context, what string, want outcome) (attempt, uint64, error) {
	for i := 0; ; i++ {
		if err := p.ensureLeft(ctx, 10*p.period()/30); err != nil {
			return attempt{}, 0, err
		}
		s, err := p.freshStep(ctx)
		if err != nil {
			return attempt{}, 0, err
		}
		a, _, steady, err := p.timedTry(ctx, what, want, func(uint64) uint64 { return s })
		if err != nil || a.got == outcomeAccepted || steady || i+1 == steadyTries {
			return a, s, err
		}
	}
}

// errJudged: the checks are decided already; stop probing quietly.
var errJudged = errors.New("decided")

// wrongCode types wrong codes at the prompt: the code of no time step near now, and
// the all-zeros code a test back door accepts (unless it is a right code now). Neither
// may sign in.
func (p *probing) wrongCode(ctx context.Context) error {
	r := p.result(catalog.WrongCodeRefused)
	a, err := p.try(ctx, "a wrong code (the code of no time step near now)", p.wrong(0), outcomeRefused, false)
	if err != nil {
		return err
	}
	attempts := []attempt{a}
	if z := zeros(p.key); codesNear(p.key, p.now(), nearSteps)[z] {
		evidence(r, "the all-zeros code is a right code near now: not tried")
	} else {
		b, err := p.try(ctx, "the all-zeros code (a test back door)", runner.Text(z, false), outcomeRefused, false)
		if err != nil {
			return err
		}
		attempts = append(attempts, b)
	}
	judge(r, attempts, "wrong codes were refused, the all-zeros code too")
	return nil
}

// skew types codes of the steps around now: ±(skew+1) must be refused, the previous
// and next step accepted when the site declares a skew of at least 1 (refused when
// it declares 0). A site whose window nothing declares (a real site whose flow gives
// no site.skew) may accept ±1 or not, as RFC 6238 §5.2 leaves it; ±2 must be refused.
// A declared ±1 the site refuses is a WARNING, never FAILED: no RFC asks a site to
// accept them. The clock first moves so that no code tried was used before. Each code
// is chosen for the site's step when it is typed; when the site's step moves while a
// code is judged, the sequence starts again from fresh steps.
func (p *probing) skew(ctx context.Context) error {
	r := p.result(catalog.SkewWindow)
	k := uint64(max(p.pr.Skew(), 0))
	type probe struct {
		off  int64
		want outcome
	}
	var probes []probe
	switch {
	case !p.pr.WindowKnown():
		k = 1
		probes = []probe{{-2, outcomeRefused}, {-1, outcomeEither}, {+1, outcomeEither}, {+2, outcomeRefused}}
		evidence(r, "the flow does not declare the site's window (site.skew): the codes of ±1 step may be accepted or refused, ±2 must be refused")
	case k == 0:
		probes = []probe{{-1, outcomeRefused}, {+1, outcomeRefused}}
		evidence(r, "the site declares a window of 0 steps: only the current step's code")
	default:
		probes = []probe{{-int64(k) - 1, outcomeRefused}, {-1, outcomeAccepted}, {+1, outcomeAccepted}, {int64(k) + 1, outcomeRefused}}
		evidence(r, "the site declares a window of %d step(s) either side of now", k)
	}
	for round := 1; ; round++ {
		if err := p.advanceTo(ctx, p.last+k+2); err != nil {
			return err
		}
		if err := p.ensureLeft(ctx, 20*p.period()/30); err != nil {
			return err
		}
		var attempts []attempt
		steady := true
		for _, pb := range probes {
			what := fmt.Sprintf("the code of %+d time step(s) from now", pb.off)
			if p.signedIn {
				p.onPrompt = false
			}
			a, _, ok, err := p.timedTry(ctx, what, pb.want, func(now uint64) uint64 { return uint64(int64(now) + pb.off) })
			if err != nil {
				return err
			}
			if !ok {
				steady = false
				evidence(r, "round %d: the site's time step moved while %s was judged: the round does not count", round, what)
				break
			}
			attempts = append(attempts, a)
		}
		if steady {
			judgeSkew(r, attempts, k, p.pr.WindowKnown())
			return nil
		}
		if round == steadyTries {
			return fmt.Errorf("the site's time step moved during each of %d rounds of codes", round)
		}
	}
}

// wrongUntilThrottled types wrong codes until the page says it throttles, at most
// throttleAttempts, each in a fresh session when fresh, and notes what it saw in r.
// accepted reports that a wrong code signed in: r is judged by it already.
func (p *probing) wrongUntilThrottled(ctx context.Context, r *report.Check, fresh bool) (wrongs int, saw, accepted bool, err error) {
	label, each, row := "wrong code %d", "", " in a row,"
	if fresh {
		label, each, row = "wrong code %d, in a fresh session", ", each in its own session,", ", each in its own session,"
	}
	for i := range throttleAttempts {
		if fresh {
			p.onPrompt = false
		}
		a, err := p.try(ctx, fmt.Sprintf(label, i+1), p.wrong(i+1), outcomeRefused, false)
		if err != nil {
			return wrongs, saw, false, err
		}
		wrongs++
		if a.got == outcomeAccepted {
			judge(r, []attempt{a}, "")
			return wrongs, saw, true, nil
		}
		if a.got == outcomeThrottled {
			evidence(r, "after %d wrong codes%s the page said %q", wrongs, each, p.c.Throttled)
			return wrongs, true, false, nil
		}
	}
	evidence(r, "%d wrong codes%s none refused as throttled", wrongs, row)
	return wrongs, false, false, nil
}

// throttling types wrong codes in a row (until the page says it throttles, at most
// throttleAttempts), then the right code: it must be refused. It needs a site that
// can be reset: on a real account it would lock the account out.
func (p *probing) throttling(ctx context.Context) error {
	r := p.result(catalog.Throttling)
	if !p.controlled {
		decide(r, report.VerdictSkipped, "it would lock the real account out, and conform can only reset a bundled mock (or a site serving its control surface)")
		return nil
	}
	if p.signedIn {
		p.onPrompt = false
	}
	wrongs, saw, accepted, err := p.wrongUntilThrottled(ctx, r, false)
	if err != nil || accepted {
		return err
	}
	// The right code must be one the site would accept but for the throttle: inside
	// the window on the site's clock from typing to outcome.
	right, _, err := p.rightCode(ctx, "then the right code", outcomeThrottled)
	if err != nil {
		return err
	}
	judgeThrottling(r, wrongs, saw, right)
	return nil
}

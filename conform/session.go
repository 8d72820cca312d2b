package conform

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// outcomeWait is how long a submitted code may take to show its outcome.
const outcomeWait = 8 * time.Second

// probing is one flow's site under test: the probe, what the flow's conform section
// says, the checks' results, and what the probing has done to the site so far.
type probing struct {
	pr      *runner.Probe
	f       *flow.Flow
	c       *flow.Conform
	opts    *Options
	results map[string]*report.Check

	controlled bool // the site has the mock control surface: reset, instant clock
	enrollStep int  // index of the step whose type-code switches 2FA on
	enrollCode int  // index of that type-code in the step's actions
	cred       string

	offset time.Duration // the site's clock minus the probe's, from its Date header (real sites)
	margin time.Duration // how far off the site's time as conform knows it may be

	// own: the probe is the group's own, on a bundled mock started for it (see group);
	// pristine: nothing has been done on it yet (no reset, no new session needed).
	own, pristine bool

	// switched: conform carried out every step after the enrollment code a site may
	// need before it switches 2FA on (enabled-by's, or those it found it needed), so a
	// sign-in without a passcode is the site's failure; switchErr, when set, is why it
	// could not (switchOn).
	switched  bool
	switchErr error

	key      *otp.Key // the key of the enrolled credential
	last     uint64   // the highest time step the site has accepted a code of
	signedIn bool     // the current session is signed in
	onPrompt bool     // the current session shows the passcode prompt
}

// result returns the report entry of a check.
func (p *probing) result(id string) *report.Check { return p.results[id] }

// notRun decides every undecided check among ids as ERROR: a phase they need could
// not be carried out, for the cause given (the root cause, said once per check).
func (p *probing) notRun(ids []string, format string, args ...any) {
	for _, id := range ids {
		decide(p.result(id), report.VerdictError, "not run: "+format, args...)
	}
}

// stopped decides the check being carried out (ids[0]) as ERROR, could not tell, for
// err, and the checks after it that needed the same session as not run for that cause.
// A site asking for no passcode after the whole enrollment is the site's failure: the
// first check FAILED, the rest not run.
func (p *probing) stopped(ids []string, err error) {
	if len(ids) == 0 || errors.Is(err, errJudged) {
		return
	}
	if errors.Is(err, errNoPrompt) {
		if p.switchErr != nil {
			cause := fmt.Sprintf("%v after %s: %v", err, describeStep(p.f, p.enrollStep), p.switchErr)
			decide(p.result(ids[0]), report.VerdictError, "could not tell: %s", cause)
			p.notRun(ids[1:], "%s", cause)
			return
		}
		if later := p.afterEnroll(); len(later) > 0 && !p.switched {
			// The site may switch 2FA on in a step conform has not carried out: no
			// accusation, only what conform could not tell.
			cause := fmt.Sprintf("%v after %s, but the flow goes on with %s before it signs in again, and the site may switch it on there (an \"I have saved my recovery codes\" acknowledgement does)",
				err, describeStep(p.f, p.enrollStep), describeStep(p.f, later[0]))
			decide(p.result(ids[0]), report.VerdictError, "could not tell: %s", cause)
			p.notRun(ids[1:], "%s", cause)
			return
		}
		decide(p.result(ids[0]), report.VerdictFailed, "after the flow's whole enrollment, %v", err)
		p.notRun(ids[1:], "after the flow's whole enrollment, %v (%s FAILED)", err, ids[0])
		return
	}
	decide(p.result(ids[0]), report.VerdictError, "could not tell: %v", err)
	p.notRun(ids[1:], "%s could not be carried out: %v", ids[0], err)
}

// afterEnroll lists the flow's steps after its enrollment step and before the step
// that starts a new session to sign in again (the guide's end): steps a site may need
// before it switches 2FA on. None when the probe has no flow.
func (p *probing) afterEnroll() []int {
	if p.f == nil {
		return nil
	}
	var later []int
	for i := p.enrollStep + 1; i < len(p.f.Steps); i++ {
		for _, a := range p.f.Steps[i].Actions {
			if _, ok := a.(*flow.NewSession); ok {
				return later
			}
		}
		if p.c != nil && p.c.Disable != "" && i == p.f.StepIndex(p.c.Disable) {
			return later // switching 2FA off is not part of switching it on
		}
		later = append(later, i)
	}
	return later
}

// enrollByFlow enrolls the account of a group's own probe as the flow does (its steps
// up to and including the enrollment step), for the checks ids that need an enrolled
// account; when it cannot, they are not run, with the cause.
func (p *probing) enrollByFlow(ctx context.Context, ids []string) bool {
	if err := p.fresh(ctx); err != nil {
		p.notRun(ids, "could not prepare the site: %v", err)
		return false
	}
	if err := p.pr.RunSteps(ctx, 0, p.enrollStep+1); err != nil {
		p.notRun(ids, "the flow's own enrollment failed: %v", err)
		return false
	}
	if err := p.switchOn(ctx, p.enrollStep+1); err != nil {
		p.notRun(ids, "%v", err)
		return false
	}
	key, err := p.pr.Key(p.cred)
	if err != nil {
		p.notRun(ids, "the flow's own enrollment scanned no key: %v", err)
		return false
	}
	p.key = key
	if s, ok := p.pr.LastTyped(p.cred); ok {
		p.last = s
	}
	return true
}

// skipAll decides every undecided check among ids as SKIPPED.
func (p *probing) skipAll(ids []string, format string, args ...any) {
	for _, id := range ids {
		decide(p.result(id), report.VerdictSkipped, format, args...)
	}
}

// code is the enrolled key's code of time step s, as a secret value.
func (p *probing) code(s uint64) runner.Value { return runner.Text(p.key.CodeAt(s), true) }

// nearSteps is how many time steps either side of now a wrong code keeps clear of:
// more than any skew window a broken site could plausibly open.
const nearSteps = 8

// wrong is the nth wrong code for the enrolled key now.
func (p *probing) wrong(nth int) runner.Value {
	return runner.Text(wrongCode(p.key, p.now(), nearSteps, nth), true)
}

// signIn opens a fresh session and signs in with the flow's sign-in fragment. It
// reports whether the site then asks for a passcode (2FA on) rather than showing
// the signed-in text (2FA off).
func (p *probing) signIn(ctx context.Context) (prompted bool, err error) {
	prompted, err = p.signInOnce(ctx)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		// A page that did not load in time on a loaded machine says nothing about the
		// site's 2FA: one more try in a fresh session.
		p.pr.Note("conform: signing in again after a timeout")
		prompted, err = p.signInOnce(ctx)
	}
	return prompted, err
}

func (p *probing) signInOnce(ctx context.Context) (prompted bool, err error) {
	p.signedIn, p.onPrompt = false, false
	if err := p.pr.NewSession(ctx); err != nil {
		return false, err
	}
	prompted, err = p.signInOn(ctx, p.pr)
	if err == nil {
		p.signedIn, p.onPrompt = !prompted, prompted
	}
	return prompted, err
}

// signInOn signs in with the flow's sign-in fragment in pr's session (the probe's, or
// a side session's) and reports whether the site then asks for a passcode rather than
// showing the signed-in text.
func (p *probing) signInOn(ctx context.Context, pr *runner.Probe) (prompted bool, err error) {
	if err := pr.Use(ctx, p.c.SignIn); err != nil {
		return false, fmt.Errorf("signing in: %w", err)
	}
	deadline := time.Now().Add(cmp.Or(p.f.Timeout, 10*time.Second))
	for {
		if text, err := pr.PageText(ctx); err == nil && contains(text, p.c.SignedIn) {
			return false, nil
		}
		if pr.Visible(ctx, p.c.Code, 300*time.Millisecond) {
			return true, nil
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if time.Now().After(deadline) {
			return false, fmt.Errorf("after signing in the page shows neither %q nor the passcode field (%s); it shows %s",
				p.c.SignedIn, p.c.Code.Describe(), strings.Join(pr.OnScreen(ctx, 8), " | "))
		}
	}
}

// prompt makes sure the current session shows the passcode prompt: a fresh sign-in
// unless it already does. It fails when the site asks for no passcode.
func (p *probing) prompt(ctx context.Context) error {
	if p.onPrompt {
		return nil
	}
	prompted, err := p.signIn(ctx)
	if err != nil {
		return err
	}
	if !prompted {
		return errNoPrompt
	}
	return nil
}

// errNoPrompt: signing in asked for no passcode although 2FA should be on.
var errNoPrompt = errors.New("signing in asked for no passcode: two-factor authentication is not on")

// try types a code at the passcode prompt (signing in first when needed) and returns
// the attempt. recovery fills the field as text (a recovery code) instead of typing
// a one-time code.
func (p *probing) try(ctx context.Context, what string, code runner.Value, want outcome, recovery bool) (attempt, error) {
	a := attempt{what: what, want: want}
	if err := p.prompt(ctx); err != nil {
		return a, err
	}
	var err error
	if a.got, a.said, err = p.submit(ctx, p.pr, code, recovery); err != nil {
		return a, err
	}
	p.signedIn = a.got == outcomeAccepted
	p.onPrompt = !p.signedIn
	return a, nil
}

// submit types a code at the passcode prompt pr's session shows, sends it as the
// conform section says, and reads the outcome (and the text that said it).
func (p *probing) submit(ctx context.Context, pr *runner.Probe, code runner.Value, recovery bool) (outcome, string, error) {
	before, _ := pr.PageText(ctx)
	var err error
	if recovery {
		err = pr.Fill(ctx, p.c.Code, code)
	} else {
		err = pr.TypeCode(ctx, &p.c.Code, p.c.Boxes, code)
	}
	if err != nil {
		return outcomeUnknown, "", err
	}
	if p.c.Submit != nil {
		err = pr.Click(ctx, *p.c.Submit)
	} else {
		err = pr.Press(ctx, "Enter", &p.c.Code)
	}
	// A site that submits by itself once the last box is filled has no button left to
	// click: the outcome on the page decides.
	got, said := p.outcome(ctx, pr, before)
	if got == outcomeUnknown && err != nil {
		return got, said, err
	}
	return got, said, nil
}

// outcome reads what pr's page says after a code was submitted. before is the page's
// text before, so that a refusal still shown from an earlier attempt is not taken for
// the new one's until the page has had a moment to change.
func (p *probing) outcome(ctx context.Context, pr *runner.Probe, before string) (outcome, string) {
	start := time.Now()
	for {
		text, err := pr.PageText(ctx)
		if err == nil {
			switch {
			case contains(text, p.c.SignedIn):
				return outcomeAccepted, p.c.SignedIn
			case p.c.Throttled != "" && contains(text, p.c.Throttled):
				return outcomeThrottled, p.c.Throttled
			}
			fresh := text != before || time.Since(start) > time.Second
			for _, r := range p.c.Refused {
				if fresh && contains(text, r) {
					return outcomeRefused, r
				}
			}
		}
		if ctx.Err() != nil || time.Since(start) > outcomeWait {
			break
		}
		pause(ctx, 50*time.Millisecond)
	}
	if pr.Visible(ctx, p.c.Code, 300*time.Millisecond) {
		return outcomeRefused, ""
	}
	return outcomeUnknown, ""
}

// pause waits d or until ctx ends: the poll interval between two reads of the page.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// contains reports whether text holds sub, ignoring case and runs of white space.
func contains(text, sub string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return sub != "" && strings.Contains(norm(text), norm(sub))
}

// accepted records that the site accepted the code of time step s.
func (p *probing) accepted(s uint64) {
	if s > p.last {
		p.last = s
	}
	p.pr.MarkTyped(p.cred, s)
}

// freshStep returns the earliest time step whose code the site has not accepted yet
// and accepts now (within the declared skew), moving the clock when none does yet.
func (p *probing) freshStep(ctx context.Context) (uint64, error) {
	skew := uint64(max(p.pr.Skew(), 0))
	lo, hi := p.stepSpan()
	s := max(p.last+1, hi-min(hi, skew))
	if s > lo+skew {
		if err := p.advanceTo(ctx, s-skew); err != nil {
			return 0, err
		}
	}
	return s, nil
}

// inWindow reports whether the code of time step s is within the declared skew of
// the site's time now (for a real site, wherever in its margin the site's clock is).
func (p *probing) inWindow(s uint64) bool {
	lo, hi := p.stepSpan()
	skew := uint64(max(p.pr.Skew(), 0))
	return s+skew >= hi && s <= lo+skew
}

package conform

import (
	"context"
	"fmt"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// needReset is why a check that must run the flow again from a fresh account is
// skipped against a real site.
const needReset = "it runs the flow again from an account without two-factor authentication, and conform can only reset a bundled mock (or a site serving its control surface)"

// phaseRecovery decides recovery-single-use: the flow runs up to the step that
// captures the recovery codes; then the first code signs in once, and must be
// refused the second time.
func (p *probing) phaseRecovery(ctx context.Context) {
	r := p.result(catalog.RecoverySingleUse)
	if p.c.Recovery == "" {
		decide(r, report.VerdictSkipped, "the flow captures no recovery codes (conform: recovery)")
		return
	}
	if !p.controlled {
		decide(r, report.VerdictSkipped, "%s", needReset)
		return
	}
	at, _ := p.f.CaptureOf(p.c.Recovery)
	if err := p.fresh(ctx); err != nil {
		decide(r, report.VerdictError, "could not tell: could not prepare the site: %v", err)
		return
	}
	// Up to the capture, not the rest of its step: a flow may try a code itself.
	upto := captureIndex(p.f.Steps[at], p.c.Recovery) + 1
	err := p.pr.RunSteps(ctx, 0, at)
	if err == nil {
		err = p.pr.RunActions(ctx, at, p.f.Steps[at].Actions[:upto])
	}
	if err != nil {
		decide(r, report.VerdictError, "could not tell: could not carry out the flow up to its recovery codes: %v", err)
		return
	}
	codes, ok := p.pr.Value(p.c.Recovery)
	if !ok || codes.Len() == 0 {
		decide(r, report.VerdictError, "could not tell: %s captured no recovery codes", describeStep(p.f, at))
		return
	}
	// A site that switches 2FA on only once the codes are acknowledged needs the rest
	// of the capture's step (Download, "I have saved them") and the steps after it first.
	if by := p.c.EnabledBy; by != "" && at <= p.f.StepIndex(by) && upto < len(p.f.Steps[at].Actions) {
		if err := p.pr.RunActions(ctx, at, p.f.Steps[at].Actions[upto:]); err != nil {
			decide(r, report.VerdictError, "could not tell: the rest of %s, before two-factor authentication is on (enabled-by), failed: %v", describeStep(p.f, at), err)
			return
		}
	}
	if at >= p.enrollStep {
		if err := p.switchOn(ctx, at+1); err != nil {
			decide(r, report.VerdictError, "could not tell: %v", err)
			return
		}
	}
	evidence(r, "%s captured %d recovery codes; the last is tried twice", describeStep(p.f, at), codes.Len())
	code := codes.Item(codes.Len() - 1)
	var attempts []attempt
	for i, want := range []outcome{outcomeAccepted, outcomeRefused} {
		p.onPrompt = false // each use in a fresh session
		what := "a recovery code, first use"
		if i == 1 {
			what = "the same recovery code, in a fresh session"
		}
		a, err := p.try(ctx, what, code, want, true)
		if err != nil {
			decide(r, report.VerdictError, "could not tell: could not probe: %v", err)
			return
		}
		attempts = append(attempts, a)
		if i == 0 && a.got == outcomeRefused {
			// Many sites take a recovery code elsewhere ("Use a recovery code" switches
			// the field), which the conform section cannot say: a refusal here is not
			// the site's fault for certain.
			r.Evidence = append(r.Evidence, a.line())
			decide(r, report.VerdictError, "could not tell: the recovery code was refused where the flow types its passcode (%s); the site may take recovery codes in another field", p.c.Code.Describe())
			return
		}
	}
	judge(r, attempts, "a recovery code signed in once and was refused the second time")
}

// phaseDisable decides disable-confirmed: the flow runs up to its disable step, which
// is carried out but for its confirming click; then signing in must still ask for a
// passcode.
func (p *probing) phaseDisable(ctx context.Context) {
	r := p.result(catalog.DisableConfirmed)
	if p.c.Disable == "" {
		decide(r, report.VerdictSkipped, "the flow does not cover switching two-factor authentication off (conform: disable)")
		return
	}
	if !p.controlled {
		decide(r, report.VerdictSkipped, "%s", needReset)
		return
	}
	at := p.f.StepIndex(p.c.Disable)
	step := p.f.Steps[at]
	confirm := flow.ConfirmIndex(step, p.c.Confirm)
	if confirm < 0 {
		decide(r, report.VerdictError, "could not tell: %s has no click that confirms", describeStep(p.f, at))
		return
	}
	// A native confirm() the confirming click opens is the confirmation: that click
	// is carried out, the dialog answered Cancel.
	before := flow.BeforeConfirm(step, confirm)
	clicks := 0
	for _, a := range before {
		if _, ok := a.(*flow.Click); ok {
			clicks++
		}
	}
	if clicks == 0 {
		judgeDisableConfirmed(r, 0, true)
		return
	}
	if err := p.fresh(ctx); err != nil {
		decide(r, report.VerdictError, "could not tell: could not prepare the site: %v", err)
		return
	}
	if err := p.pr.RunSteps(ctx, 0, at); err != nil {
		decide(r, report.VerdictError, "could not tell: could not carry out the flow up to %s: %v", describeStep(p.f, at), err)
		return
	}
	// A site that switches 2FA off at once shows no confirmation, so the actions
	// up to it may fail: signing in again still tells what happened.
	upTo := p.pr.RunActions(ctx, at, before)
	if upTo != nil {
		evidence(r, "could not carry out %s up to its confirmation: %v", describeStep(p.f, at), upTo)
	} else {
		confirming := describeAction(step.Actions[confirm])
		if len(before) > confirm {
			confirming = "accepting the native dialog that " + confirming + " opens"
		}
		evidence(r, "carried out %s up to, not including, %s", describeStep(p.f, at), confirming)
	}
	prompted, err := p.signIn(ctx)
	if err != nil {
		decide(r, report.VerdictError, "could not tell: could not sign in afterwards: %v", err)
		return
	}
	if upTo != nil && prompted {
		decide(r, report.VerdictError, "could not tell: could not carry out %s up to its confirmation: %v", describeStep(p.f, at), upTo)
		return
	}
	evidence(r, "signing in again in a fresh session then %s", map[bool]string{true: "asked for a passcode", false: "asked for no passcode"}[prompted])
	judgeDisableConfirmed(r, clicks, prompted)
}

// captureIndex is the index, in the step's actions, of the capture of the list name.
func captureIndex(s *flow.Step, name string) int {
	for i, a := range s.Actions {
		if c, ok := a.(*flow.Capture); ok && c.Many && c.As == name {
			return i
		}
	}
	return len(s.Actions) - 1
}

// describeAction names an action for evidence: what it does and where the flow
// says it.
func describeAction(a flow.Action) string { return fmt.Sprintf("%s (%s)", a.Describe(), a.At()) }

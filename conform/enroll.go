package conform

import (
	"context"
	"fmt"
	"slices"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// enrollChecks are the checks the enrollment phase decides.
var enrollChecks = []string{catalog.FreshSecret, catalog.EnrollRequiresCode, catalog.SecretStrength, catalog.URILint, catalog.GuideClaims, catalog.SecretNotReshown}

// concurrentChecks need an enrolled account and two sessions of their own; they fail
// with the enrollment too.
var concurrentChecks = []string{catalog.ConcurrentReplay}

// enrolledChecks are the enrollment phase's checks and every check that needs the
// account it enrolls: what is not run when the enrollment cannot be carried out.
var enrolledChecks = slices.Concat(enrollChecks, signInChecks, concurrentChecks)

// signInChecks need an enrolled account; they fail with the enrollment.
var signInChecks = []string{catalog.ReplayRefused, catalog.WrongCodeRefused, catalog.SkewWindow, catalog.Throttling, catalog.LockoutRecovers, catalog.ThrottleNewSession}

// fresh puts the account back to its seeded state (2FA off) when the site can be
// reset, opens a fresh session and makes sure the time step has room for a whole
// enrollment (a bundled mock's clock jumps; a real site is waited for).
func (p *probing) fresh(ctx context.Context) error {
	if p.pristine { // a mock started for this probe, its session just opened
		p.pristine = false
		return p.ensureLeft(ctx, 20*p.period()/30)
	}
	if p.controlled {
		if err := p.pr.Reset(ctx); err != nil {
			return err
		}
		p.last, p.key = 0, nil
	}
	p.signedIn, p.onPrompt = false, false
	if err := p.ensureLeft(ctx, 20*p.period()/30); err != nil {
		return err
	}
	return p.pr.NewSession(ctx)
}

// toEnrollCode carries out the flow's steps up to the type-code that confirms
// enrollment, not including it. When they cannot be carried out, it tries the flow
// again from its QR code on, as it is: a site may keep an attempt under way and show
// its setup, QR code and all, on return (the button that starts it covered or gone);
// resumed then says so. The first error is returned when that fails too.
func (p *probing) toEnrollCode(ctx context.Context) (resumed bool, err error) {
	err = p.pr.RunSteps(ctx, 0, p.enrollStep)
	if err == nil {
		err = p.pr.RunActions(ctx, p.enrollStep, p.f.Steps[p.enrollStep].Actions[:p.enrollCode])
	}
	if err == nil || ctx.Err() != nil {
		return false, err
	}
	step, at, ok := p.lastScan()
	if !ok {
		return false, err
	}
	p.pr.Note(fmt.Sprintf("conform: %v; trying the flow from its QR code on (%s), in case the site shows the attempt under way", p.pr.Scrub(err.Error()), describeStep(p.f, step)))
	if step == p.enrollStep {
		if p.pr.RunActions(ctx, step, p.f.Steps[step].Actions[at:p.enrollCode]) != nil {
			return false, err
		}
		return true, nil
	}
	if p.pr.RunActions(ctx, step, p.f.Steps[step].Actions[at:]) != nil ||
		p.pr.RunSteps(ctx, step+1, p.enrollStep) != nil ||
		p.pr.RunActions(ctx, p.enrollStep, p.f.Steps[p.enrollStep].Actions[:p.enrollCode]) != nil {
		return false, err
	}
	return true, nil
}

// lastScan finds the flow's last scan-qr of the enrolled credential before the
// enrollment code: its step and action index.
func (p *probing) lastScan() (step, at int, ok bool) {
	for i := p.enrollStep; i >= 0; i-- {
		actions := p.f.Steps[i].Actions
		if i == p.enrollStep {
			actions = actions[:p.enrollCode]
		}
		for j := len(actions) - 1; j >= 0; j-- {
			if s, isScan := actions[j].(*flow.ScanQR); isScan && s.As == p.cred {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// phaseEnroll decides fresh-secret, enroll-requires-code, secret-strength, uri-lint
// and guide-claims, and leaves the account enrolled with p.key for the sign-in checks.
// It reports whether the account is enrolled.
func (p *probing) phaseEnroll(ctx context.Context) bool {
	step := p.f.Steps[p.enrollStep]
	tc := step.Actions[p.enrollCode].(*flow.TypeCode)

	// A first attempt, finished with a wrong code.
	if err := p.fresh(ctx); err != nil {
		p.notRun(enrolledChecks, "could not prepare the site: %v", err)
		return false
	}
	if _, err := p.toEnrollCode(ctx); err != nil {
		p.notRun(enrolledChecks, "could not carry out the flow up to its enrollment code: %v", err)
		return false
	}
	first, err := p.pr.Key(p.cred)
	if err != nil {
		p.notRun(enrolledChecks, "the flow scanned no key before its enrollment code: %v", err)
		return false
	}
	p.key = first
	p.enrollWrong(ctx, step, tc)

	// A second attempt, finished as the flow does. When it resumed the first attempt
	// (the site kept it open) and finishing it fails (the attempt had expired, as 20i's
	// do after 30 s), it is started once more, from the beginning.
	needOn := append(append([]string{catalog.SecretNotReshown}, signInChecks...), concurrentChecks...)
	for try := 1; ; try++ {
		if err := p.fresh(ctx); err != nil {
			p.notRun(enrolledChecks, "could not prepare the site again: %v", err)
			return false
		}
		resumed, err := p.toEnrollCode(ctx)
		if err != nil {
			p.notRun(enrolledChecks, "could not carry out the flow up to its enrollment code a second time: %v", err)
			return false
		}
		second, err := p.pr.Key(p.cred)
		if err != nil {
			p.notRun(enrolledChecks, "the flow scanned no key the second time: %v", err)
			return false
		}
		p.key = second
		err = p.pr.RunActions(ctx, p.enrollStep, step.Actions[p.enrollCode:])
		if err != nil && resumed && try == 1 && ctx.Err() == nil {
			p.pr.Note(fmt.Sprintf("conform: finishing the attempt resumed failed (%s): starting enrollment once more", p.pr.Scrub(err.Error())))
			continue
		}
		p.judgeEnrollment(first, second, resumed)
		if err != nil {
			p.notRun(needOn, "the flow's own enrollment (with the right code) failed: %v", err)
			return false
		}
		break
	}
	if s, ok := p.pr.LastTyped(p.cred); ok {
		p.last = s
	}
	if err := p.switchOn(ctx, p.enrollStep+1); err != nil {
		p.notRun(needOn, "%v", err)
		return false
	}
	p.secretNotReshown(ctx)
	return true
}

// judgeEnrollment decides fresh-secret, secret-strength, uri-lint and guide-claims from
// the keys of the first and second attempts; resumed says the second resumed the first.
func (p *probing) judgeEnrollment(first, second *otp.Key, resumed bool) {
	if resumed {
		evidence(p.result(catalog.FreshSecret), "on the second attempt the flow could not start enrollment again, but the site showed a QR code: the attempt under way, resumed")
		if first.Secret.Base32() == second.Secret.Base32() {
			decide(p.result(catalog.FreshSecret), report.VerdictError, "could not tell: the site resumed the attempt under way (its setup open on return) instead of starting a new one, so enrollment was never started again")
		}
	}
	judgeFreshSecret(p.result(catalog.FreshSecret), first, second)
	if !p.controlled {
		evidence(p.result(catalog.FreshSecret), "the site has no mock control surface: the second attempt followed the first without a reset")
	}
	judgeSecretStrength(p.result(catalog.SecretStrength), second)
	judgeURILint(p.result(catalog.URILint), second)
	judgeGuideClaims(p.result(catalog.GuideClaims), FlowClaims(p.f), second, p.f.Guide.Source)
}

// enrollWrong types a wrong code where the flow types the enrollment code, submits it
// as the flow does, and signs in again to see whether 2FA was switched on.
func (p *probing) enrollWrong(ctx context.Context, step *flow.Step, tc *flow.TypeCode) {
	r := p.result(catalog.EnrollRequiresCode)
	if err := p.pr.TypeCode(ctx, tc.Into, tc.Boxes, p.wrong(0)); err != nil {
		decide(r, report.VerdictError, "could not tell: could not type a wrong code where the flow types its enrollment code: %v", err)
		return
	}
	evidence(r, "typed a wrong code where step %d %q types the enrollment code", p.enrollStep+1, step.Title)
	// The step's actions after the code up to its first expectation: they submit the
	// code (click Done, untick "trust this device"). The expectations' texts say
	// success; what follows them needs a success the wrong code must not bring.
	var success []string
	submitted, acted := false, false
	for _, a := range step.Actions[p.enrollCode+1:] {
		if e, ok := a.(*flow.Expect); ok {
			if !e.Absent && e.Text != "" {
				success = append(success, e.Text)
			} else if !e.Absent && e.Element != nil && e.Element.Text != "" {
				success = append(success, e.Element.Text)
			}
			submitted = true // what follows the step's first expectation is after success
			continue
		}
		if submitted {
			continue
		}
		acted = true
		if err := p.pr.RunActions(ctx, p.enrollStep, []flow.Action{a}); err != nil {
			evidence(r, "then the flow's next action could not be carried out: %v", err)
			break
		}
	}
	added := false
	if text, err := p.pr.PageText(ctx); err == nil {
		for _, s := range success {
			added = added || contains(text, s)
		}
	}
	if added || !acted {
		// The site showed its success, or the step typed the code and left its
		// submitting to a later step (Save codes, then Enable): carry that out too.
		p.switchOnAfterWrong(ctx, r)
	}
	prompted, err := p.signIn(ctx)
	if err != nil {
		decide(r, report.VerdictError, "could not tell: could not sign in after the wrong enrollment code: %v", err)
		return
	}
	judgeEnrollRequiresCode(r, prompted, added)
}

// describeStep names a step for evidence: step 6 "Finalize".
func describeStep(f *flow.Flow, i int) string {
	return fmt.Sprintf("step %d %q", i+1, f.Steps[i].Title)
}

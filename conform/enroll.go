package conform

import (
	"context"
	"fmt"
	"slices"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
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
// enrollment, not including it.
func (p *probing) toEnrollCode(ctx context.Context) error {
	if err := p.pr.RunSteps(ctx, 0, p.enrollStep); err != nil {
		return err
	}
	return p.pr.RunActions(ctx, p.enrollStep, p.f.Steps[p.enrollStep].Actions[:p.enrollCode])
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
	if err := p.toEnrollCode(ctx); err != nil {
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

	// A second attempt, finished as the flow does.
	if err := p.fresh(ctx); err != nil {
		p.notRun(enrolledChecks, "could not prepare the site again: %v", err)
		return false
	}
	if err := p.toEnrollCode(ctx); err != nil {
		p.notRun(enrolledChecks, "could not carry out the flow up to its enrollment code a second time: %v", err)
		return false
	}
	second, err := p.pr.Key(p.cred)
	if err != nil {
		p.notRun(enrolledChecks, "the flow scanned no key the second time: %v", err)
		return false
	}
	p.key = second
	judgeFreshSecret(p.result(catalog.FreshSecret), first, second)
	if !p.controlled {
		evidence(p.result(catalog.FreshSecret), "the site has no mock control surface: the second attempt followed the first without a reset")
	}
	judgeSecretStrength(p.result(catalog.SecretStrength), second)
	judgeURILint(p.result(catalog.URILint), second)
	judgeGuideClaims(p.result(catalog.GuideClaims), FlowClaims(p.f), second, p.f.Guide.Source)

	needOn := append(append([]string{catalog.SecretNotReshown}, signInChecks...), concurrentChecks...)
	if err := p.pr.RunActions(ctx, p.enrollStep, step.Actions[p.enrollCode:]); err != nil {
		p.notRun(needOn, "the flow's own enrollment (with the right code) failed: %v", err)
		return false
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
	submitted := false
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
	if added {
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

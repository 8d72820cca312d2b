package conform

import (
	"context"
	"fmt"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// Where two-factor authentication switches on is part of what conform knows of a
// site. Most sites switch it on with the enrollment code; some only verify the code
// there and switch 2FA on at a later step (GitHub, once "I have saved my recovery
// codes" is clicked). A conform section may name that step (enabled-by); without it,
// conform finds out: while a second session's sign-in asks for no passcode, it carries
// out the flow's following steps, one at a time, up to the step that signs in again
// (never the disable step). Only a site that asks for no passcode after all of them
// is accused (probing.stopped).

// switchOn carries out, in the enrolling session, the flow's steps from next on that a
// site may need before 2FA is on: with enabled-by, every step up to and including that
// one; without, the following steps (afterEnroll) one at a time, as long as a sign-in
// in a side session asks for no passcode. It sets p.switched when it carried out all a
// site may need (or found 2FA on). The error is a step enabled-by needs that could not
// be carried out; a step that fails while conform only looks is kept in p.switchErr
// (the checks that need 2FA on say it, ERROR: could not tell).
func (p *probing) switchOn(ctx context.Context, next int) error {
	if by := p.c.EnabledBy; by != "" {
		at := p.f.StepIndex(by)
		if next <= at {
			if err := p.pr.RunSteps(ctx, next, at+1); err != nil {
				return fmt.Errorf("the flow's steps up to %s, which switches two-factor authentication on (enabled-by), failed: %w", describeStep(p.f, at), err)
			}
		}
		p.switched = true
		return nil
	}
	for _, i := range p.afterEnroll() {
		if i < next {
			continue
		}
		on, err := p.promptedAside(ctx)
		if err != nil {
			p.switchErr = fmt.Errorf("could not look whether two-factor authentication is on before %s: %w", describeStep(p.f, i), err)
			return nil
		}
		if on {
			p.switched = true
			return nil
		}
		p.pr.Note(fmt.Sprintf("conform: no passcode asked yet; carrying out %s, where the site may switch 2FA on", describeStep(p.f, i)))
		if err := p.pr.RunSteps(ctx, i, i+1); err != nil {
			p.switchErr = fmt.Errorf("the site asked for no passcode yet, and %s, where it may switch it on, could not be carried out: %w", describeStep(p.f, i), err)
			return nil
		}
	}
	p.switched = true
	return nil
}

// promptedAside signs in, in a side session, and reports whether the site asks for a
// passcode (2FA on). The probe's own session is not touched.
func (p *probing) promptedAside(ctx context.Context) (bool, error) {
	side, err := p.pr.Side(ctx)
	if err != nil {
		return false, err
	}
	defer side.Close()
	return p.signInOn(ctx, side)
}

// switchOnAfterWrong carries out, after a wrong enrollment code the site may have
// taken (it showed its success text, or a later step submits the code), the steps up
// to enabled-by but for their expectations (they say success, which a wrong code must
// not bring): a site that switches 2FA on there must not be excused by conform
// stopping early. An action may fail (the site refused the code): that goes into r's
// evidence.
func (p *probing) switchOnAfterWrong(ctx context.Context, r *report.Check) {
	if p.c.EnabledBy == "" {
		return
	}
	at := p.f.StepIndex(p.c.EnabledBy)
	for i := p.enrollStep + 1; i <= at; i++ {
		for _, a := range p.f.Expand(p.f.Steps[i].Actions) {
			if _, ok := a.(*flow.Expect); ok {
				continue
			}
			if err := p.pr.RunActions(ctx, i, []flow.Action{a}); err != nil {
				evidence(r, "then the steps up to %s, which switches two-factor authentication on (enabled-by), could not be carried out: %v", describeStep(p.f, at), err)
				return
			}
		}
	}
	evidence(r, "then carried out the steps up to %s, which switches two-factor authentication on (enabled-by), but for their expectations", describeStep(p.f, at))
}

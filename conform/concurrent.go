package conform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// phaseConcurrentReplay decides concurrent-replay on the enrolled account: two side
// sessions sign in with the password, both reach the passcode prompt, then both type
// and send the same right code at once. At most one may be signed in: a site whose
// check that a code is unused and whose record that it is used are not one atomic step
// lets both through. A round whose code's time step moved, on the site's clock, while
// it was judged, and in which neither session got in, is started again.
func (p *probing) phaseConcurrentReplay(ctx context.Context) {
	r := p.result(catalog.ConcurrentReplay)
	for round := 1; ; round++ {
		done, err := p.concurrentRound(ctx, r, round == steadyTries)
		if errors.Is(err, errNoPrompt) {
			// The sign-in checks accuse that (replay-refused); this one was not run.
			p.notRun(concurrentChecks, "%v", err)
			return
		}
		if err != nil {
			p.stopped(concurrentChecks, err)
			return
		}
		if done {
			return
		}
	}
}

// concurrentReady decides concurrent-replay SKIPPED unless replay-refused passed, and
// reports whether it did: a site that takes a code twice one after the other fails
// replay-refused; racing it says nothing more.
func (p *probing) concurrentReady() bool {
	before := p.result(catalog.ReplayRefused)
	if v := before.Verdict; v != report.VerdictPassed {
		switch v {
		case report.VerdictSkipped:
			decide(p.result(catalog.ConcurrentReplay), report.VerdictSkipped, "%s", before.Reason)
		case report.VerdictError:
			p.notRun(concurrentChecks, "%s could not be decided: %s", catalog.ReplayRefused, strings.TrimPrefix(before.Reason, "not run: "))
		default:
			decide(p.result(catalog.ConcurrentReplay), report.VerdictSkipped, "%s is %s: a code is not refused even one use after the other", catalog.ReplayRefused, strings.ToUpper(v.String()))
		}
		return false
	}
	return true
}

// concurrentRound is one round of concurrent-replay; done reports that it decided
// the check (last: it must, whatever the clock did).
func (p *probing) concurrentRound(ctx context.Context, r *report.Check, last bool) (done bool, err error) {
	if err := p.ensureLeft(ctx, 15*p.period()/30); err != nil {
		return false, err
	}
	var sides [2]*runner.Probe
	for i := range sides {
		side, err := p.pr.Side(ctx)
		if err != nil {
			return false, err
		}
		defer side.Close()
		prompted, err := p.signInOn(ctx, side)
		if err != nil {
			return false, err
		}
		if !prompted {
			return false, errNoPrompt
		}
		sides[i] = side
	}
	s, err := p.freshStep(ctx)
	if err != nil {
		return false, err
	}
	lo, hi := p.stepSpan()
	var got [2]attempt
	var errs [2]error
	var wg sync.WaitGroup
	for i, side := range sides {
		got[i] = attempt{what: fmt.Sprintf("the right code in session %d of 2, sent at once with the other", i+1), want: outcomeRefused}
		wg.Go(func() {
			got[i].got, got[i].said, errs[i] = p.submit(ctx, side, p.code(s), false)
		})
	}
	wg.Wait()
	lo2, hi2 := p.stepSpan()
	steady := lo == hi && lo2 == hi2 && lo == lo2
	for _, err := range errs {
		if err != nil {
			return false, err
		}
	}
	in := 0
	for _, a := range got {
		if a.got == outcomeAccepted {
			in++
		}
	}
	if in > 0 {
		p.accepted(s)
	}
	switch {
	case in == 2:
		for _, a := range got {
			r.Evidence = append(r.Evidence, a.line())
		}
		decide(r, report.VerdictFailed, "the same right code, sent by two sessions at once, signed both in")
		return true, nil
	case in == 1 && got[0].got != outcomeUnknown && got[1].got != outcomeUnknown: // the other refused, throttled or not
		for i := range got {
			if got[i].got == outcomeAccepted {
				got[i].want = outcomeAccepted // one of the two may get in
			}
			r.Evidence = append(r.Evidence, got[i].line())
		}
		decide(r, report.VerdictPassed, "the same right code, sent by two sessions at once, signed in only one of them")
		return true, nil
	case in == 0 && !steady && !last:
		evidence(r, "neither session got in while the site's time step moved: the round does not count")
		return false, nil
	}
	for _, a := range got {
		r.Evidence = append(r.Evidence, a.line())
	}
	switch {
	case in == 0 && (got[0].got == outcomeThrottled || got[1].got == outcomeThrottled):
		decide(r, report.VerdictError, "could not tell: the right code, sent by two sessions at once, signed neither in: the site throttled after the wrong codes conform had typed before")
	case in == 0:
		decide(r, report.VerdictError, "could not tell: the right code, sent by two sessions at once, signed neither in")
	default:
		decide(r, report.VerdictError, "could not tell: one session got in and the other's page showed neither the signed-in text nor a refusal the conform section names")
	}
	return true, nil
}

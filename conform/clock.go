package conform

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Every verdict that depends on time is decided on the site's clock: a bundled mock's
// (or a site serving its control surface), read exactly; for a real site, the probe's
// clock corrected by the offset of the site's Date header, with a margin for the
// header's one-second resolution. An attempt counts only when the site's time step was
// the same when the code was typed as when its outcome was read: how long the browser
// took (a loaded machine) never decides which step a code was judged in.

// now is the site's time as conform knows it.
func (p *probing) now() time.Time { return p.pr.Now().Add(p.offset) }

// step is the key's current time step on the site's clock.
func (p *probing) step() uint64 { return p.key.Step(p.now()) }

// period is the time step of the enrolled key, 30 s before one is known.
func (p *probing) period() time.Duration {
	if p.key != nil {
		return time.Duration(p.key.EffectivePeriod()) * time.Second
	}
	return 30 * time.Second
}

// readDateOffset sets the offset of a real site's clock from its Date header, and the
// margin that leaves. A site without a usable Date header keeps the probe's clock, with
// a wider margin.
func (p *probing) readDateOffset(ctx context.Context) {
	p.offset, p.margin = 0, 2*time.Second
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, p.pr.BaseURL()+"/", nil)
	if err != nil {
		return
	}
	sent := p.pr.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
	got := p.pr.Now()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return
	}
	// The header is the site's time when it answered, rounded down to the second.
	mid := sent.Add(got.Sub(sent) / 2)
	p.offset = date.Add(500 * time.Millisecond).Sub(mid).Round(time.Millisecond)
	p.margin = time.Second + got.Sub(sent)/2
	p.pr.Note(fmt.Sprintf("conform: the site's clock is %s off this machine's (its Date header)", p.offset.Round(time.Second)))
}

// stepSpan is the key's time steps of the site's clock now, widened by the margin:
// the earliest and latest step the site may be in.
func (p *probing) stepSpan() (lo, hi uint64) {
	t := p.now()
	return p.key.Step(t.Add(-p.margin)), p.key.Step(t.Add(p.margin))
}

// ensureLeft makes sure at least need is left of the current time step, so that a
// sequence of attempts stays within one step: a bundled mock's clock jumps to the
// next step; on a real site conform waits for it, and says so.
func (p *probing) ensureLeft(ctx context.Context, need time.Duration) error {
	per := p.period()
	now := p.now().Add(-p.margin)
	left := per - time.Duration(now.UnixNano()%int64(per))
	if left >= need+2*p.margin {
		return nil
	}
	if !p.controlled {
		p.pr.Note(fmt.Sprintf("conform: waiting %s for a fresh TOTP time step", left.Round(time.Second)))
	}
	return p.pr.Wait(ctx, left+time.Second+p.margin)
}

// advanceTo lets the site's clock reach the start of time step s (plus a second).
func (p *probing) advanceTo(ctx context.Context, s uint64) error {
	d := p.key.StepStart(s).Add(time.Second + p.margin).Sub(p.now())
	if d <= 0 {
		return nil
	}
	if !p.controlled {
		p.pr.Note(fmt.Sprintf("conform: waiting %s of real time for the TOTP time step the check needs", d.Round(time.Second)))
	}
	return p.pr.Wait(ctx, d)
}

// steadyTries is how many times a sequence of attempts is started again when the
// site's time step moved while a code was being judged.
const steadyTries = 3

// timedTry types a code chosen for the site's current time step: code gets that step
// and returns the code's own step and the code. It reports the attempt, the step the
// code was chosen for, and whether the site's step stayed that one from before the
// code was typed until its outcome was read (steady). An unsteady attempt says nothing
// about the window: the caller starts its sequence again.
func (p *probing) timedTry(ctx context.Context, what string, want outcome, code func(now uint64) uint64) (a attempt, s uint64, steady bool, err error) {
	lo, hi := p.stepSpan()
	s = code(lo)
	a, err = p.try(ctx, what, p.code(s), want, false)
	if err != nil {
		return a, s, false, err
	}
	lo2, hi2 := p.stepSpan()
	steady = lo == hi && lo2 == hi2 && lo == lo2
	if a.got == outcomeAccepted {
		p.accepted(s)
	}
	return a, s, steady, nil
}

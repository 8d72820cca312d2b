package browser

import (
	"context"
	"fmt"
	"time"
)

// How this package waits, in one place.
//
// Contexts: an exported Session method takes the caller's ctx and derives the
// step's context from it once, at the top (ctx, done := s.step(ctx)): the
// tab's context, cut short by the caller's deadline and cancellation. Every
// helper below takes that one context, first. When a wait ends, its error is
// context.Cause(ctx): the caller's own error (deadline exceeded, canceled),
// or the tab's when the browser went away.
//
// Waits: every condition is polled through until, paced by a poller (fast at
// first, then every 50 ms), until it holds or the context ends. A wait that
// runs out says, in a reader's words, what it waited for and what it saw
// last (notReady builds that error, with the labels on screen).

// step derives the context for one action: the tab's context, cut short by
// ctx's deadline and cancellation, whose cause it keeps.
func (s *Session) step(ctx context.Context) (context.Context, context.CancelFunc) {
	return derive(s.ctx, ctx)
}

// derive is base (a tab's or a frame's context), cut short by ctx's deadline
// and cancellation; context.Cause of the result is ctx's error when ctx ended
// first.
func derive(base, ctx context.Context) (context.Context, context.CancelFunc) {
	cctx, cancel := context.WithCancelCause(base)
	dctx, dcancel := cctx, context.CancelFunc(func() {})
	if d, ok := ctx.Deadline(); ok {
		dctx, dcancel = context.WithDeadline(cctx, d)
	}
	stop := context.AfterFunc(ctx, func() { cancel(context.Cause(ctx)) })
	return dctx, func() { stop(); dcancel(); cancel(context.Canceled) }
}

// until calls try until it reports done, or ctx ends (then it returns
// context.Cause(ctx)). An error from try ends the wait at once: a problem
// waiting does not mend (a malformed locator); try keeps what it saw of a
// passing one (a page being replaced) for the error the caller builds.
func until(ctx context.Context, try func() (done bool, err error)) error {
	var p poller
	defer p.stop()
	for {
		done, err := try()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if p.wait(ctx) != nil {
			return context.Cause(ctx)
		}
	}
}

// notReady is the error of a wait for a target that ran out: what was looked
// for, why it was not ready, and the labels on screen then.
func (s *Session) notReady(ctx context.Context, action, what string, reason error, detail string) *LookupError {
	return &LookupError{
		Action: action, What: what, Reason: reason, Detail: detail, Err: context.Cause(ctx),
		OnScreen: s.onScreenAfter(20),
	}
}

// withCtx adds the step's end to an error of a call it cut short.
func withCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil && err != nil {
		return fmt.Errorf("%v: %w", err, context.Cause(ctx))
	}
	return err
}

// poller paces condition checks: fast at first (most waits end at once),
// then every 50 ms, never sleeping past ctx.
type poller struct {
	n     int
	timer *time.Timer
}

func (p *poller) wait(ctx context.Context) error {
	d := 5 * time.Millisecond << min(p.n, 4) // 5, 10, 20, 40, 80 -> capped below
	d = min(d, 50*time.Millisecond)
	p.n++
	if p.timer == nil {
		p.timer = time.NewTimer(d)
	} else {
		p.timer.Reset(d)
	}
	select {
	case <-ctx.Done():
		p.timer.Stop()
		return ctx.Err()
	case <-p.timer.C:
		return nil
	}
}

func (p *poller) stop() {
	if p.timer != nil {
		p.timer.Stop()
	}
}

package browser

import (
	"context"
	"time"
)

// A spare session: opening an isolated browser context costs a few hundred
// milliseconds of round trips to Chromium (the context, the tab, the domains
// chromedp enables, the page script), most of it waiting. The browser keeps
// one session opened ahead, in the background, from Launch on: NewSession
// takes it and starts the next, so a flow, a new-session action or a
// conformance check rarely waits for one. A spare is an empty isolated
// context on about:blank; nothing of it is shared with the session opened
// before or after. When the caller says how many sessions it will ask for
// (Options.Sessions), no spare is opened beyond them: one that nobody takes
// costs a renderer's start and CPU the running flow needs.

// spareResult is a session opened ahead, or why it could not be.
type spareResult struct {
	s   *Session
	err error
}

// spareTimeout bounds the background opening of a spare.
const spareTimeout = 30 * time.Second

// takeSpare returns the spare session, waiting for it if it is being opened,
// or nil when there is none or it failed (the caller opens one itself).
// NewSession calls it once a call, so it counts the sessions asked for.
func (b *Browser) takeSpare(ctx context.Context) *Session {
	b.spareMu.Lock()
	ch := b.spare
	b.spare = nil
	b.asked++
	b.spareMu.Unlock()
	if ch == nil {
		return nil
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return nil
		}
		return r.s
	case <-ctx.Done():
		// Nobody takes it now: close it when it comes.
		go func() {
			if r := <-ch; r.s != nil {
				r.s.Close()
			}
		}()
		return nil
	}
}

// refill starts opening a spare session unless one is there or on its way,
// the browser is closing, or NewSession was called as many times as the
// caller said it would be (Options.Sessions).
func (b *Browser) refill() {
	b.spareMu.Lock()
	defer b.spareMu.Unlock()
	if b.spare != nil || b.ctx.Err() != nil || b.closing || (b.budget > 0 && b.asked >= b.budget) {
		return
	}
	ch := make(chan spareResult, 1)
	b.spare = ch
	b.spareWG.Go(func() {
		ctx, cancel := context.WithTimeout(b.ctx, spareTimeout)
		defer cancel()
		s, err := b.openSession(ctx)
		ch <- spareResult{s, err}
	})
}

// dropSpare closes the spare session, if any, when the browser closes.
func (b *Browser) dropSpare() {
	b.spareMu.Lock()
	b.closing = true
	ch := b.spare
	b.spare = nil
	b.spareMu.Unlock()
	if ch != nil {
		go func() {
			if r := <-ch; r.s != nil {
				r.s.Close()
			}
		}()
	}
}

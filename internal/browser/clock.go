package browser

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

//go:embed clock.js
var clockJS string

// pageClock is a session's frozen clock: the script that installs it in every new
// document, at the time the clock shows now.
type pageClock struct {
	script page.ScriptIdentifier
	at     time.Time
}

// FreezeClock stops the page's clock at t in every document the session loads
// from now on, before the site's own scripts run: Date and Date.now read t,
// Math.random gives the same numbers in every session, the time zone is UTC,
// and a timer of a second or more (a countdown, a clock, an expiry) waits
// for the clock to move (SetClock); shorter timers run as usual. Two runs
// that do the same things then see the same pages, whatever the wall clock
// and however fast the machine: what `enroll docs` needs to render the same
// pictures twice. Frames of another site, and workers, keep their own clock.
// It is meant for pages whose site's clock is frozen too (the bundled mocks):
// a script that animates by reading Date (jQuery's animate) would stand still.
func (s *Session) FreezeClock(ctx context.Context, t time.Time) error {
	ctx, done := s.step(ctx)
	defer done()
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "UTC"}); err != nil {
		return fmt.Errorf("freeze the page's clock: time zone: %w", withCtx(ctx, err))
	}
	return s.installClock(ctx, t)
}

// SetClock moves the frozen clock to t (forward, as the site's clock moved):
// in the page shown now, whose long timers due by t run in order, and in
// every document loaded later. The clock must have been frozen.
func (s *Session) SetClock(ctx context.Context, t time.Time) error {
	if s.clock == nil {
		return fmt.Errorf("move the page's clock: the clock is not frozen")
	}
	ctx, done := s.step(ctx)
	defer done()
	if err := s.installClock(ctx, t); err != nil {
		return err
	}
	js := "window.__enrollClock ? window.__enrollClock.set(" + strconv.FormatInt(t.UnixMilli(), 10) + ") : 0"
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		return fmt.Errorf("move the page's clock: %w", withCtx(ctx, err))
	}
	return nil
}

// installClock makes every new document start with the clock at t, in place of
// the script installed for an earlier time.
func (s *Session) installClock(ctx context.Context, t time.Time) error {
	if s.clock != nil {
		_, err := chromedp.Call(ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: s.clock.script})
		if err != nil {
			return fmt.Errorf("move the page's clock: %w", withCtx(ctx, err))
		}
	}
	src := "(" + clockJS + ")(" + strconv.FormatInt(t.UnixMilli(), 10) + ");"
	res, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	if err != nil {
		return fmt.Errorf("freeze the page's clock: %w", withCtx(ctx, err))
	}
	s.clock = &pageClock{script: res.Identifier, at: t}
	return nil
}

package browser

import (
	"context"
	"errors"
	"fmt"
	"github.com/enroll-dev/enroll/internal/keys"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Navigate opens url and waits for its load event. A navigation the page
// started itself (a sign-out that fetches, then sets location.href) can
// cut ours short: then the page's own navigation is let finish and url is
// opened again, until ctx's deadline.
func (s *Session) Navigate(ctx context.Context, url string) error {
	ctx, done := s.step(ctx)
	defer done()
	start := time.Now()
	aborted := 0
	err := until(ctx, func() (bool, error) {
		err := chromedp.Do(ctx, chromedp.Navigate(url))
		var le *chromedp.LoadError
		switch {
		case err == nil:
			return true, nil
		case ctx.Err() != nil:
			return false, nil // until reports the deadline
		case !errors.As(err, &le) || le.ErrorText != "net::ERR_ABORTED" || aborted >= maxAborted:
			return false, fmt.Errorf("open %s: %w", url, err)
		}
		aborted++
		s.log.Debug("navigate: cut short by the page's own navigation; again", "url", url)
		return false, nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("open %s: page did not finish loading: %w", url, context.Cause(ctx))
		}
		return err
	}
	s.log.Debug("navigate", "url", url, "took", time.Since(start))
	return nil
}

// maxAborted bounds how often Navigate opens a URL again after the page's own
// navigation cut it short: a URL that always aborts (a download, a 204) is
// reported, not retried until the deadline.
const maxAborted = 8

// Click clicks the element with real mouse events at a point where it is
// not covered, after it exists, is visible and enabled, and is scrolled into
// view. When the click starts a navigation of the page, Click waits for the
// new page to load.
func (s *Session) Click(ctx context.Context, l Locator) error {
	ctx, done := s.step(ctx)
	defer done()
	start := time.Now()
	if err := valid(l); err != nil {
		return err
	}
	if err := s.clickLocated(ctx, "click", jsOf(l), l.Phrase("button or link")); err != nil {
		return err
	}
	s.log.Debug("click", "target", l.String(), "took", time.Since(start))
	return nil
}

// Hover moves the mouse over the element (CSS :hover menus open).
func (s *Session) Hover(ctx context.Context, l Locator) error {
	ctx, done := s.step(ctx)
	defer done()
	f, err := s.locate(ctx, "hover over", "element", l, findOpts{Action: true})
	if err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, f.X, f.Y)); err != nil {
		return fmt.Errorf("hover over %s: %w", l, withCtx(ctx, err))
	}
	return nil
}

// Fill clicks into the field, selects what it holds and puts value over it
// in one insertion (with the input events a page listens to). secret marks
// the field for masking in screenshots and redaction in HTML dumps; the
// value never appears in logs or errors.
func (s *Session) Fill(ctx context.Context, l Locator, value string, secret bool) error {
	ctx, done := s.step(ctx)
	defer done()
	var lastErr error
	err := until(ctx, func() (bool, error) {
		f, err := s.locate(ctx, "fill", "field", l, findOpts{Action: true, Enabled: true, Editable: true})
		if err != nil {
			return false, err
		}
		if secret {
			if _, err := call[bool](ctx, s, "mark", f.ID); err != nil {
				return false, fmt.Errorf("fill %s: %w", l, withCtx(ctx, err))
			}
		}
		if f.Tag == "select" {
			return false, fmt.Errorf("fill %s: it is a drop-down list: use select", l)
		}
		lastErr = s.typeInto(ctx, f, value, false)
		// The page moved the focus away (a menu closing, a re-render): click
		// into the field again, as a reader would.
		if errors.Is(lastErr, errNoFocus) {
			return false, nil
		}
		if lastErr != nil {
			return false, fmt.Errorf("fill %s: %w", l, withCtx(ctx, lastErr))
		}
		return true, nil
	})
	if err != nil {
		if lastErr != nil && ctx.Err() != nil {
			return fmt.Errorf("fill %s: %v: %w", l, lastErr, err)
		}
		return err
	}
	s.log.Debug("fill", "target", l.String(), "secret", secret)
	return nil
}

// errNoFocus: a field that was clicked did not take the keyboard focus.
var errNoFocus = errors.New("the field does not take the keyboard focus")

// typeInto clicks a located field, selects its content and puts value over
// it (an empty value clears it): with keys, one key event per character (a
// code box that listens to each key); else in one insertion, as a paste or
// an input method does, which fires the beforeinput and input events pages
// listen to, the way Playwright's fill does.
func (s *Session) typeInto(ctx context.Context, f found, value string, keys bool) error {
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, f.X, f.Y), chromedp.MouseClickXY(f.X, f.Y)); err != nil {
		return err
	}
	sel, err := call[struct {
		OK  bool `json:"ok"`
		Had bool `json:"had"`
	}](ctx, s, "focusSelect", f.ID)
	if err != nil {
		return err
	}
	if !sel.OK {
		return errNoFocus
	}
	if sel.Had && (keys || value == "") {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Backspace)); err != nil {
			return err
		}
	}
	switch {
	case value == "":
		return nil
	case keys:
		return chromedp.Do(ctx, chromedp.KeyEvent(value))
	default:
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: value})
		return err
	}
}

// Select picks option: in a <select>, the option with that visible text;
// otherwise the radio button, option card or list option with that label
// inside the located group (a closed custom drop-down is clicked open
// first).
func (s *Session) Select(ctx context.Context, l Locator, option string) error {
	ctx, done := s.step(ctx)
	defer done()
	f, err := s.locate(ctx, "select in", "field or group", l, findOpts{Enabled: true})
	if err != nil {
		return err
	}
	if f.Tag == "select" {
		return s.selectNative(ctx, l, f, option)
	}
	opt := jsLocator{Text: option, Scope: f.ID}
	what := fmt.Sprintf("option %q in %s", option, l)
	if o, err := call[found](ctx, s, "find", opt, findOpts{Action: true, Enabled: true}); err == nil && o.State == "ok" {
		return s.clickLocated(ctx, "select", opt, what)
	}
	// Not in the group now: a closed custom drop-down. Open it, then pick
	// the option wherever the list appears.
	if err := s.clickLocated(ctx, "select in", jsOf(l), l.Phrase("field or group")); err != nil {
		return err
	}
	return s.clickLocated(ctx, "select", jsLocator{Text: option}, what)
}

func (s *Session) selectNative(ctx context.Context, l Locator, f found, option string) error {
	type answer struct {
		State   string   `json:"state"`
		Options []string `json:"options"`
	}
	var last answer
	err := until(ctx, func() (bool, error) {
		r, err := call[answer](ctx, s, "selectOption", f.ID, option)
		if err == nil {
			last = r
		}
		return err == nil && r.State == "ok", nil
	})
	if err == nil {
		return nil
	}
	what := fmt.Sprintf("option %q in %s", option, l)
	switch last.State {
	case "disabled":
		return s.notReady(ctx, "select", what, ErrDisabled, "")
	case "nooption":
		return &LookupError{
			Action: "select", What: what, Reason: ErrNoMatch, Err: context.Cause(ctx),
			Detail: "options: " + strings.Join(quoteAll(last.Options), ", "), OnScreen: last.Options,
		}
	}
	return s.notReady(ctx, "select", what, ErrNoMatch, "")
}

// SetChecked turns a checkbox, radio button or switch on or off by
// clicking it (or its label when the input itself is hidden), then waits
// until the page shows the new state.
func (s *Session) SetChecked(ctx context.Context, l Locator, on bool) error {
	ctx, done := s.step(ctx)
	defer done()
	f, err := s.locate(ctx, "check", "checkbox", l, findOpts{Action: true, Enabled: true})
	if err != nil {
		return err
	}
	type state struct {
		OK bool `json:"ok"`
		On bool `json:"on"`
	}
	st, err := call[state](ctx, s, "checked", f.ID)
	if err != nil {
		return fmt.Errorf("check %s: %w", l, withCtx(ctx, err))
	}
	if !st.OK {
		return fmt.Errorf("check %s: it is a <%s>, not a checkbox, radio button or switch", l, f.Tag)
	}
	if st.On == on {
		return nil
	}
	if err := s.clickLocated(ctx, "check", jsOf(l), l.Phrase("checkbox")); err != nil {
		return err
	}
	err = until(ctx, func() (bool, error) {
		st, err := call[state](ctx, s, "checked", f.ID)
		return err == nil && st.OK && st.On == on, nil
	})
	if err != nil {
		want := "checked"
		if !on {
			want = "unchecked"
		}
		return fmt.Errorf("check %s: clicked it but it did not become %s: %w", l, want, err)
	}
	return nil
}

// Press presses a key (Enter, Tab, Escape, ...), in the located element
// when in is set (it is focused first), else in whatever has the focus.
// When the key starts a navigation (Enter in a form), Press waits for the
// new page to load.
func (s *Session) Press(ctx context.Context, key string, in *Locator) error {
	seq := key
	if k, ok := keys.Lookup(key); ok {
		seq = k.Runes
	} else if len([]rune(key)) != 1 {
		return fmt.Errorf("press %q: unknown key", key)
	}
	ctx, done := s.step(ctx)
	defer done()
	if in != nil {
		f, err := s.locate(ctx, "press "+key+" in", "element", *in, findOpts{Enabled: true})
		if err != nil {
			return err
		}
		ok, err := call[bool](ctx, s, "focusOnly", f.ID)
		if err != nil {
			return fmt.Errorf("press %s in %s: %w", key, *in, withCtx(ctx, err))
		}
		if !ok {
			return fmt.Errorf("press %s in %s: it does not take the keyboard focus", key, *in)
		}
	}
	err := s.withNavigation(ctx, func() error { return chromedp.Do(ctx, chromedp.KeyEvent(seq)) }, nil)
	if err != nil {
		return fmt.Errorf("press %s: %w", key, withCtx(ctx, err))
	}
	return nil
}

// clickLocated locates the target and clicks it, again if the click
// landed elsewhere (the page moved between finding and clicking; the
// stray click is swallowed by a guard, so nothing else is clicked).
func (s *Session) clickLocated(ctx context.Context, action string, jl jsLocator, what string) error {
	moved := false
	err := until(ctx, func() (bool, error) {
		f, err := s.locateJS(ctx, action, what, jl, findOpts{Action: true, Enabled: true, Guard: true})
		if err != nil {
			return false, err
		}
		hit, err := s.clickFound(ctx, f)
		if err != nil {
			return false, fmt.Errorf("%s %s: %w", action, what, withCtx(ctx, err))
		}
		if !hit {
			moved = true
			s.log.Debug("click landed elsewhere; again", "target", what)
		}
		return hit, nil
	})
	if moved && ctx.Err() != nil && !errors.As(err, new(*LookupError)) {
		return &LookupError{Action: action, What: what, Reason: ErrCovered, Detail: "it kept moving", Err: context.Cause(ctx)}
	}
	return err
}

// clickFound clicks a located element at its point. The finder has set a
// guard in the page (findOpts.Guard) that swallows the click if it would
// reach another element. It reports whether the click reached the element.
func (s *Session) clickFound(ctx context.Context, f found) (bool, error) {
	type guardState struct {
		Hit     *bool `json:"hit"`
		Blocked bool  `json:"blocked"`
	}
	var (
		st       *guardState
		flushErr error
	)
	err := s.withNavigation(ctx, func() error {
		return chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, f.X, f.Y), chromedp.MouseClickXY(f.X, f.Y))
	}, func(ctx context.Context) error {
		st, flushErr = call[*guardState](ctx, s, "unguard")
		return flushErr
	})
	if err == nil && flushErr != nil && ctx.Err() == nil {
		// The flush's short deadline ran out (a busy machine), not the document:
		// ask the guard again, or a swallowed click would pass for one that went
		// through. In a new document it answers null: the click navigated.
		st, flushErr = call[*guardState](ctx, s, "unguard")
	}
	if err != nil {
		// Leave no guard behind to swallow a later click.
		uctx, cancel := context.WithTimeout(s.ctx, time.Second)
		_, _ = call[*guardState](uctx, s, "unguard")
		cancel()
		return false, err
	}
	if st == nil {
		return true, nil // a new document: the click went through and navigated
	}
	return !st.Blocked, nil
}

// withNavigation runs act and, if act made the page's main frame start a
// navigation to another document, waits until the new document has loaded.
//
// A click often navigates only when the request it sends is answered (a form
// posted by fetch, then location.href; a sign-out): when act started fetch or
// XHR requests and no navigation, withNavigation waits for those requests (at
// most requestSettle), then briefly (navGrace) for the navigation their answer
// may start, as a reader waits for the page to change before the next step.
//
// flush is a round trip through the page right after act (nil: an empty
// evaluation). The renderer reports a navigation on the DevTools channel,
// which is not ordered with the input event's reply; a round trip through
// that channel flushes the report (the page handled the input first). An
// error of flush is not the action's: the page may be changing documents.
func (s *Session) withNavigation(ctx context.Context, act func() error, flush func(context.Context) error) error {
	if flush == nil {
		flush = func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void]("0")) }
	}
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Target == nil {
		if err := act(); err != nil {
			return err
		}
		_ = flush(ctx)
		return nil
	}
	main := cdp.FrameID(c.Target.TargetID)
	var (
		mu      sync.Mutex
		started bool
		loaded  = make(chan struct{})
		closed  bool
		pending = map[network.RequestID]bool{}
		changed = make(chan struct{}, 1)
	)
	signal := func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	finish := func() {
		if started && !closed {
			closed = true
			close(loaded)
		}
	}
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err := chromedp.Listen(lctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *page.EventFrameRequestedNavigation:
			if ev.FrameID == main && ev.Disposition == page.ClientNavigationDispositionCurrentTab {
				started = true
				signal()
			}
		case *page.EventFrameStartedNavigating:
			if ev.FrameID == main {
				started = true
				signal()
			}
		case *page.EventLoadEventFired:
			finish()
		case *page.EventFrameStoppedLoading:
			if ev.FrameID == main {
				finish()
			}
		case *page.EventNavigatedWithinDocument:
			if ev.FrameID == main {
				finish()
			}
		case *page.EventJavascriptDialogClosed:
			if !ev.Result {
				finish() // a "leave this page?" answered Cancel: no navigation after all
			}
		case *network.EventRequestWillBeSent:
			if ev.Type == network.ResourceTypeFetch || ev.Type == network.ResourceTypeXHR {
				pending[ev.RequestID] = true
			}
		case *network.EventLoadingFinished:
			if pending[ev.RequestID] {
				delete(pending, ev.RequestID)
				signal()
			}
		case *network.EventLoadingFailed:
			if pending[ev.RequestID] {
				delete(pending, ev.RequestID)
				signal()
			}
		}
	})
	if err := act(); err != nil {
		return err
	}
	fctx, fcancel := context.WithTimeout(ctx, time.Second)
	_ = flush(fctx)
	fcancel()
	if err != nil {
		return nil // no events to wait with
	}
	state := func() (bool, int) {
		mu.Lock()
		defer mu.Unlock()
		return started, len(pending)
	}
	if st, n := state(); !st && n > 0 {
		settle := func(d time.Duration, done func(started bool, n int) bool) {
			sctx, scancel := context.WithTimeout(ctx, d)
			defer scancel()
			for !done(state()) {
				select {
				case <-changed:
				case <-sctx.Done():
					return
				}
			}
		}
		settle(requestSettle, func(st bool, n int) bool { return st || n == 0 })
		if st, n := state(); !st && n == 0 {
			settle(navGrace, func(st bool, _ int) bool { return st })
		}
	}
	if st, _ := state(); !st {
		return nil
	}
	select {
	case <-loaded:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("the page it opened did not finish loading: %w", context.Cause(ctx))
	}
}

// requestSettle bounds the wait for the requests an action sent; navGrace is
// how long, once they are answered, a navigation they start is waited for.
const (
	requestSettle = 5 * time.Second
	navGrace      = 150 * time.Millisecond
)

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

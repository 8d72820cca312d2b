package browser

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The page half of this package, installed together as one script: tree.js
// gives the page as a reader sees it (shadow roots and same-origin frames
// included), finder.js finds elements, page.js does the rest.
var (
	//go:embed tree.js
	treeJS string
	//go:embed finder.js
	finderJS string
	//go:embed page.js
	pageJS    string
	installJS = treeJS + "\n;\n" + finderJS + "\n;\n" + pageJS
)

// Session is one isolated browser context (its own cookies and storage)
// with one page. Use it from one goroutine at a time.
type Session struct {
	b      *Browser
	log    *slog.Logger
	ctx    context.Context // chromedp tab context
	cancel context.CancelFunc

	wg        sync.WaitGroup
	mu        sync.Mutex
	console   []string
	closeOnce sync.Once
	closeErr  error

	frames frames // the page's cross-origin frames, attached (frames.go)

	dialogs dialogs // answers armed for native dialogs, dialogs answered (dialog.go)

	clock *pageClock // the frozen page clock, nil unless FreezeClock (clock.go)

	lastQR QR // the last QR code QR decoded, guarded by mu (LastQR)
}

// maxConsole bounds the console lines kept per session.
const maxConsole = 500

// NewSession opens a new isolated browser context with one page; cookies
// and storage never leak between sessions. ctx bounds the opening only;
// the session lives until Close or until the browser closes. It takes the
// session the browser opened ahead when there is one (spare.go).
func (b *Browser) NewSession(ctx context.Context) (*Session, error) {
	if b.ctx.Err() != nil {
		return nil, ErrClosed
	}
	s := b.takeSpare(ctx)
	if s == nil {
		var err error
		if s, err = b.openSession(ctx); err != nil {
			return nil, err
		}
	}
	b.refill()
	return s, nil
}

// openSession opens an isolated browser context with one page.
func (b *Browser) openSession(ctx context.Context) (*Session, error) {
	if b.ctx.Err() != nil {
		return nil, ErrClosed
	}
	start := time.Now()
	tctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	s := &Session{b: b, log: b.log, ctx: tctx, cancel: cancel}
	// The first call on a tab binds the tab's event loop to its context, so
	// it runs on the tab's own context; ctx can only cancel the opening.
	stop := context.AfterFunc(ctx, cancel)
	err := chromedp.Do(tctx)
	if !stop() || err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("open browser session: %w", ctx.Err())
		}
		return nil, fmt.Errorf("open browser session: %w", err)
	}
	// The page script installs itself in every new document as it loads, so
	// the first action on a page does not wait for it (call still installs it
	// where it is missing).
	actx, done := s.step(ctx)
	_, err = chromedp.Call(actx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: installJS})
	done()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("open browser session: install the page script: %w", withCtx(actx, err))
	}
	messages := chromedp.Console(tctx)
	dialogs := chromedp.Events(tctx, page.JavascriptDialogOpening)
	s.wg.Go(func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			s.addConsole(m.String())
		}
	})
	s.wg.Go(func() { s.handleDialogs(dialogs) })
	s.log.Debug("session opened", "took", time.Since(start))
	return s, nil
}

// handleDialogs answers alert, confirm, prompt and beforeunload dialogs as
// the flow armed (ArmDialog), else accepts them as a user pressing OK would,
// so they never block the page; each is logged in the console lines.
func (s *Session) handleDialogs(dialogs iter.Seq2[page.EventJavascriptDialogOpening, error]) {
	for ev, err := range dialogs {
		if err != nil {
			return
		}
		dl, params := s.dialogs.answer(&ev)
		verb := "accepted"
		if !dl.Accepted {
			verb = "cancelled"
		}
		s.addConsole(fmt.Sprintf("dialog %s: %s (%s)", ev.Type, ev.Message, verb))
		ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
		_, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, *params)
		cancel()
		if err != nil {
			s.log.Debug("dialog", "err", err)
		}
	}
}

func (s *Session) addConsole(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.console) >= maxConsole {
		s.console = append(s.console[:0], s.console[1:]...)
	}
	s.console = append(s.console, line)
}

// Console returns the console messages, uncaught exceptions and dialogs
// seen so far, oldest first (at most the last 500).
func (s *Session) Console() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.console...)
}

// Close closes the page and disposes of its browser context. It is safe to
// call more than once.
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		start := time.Now()
		err := chromedp.Cancel(s.ctx) // closes the tab, disposes of the context
		s.cancel()
		s.wg.Wait()
		s.log.Debug("session closed", "took", time.Since(start))
		if s.b.ctx.Err() == nil && err != nil {
			s.closeErr = fmt.Errorf("close browser session: %w", err)
		}
	})
	return s.closeErr
}

// missing is what the page answers when finder.js is not installed yet in
// the current document.
const missing = "__enroll_missing__"

// evalIn runs window.__enrollV1[method](args...) in the document of ctx's
// target (the page, or a frame), installing the page script first when the
// document is new, and decodes the result. Callers use call, which picks the
// target.
func evalIn[T any](ctx context.Context, s *Session, method string, args ...any) (T, error) {
	var zero T
	argJSON := make([]byte, 0, 64)
	for i, a := range args {
		if i > 0 {
			argJSON = append(argJSON, ',')
		}
		b, err := json.Marshal(a)
		if err != nil {
			return zero, err
		}
		argJSON = append(argJSON, b...)
	}
	expr := "window.__enrollV1 ? window.__enrollV1." + method + "(" + string(argJSON) + ") : " + `"` + missing + `"`
	for attempt := 0; ; attempt++ {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			return zero, err
		}
		if string(raw) == `"`+missing+`"` {
			if attempt > 0 {
				return zero, fmt.Errorf("page script did not install")
			}
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](installJS)); err != nil {
				return zero, fmt.Errorf("install page script: %w", err)
			}
			continue
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return zero, fmt.Errorf("page script %s: %w", method, err)
		}
		return v, nil
	}
}

// evalVoid runs a script in the page (awaiting a promise it returns); for
// tests.
func (s *Session) evalVoid(ctx context.Context, js string) error {
	ctx, done := s.step(ctx)
	defer done()
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js, chromedp.EvalAwaitPromise))
}

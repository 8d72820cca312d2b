package browser

import (
	"context"
	"fmt"
	"strings"
)

// WaitText waits until the page's visible text contains text
// (case-insensitive, whitespace-normalised), or with present false until it
// no longer does.
func (s *Session) WaitText(ctx context.Context, text string, present bool) error {
	sctx, done := s.step(ctx)
	defer done()
	var p poller
	defer p.stop()
	for {
		has, err := s.hasText(sctx, text)
		if err == nil && has == present {
			return nil
		}
		if p.wait(sctx) != nil {
			break
		}
	}
	e := &LookupError{Action: "wait for text", What: fmt.Sprintf("text %q", text), Reason: ErrNoMatch, Err: ctxErr(ctx, sctx)}
	if !present {
		return fmt.Errorf("wait for text %q to go away: it is still on the page: %w", text, ctxErr(ctx, sctx))
	}
	e.Action = "wait"
	e.OnScreen = s.onScreenAfter(20)
	return e
}

// hasText reports whether the page, or one of its cross-origin frames, shows text.
func (s *Session) hasText(ctx context.Context, text string) (bool, error) {
	has, err := call[bool](ctx, s, "hasText", text)
	if err != nil || has {
		return has, err
	}
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		if !has {
			h, err := evalIn[bool](fctx, s, "hasText", text)
			has = err == nil && h
		}
	})
	return has, nil
}

// WaitElement waits until the located element is visible, or with present
// false until no visible element matches.
func (s *Session) WaitElement(ctx context.Context, l Locator, present bool) error {
	if err := l.valid(); err != nil {
		return err
	}
	sctx, done := s.step(ctx)
	defer done()
	if present {
		_, err := s.locate(sctx, ctx, "wait", "element", l, findOpts{})
		return err
	}
	var p poller
	defer p.stop()
	for {
		f, err := call[found](sctx, s, "find", l.js(), findOpts{})
		if err == nil {
			switch f.State {
			case "none", "hidden":
				if _, inFrame := s.findInFrames(sctx, l.js(), findOpts{}); !inFrame {
					return nil
				}
			case "error":
				return fmt.Errorf("wait for %s to go away: %w: %s", l.phrase("element"), ErrBadLocator, f.Reason)
			}
		}
		if p.wait(sctx) != nil {
			return fmt.Errorf("wait for %s to go away: it is still visible: %w", l.phrase("element"), ctxErr(ctx, sctx))
		}
	}
}

// WaitURL waits until the page's URL contains substr.
func (s *Session) WaitURL(ctx context.Context, substr string) error {
	sctx, done := s.step(ctx)
	defer done()
	var (
		p    poller
		last string
	)
	defer p.stop()
	for {
		u, err := call[string](sctx, s, "url")
		if err == nil {
			if strings.Contains(u, substr) {
				return nil
			}
			last = u
		}
		if p.wait(sctx) != nil {
			return fmt.Errorf("wait for the address to contain %q: %w (it is %s): %w", substr, ErrNoMatch, last, ctxErr(ctx, sctx))
		}
	}
}

// URL returns the page's current address.
func (s *Session) URL(ctx context.Context) (string, error) {
	sctx, done := s.step(ctx)
	defer done()
	var p poller
	defer p.stop()
	for {
		u, err := call[string](sctx, s, "url")
		if err == nil {
			return u, nil
		}
		if p.wait(sctx) != nil {
			return "", fmt.Errorf("read the address: %w", withCtx(ctx, sctx, err))
		}
	}
}

// Text returns the located element's visible text (innerText, trimmed,
// line breaks kept), or a field's value. secret marks the element for
// masking in screenshots and HTML dumps.
func (s *Session) Text(ctx context.Context, l Locator, secret bool) (string, error) {
	sctx, done := s.step(ctx)
	defer done()
	f, err := s.locate(sctx, ctx, "read", "element", l, findOpts{})
	if err != nil {
		return "", err
	}
	if secret {
		if _, err := call[bool](sctx, s, "mark", f.ID); err != nil {
			return "", fmt.Errorf("read %s: %w", l, withCtx(ctx, sctx, err))
		}
	}
	t, err := call[*string](sctx, s, "textOf", f.ID)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", l, withCtx(ctx, sctx, err))
	}
	if t == nil {
		return "", fmt.Errorf("read %s: it went away: %w", l, ErrNoMatch)
	}
	return strings.TrimSpace(*t), nil
}

// OnScreen returns up to max labels a reader sees (headings, buttons,
// links, tabs, labels, menu items, alerts), in document order, without
// duplicates, never input values or masked elements. max <= 0 means 30.
func (s *Session) OnScreen(ctx context.Context, max int) ([]string, error) {
	if max <= 0 {
		max = 30
	}
	sctx, done := s.step(ctx)
	defer done()
	labels, err := s.onScreen(sctx, max)
	if err != nil {
		return nil, fmt.Errorf("read the labels on screen: %w", withCtx(ctx, sctx, err))
	}
	return labels, nil
}

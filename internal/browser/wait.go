package browser

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// WaitText waits until the page's visible text contains text
// (case-insensitive, whitespace-normalised), or with present false until it
// no longer does.
func (s *Session) WaitText(ctx context.Context, text string, present bool) error {
	ctx, done := s.step(ctx)
	defer done()
	err := until(ctx, func() (bool, error) {
		has, err := s.hasText(ctx, text)
		return err == nil && has == present, nil
	})
	switch {
	case err == nil:
		return nil
	case !present:
		return fmt.Errorf("wait for text %q to go away: it is still on the page: %w", text, err)
	}
	return s.notReady(ctx, "wait", fmt.Sprintf("text %q", text), ErrNoMatch, "")
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
	if err := valid(l); err != nil {
		return err
	}
	ctx, done := s.step(ctx)
	defer done()
	if present {
		_, err := s.locate(ctx, "wait", "element", l, findOpts{})
		return err
	}
	err := until(ctx, func() (bool, error) {
		f, err := call[found](ctx, s, "find", jsOf(l), findOpts{})
		if err != nil {
			return false, nil // a navigation in progress
		}
		switch f.State {
		case "none", "hidden":
			_, inFrame := s.findInFrames(ctx, jsOf(l), findOpts{})
			return !inFrame, nil
		case "error":
			return false, fmt.Errorf("wait for %s to go away: %w: %s", l.Phrase("element"), ErrBadLocator, f.Reason)
		}
		return false, nil
	})
	if err != nil && !errors.Is(err, ErrBadLocator) {
		return fmt.Errorf("wait for %s to go away: it is still visible: %w", l.Phrase("element"), err)
	}
	return err
}

// WaitURL waits until the page's URL contains substr.
func (s *Session) WaitURL(ctx context.Context, substr string) error {
	ctx, done := s.step(ctx)
	defer done()
	var last string
	err := until(ctx, func() (bool, error) {
		u, err := call[string](ctx, s, "url")
		if err == nil {
			last = u
		}
		return err == nil && strings.Contains(u, substr), nil
	})
	if err != nil {
		return fmt.Errorf("wait for the address to contain %q: %w (it is %s): %w", substr, ErrNoMatch, last, err)
	}
	return nil
}

// URL returns the page's current address.
func (s *Session) URL(ctx context.Context) (string, error) {
	ctx, done := s.step(ctx)
	defer done()
	var (
		u       string
		lastErr error
	)
	err := until(ctx, func() (bool, error) {
		var err error
		u, err = call[string](ctx, s, "url")
		lastErr = err
		return err == nil, nil
	})
	if err != nil {
		return "", fmt.Errorf("read the address: %v: %w", lastErr, err)
	}
	return u, nil
}

// Text returns the located element's visible text (innerText, trimmed,
// line breaks kept), or a field's value. secret marks the element for
// masking in screenshots and HTML dumps.
func (s *Session) Text(ctx context.Context, l Locator, secret bool) (string, error) {
	ctx, done := s.step(ctx)
	defer done()
	f, err := s.locate(ctx, "read", "element", l, findOpts{})
	if err != nil {
		return "", err
	}
	if secret {
		if _, err := call[bool](ctx, s, "mark", f.ID); err != nil {
			return "", fmt.Errorf("read %s: %w", l, withCtx(ctx, err))
		}
	}
	t, err := call[*string](ctx, s, "textOf", f.ID)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", l, withCtx(ctx, err))
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
	ctx, done := s.step(ctx)
	defer done()
	labels, err := s.onScreen(ctx, max)
	if err != nil {
		return nil, fmt.Errorf("read the labels on screen: %w", withCtx(ctx, err))
	}
	return labels, nil
}

package browser

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// found is finder.js's answer for one locator.
type found struct {
	State   string  `json:"state"` // ok, none, hidden, disabled, readonly, covered, moving, error
	ID      string  `json:"id"`    // data-enroll-target of the element
	ActID   string  `json:"actId"` // the element to click (a label for a hidden checkbox)
	Count   int     `json:"count"`
	Hidden  int     `json:"hidden"`
	Tag     string  `json:"tag"`
	Type    string  `json:"type"`
	Role    string  `json:"role"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Covered string  `json:"covered"`
	Reason  string  `json:"reason"`
}

// findOpts say what "ready" means for the action.
type findOpts struct {
	Action   bool `json:"action"`   // not animating, scrolled into view, reachable by a click: gives X, Y
	Enabled  bool `json:"enabled"`  // not disabled
	Editable bool `json:"editable"` // not read-only
	Guard    bool `json:"guard"`    // with Action: when ready, guard the next click (clickFound)
}

// locate polls the finder until l's target is ready per o, or ctx ends;
// then the error says what was looked for, in a reader's words.
func (s *Session) locate(ctx context.Context, action, noun string, l Locator, o findOpts) (found, error) {
	if err := valid(l); err != nil {
		return found{}, err
	}
	return s.locateJS(ctx, action, l.Phrase(noun), jsOf(l), o)
}

// locateJS is locate for a locator as the page script reads it; what names
// it in the error. The page is searched first, then its cross-origin frames.
func (s *Session) locateJS(ctx context.Context, action, what string, jl jsLocator, o findOpts) (found, error) {
	var (
		res     found
		last    found
		lastErr error
	)
	err := until(ctx, func() (bool, error) {
		f, err := call[found](ctx, s, "find", jl, o)
		switch {
		case err != nil:
			lastErr = err // a navigation in progress: try again
		case f.State == "ok":
			res = s.onPage(ctx, jl.Scope, f)
			return true, nil
		case f.State == "error":
			return false, fmt.Errorf("%s: %s: %w: %s", action, what, ErrBadLocator, f.Reason)
		default:
			last, lastErr = f, nil
		}
		if jl.Scope == "" {
			if ff, ok := s.findInFrames(ctx, jl, o); ok {
				res = ff
				return true, nil
			}
		}
		return false, nil
	})
	if err == nil || errors.Is(err, ErrBadLocator) {
		return res, err
	}
	reason, detail := ErrNoMatch, ""
	switch last.State {
	case "disabled":
		reason = ErrDisabled
	case "readonly":
		reason, detail = ErrDisabled, "read-only"
	case "covered":
		reason, detail = ErrCovered, "by "+last.Covered
	case "moving":
		reason, detail = ErrCovered, "still moving"
	case "hidden":
		detail = plural(last.Hidden, "hidden match", "hidden matches")
	case "none":
		if last.Reason == "within" {
			detail = fmt.Sprintf("nothing on the page is called %q", jl.Within)
		}
	case "":
		if lastErr != nil {
			detail = "page not ready: " + lastErr.Error()
		}
	}
	return last, s.notReady(ctx, action, what, reason, detail)
}

// onPage makes an answer found inside scope usable from the page: when the
// scope is in a cross-origin frame, its ids are qualified and its point moved
// by where the frame sits.
func (s *Session) onPage(ctx context.Context, scope string, f found) found {
	rf, _ := s.frameOf(scope)
	if rf == nil {
		return f
	}
	f.ID, f.ActID = qualify(rf, f.ID), qualify(rf, f.ActID)
	if fb, err := s.box(ctx, rf); err == nil {
		f.X += fb.X
		f.Y += fb.Y
	}
	return f
}

// onScreenAfter reads the on-screen labels with a short context of its
// own, for an error raised after the step's deadline.
func (s *Session) onScreenAfter(max int) []string {
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	labels, err := s.onScreen(ctx, max)
	if err != nil {
		return nil
	}
	return labels
}

// onScreen lists what the page says first (alerts, errors, notices: what a
// failure most needs to show), then its labels, each from the page, then from
// its cross-origin frames (an error inside a frame must not be crowded out by
// the page's menu), without the same text twice.
func (s *Session) onScreen(ctx context.Context, max int) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(texts []string) {
		for _, t := range texts {
			if k := strings.ToLower(t); len(out) < max && !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	for _, kind := range []string{"messages", "labels"} {
		texts, err := call[[]string](ctx, s, "onScreen", max, kind)
		if err != nil {
			return nil, err
		}
		add(texts)
		s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
			if len(out) >= max {
				return
			}
			if more, err := evalIn[[]string](fctx, s, "onScreen", max, kind); err == nil {
				add(more)
			}
		})
	}
	return out, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

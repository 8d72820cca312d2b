package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"math"

	"github.com/chromedp/chromedp"
)

// What `enroll docs` reads of a page as a step left it, at once and without
// waiting: whether it shows a text, and where an element is, to crop the
// step's picture to it and draw a box around it.

// Shows reports whether the page, or one of its frames, shows text now
// (case-insensitive, white space folded), as WaitText would find it.
func (s *Session) Shows(ctx context.Context, text string) (bool, error) {
	ctx, done := s.step(ctx)
	defer done()
	has, err := s.hasText(ctx, text)
	if err != nil {
		return false, fmt.Errorf("look for text %q: %w", text, withCtx(ctx, err))
	}
	return has, nil
}

// Box returns where the element l finds is on the page now, in the pixels of
// a full-page Screenshot (CSS pixels from the document's top left), rounded
// outwards. It does not wait, scroll or move anything. It wraps ErrNoMatch
// when no visible element matches, or when the one found lies under an open
// modal dialog it is not part of (a reader sees the dialog, not it).
func (s *Session) Box(ctx context.Context, l Locator) (image.Rectangle, error) {
	if err := valid(l); err != nil {
		return image.Rectangle{}, err
	}
	ctx, done := s.step(ctx)
	defer done()
	jl := jsOf(l)
	f, err := call[found](ctx, s, "find", jl, findOpts{})
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("box of %s: %w", l.Phrase("element"), withCtx(ctx, err))
	}
	if f.State != "ok" {
		ff, ok := s.findInFrames(ctx, jl, findOpts{})
		if !ok {
			return image.Rectangle{}, fmt.Errorf("box of %s: %w", l.Phrase("element"), ErrNoMatch)
		}
		f = ff
	}
	rf, id := s.frameOf(f.ID)
	where := ctx
	if rf != nil {
		fctx, fdone := inFrame(rf, ctx)
		defer fdone()
		where = fctx
	}
	b, err := evalJSON[elementBox](where, fmt.Sprintf(boxJS, mustJSON(id)))
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("box of %s: %w", l.Phrase("element"), withCtx(ctx, err))
	}
	if b == nil || b.Under || b.W <= 0 || b.H <= 0 {
		return image.Rectangle{}, fmt.Errorf("box of %s: %w", l.Phrase("element"), ErrNoMatch)
	}
	x, y := b.X, b.Y
	if rf != nil { // in the frame's viewport: move by where the frame sits, and the page's scroll
		fb, err := s.box(ctx, rf)
		if err != nil {
			return image.Rectangle{}, fmt.Errorf("box of %s: %w", l.Phrase("element"), err)
		}
		page, err := evalJSON[elementBox](ctx, `({x: 0, y: 0, w: 1, h: 1, sx: scrollX, sy: scrollY})`)
		if err != nil || page == nil {
			return image.Rectangle{}, fmt.Errorf("box of %s: the page's scroll: %v", l.Phrase("element"), err)
		}
		x += fb.X + page.SX
		y += fb.Y + page.SY
	} else {
		x += b.SX
		y += b.SY
	}
	return image.Rect(int(math.Floor(x)), int(math.Floor(y)), int(math.Ceil(x+b.W)), int(math.Ceil(y+b.H))), nil
}

// elementBox is boxJS's answer: the element's box in its window's viewport, that
// window's scroll, and whether an open modal dialog it is not in covers it.
type elementBox struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	SX    float64 `json:"sx"`
	SY    float64 `json:"sy"`
	Under bool    `json:"under"`
}

// boxJS measures the element tagged %s (a JSON string) with the page script's own
// helpers (tree.js, finder.js).
const boxJS = `(() => {
  const api = window.__enrollV1 && window.__enrollV1._;
  if (!api) return null;
  const el = api.byId(%s);
  if (!el) return null;
  const r = api.rect(el);
  const inside = (d, e) => {
    for (let n = e; n; n = n.parentNode || (n.getRootNode && n.getRootNode().host) || null) if (n === d) return true;
    return false;
  };
  const modal = api.all(document, 'dialog:modal,[aria-modal=true]').filter((d) => api.visible(d));
  const under = modal.length > 0 && !modal.some((d) => inside(d, el));
  return { x: r.left, y: r.top, w: r.width, h: r.height, sx: scrollX, sy: scrollY, under };
})()`

// evalJSON evaluates js in ctx's document and decodes its JSON answer; nil for null.
func evalJSON[T any](ctx context.Context, js string) (*T, error) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js))
	if err != nil {
		return nil, err
	}
	var v *T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// mustJSON is v as a JSON literal for a script (a string always encodes).
func mustJSON(v string) string {
	b, _ := json.Marshal(v)
	return string(b)
}

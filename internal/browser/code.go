package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// codeTarget is finder.js's answer for the field(s) a code goes in.
type codeTarget struct {
	State string   `json:"state"` // ok, none, ambiguous, disabled
	IDs   []string `json:"ids"`
	Count int      `json:"count"`
}

type clickPoint struct {
	OK      bool    `json:"ok"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Covered string  `json:"covered"`
}

// TypeCode types a one-time code. into nil means the focused input, else
// the only visible input that looks like a code field (autocomplete=
// one-time-code, inputmode=numeric, maxlength 6-8, name/id/label with
// code/otp/token). With boxes, or when that input has maxlength=1 next to
// other one-character inputs, it types one character per box in DOM order
// with real key events, following the focus the page moves by script. The
// inputs are marked for masking; the code never appears in errors.
func (s *Session) TypeCode(ctx context.Context, into *Locator, code string, boxes bool) error {
	ctx, done := s.step(ctx)
	defer done()
	what := "code field"
	id := ""
	if into != nil {
		what = into.String()
		f, err := s.locate(ctx, "type the code into", "field", *into, findOpts{Enabled: true, Editable: true})
		if err != nil {
			return err
		}
		id = f.ID
	}
	// A field located in a cross-origin frame is answered by that frame's page
	// script, with ids of that frame: qualify them, as for the page's frames.
	rf, _ := s.frameOf(id)
	var t codeTarget
	err := until(ctx, func() (bool, error) {
		r, err := call[codeTarget](ctx, s, "codeField", id, boxes)
		if err == nil && rf != nil {
			for i, fid := range r.IDs {
				r.IDs[i] = qualify(rf, fid)
			}
		}
		if err == nil && r.State == "none" && id == "" {
			r = s.codeFieldInFrames(ctx, boxes, r)
		}
		if err == nil {
			t = r
		}
		return err == nil && r.State == "ok", nil
	})
	if err != nil {
		switch t.State {
		case "disabled":
			return s.notReady(ctx, "type the code", what, ErrDisabled, "")
		case "ambiguous":
			return s.notReady(ctx, "type the code", what, ErrNoMatch, fmt.Sprintf("%d inputs look like code fields; name one", t.Count))
		}
		return s.notReady(ctx, "type the code", what, ErrNoMatch, "")
	}
	if len(t.IDs) == 1 {
		pt, err := s.pointOf(ctx, t.IDs[0])
		if err != nil {
			return fmt.Errorf("type the code into %s: %w", what, withCtx(ctx, err))
		}
		err = s.withNavigation(ctx, func() error {
			return s.typeInto(ctx, found{ID: t.IDs[0], X: pt.X, Y: pt.Y}, code, true)
		}, nil)
		if err != nil {
			return fmt.Errorf("type the code into %s: %w", what, withCtx(ctx, err))
		}
		return nil
	}
	chars := []rune(code)
	if len(t.IDs) < len(chars) {
		return fmt.Errorf("type the code into %s: %d boxes for a %d-character code", what, len(t.IDs), len(chars))
	}
	pt, err := s.pointOf(ctx, t.IDs[0])
	if err != nil {
		return fmt.Errorf("type the code into %s: %w", what, withCtx(ctx, err))
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, pt.X, pt.Y), chromedp.MouseClickXY(pt.X, pt.Y)); err != nil {
		return fmt.Errorf("type the code into %s: %w", what, withCtx(ctx, err))
	}
	for i, r := range chars {
		// The page usually moves the focus itself; select the box's content
		// so the key replaces it, and focus it if the page did not.
		sel, err := call[struct {
			OK bool `json:"ok"`
		}](ctx, s, "focusSelect", t.IDs[i])
		if err != nil {
			return fmt.Errorf("type the code into %s: box %d: %w", what, i+1, withCtx(ctx, err))
		}
		if !sel.OK {
			return fmt.Errorf("type the code into %s: box %d does not take the keyboard focus", what, i+1)
		}
		key := chromedp.KeyEvent(string(r))
		if i == len(chars)-1 {
			err = s.withNavigation(ctx, func() error { return chromedp.Do(ctx, key) }, nil)
		} else {
			err = chromedp.Do(ctx, key)
		}
		if err != nil {
			return fmt.Errorf("type the code into %s: box %d: %w", what, i+1, withCtx(ctx, err))
		}
	}
	return nil
}

// codeFieldInFrames looks for the code field in the page's cross-origin
// frames when the page has none; none is the page's answer.
func (s *Session) codeFieldInFrames(ctx context.Context, boxes bool, none codeTarget) codeTarget {
	res := none
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		if res.State == "ok" {
			return
		}
		r, err := evalIn[codeTarget](fctx, s, "codeField", "", boxes)
		if err != nil || r.State == "none" {
			return
		}
		for i, id := range r.IDs {
			r.IDs[i] = qualify(rf, id)
		}
		res = r
	})
	return res
}

// pointOf scrolls a tagged element into view and returns a point where a
// click reaches it.
func (s *Session) pointOf(ctx context.Context, id string) (clickPoint, error) {
	var pt clickPoint
	err := until(ctx, func() (bool, error) {
		var err error
		pt, err = call[clickPoint](ctx, s, "pointOf", id)
		return err == nil && pt.OK, nil
	})
	switch {
	case err != nil && pt.Covered != "":
		return pt, fmt.Errorf("%w by %s: %w", ErrCovered, pt.Covered, err)
	case err != nil:
		return pt, fmt.Errorf("%w: %w", ErrNoMatch, err)
	}
	if rf, _ := s.frameOf(id); rf != nil {
		fb, err := s.box(ctx, rf)
		if err != nil {
			return pt, err
		}
		pt.X += fb.X
		pt.Y += fb.Y
	}
	return pt, nil
}

package browser

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/redact"
)

// maxShotPx bounds a full-page screenshot's height (Chromium's texture
// limit is 16384).
const maxShotPx = 16000

// Screenshot returns a PNG of the whole page with every marked element (QR
// codes, secrets read or typed, code boxes), every square image, every
// element showing key-like text, and every element or field whose text
// holds one of the secrets' values or a text one of their patterns finds in
// the page's texts (redact.Set.Find: whole tokens; compared without case,
// spaces or dashes; values under 4 characters are ignored) covered by an
// opaque black box, in the page and in its frames. Images still loading are
// let load first (half a second at most); anything to mask that appears
// while the picture is taken (a QR code drawn late, codes shown late) makes
// it be taken again, and a page that keeps changing gives an error rather
// than a picture that may show a secret. The masks are removed afterwards.
func (s *Session) Screenshot(ctx context.Context, secrets redact.Set) ([]byte, error) {
	ctx, done := s.step(ctx)
	defer done()
	defer func() {
		// Unmask even when the step's time is up.
		uctx, cancel := context.WithTimeout(s.ctx, 2*time.Second)
		defer cancel()
		_, _ = call[bool](uctx, s, "maskOff")
		s.eachFrame(uctx, func(fctx context.Context, rf *remoteFrame) { _, _ = evalIn[bool](fctx, s, "maskOff") })
	}()
	if _, err := s.maskOn(ctx, secrets, true); err != nil {
		return nil, fmt.Errorf("screenshot: mask secrets: %w", withCtx(ctx, err))
	}
	for attempt := 1; ; attempt++ {
		png, err := s.capture(ctx, nil, 1)
		if err != nil {
			return nil, fmt.Errorf("screenshot: %w", withCtx(ctx, err))
		}
		late, err := s.maskOn(ctx, secrets, false)
		if err != nil {
			return nil, fmt.Errorf("screenshot: mask secrets: %w", withCtx(ctx, err))
		}
		if late == 0 {
			return png, nil
		}
		if attempt == maxShots {
			return nil, fmt.Errorf("screenshot: the page kept showing new things to mask; no picture taken")
		}
		s.log.Debug("screenshot: masked what appeared while it was taken; again", "masked", late)
	}
}

// maxShots bounds how often Screenshot takes the picture again because
// something to mask appeared meanwhile.
const maxShots = 4

// maskOn masks what is to be masked in the page and its cross-origin frames
// (settle: let loading images load first) and says how many elements it
// masked that were not masked yet. A frame that cannot be masked is an
// error: it is not photographed.
func (s *Session) maskOn(ctx context.Context, secrets redact.Set, settle bool) (int, error) {
	values, err := showing(secrets, func() ([]string, error) { return call[[]string](ctx, s, "texts") })
	if err != nil {
		return 0, err
	}
	n, err := call[int](ctx, s, "maskOn", values, settle)
	if err != nil {
		return 0, err
	}
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		values, ferr := showing(secrets, func() ([]string, error) { return evalIn[[]string](fctx, s, "texts") })
		if ferr == nil {
			var m int
			m, ferr = evalIn[int](fctx, s, "maskOn", values, settle)
			n += m
		}
		if ferr != nil && err == nil {
			err = fmt.Errorf("a frame: %w", ferr)
		}
	})
	return n, err
}

// showing lists the secret values a document is to be masked for: the
// secrets' values, and the texts their patterns find in the document's texts
// (read by texts) now. The patterns are Go regular expressions, matched here
// rather than by the page's RegExp, which reads some of them otherwise.
func showing(secrets redact.Set, texts func() ([]string, error)) ([]string, error) {
	values := slices.Clip(secrets.Values)
	if len(secrets.Patterns) == 0 {
		return values, nil
	}
	ts, err := texts()
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		values = append(values, secrets.Find(t)...)
	}
	return values, nil
}

// rect is a rectangle in document CSS pixels.
type rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// capture takes a PNG of r (nil: the whole page, in CSS pixels) at scale.
func (s *Session) capture(ctx context.Context, r *rect, scale float64) ([]byte, error) {
	if r == nil {
		size, err := call[struct {
			W   float64 `json:"w"`
			H   float64 `json:"h"`
			DPR float64 `json:"dpr"`
		}](ctx, s, "pageSize")
		if err != nil {
			return nil, err
		}
		r = &rect{W: size.W, H: min(size.H, maxShotPx)}
		// A whole page is taken in CSS pixels whatever the screen's device
		// pixel ratio (a remote browser on a HiDPI screen has 2): its pictures
		// have the same size everywhere, and Box's rectangles fall on them.
		if size.DPR > 0 {
			scale /= size.DPR
		}
	}
	if r.W < 1 || r.H < 1 {
		return nil, fmt.Errorf("nothing to capture: %gx%g", r.W, r.H)
	}
	res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: new(true),
		FromSurface:           new(true),
		Clip:                  &page.Viewport{X: r.X, Y: r.Y, Width: r.W, Height: r.H, Scale: scale},
	})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// HTML returns the document's HTML for failure artifacts, redacted: marked
// elements, and the elements Screenshot would mask for showing a secret of
// secrets or key-like text, lose their content and attributes, every data:
// URL becomes "data:REDACTED", otpauth:// URIs become "otpauth://REDACTED",
// <script> bodies are removed, and input value attributes and textarea
// contents are dropped. A cross-origin frame that cannot be read is left out.
func (s *Session) HTML(ctx context.Context, secrets redact.Set) (string, error) {
	ctx, done := s.step(ctx)
	defer done()
	values, err := showing(secrets, func() ([]string, error) { return call[[]string](ctx, s, "texts") })
	if err != nil {
		return "", fmt.Errorf("read the page HTML: %w", withCtx(ctx, err))
	}
	h, err := call[string](ctx, s, "html", values)
	if err != nil {
		return "", fmt.Errorf("read the page HTML: %w", withCtx(ctx, err))
	}
	// Cross-origin frames follow the page, each in a comment-headed block.
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		values, err := showing(secrets, func() ([]string, error) { return evalIn[[]string](fctx, s, "texts") })
		if err != nil {
			return
		}
		if fh, err := evalIn[string](fctx, s, "html", values); err == nil {
			h += "\n<!-- enroll: a cross-origin frame of the page -->\n" + fh
		}
	})
	return h, nil
}

package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/gif"  // QR images in GIF
	_ "image/jpeg" // and JPEG
	_ "image/png"
	"net/url"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
)

// QR is a decoded QR code and where its pixels came from.
type QR struct {
	Text   string // the decoded text (an otpauth:// URI on enrollment pages): a secret, never log it
	Source string // one of the Source constants
	// URL is the image's address when the code was an <img src=URL> (not a data:
	// URL), "" otherwise: whether it still answers once enrollment is over is a check.
	URL string
	// Page is the address of the page that showed the code.
	Page string
}

// Where QR's pixels came from, most exact first.
const (
	SourceDataURL           = "data-url"           // the bytes of an <img src="data:...">
	SourceImgPixels         = "img-pixels"         // a loaded same-origin <img> drawn at natural size (no new request)
	SourceImgFetch          = "img-fetch"          // an <img src=URL> fetched inside the page with the session's cookies
	SourceCanvas            = "canvas"             // a canvas's pixels (toDataURL)
	SourceElementScreenshot = "element-screenshot" // a 2x screenshot of the element (svg, CSS-scaled, anything else)
	SourcePageScreenshot    = "page-screenshot"    // the whole page (or the within element), the last resort
)

// qrCand is one element that may hold a QR code, as finder.js lists it.
type qrCand struct {
	ID   string  `json:"id"`
	Tag  string  `json:"tag"`
	Kind string  `json:"kind"` // data-url, img-pixels, img-fetch, canvas or "" (screenshot only)
	Data string  `json:"data"` // a data: URL with the exact pixels, if any
	Src  string  `json:"src"`  // an <img>'s address, when it is not a data: URL
	Err  string  `json:"err"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`

	blank bool   // a canvas not drawn yet
	note  string // why it did not decode
}

// pageShotEvery spaces full-page screenshot attempts, the slowest capture.
const pageShotEvery = 400 * time.Millisecond

// QR finds the QR code on the page (inside within, if set) and decodes it:
// the largest square-ish img, canvas or svg that decodes, captured in order
// of exactness (see the Source constants). A canvas that is still blank is
// waited for. The element is then marked for masking. Waits until ctx's
// deadline for a code that decodes.
func (s *Session) QR(ctx context.Context, within *Locator) (QR, error) {
	ctx, done := s.step(ctx)
	defer done()
	what := "QR code"
	scope := ""
	if within != nil {
		what += " in " + within.String()
		f, err := s.locate(ctx, "scan", "element", *within, findOpts{})
		if err != nil {
			return QR{}, err
		}
		scope = f.ID
	}
	var (
		lastPage time.Time
		last     []qrCand
		res      QR
	)
	err := until(ctx, func() (bool, error) {
		cands, err := call[[]qrCand](ctx, s, "qrCandidates", scope)
		if err != nil {
			return false, nil // a navigation in progress
		}
		if scope == "" {
			if q, ok := s.qrInFrames(ctx); ok {
				res = q
				return true, nil
			}
		}
		last = cands
		q, ok := s.decodeCandidates(ctx, cands, scope, &lastPage)
		res = q
		return ok, nil
	})
	if err != nil {
		return QR{}, s.notReady(ctx, "scan", what, ErrNoMatch, summarize(last))
	}
	s.log.Debug("qr", "source", res.Source)
	if u, err := s.URL(ctx); err == nil {
		res.Page = u
	}
	s.mu.Lock()
	s.lastQR = res
	s.mu.Unlock()
	return res, nil
}

// LastQR returns the last QR code QR decoded in this session (zero before any).
func (s *Session) LastQR() QR {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastQR
}

// qrInFrames decodes a QR code whose exact pixels a cross-origin frame of the
// page gives (an identity widget's); other codes in frames are read from the
// page's screenshot, which shows the frames.
func (s *Session) qrInFrames(ctx context.Context) (QR, bool) {
	var q QR
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		if q.Text != "" {
			return
		}
		cands, err := evalIn[[]qrCand](fctx, s, "qrCandidates", "")
		if err != nil {
			return
		}
		for _, c := range cands {
			if c.Data == "" {
				continue
			}
			img, err := dataURLImage(c.Data)
			if err != nil || uniform(img) {
				continue
			}
			if text, err := qr.Decode(img); err == nil {
				_, _ = evalIn[bool](fctx, s, "mark", c.ID)
				q = QR{Text: text, Source: c.Kind}
				return
			}
		}
	})
	return q, q.Text != ""
}

// decodeCandidates tries the exact pixels of every candidate, then element
// screenshots, then (at most every pageShotEvery) the whole page.
func (s *Session) decodeCandidates(ctx context.Context, cands []qrCand, scope string, lastPage *time.Time) (QR, bool) {
	for i := range cands {
		c := &cands[i]
		if c.Data == "" {
			continue
		}
		img, err := dataURLImage(c.Data)
		if err != nil {
			c.note = err.Error()
			continue
		}
		if uniform(img) {
			c.blank = true
			c.note = "blank"
			continue
		}
		if text, err := qr.Decode(img); err == nil {
			q := s.decoded(ctx, text, c.Kind, c.ID)
			q.URL = c.Src
			return q, true
		}
		c.note = c.Kind + " unreadable"
	}
	for i := range cands {
		c := &cands[i]
		if c.blank {
			continue
		}
		png, err := s.capture(ctx, &rect{X: c.X, Y: c.Y, W: c.W, H: c.H}, 2)
		if err != nil {
			continue
		}
		if text, err := qr.DecodeBytes(png); err == nil {
			q := s.decoded(ctx, text, SourceElementScreenshot, c.ID)
			q.URL = c.Src
			return q, true
		}
	}
	if time.Since(*lastPage) < pageShotEvery || anyBlank(cands) {
		return QR{}, false
	}
	*lastPage = time.Now()
	var r *rect
	if scope != "" {
		sr, err := call[*rect](ctx, s, "rectOf", scope)
		if err != nil || sr == nil {
			return QR{}, false
		}
		r = sr
	}
	png, err := s.capture(ctx, r, 1)
	if err != nil {
		return QR{}, false
	}
	text, err := qr.DecodeBytes(png)
	if err != nil {
		return QR{}, false
	}
	ids := []string{scope}
	for _, c := range cands {
		ids = append(ids, c.ID)
	}
	return s.decoded(ctx, text, SourcePageScreenshot, ids...), true
}

// decoded marks the elements that showed the code for masking.
func (s *Session) decoded(ctx context.Context, text, source string, ids ...string) QR {
	for _, id := range ids {
		if id != "" {
			_, _ = call[bool](ctx, s, "mark", id)
		}
	}
	return QR{Text: text, Source: source}
}

func anyBlank(cands []qrCand) bool {
	for _, c := range cands {
		if c.blank {
			return true
		}
	}
	return false
}

func summarize(cands []qrCand) string {
	if len(cands) == 0 {
		return "no square image, canvas or svg on the page"
	}
	parts := make([]string, 0, len(cands))
	for _, c := range cands {
		p := fmt.Sprintf("%s %.0fx%.0f", c.Tag, c.W, c.H)
		switch {
		case c.note != "":
			p += " " + c.note
		case c.Err != "":
			p += " " + c.Err
		default:
			p += " unreadable"
		}
		parts = append(parts, p)
	}
	return plural(len(cands), "candidate", "candidates") + ", none decoded: " + strings.Join(parts, "; ")
}

// dataURLImage decodes the image in a data: URL.
func dataURLImage(u string) (image.Image, error) {
	head, body, ok := strings.Cut(u, ",")
	if !ok || !strings.HasPrefix(head, "data:") {
		return nil, fmt.Errorf("not a data URL")
	}
	var raw []byte
	var err error
	if strings.HasSuffix(head, ";base64") {
		raw, err = base64.StdEncoding.DecodeString(body)
	} else {
		var s string
		s, err = url.PathUnescape(body)
		raw = []byte(s)
	}
	if err != nil {
		return nil, fmt.Errorf("data URL: %w", err)
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("data URL image: %w", err)
	}
	return img, nil
}

// uniform reports whether every pixel has about the same colour: a canvas
// that exists but is not drawn yet.
func uniform(img image.Image) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	const tol = 0x1000
	near := func(x, y uint32) bool { return x-y < tol || y-x < tol }
	stepX, stepY := max(1, b.Dx()/128), max(1, b.Dy()/128)
	for y := b.Min.Y; y < b.Max.Y; y += stepY {
		for x := b.Min.X; x < b.Max.X; x += stepX {
			r, g, bb, a := img.At(x, y).RGBA()
			if !near(r, r0) || !near(g, g0) || !near(bb, b0) || !near(a, a0) {
				return false
			}
		}
	}
	return true
}

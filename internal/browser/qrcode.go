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
	// or blob: URL, which have no address on the site), "" otherwise: whether it still
	// answers once enrollment is over is a check.
	URL string
	// Page is the address of the document that showed the code: the page's, or,
	// for a code in a cross-origin frame (a security panel served by an accounts
	// service), that frame's document's, whose address and image's answer with
	// the frame's cookies. Reloading the page would start the frame afresh.
	Page string
	// Top is the page's address when a cross-origin frame showed the code, ""
	// when the page itself did.
	Top string
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
	where string // in which frame, for a frame's candidate
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
	var scopeFrame *remoteFrame // the cross-origin frame within is in, if any
	if within != nil {
		what += " in " + within.String()
		f, err := s.locate(ctx, "scan", "element", *within, findOpts{})
		if err != nil {
			return QR{}, err
		}
		scope = f.ID
		scopeFrame, _ = s.frameOf(scope)
	}
	var (
		lastPage time.Time
		last     []qrCand
		res      QR
	)
	err := until(ctx, func() (bool, error) {
		cands, err := call[[]qrCand](ctx, s, "qrCandidates", scope)
		if err == nil && scopeFrame != nil {
			err = s.candsOnPage(ctx, scopeFrame, cands)
		}
		if err != nil {
			return false, nil // a navigation in progress
		}
		var inFrames []qrCand
		if scope == "" {
			q, seen, ok := s.qrInFrames(ctx)
			if ok {
				res = q
				return true, nil
			}
			inFrames = seen
		}
		// Images without pixels yet are scrolled to before the slow page
		// screenshot, and those still to come hold it back, as a blank canvas does.
		var lazy, pending []qrCand
		if scope == "" {
			lazy = s.lazyImages(ctx)
		}
		for _, c := range lazy {
			if c.blank {
				pending = append(pending, c)
			}
		}
		all := append(cands, pending...)
		q, ok := s.decodeCandidates(ctx, all, scope, &lastPage)
		if ok {
			if q.Source == SourcePageScreenshot && scope == "" {
				if fq, ok := s.confirmInFrames(ctx, q.Text); ok {
					q = fq
				}
			}
			res = q
			return true, nil
		}
		seen := append(all[:len(cands):len(cands)], inFrames...)
		seen = append(seen, lazy...)
		if ctx.Err() == nil || len(seen) >= len(last) { // a look cut short may have seen less
			last = seen
		}
		return false, nil
	})
	if err != nil {
		return QR{}, s.notReady(ctx, "scan", what, ErrNoMatch, summarize(last))
	}
	if scopeFrame != nil {
		res.Page = "about:blank" // the frame's, even when its address cannot be read
		if u, err := call[string](ctx, s, "url", scope); err == nil && u != "" {
			res.Page = u
		}
	}
	s.log.Debug("qr", "source", res.Source, "in-frame", res.Page != "")
	if u, err := s.URL(ctx); err == nil {
		if res.Page != "" {
			res.Top = u
		} else {
			res.Page = u
		}
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
// page gives (an identity widget's, a security panel's); other codes in frames
// are read from the page's screenshot, which shows the frames. The frame's
// script scrolls its code into view, as for the page (qrCandidates). A code's
// QR has the frame document's address and its image's (absolute, of the
// frame's origin): those answer with the frame's cookies, not the page's.
// Without a code, it returns the candidates it saw, each saying where it is.
func (s *Session) qrInFrames(ctx context.Context) (QR, []qrCand, bool) {
	var (
		q    QR
		seen []qrCand
	)
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		if q.Text != "" {
			return
		}
		cands, err := evalIn[[]qrCand](fctx, s, "qrCandidates", "")
		if err != nil || len(cands) == 0 {
			return
		}
		for i := range cands {
			c := &cands[i]
			switch {
			case c.Data == "" && c.Err == "":
				c.note = "without pixels"
				if c.Src != "" {
					c.note += " from " + urlPath(c.Src)
				}
				continue
			case c.Data == "":
				continue
			}
			img, err := dataURLImage(c.Data)
			if err != nil {
				c.note = err.Error()
				continue
			}
			if uniform(img) {
				c.note = "blank"
				continue
			}
			if text, err := qr.Decode(img); err == nil {
				_, _ = evalIn[bool](fctx, s, "mark", c.ID)
				q = QR{Text: text, Source: c.Kind, URL: siteAddress(c.Src)}
				if u, err := evalIn[string](fctx, s, "url"); err == nil && u != "" {
					q.Page = u
				} else {
					q.Page = "about:blank" // a frame whose address could not be read: still not the page's
				}
				return
			}
			c.note = c.Kind + " unreadable"
		}
		where := frameWhere(ctx, s, rf)
		for i := range cands {
			cands[i].where = where
		}
		seen = append(seen, cands...)
	})
	return q, seen, q.Text != ""
}

// candsOnPage makes a frame's candidates usable from the page: ids qualified,
// rectangles moved from the frame's document to the page's.
func (s *Session) candsOnPage(ctx context.Context, rf *remoteFrame, cands []qrCand) error {
	for i := range cands {
		cands[i].ID = qualify(rf, cands[i].ID)
	}
	dx, dy, err := s.frameOffset(ctx, rf)
	if err != nil {
		return err
	}
	for i := range cands {
		cands[i].X += dx
		cands[i].Y += dy
	}
	return nil
}

// frameOffset is what moves a point of a frame's document onto the page's
// document: where the frame sits in the page's viewport, plus the page's scroll,
// less the frame's.
func (s *Session) frameOffset(ctx context.Context, rf *remoteFrame) (dx, dy float64, err error) {
	type scroll struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}
	const scrollJS = `({x: scrollX, y: scrollY})`
	fb, err := s.box(ctx, rf)
	if err != nil {
		return 0, 0, err
	}
	fctx, done := inFrame(rf, ctx)
	fs, err := evalJSON[scroll](fctx, scrollJS)
	done()
	if err != nil || fs == nil {
		return 0, 0, fmt.Errorf("the frame's scroll: %v", err)
	}
	ps, err := evalJSON[scroll](ctx, scrollJS)
	if err != nil || ps == nil {
		return 0, 0, fmt.Errorf("the page's scroll: %v", err)
	}
	return fb.X + ps.X - fs.X, fb.Y + ps.Y - fs.Y, nil
}

// frameConfirmWait bounds how long a code read from the page's screenshot waits
// for a cross-origin frame of the page to give it too.
const frameConfirmWait = 2 * time.Second

// confirmInFrames: a code read from the page's screenshot may be a cross-origin
// frame's, whose script was asked while its document was still loading (after a
// click in the frame). When a frame gives the same code within frameConfirmWait,
// its answer is the code's, with the frame's addresses.
func (s *Session) confirmInFrames(ctx context.Context, text string) (QR, bool) {
	if len(s.remoteFrames(ctx)) == 0 {
		return QR{}, false
	}
	cctx, cancel := context.WithTimeout(ctx, frameConfirmWait)
	defer cancel()
	var q QR
	err := until(cctx, func() (bool, error) {
		fq, _, ok := s.qrInFrames(cctx)
		if ok && fq.Text == text {
			q = fq
			return true, nil
		}
		return false, nil
	})
	return q, err == nil
}

// frameWhere names a frame for a message: in frame "its title".
func frameWhere(ctx context.Context, s *Session, rf *remoteFrame) string {
	if fb, err := s.box(ctx, rf); err == nil && fb.Name != "" {
		return fmt.Sprintf("in frame %q", fb.Name)
	}
	return "in a frame of another site"
}

// lazyImage is one image page.js's lazyImages lists.
type lazyImage struct {
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Src   string  `json:"src"`   // the path of its src, or of its data-src when it has none yet
	State string  `json:"state"` // lazy (no src yet), loading, or broken (its src gave no image)
}

// lazyImages scrolls to the images of the page and of its cross-origin frames
// that have no pixels yet, so that lazy ones load, and lists them for the
// message when no code is found; those whose pixels may still come are blank.
func (s *Session) lazyImages(ctx context.Context) []qrCand {
	var out []qrCand
	add := func(imgs []lazyImage, where string) {
		for _, l := range imgs {
			var note string
			switch l.State {
			case "lazy":
				note = "without pixels yet, no src (lazy: data-src " + l.Src + ")"
			case "broken":
				note = "without pixels: its src " + l.Src + " gave no image"
			default:
				note = "without pixels yet, still loading " + l.Src
			}
			out = append(out, qrCand{Tag: "img", W: l.W, H: l.H, note: note, where: where, blank: l.State != "broken"})
		}
	}
	if imgs, err := call[[]lazyImage](ctx, s, "lazyImages"); err == nil {
		add(imgs, "")
	}
	s.eachFrame(ctx, func(fctx context.Context, rf *remoteFrame) {
		imgs, err := evalIn[[]lazyImage](fctx, s, "lazyImages")
		if err == nil && len(imgs) > 0 {
			add(imgs, frameWhere(ctx, s, rf))
		}
	})
	return out
}

// urlPath is an address's path, for a message (its query may carry a token).
func urlPath(u string) string {
	if p, err := url.Parse(u); err == nil && p.Path != "" {
		return p.Path
	}
	return "an address"
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
			q.URL = siteAddress(c.Src)
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
			q.URL = siteAddress(c.Src)
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
		if rf, _ := s.frameOf(scope); rf != nil {
			dx, dy, err := s.frameOffset(ctx, rf)
			if err != nil {
				return QR{}, false
			}
			sr.X += dx
			sr.Y += dy
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
		if c.where != "" {
			p += " " + c.where
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

// siteAddress is an image's src as an address on a site: "" for a blob: URL (an
// image a script made from a fetch, as SPAs swap in a new QR code), which only that
// document can read.
func siteAddress(src string) string {
	if len(src) >= 5 && strings.EqualFold(src[:5], "blob:") {
		return ""
	}
	return src
}

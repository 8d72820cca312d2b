package qr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/makiuchi-d/gozxing"
)

// step is one decode attempt: a transform of the luminance plane and a
// binarizer. Transforms apply in the order invert, pad, scale.
type step struct {
	invert bool    // dark-mode code: swap dark and light
	pad    bool    // add a white border, for codes cropped without quiet zone
	scale  float64 // resample factor; 1 means untouched
	global bool    // GlobalHistogram binarizer instead of Hybrid
}

func (s step) String() string {
	var b strings.Builder
	if s.global {
		b.WriteString("global")
	} else {
		b.WriteString("hybrid")
	}
	if s.scale != 1 {
		fmt.Fprintf(&b, " x%g", s.scale)
	}
	if s.pad {
		b.WriteString(" padded")
	}
	if s.invert {
		b.WriteString(" inverted")
	}
	return b.String()
}

func (s step) variant() variant { return variant{invert: s.invert, pad: s.pad, scale: s.scale} }

// variant identifies a transformed plane, so steps that share one reuse it.
type variant struct {
	invert, pad bool
	scale       float64
}

// polarityOrder lists, for one polarity, the attempts in the order that read
// the most corpus samples soonest (see TestAnalyzeSteps): a plain attempt,
// then enlarging (thin modules), the other binarizer, and the rest.
var polarityOrder = []step{
	{scale: 1},
	{scale: 2},
	{scale: 1, global: true},
	{scale: 1.5},
	{scale: 1, pad: true},
	{scale: 0.75, pad: true},
	{scale: 2, global: true},
	{scale: 1.5, pad: true},
	{scale: 1.5, global: true},
	{scale: 2, pad: true},
	{scale: 1, pad: true, global: true},
	{scale: 0.75},
	{scale: 0.75, pad: true, global: true},
	{scale: 0.75, global: true},
	{scale: 1.5, pad: true, global: true},
	{scale: 2, pad: true, global: true},
}

// stepsFor returns the attempts for a plane: the plain one first, then every
// other attempt of the likelier polarity, then those of the other one.
// Steps that would enlarge the plane beyond maxScaledPixels are left out.
func stepsFor(p *plane) []step {
	first, second := false, true
	if p.looksInverted() {
		first, second = true, false
	}
	out := make([]step, 0, 2*len(polarityOrder))
	out = append(out, step{scale: 1})
	for _, inv := range []bool{first, second} {
		for _, s := range polarityOrder {
			s.invert = inv
			if s == (step{scale: 1}) {
				continue
			}
			if s.scale > 1 && float64(p.w*p.h)*s.scale*s.scale > maxScaledPixels {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// maxScaledPixels bounds the size of an enlarged copy (about 2000x2000), so
// a full-page screenshot is not blown up fourfold; codes in large images are
// located first and their neighbourhood enlarged instead.
const maxScaledPixels = 4 << 20

// looksInverted reports whether the plane's outer ring is almost all dark,
// as around a light-on-dark code with a quiet zone or on a dark page.
func (p *plane) looksInverted() bool {
	lo, hi := p.percentiles()
	if hi-lo < 32 {
		return false
	}
	mid := byte((int(lo) + int(hi)) / 2)
	dark, n := 0, 0
	count := func(v byte) {
		n++
		if v < mid {
			dark++
		}
	}
	for x := 0; x < p.w; x++ {
		count(p.pix[x])
		count(p.pix[(p.h-1)*p.w+x])
	}
	for y := 1; y < p.h-1; y++ {
		count(p.pix[y*p.w])
		count(p.pix[y*p.w+p.w-1])
	}
	return dark*5 > n*4
}

// percentiles returns the 2nd and 98th percentile luminance, sampling at
// most about 64k pixels.
func (p *plane) percentiles() (lo, hi byte) {
	var hist [256]int
	stride := max(1, len(p.pix)/65536)
	n := 0
	for i := 0; i < len(p.pix); i += stride {
		hist[p.pix[i]]++
		n++
	}
	cut := n / 50
	acc := 0
	for v := range 256 {
		acc += hist[v]
		if acc > cut {
			lo = byte(v)
			break
		}
	}
	acc = 0
	for v := 255; v >= 0; v-- {
		acc += hist[v]
		if acc > cut {
			hi = byte(v)
			break
		}
	}
	return lo, hi
}

// attempts holds the planes derived from one source during a Decode call.
type attempts struct {
	src    *plane
	planes map[variant]*plane
}

func (d *attempts) plane(v variant) *plane {
	if v == (variant{scale: 1}) {
		return d.src
	}
	if p, ok := d.planes[v]; ok {
		return p
	}
	var p *plane
	switch {
	case v.scale != 1:
		p = d.plane(variant{invert: v.invert, pad: v.pad, scale: 1}).scaled(v.scale)
	case v.pad:
		src := d.plane(variant{invert: v.invert, scale: 1})
		p = src.padded(max(8, max(src.w, src.h)/6), 255)
	default: // v.invert
		p = d.src.inverted()
	}
	if d.planes == nil {
		d.planes = make(map[variant]*plane)
	}
	d.planes[v] = p
	return p
}

// decodePlane tries steps in order and returns the text and the index of the
// step that read it.
func decodePlane(src *plane, steps []step) (string, int, error) {
	d := attempts{src: src}
	seen := 0
	for i, s := range steps {
		text, err := read(d.plane(s.variant()), s.global)
		if err == nil {
			return text, i, nil
		}
		if sawCode(err) {
			seen++
		}
	}
	what := "no finder patterns"
	if seen > 0 {
		what = fmt.Sprintf("a code was seen by %d but its data could not be corrected", seen)
	}
	return "", -1, fmt.Errorf("%w in %dx%d image after %d attempts (binarizers, rescaling, padding, inversion): %s",
		ErrNotFound, src.w, src.h, len(steps), what)
}

// sawCode reports whether a failed read got as far as a code's format or
// data (so the image holds a code that is too damaged, small or blurred).
func sawCode(err error) bool {
	var ce gozxing.ChecksumException
	var fe gozxing.FormatException
	return errors.As(err, &ce) || errors.As(err, &fe)
}

// allSteps is every combination the pipeline may try, for analysis.
func allSteps() []step {
	var out []step
	for _, inv := range []bool{false, true} {
		for _, s := range polarityOrder {
			s.invert = inv
			out = append(out, s)
		}
	}
	return out
}

package qr

import (
	"errors"
	"image"
	"image/color"

	"github.com/makiuchi-d/gozxing"
)

// plane is an 8-bit luminance image (0 black, 255 white), row-major with no
// padding. It implements gozxing.LuminanceSource so the decoder reads it
// directly, and it is the unit the retry pipeline transforms.
type plane struct {
	w, h int
	pix  []byte
}

var _ gozxing.LuminanceSource = (*plane)(nil)

func newPlane(w, h int) *plane { return &plane{w: w, h: h, pix: make([]byte, w*h)} }

// GetRow returns row y, copying it into row when that is large enough.
func (p *plane) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= p.h {
		return nil, errors.New("qr: row out of range")
	}
	if cap(row) < p.w {
		row = make([]byte, p.w)
	}
	row = row[:p.w]
	copy(row, p.pix[y*p.w:(y+1)*p.w])
	return row, nil
}

// GetMatrix returns the pixels; callers must not modify them.
func (p *plane) GetMatrix() []byte { return p.pix }

// GetWidth returns the width in pixels.
func (p *plane) GetWidth() int { return p.w }

// GetHeight returns the height in pixels.
func (p *plane) GetHeight() int { return p.h }

// IsCropSupported reports false: the QR reader never crops.
func (p *plane) IsCropSupported() bool { return false }

// Crop is not supported.
func (p *plane) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	return nil, errors.New("qr: crop not supported")
}

// IsRotateSupported reports false: the QR reader never rotates.
func (p *plane) IsRotateSupported() bool { return false }

// Invert returns a lazily inverted view of the plane.
func (p *plane) Invert() gozxing.LuminanceSource { return gozxing.NewInvertedLuminanceSource(p) }

// RotateCounterClockwise is not supported.
func (p *plane) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	return nil, errors.New("qr: rotation not supported")
}

// RotateCounterClockwise45 is not supported.
func (p *plane) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, errors.New("qr: rotation not supported")
}

// String describes the plane without dumping its pixels.
func (p *plane) String() string { return "qr plane" }

// flat reports whether the plane has too little contrast to hold a code.
func (p *plane) flat() bool {
	lo, hi := byte(255), byte(0)
	for _, v := range p.pix {
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi-lo < 24
}

// inverted returns a new plane with every value v replaced by 255-v.
func (p *plane) inverted() *plane {
	q := newPlane(p.w, p.h)
	for i, v := range p.pix {
		q.pix[i] = 255 - v
	}
	return q
}

// padded returns a new plane with a border of n pixels of value v around p.
func (p *plane) padded(n int, v byte) *plane {
	q := newPlane(p.w+2*n, p.h+2*n)
	if v != 0 {
		for i := range q.pix {
			q.pix[i] = v
		}
	}
	for y := 0; y < p.h; y++ {
		copy(q.pix[(y+n)*q.w+n:], p.pix[y*p.w:(y+1)*p.w])
	}
	return q
}

// luma is the ITU-R BT.601 luminance of 16-bit linear-ish channels scaled
// to 0..255, the weighting image/color uses for Gray.
func luma(r, g, b uint32) uint32 {
	return (19595*r + 38470*g + 7471*b + 1<<15) >> 24
}

// toPlane converts img to luminance. Transparent pixels are composited over
// bg (255 for white): a transparent background reads as white, the way a
// page shows it. It reports whether any pixel was not fully opaque.
func toPlane(img image.Image, bg byte) (p *plane, translucent bool) {
	b := img.Bounds()
	p = newPlane(b.Dx(), b.Dy())
	bgw := uint32(bg) * 0x101 // bg scaled to 16 bits
	i := 0
	switch m := img.(type) {
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			off := m.PixOffset(b.Min.X, y)
			copy(p.pix[i:i+p.w], m.Pix[off:off+p.w])
			i += p.w
		}
		return p, false
	case *image.YCbCr: // JPEG: Y is the luminance
		for y := b.Min.Y; y < b.Max.Y; y++ {
			off := m.YOffset(b.Min.X, y)
			copy(p.pix[i:i+p.w], m.Y[off:off+p.w])
			i += p.w
		}
		return p, false
	case *image.Paletted:
		var lut [256]byte
		var alpha [256]bool
		for k, c := range m.Palette {
			v, op := lumOver(c, bgw)
			lut[k] = v
			alpha[k] = !op
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			off := m.PixOffset(b.Min.X, y)
			for _, idx := range m.Pix[off : off+p.w] {
				p.pix[i] = lut[idx]
				translucent = translucent || alpha[idx]
				i++
			}
		}
		return p, translucent
	case *image.RGBA: // premultiplied, what screenshots and most PNGs decode to
		for y := b.Min.Y; y < b.Max.Y; y++ {
			s := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < p.w; x++ {
				r, g, bl, a := uint32(s[0]), uint32(s[1]), uint32(s[2]), uint32(s[3])
				s = s[4:]
				l := (19595*r + 38470*g + 7471*bl + 1<<15) >> 16
				if a != 255 {
					translucent = true
					l += (255 - a) * uint32(bg) / 255
				}
				p.pix[i] = byte(min(l, 255))
				i++
			}
		}
		return p, translucent
	case *image.NRGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			s := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < p.w; x++ {
				r, g, bl, a := uint32(s[0]), uint32(s[1]), uint32(s[2]), uint32(s[3])
				s = s[4:]
				l := (19595*r + 38470*g + 7471*bl + 1<<15) >> 16
				if a != 255 {
					translucent = true
					l = (l*a + uint32(bg)*(255-a) + 127) / 255
				}
				p.pix[i] = byte(min(l, 255))
				i++
			}
		}
		return p, translucent
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			v, op := lumOver(img.At(x, y), bgw)
			p.pix[i] = v
			translucent = translucent || !op
			i++
		}
	}
	return p, translucent
}

// lumOver returns the luminance of c composited over a grey of bgw (16-bit)
// and whether c is opaque.
func lumOver(c color.Color, bgw uint32) (byte, bool) {
	r, g, b, a := c.RGBA() // premultiplied, 16-bit
	under := (0xffff - a) * bgw / 0xffff
	l := luma(r+under, g+under, b+under)
	return byte(min(l, 255)), a == 0xffff
}

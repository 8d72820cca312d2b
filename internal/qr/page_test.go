package qr

import (
	"math/rand"
)

// fakePage draws a w x h screenshot-like page: a dark header bar, lines of
// text-like strokes, a few buttons, and the code sample s pasted at (x, y).
// dark gives a dark-mode page (light strokes on a dark background).
func fakePage(r *rand.Rand, w, h int, s sample, x, y int, dark bool) *plane {
	p := newPlane(w, h)
	bg, fg := byte(255), byte(30)
	if dark {
		bg, fg = 24, 220
	}
	for i := range p.pix {
		p.pix[i] = bg
	}
	fill := func(x0, y0, x1, y1 int, v byte) {
		for yy := max(y0, 0); yy < min(y1, h); yy++ {
			for xx := max(x0, 0); xx < min(x1, w); xx++ {
				p.pix[yy*w+xx] = v
			}
		}
	}
	fill(0, 0, w, 56, 60)               // header bar
	fill(24, 16, 120, 40, 230)          // logo
	for ly := 90; ly+14 < h; ly += 22 { // text lines
		lx := 40
		for lx < w-80 && r.Float64() > 0.02 {
			word := 3 + r.Intn(9)
			for range word {
				gw := 4 + r.Intn(4)
				for sx := lx; sx < lx+gw-1; sx++ {
					if r.Float64() < 0.45 {
						top := ly + r.Intn(4)
						fill(sx, top, sx+1, ly+11, fg)
					}
				}
				lx += gw
			}
			lx += 6
		}
		if r.Float64() < 0.08 { // button
			fill(40, ly, 200, ly+18, 90)
			ly += 10
		}
	}
	// The code sample's own pixels, with its background replaced by the page
	// colour beyond its image.
	fill(x-8, y-8, x+s.img.w+8, y+s.img.h+8, bg)
	for yy := 0; yy < s.img.h && y+yy < h; yy++ {
		copy(p.pix[(y+yy)*w+x:(y+yy)*w+min(w, x+s.img.w)], s.img.pix[yy*s.img.w:(yy+1)*s.img.w])
	}
	return p
}

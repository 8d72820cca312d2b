package qr

import (
	"image"
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// largePixels is the size above which an image is treated as a page
// (a full screenshot) rather than a picture of a code: the expensive
// attempts then run on crops around likely finder patterns.
const largePixels = 800 * 800

// maxRegions bounds how many candidate crops a large image gets.
const maxRegions = 4

// center is a possible finder pattern: position and module size in pixels.
type center struct {
	x, y, module float64
	count        int
}

// regions returns up to maxRegions rectangles of p likely to hold a QR code,
// best first, from the finder patterns found in its hybrid-binarized form
// (inverted when invert is set). Each region is a group of finder patterns
// of similar module size, extended by the code's edge, a quiet zone and
// some slack.
func (p *plane) regions(invert bool) []image.Rectangle {
	var src gozxing.LuminanceSource = p
	if invert {
		src = gozxing.NewInvertedLuminanceSource(p)
	}
	bm, err := gozxing.NewHybridBinarizer(src).GetBlackMatrix()
	if err != nil {
		return nil
	}
	f := detector.NewFinderPatternFinder(bm, nil)
	_, _ = f.Find(hints) // only the candidates matter here
	var cs []center
	for _, fp := range f.GetPossibleCenters() {
		cs = append(cs, center{x: fp.GetX(), y: fp.GetY(), module: fp.GetEstimatedModuleSize(), count: fp.GetCount()})
	}
	type group struct {
		r     image.Rectangle
		n     int // finder patterns in it
		count int // total confirmations
	}
	var groups []group
	for _, c := range cs {
		reach := 60 * c.module // up to version 10 between finder centres
		minX, minY, maxX, maxY := c.x, c.y, c.x, c.y
		g := group{}
		for _, d := range cs {
			ratio := d.module / c.module
			if ratio < 0.6 || ratio > 1.6 || math.Abs(d.x-c.x) > reach || math.Abs(d.y-c.y) > reach {
				continue
			}
			minX, minY = math.Min(minX, d.x), math.Min(minY, d.y)
			maxX, maxY = math.Max(maxX, d.x), math.Max(maxY, d.y)
			g.n++
			g.count += d.count
		}
		// From a finder centre to the code edge is 3.5 modules, plus a 4-module
		// quiet zone and slack for a poor module estimate.
		m := 12 * c.module
		switch {
		case g.n == 1: // a lone pattern says nothing of where the others are
			m = reach / 2
		case g.n == 2: // the third may be on either side of the two found
			m += math.Max(maxX-minX, maxY-minY)
		}
		g.r = image.Rect(int(minX-m), int(minY-m), int(maxX+m)+1, int(maxY+m)+1).
			Intersect(image.Rect(0, 0, p.w, p.h))
		groups = append(groups, g)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		gi, gj := groups[i], groups[j]
		if min(gi.n, 3) != min(gj.n, 3) {
			return min(gi.n, 3) > min(gj.n, 3)
		}
		return gi.count > gj.count
	})
	var out []image.Rectangle
	for _, g := range groups {
		if g.r.Dx() < 21 || g.r.Dy() < 21 || covered(g.r, out) {
			continue
		}
		out = append(out, g.r)
		if len(out) == maxRegions {
			break
		}
	}
	return out
}

// covered reports whether r lies mostly (90%) inside one of rs.
func covered(r image.Rectangle, rs []image.Rectangle) bool {
	area := r.Dx() * r.Dy()
	for _, o := range rs {
		in := r.Intersect(o)
		if in.Dx()*in.Dy()*10 >= area*9 {
			return true
		}
	}
	return false
}

// crop returns a copy of the part of p inside r.
func (p *plane) crop(r image.Rectangle) *plane {
	q := newPlane(r.Dx(), r.Dy())
	for y := 0; y < q.h; y++ {
		copy(q.pix[y*q.w:(y+1)*q.w], p.pix[(r.Min.Y+y)*p.w+r.Min.X:])
	}
	return q
}

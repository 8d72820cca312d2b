package guidedoc

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// Pictures says how each step's screenshot is shown. The zero value shows the whole
// page as the step left it.
type Pictures struct {
	// Crop cuts the picture down to the element the step acts on (Watch's focus)
	// with Margin pixels of the page around it, at least MinCropW x MinCropH where the
	// page is that big. A step whose element is not to be seen keeps the whole page.
	Crop bool
	// Highlight draws a box around the element the step acts on.
	Highlight bool
}

// The crop's context around the element, and the highlight's look.
const (
	Margin             = 160 // pixels of the page kept on each side of the element
	MinCropW, MinCropH = 640, 360
	highlightGap       = 4 // pixels between the element and its box
	highlightWidth     = 3
)

// highlightColour is the box's colour: a magenta that no mock or common site uses
// for its own borders.
var highlightColour = color.RGBA{R: 0xd6, G: 0x1f, B: 0x69, A: 0xff}

// focus applies p to one screenshot whose step acts on the element at box (page
// pixels). The masks the browser drew over QR codes and secrets are in the pixels, so
// they are in the result. It returns src's bytes unchanged when there is nothing to do.
func (p Pictures) focus(src []byte, box *image.Rectangle) ([]byte, error) {
	if box == nil || !p.Crop && !p.Highlight {
		return src, nil
	}
	img, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	bounds := img.Bounds()
	if !box.Overlaps(bounds) {
		return src, nil
	}
	out := image.NewRGBA(bounds)
	draw.Draw(out, bounds, img, bounds.Min, draw.Src)
	if p.Highlight {
		outline(out, box.Inset(-highlightGap), highlightWidth, highlightColour)
	}
	var res image.Image = out
	if p.Crop {
		res = out.SubImage(cropOf(*box, bounds))
	}
	var b bytes.Buffer
	if err := png.Encode(&b, res); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cropOf is the part of the page kept around box: Margin on each side, grown evenly to
// the minimum size, moved inside the page and cut to it.
func cropOf(box, page image.Rectangle) image.Rectangle {
	r := box.Inset(-Margin)
	grow := func(lo, hi, min, pageLo, pageHi int) (int, int) {
		if d := min - (hi - lo); d > 0 {
			lo, hi = lo-d/2, hi+d-d/2
		}
		if lo < pageLo {
			lo, hi = pageLo, hi+pageLo-lo
		}
		if hi > pageHi {
			lo, hi = lo-(hi-pageHi), pageHi
		}
		return max(lo, pageLo), hi
	}
	r.Min.X, r.Max.X = grow(r.Min.X, r.Max.X, MinCropW, page.Min.X, page.Max.X)
	r.Min.Y, r.Max.Y = grow(r.Min.Y, r.Max.Y, MinCropH, page.Min.Y, page.Max.Y)
	return r.Intersect(page)
}

// outline draws a rectangle's border, width pixels wide, inside r, clipped to img.
func outline(img *image.RGBA, r image.Rectangle, width int, c color.Color) {
	u := image.NewUniform(c)
	for _, side := range []image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+width)},
		{image.Pt(r.Min.X, r.Max.Y-width), r.Max},
		{r.Min, image.Pt(r.Min.X+width, r.Max.Y)},
		{image.Pt(r.Max.X-width, r.Min.Y), r.Max},
	} {
		draw.Draw(img, side.Intersect(img.Bounds()), u, image.Point{}, draw.Src)
	}
}

package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
)

// QuietZone is the width, in modules, of the light border the renderers put
// around the symbol, as the QR specification asks.
const QuietZone = 4

// MaxModulePx bounds the module size the renderers accept, to keep a typo
// from allocating a huge image.
const MaxModulePx = 64

// palette is black and white, so PNG stores one bit per pixel.
var palette = color.Palette{color.Black, color.White}

func checkModulePx(modulePx int) error {
	if modulePx < 1 || modulePx > MaxModulePx {
		return fmt.Errorf("qr: module size %d px out of range 1..%d", modulePx, MaxModulePx)
	}
	return nil
}

// Image renders the code for text with whole-pixel modules of modulePx
// pixels, black on white, with a QuietZone-module white border. The result
// is an *image.Paletted with two colours.
func Image(text string, modulePx int) (image.Image, error) {
	if err := checkModulePx(modulePx); err != nil {
		return nil, err
	}
	c, err := Encode(text)
	if err != nil {
		return nil, err
	}
	return c.Image(modulePx), nil
}

// Image renders the code with whole-pixel modules of modulePx pixels (at
// least 1), black on white, with a QuietZone-module white border.
func (c *Code) Image(modulePx int) *image.Paletted {
	modulePx = max(modulePx, 1)
	side := (c.size + 2*QuietZone) * modulePx
	img := image.NewPaletted(image.Rect(0, 0, side, side), palette)
	for i := range img.Pix {
		img.Pix[i] = 1 // white
	}
	for y := 0; y < c.size; y++ {
		for x := 0; x < c.size; x++ {
			if !c.modules[y*c.size+x] {
				continue
			}
			px := (x + QuietZone) * modulePx
			py := (y + QuietZone) * modulePx
			for yy := py; yy < py+modulePx; yy++ {
				row := img.Pix[yy*img.Stride+px : yy*img.Stride+px+modulePx]
				clear(row) // black
			}
		}
	}
	return img
}

// PNG renders the code for text like Image and encodes it as a 1-bit PNG.
func PNG(text string, modulePx int) ([]byte, error) {
	img, err := Image(text, modulePx)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression} // best saves 2 bytes at 5x the time
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("qr: png: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG renders the code for text as an inline <svg> element: a viewBox in
// module units including the QuietZone, width and height of modulePx pixels
// per module, shape-rendering crispEdges, a white background rect and one
// black path holding all dark modules (horizontal runs merged).
func SVG(text string, modulePx int) (string, error) {
	if err := checkModulePx(modulePx); err != nil {
		return "", err
	}
	c, err := Encode(text)
	if err != nil {
		return "", err
	}
	return c.SVG(modulePx), nil
}

// SVG renders the code as an inline <svg> element; see the package-level SVG.
func (c *Code) SVG(modulePx int) string {
	modulePx = max(modulePx, 1)
	side := c.size + 2*QuietZone
	sideStr := strconv.Itoa(side)
	pxStr := strconv.Itoa(side * modulePx)
	var b strings.Builder
	b.Grow(64 + c.size*c.size*4)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(sideStr + " " + sideStr)
	b.WriteString(`" width="` + pxStr + `" height="` + pxStr)
	b.WriteString(`" shape-rendering="crispEdges" role="img" aria-label="QR code">`)
	b.WriteString(`<rect x="0" y="0" width="` + sideStr + `" height="` + sideStr + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="`)
	for y := 0; y < c.size; y++ {
		for x := 0; x < c.size; {
			if !c.modules[y*c.size+x] {
				x++
				continue
			}
			run := 1
			for x+run < c.size && c.modules[y*c.size+x+run] {
				run++
			}
			// M x y h run v 1 h -run z: one rectangle per run of dark modules.
			b.WriteString("M" + strconv.Itoa(x+QuietZone) + " " + strconv.Itoa(y+QuietZone) +
				"h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

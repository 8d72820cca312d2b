package qr

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestModules(t *testing.T) {
	t.Parallel()
	c := mustEncode(t, sampleURI)
	rows, err := Modules(sampleURI)
	if err != nil {
		t.Fatal(err)
	}
	if n := c.Size(); len(rows) != n || (n-17)%4 != 0 {
		t.Fatalf("Modules gave %d rows, Size %d; want equal and 4*version+17", len(rows), n)
	}
	for y, row := range rows {
		for x, dark := range row {
			if dark != c.At(x, y) {
				t.Fatalf("Modules[%d][%d] = %v, At = %v", y, x, dark, c.At(x, y))
			}
		}
	}
	// The top-left finder pattern: a dark 7x7 ring, a light ring, a dark 3x3.
	for y := range 7 {
		for x := range 7 {
			ring := max(abs(x-3), abs(y-3))
			if want := ring != 2; c.At(x, y) != want {
				t.Fatalf("finder module (%d,%d) = %v, want %v", x, y, c.At(x, y), want)
			}
		}
	}
	if c.At(-1, 0) || c.At(0, c.Size()) {
		t.Error("At outside the symbol is dark, want light (quiet zone)")
	}
}

func abs(v int) int { return max(v, -v) }

func TestPNG(t *testing.T) {
	t.Parallel()
	c := mustEncode(t, sampleURI)
	for _, px := range []int{1, 3, 4} {
		b, err := PNG(sampleURI, px)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("png.Decode: %v", err)
		}
		side := (c.Size() + 2*QuietZone) * px
		if img.Bounds() != image.Rect(0, 0, side, side) {
			t.Fatalf("PNG(%d px) bounds %v, want %dx%d", px, img.Bounds(), side, side)
		}
		if _, ok := img.(*image.Paletted); !ok {
			t.Errorf("PNG(%d px) decodes to %T, want a paletted image", px, img)
		}
		for y := 0; y < side; y++ {
			for x := 0; x < side; x++ {
				r, _, _, _ := img.At(x, y).RGBA()
				dark := c.At(x/px-QuietZone, y/px-QuietZone)
				if (r == 0) != dark {
					t.Fatalf("PNG(%d px) pixel (%d,%d) dark = %v, want %v", px, x, y, r == 0, dark)
				}
			}
		}
		if px == 4 && len(b) > 2048 {
			t.Errorf("PNG(4 px) is %d bytes, want a small 1-bit image", len(b))
		}
	}
}

// svgDoc is the structure SVG promises.
type svgDoc struct {
	XMLName        xml.Name `xml:"svg"`
	ViewBox        string   `xml:"viewBox,attr"`
	Width          string   `xml:"width,attr"`
	Height         string   `xml:"height,attr"`
	ShapeRendering string   `xml:"shape-rendering,attr"`
	Rects          []struct {
		Width  string `xml:"width,attr"`
		Height string `xml:"height,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"rect"`
	Paths []struct {
		D    string `xml:"d,attr"`
		Fill string `xml:"fill,attr"`
	} `xml:"path"`
}

var svgRun = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

func TestSVG(t *testing.T) {
	t.Parallel()
	c := mustEncode(t, sampleURI)
	s, err := SVG(sampleURI, 5)
	if err != nil {
		t.Fatal(err)
	}
	var doc svgDoc
	if err := xml.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v", err)
	}
	side := c.Size() + 2*QuietZone
	n := strconv.Itoa(side)
	if doc.ViewBox != "0 0 "+n+" "+n {
		t.Errorf("viewBox = %q, want 0 0 %d %d", doc.ViewBox, side, side)
	}
	if px := strconv.Itoa(side * 5); doc.Width != px || doc.Height != px {
		t.Errorf("size = %sx%s, want %sx%s", doc.Width, doc.Height, px, px)
	}
	if doc.ShapeRendering != "crispEdges" {
		t.Errorf("shape-rendering = %q, want crispEdges", doc.ShapeRendering)
	}
	if len(doc.Rects) != 1 || doc.Rects[0].Width != n || doc.Rects[0].Height != n || doc.Rects[0].Fill != "#fff" {
		t.Errorf("background rects = %+v, want one white %sx%s", doc.Rects, n, n)
	}
	if len(doc.Paths) != 1 || doc.Paths[0].Fill != "#000" {
		t.Fatalf("paths = %d, want one black path", len(doc.Paths))
	}
	// Rasterise the path at one pixel per module and compare with the matrix.
	grid := make([]bool, side*side)
	d := doc.Paths[0].D
	for d != "" {
		m := svgRun.FindStringSubmatch(d)
		if m == nil {
			t.Fatalf("unexpected path data at %.20q", d)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		run, _ := strconv.Atoi(m[3])
		if back, _ := strconv.Atoi(m[4]); back != run {
			t.Fatalf("run %q does not close", m[0])
		}
		for i := x; i < x+run; i++ {
			if grid[y*side+i] {
				t.Fatalf("module (%d,%d) drawn twice", i, y)
			}
			grid[y*side+i] = true
		}
		d = strings.TrimPrefix(d, m[0])
	}
	for y := range side {
		for x := range side {
			if want := c.At(x-QuietZone, y-QuietZone); grid[y*side+x] != want {
				t.Fatalf("svg module (%d,%d) = %v, want %v", x, y, grid[y*side+x], want)
			}
		}
	}
}

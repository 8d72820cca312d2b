package kittest

import (
	"image"
	"image/color"
	"testing"

	"github.com/enroll-dev/enroll/internal/qr"
)

// modulePx is how many pixels a QR module gets when ScanModules draws it.
const modulePx = 4

// ScanModules draws a QR code's module matrix (dark[y][x], true for a dark module) at
// 4 pixels a module with quiet light modules around it, and decodes it as an
// authenticator app's camera would. It fails the test when no QR code can be read. For
// sites that draw the code themselves (an inline SVG, a canvas) rather than serve an
// image.
func ScanModules(t testing.TB, dark [][]bool, quiet int) string {
	t.Helper()
	side := len(dark) + 2*quiet
	img := image.NewGray(image.Rect(0, 0, side*modulePx, side*modulePx))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range dark {
		for x, on := range row {
			if !on {
				continue
			}
			for dy := range modulePx {
				for dx := range modulePx {
					img.SetGray((x+quiet)*modulePx+dx, (y+quiet)*modulePx+dy, color.Gray{})
				}
			}
		}
	}
	uri, err := qr.Decode(img)
	if err != nil {
		t.Fatalf("decode the QR modules: %v", err)
	}
	return uri
}

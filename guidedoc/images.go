package guidedoc

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
)

// Threshold is the share of an image's pixels that must differ from the last render
// for the image to count as changed: below it, a blinking caret or an anti-aliasing
// wobble; above it, something a doc writer should look at.
const Threshold = 0.001

// Change is one image of a render that is new or differs from the last render's.
type Change struct {
	Image string // the image's path in the output folder, slash-separated
	// Share is the share of pixels that differ (0..1); 1 for a new image or one whose
	// size changed.
	Share float64
	New   bool
}

func (c Change) String() string {
	if c.New {
		return c.Image + " (new)"
	}
	return fmt.Sprintf("%s (%.2f%% of pixels)", c.Image, 100*c.Share)
}

// copyImage writes the PNG data to dst and says how much it differs from the image
// dst held before, by decoded pixels; had is false when dst held nothing readable.
func copyImage(dst string, data []byte) (share float64, had bool, err error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, false, err
	}
	if old, err := os.ReadFile(dst); err == nil {
		if prev, err := png.Decode(bytes.NewReader(old)); err == nil {
			share, had = Diff(prev, img), true
		}
	}
	return share, had, os.WriteFile(dst, data, 0o644)
}

// Diff is the share of pixels (0..1) that differ between a and b, compared by their
// decoded colours; 1 when their sizes differ.
func Diff(a, b image.Image) float64 {
	ra, rb := a.Bounds(), b.Bounds()
	if ra.Size() != rb.Size() || ra.Empty() {
		return 1
	}
	n := 0
	for y := 0; y < ra.Dy(); y++ {
		for x := 0; x < ra.Dx(); x++ {
			r1, g1, b1, a1 := a.At(ra.Min.X+x, ra.Min.Y+y).RGBA()
			r2, g2, b2, a2 := b.At(rb.Min.X+x, rb.Min.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				n++
			}
		}
	}
	return float64(n) / float64(ra.Dx()*ra.Dy())
}

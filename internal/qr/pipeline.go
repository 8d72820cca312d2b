package qr

import (
	"fmt"
	"image"
)

// Decode reads the QR code in img and returns its text.
func Decode(img image.Image) (string, error) {
	if img.Bounds().Empty() {
		return "", fmt.Errorf("empty image: %w", ErrNotFound)
	}
	p, _ := toPlane(img, 255)
	var last error
	for _, inv := range []bool{false, true} {
		src := p
		if inv {
			src = p.inverted()
		}
		for _, global := range []bool{false, true} {
			text, err := read(src, global)
			if err == nil {
				return text, nil
			}
			last = err
		}
	}
	return "", fmt.Errorf("%w (tried hybrid and global binarizers, normal and inverted: %v)", ErrNotFound, last)
}

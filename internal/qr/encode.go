package qr

import (
	"errors"
	"fmt"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// ErrEmpty is returned by the encoders when asked to encode an empty text.
var ErrEmpty = errors.New("qr: empty text")

// Code is the module matrix of an encoded QR code, without quiet zone.
// Module (0, 0) is the top-left corner; a true module is dark.
type Code struct {
	size    int
	modules []bool // row-major, size*size
}

// Size returns the number of modules on each side (21 for version 1, 4 more
// per version), excluding the quiet zone.
func (c *Code) Size() int { return c.size }

// At reports whether the module at column x, row y is dark. Coordinates
// outside the symbol (the quiet zone and beyond) are light.
func (c *Code) At(x, y int) bool {
	if x < 0 || y < 0 || x >= c.size || y >= c.size {
		return false
	}
	return c.modules[y*c.size+x]
}

// Rows returns the matrix as rows of modules, true for dark, as a fresh
// copy the caller may keep.
func (c *Code) Rows() [][]bool {
	rows := make([][]bool, c.size)
	for y := range rows {
		rows[y] = append([]bool(nil), c.modules[y*c.size:(y+1)*c.size]...)
	}
	return rows
}

// Encode encodes text (UTF-8 in byte mode when it is not alphanumeric) as a
// QR code with error correction level M, the level authenticator setup pages
// commonly use, choosing the smallest version that fits.
func Encode(text string) (*Code, error) {
	if text == "" {
		return nil, ErrEmpty
	}
	hints := map[gozxing.EncodeHintType]any{
		gozxing.EncodeHintType_ERROR_CORRECTION: decoder.ErrorCorrectionLevel_M,
		gozxing.EncodeHintType_MARGIN:           0,
	}
	// Width and height 0 with margin 0 give one matrix cell per module.
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		return nil, fmt.Errorf("qr: encode %d bytes: %w", len(text), err)
	}
	size := m.GetWidth()
	if size != m.GetHeight() || size < 21 {
		return nil, fmt.Errorf("qr: encode: unexpected matrix %dx%d", size, m.GetHeight())
	}
	c := &Code{size: size, modules: make([]bool, size*size)}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			c.modules[y*size+x] = m.Get(x, y)
		}
	}
	return c, nil
}

// Modules encodes text like Encode and returns the module matrix as rows,
// true for dark, without quiet zone: the shape a page script needs to draw
// the code on a canvas (marshal it as JSON arrays of booleans).
func Modules(text string) ([][]bool, error) {
	c, err := Encode(text)
	if err != nil {
		return nil, err
	}
	return c.Rows(), nil
}

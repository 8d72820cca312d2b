package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // DecodeBytes accepts GIF
	_ "image/jpeg" // DecodeBytes accepts JPEG
	_ "image/png"  // DecodeBytes accepts PNG

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// ErrNotFound is returned (wrapped with what was tried) when no QR code
// could be read from an image. Check it with errors.Is.
var ErrNotFound = errors.New("qr: no code found")

// DecodeBytes decodes a PNG, JPEG or GIF image and reads the QR code in it
// like Decode.
func DecodeBytes(b []byte) (string, error) {
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("qr: decode image (%d bytes): %w", len(b), err)
	}
	text, err := Decode(img)
	if err != nil {
		return "", fmt.Errorf("%s image: %w", format, err)
	}
	return text, nil
}

var hints = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}

// read runs the QR reader once over src with the given binarizer.
func read(src gozxing.LuminanceSource, global bool) (string, error) {
	var bin gozxing.Binarizer
	if global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	} else {
		bin = gozxing.NewHybridBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

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

// Decode reads the QR code in img and returns its text.
//
// It makes one plain attempt first (hybrid binarizer, try harder), which
// reads most crisp codes at no extra cost. Failing that it retries with the
// global-histogram binarizer, rescaled copies (x2, x1.5, x0.75), a white
// border (for codes cropped without quiet zone) and inverted luminance (for
// light-on-dark codes), in an order tuned on a generated corpus. Transparent
// pixels count as white, and if the image has any, also as black (a light
// code drawn on a transparent background). In a large image such as a full
// page, the retries run on crops around likely finder patterns.
func Decode(img image.Image) (string, error) {
	if img.Bounds().Empty() {
		return "", fmt.Errorf("%w: empty image", ErrNotFound)
	}
	p, translucent := toPlane(img, 255)
	text, _, err := decodeLum(p)
	if err == nil || !translucent {
		return text, err
	}
	overBlack, _ := toPlane(img, 0)
	if text, _, err2 := decodeLum(overBlack); err2 == nil {
		return text, nil
	}
	return "", err
}

// decodeLum reads the code in p: the plain attempt, then the retries. It
// also says which attempt succeeded, for the corpus statistics.
func decodeLum(p *plane) (text, how string, err error) {
	if text, err := read(p, false); err == nil {
		return text, "plain", nil
	}
	if p.w*p.h <= largePixels {
		if p.flat() {
			return "", "", fmt.Errorf("%w: blank %dx%d image", ErrNotFound, p.w, p.h)
		}
		steps := stepsFor(p)[1:]
		text, i, err := decodePlane(p, steps)
		if err != nil {
			return "", "", err
		}
		return text, steps[i].String(), nil
	}
	// A page: cheap whole-image attempts, then the full pipeline on crops.
	whole := []step{{scale: 1, global: true}, {scale: 1, invert: true}, {scale: 1, invert: true, global: true}}
	if p.looksInverted() {
		whole = []step{{scale: 1, invert: true}, {scale: 1, invert: true, global: true}, {scale: 1, global: true}}
	}
	if text, i, err := decodePlane(p, whole); err == nil {
		return text, "page " + whole[i].String(), nil
	}
	polarities := []bool{false, true}
	if p.looksInverted() {
		polarities = []bool{true, false}
	}
	var tried []image.Rectangle
	tryRegions := func(rs []image.Rectangle) (string, string, bool) {
		for _, r := range rs {
			if covered(r, tried) {
				continue
			}
			tried = append(tried, r)
			c := p.crop(r)
			steps := stepsFor(c)
			if text, i, err := decodePlane(c, steps); err == nil {
				return text, "crop " + steps[i].String(), true
			}
		}
		return "", "", false
	}
	for _, inv := range polarities {
		if text, how, ok := tryRegions(p.regions(inv)); ok {
			return text, how, nil
		}
	}
	// Thin or blurred modules defeat the finder pattern search at the page's
	// own resolution; look for them again in an enlarged copy.
	if p.w*p.h <= maxPagePixels {
		big := p.scaled(2)
		for _, inv := range polarities {
			var rs []image.Rectangle
			for _, r := range big.regions(inv) {
				rs = append(rs, image.Rect(r.Min.X/2, r.Min.Y/2, (r.Max.X+1)/2, (r.Max.Y+1)/2))
			}
			if text, how, ok := tryRegions(rs); ok {
				return text, how + " (located at x2)", nil
			}
		}
	}
	return "", "", fmt.Errorf("%w in %dx%d page (whole image and crops around finder patterns)", ErrNotFound, p.w, p.h)
}

// maxPagePixels bounds the page size for which Decode searches an enlarged
// copy (16 M pixels once enlarged, about 100 MB of working memory).
const maxPagePixels = 4 << 20

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

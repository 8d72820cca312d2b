package qr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"math/rand"
	"strings"
	"testing"
)

// paint renders c at px pixels per module with quiet modules of border as an
// RGBA image, dark modules in fg and everything else in bg.
func paint(t testing.TB, c *Code, px, quiet int, fg, bg color.Color) *image.NRGBA {
	t.Helper()
	side := (c.Size() + 2*quiet) * px
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			col := bg
			if c.At(x/px-quiet, y/px-quiet) {
				col = fg
			}
			img.Set(x, y, col)
		}
	}
	return img
}

func mustEncode(t testing.TB, text string) *Code {
	t.Helper()
	c, err := Encode(text)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return c
}

func TestDecodeVariants(t *testing.T) {
	t.Parallel()
	c := mustEncode(t, sampleURI)
	black, white := color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}
	transparent := color.NRGBA{}
	encodeJPEG := func(img image.Image) image.Image {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
			t.Fatal(err)
		}
		out, err := jpeg.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tests := []struct {
		name string
		img  image.Image
	}{
		{"black on white", paint(t, c, 3, 4, black, white)},
		{"transparent background", paint(t, c, 3, 4, black, transparent)},
		{"white on transparent", paint(t, c, 3, 4, white, transparent)},
		{"half-transparent modules", paint(t, c, 3, 4, color.NRGBA{0, 0, 0, 160}, transparent)},
		{"dark mode", paint(t, c, 3, 4, color.NRGBA{230, 230, 230, 255}, color.NRGBA{18, 18, 18, 255})},
		{"navy on cream", paint(t, c, 3, 4, color.NRGBA{20, 30, 90, 255}, color.NRGBA{250, 245, 220, 255})},
		{"no quiet zone", paint(t, c, 3, 0, black, white)},
		{"no quiet zone dark mode", paint(t, c, 3, 0, white, black)},
		{"jpeg", encodeJPEG(paint(t, c, 3, 4, black, white))},
		{"sub-image", paint(t, c, 4, 6, black, white).SubImage(image.Rect(7, 9, 220, 230))},
		{"gray", c.grayImage(4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode(tt.img)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != sampleURI {
				t.Fatalf("Decode = %q, want %q", got, sampleURI)
			}
		})
	}
}

// grayImage renders the code as an *image.Gray, a type with its own fast path.
func (c *Code) grayImage(px int) *image.Gray {
	p := c.Image(px)
	g := image.NewGray(p.Bounds())
	for i, v := range p.Pix {
		g.Pix[i] = 255 * v
	}
	return g
}

func TestDecodeBytesFormats(t *testing.T) {
	t.Parallel()
	img, err := Image(sampleURI, 3)
	if err != nil {
		t.Fatal(err)
	}
	pngBytes, err := PNG(sampleURI, 3)
	if err != nil {
		t.Fatal(err)
	}
	var gifBuf, jpegBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpegBuf, img, &jpeg.Options{Quality: 75}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		b    []byte
	}{
		{"png", pngBytes},
		{"gif", gifBuf.Bytes()},
		{"jpeg", jpegBuf.Bytes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodeBytes(tt.b)
			if err != nil || got != sampleURI {
				t.Fatalf("DecodeBytes = %q, %v; want %q", got, err, sampleURI)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(5))
	noise := image.NewGray(image.Rect(0, 0, 200, 200))
	for i := range noise.Pix {
		noise.Pix[i] = byte(r.Intn(256))
	}
	tests := []struct {
		name     string
		img      image.Image
		notFound bool
	}{
		{"empty", image.NewGray(image.Rect(0, 0, 0, 0)), true},
		{"blank", image.NewGray(image.Rect(0, 0, 300, 150)), true},
		{"noise", noise, true},
		{"blank page", image.NewGray(image.Rect(0, 0, 1280, 900)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode(tt.img)
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("Decode error = %v, want ErrNotFound", err)
			}
		})
	}
	// A code with a third of its data wiped: found, but beyond correction.
	damaged := mustEncode(t, sampleURI).grayImage(3)
	for y := 60; y < 110; y++ {
		for x := 40; x < 140; x++ {
			damaged.Pix[y*damaged.Stride+x] = 255
		}
	}
	_, err := Decode(damaged)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "a code was seen") {
		t.Errorf("Decode(damaged code) error = %v, want ErrNotFound saying a code was seen", err)
	}
	if _, err := DecodeBytes([]byte("not an image")); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("DecodeBytes(garbage) error = %v, want an image format error", err)
	}
}

// TestDecodePage finds codes of several module sizes in a full-page
// screenshot-like image, light and dark.
func TestDecodePage(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(3))
	type pageCase struct {
		name string
		text string
		img  *plane
	}
	var cases []pageCase
	for _, px := range []float64{2.2, 2.5, 3, 4, 5} {
		for _, dark := range []bool{false, true} {
			text := randomURI(r)
			s := renderSample(r, text, px, 4, dark, "bilinear")
			name := s.String()
			cases = append(cases, pageCase{name, text, fakePage(r, 1280, 1800, s, 300+r.Intn(600), 200+r.Intn(1200), dark)})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, how, err := decodeLum(tc.img)
			if err != nil || got != tc.text {
				t.Fatalf("decode page = %q, %v; want %q", got, err, tc.text)
			}
			t.Logf("read by %s", how)
		})
	}
}

// TestDecodePageHard pastes codes that the plain attempt cannot read even
// alone into pages: the retries must locate them (at the page's resolution
// or enlarged) and read the crops. Some are at the limit of what the
// pipeline reads alone, so the test asks for most, not all.
func TestDecodePageHard(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(4))
	const want = 8
	hard, read8 := 0, 0
	for _, s := range corpus(11, 1200) {
		if hard == want {
			break
		}
		if s.inverted || s.modulePx < 2 || s.modulePx > 4 {
			continue
		}
		if text, err := read(s.img, false); err == nil && text == s.text {
			continue
		}
		hard++
		pg := fakePage(r, 1280, 1800, s, 300+r.Intn(600), 200+r.Intn(1200), false)
		got, how, err := decodeLum(pg)
		if err != nil || got != s.text {
			t.Logf("%s: not read: %v", s, err)
			continue
		}
		read8++
		t.Logf("%s: read by %s", s, how)
	}
	t.Logf("read %d of %d hard codes in pages", read8, hard)
	if hard < want || read8*4 < hard*3 {
		t.Errorf("read %d of %d hard codes in pages, want at least 75%% of %d", read8, hard, want)
	}
}

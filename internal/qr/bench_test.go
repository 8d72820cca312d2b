package qr

import (
	"image"
	"math/rand"
	"strings"
	"testing"
)

// BenchmarkDecodeCrisp reads a crisp 4 px/module code: the plain attempt.
func BenchmarkDecodeCrisp(b *testing.B) {
	img, err := Image(sampleURI, 4)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeHard reads an inverted code resampled bilinearly to
// 2.4 px/module, which needs the retries.
func BenchmarkDecodeHard(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	s := renderSample(r, sampleURI, 2.4, 2, true, "bilinear")
	if _, how, err := decodeLum(s.img); err != nil {
		b.Fatal(err)
	} else {
		b.Logf("read by %s", how)
	}
	img := s.img.gray()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodePage reads a 3 px/module code in a 1280x1800 page.
func BenchmarkDecodePage(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	s := renderSample(r, sampleURI, 3, 4, false, "bilinear")
	img := fakePage(r, 1280, 1800, s, 500, 700, false).gray()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeRescaled reads a code only an enlarged copy reads.
func BenchmarkDecodeRescaled(b *testing.B) {
	var img *image.Gray
	for _, s := range corpus(2, 400) {
		if _, how, err := decodeLum(s.img); err == nil && strings.Contains(how, "x2") && !s.inverted {
			b.Logf("%s read by %s", s, how)
			img = s.img.gray()
			break
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeNotFound measures a failure on a 300x300 noise image: the
// whole pipeline runs.
func BenchmarkDecodeNotFound(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	img := image.NewGray(image.Rect(0, 0, 300, 300))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Intn(256))
	}
	for b.Loop() {
		if _, err := Decode(img); err == nil {
			b.Fatal("decoded a blank image")
		}
	}
}

// BenchmarkPNG measures rendering a code as PNG.
func BenchmarkPNG(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PNG(sampleURI, 4); err != nil {
			b.Fatal(err)
		}
	}
}

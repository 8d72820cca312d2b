package qr

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"
)

const sampleURI = "otpauth://totp/20i:qa%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&digits=6&period=30"

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
	}{
		{"otpauth", sampleURI},
		{"short", "hello"},
		{"unicode issuer", "otpauth://totp/Caf%C3%A9:me?secret=JBSWY3DPEHPK3PXP&issuer=Café ☕"},
		{"numeric", "0123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, px := range []int{1, 2, 3, 4, 8} {
				b, err := PNG(tt.text, px)
				if err != nil {
					t.Fatalf("PNG(%d): %v", px, err)
				}
				got, err := DecodeBytes(b)
				if px == 1 {
					// One pixel per module is below what the detector reads reliably;
					// only check it does not panic.
					continue
				}
				if err != nil {
					t.Fatalf("DecodeBytes(PNG %d px): %v", px, err)
				}
				if got != tt.text {
					t.Fatalf("round trip at %d px = %q, want %q", px, got, tt.text)
				}
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	t.Parallel()
	if _, err := Encode(""); !errors.Is(err, ErrEmpty) {
		t.Errorf("Encode(\"\") error = %v, want ErrEmpty", err)
	}
	if _, err := Encode(strings.Repeat("x", 5000)); err == nil {
		t.Error("Encode(5000 bytes) succeeded, want error")
	}
	if _, err := PNG("x", 0); err == nil {
		t.Error("PNG(modulePx 0) succeeded, want error")
	}
}

func TestDecodeNotFound(t *testing.T) {
	t.Parallel()
	img := image.NewGray(image.Rect(0, 0, 100, 100))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	_, err := DecodeBytes(buf.Bytes())
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("DecodeBytes(black image) error = %v, want ErrNotFound", err)
	}
}

package qr_test

import (
	"errors"
	"fmt"
	"image"

	"github.com/enroll-dev/enroll/internal/qr"
)

// A mock site serves an otpauth URI as a PNG; the runner reads it back.
func Example() {
	uri := "otpauth://totp/Example:alice%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Example"
	png, err := qr.PNG(uri, 4) // 4 px per module, 4-module quiet zone
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := qr.DecodeBytes(png)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text == uri)
	// Output: true
}

// A page script draws the code on a canvas from the module matrix.
func ExampleModules() {
	rows, err := qr.Modules("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(rows), "modules a side, top-left module dark:", rows[0][0])
	// Output: 29 modules a side, top-left module dark: true
}

// A failed decode is ErrNotFound, wrapped with what was tried.
func ExampleDecode_notFound() {
	blank := image.NewGray(image.Rect(0, 0, 300, 150)) // a canvas not yet drawn
	_, err := qr.Decode(blank)
	fmt.Println(errors.Is(err, qr.ErrNotFound))
	fmt.Println(err)
	// Output:
	// true
	// qr: no code found: blank 300x150 image
}

// Package qr encodes and decodes QR codes for enroll: the mock sites render
// otpauth:// URIs with Encode, PNG, Image, SVG and Modules, and the runner
// reads codes from Chromium screenshots and page images with Decode and
// DecodeBytes.
//
// Encoding uses error correction level M. Renderers draw whole-pixel modules,
// black on white, with a QuietZone of 4 modules.
//
// Decoding is a retry pipeline over gozxing's QR reader: one plain attempt
// first (hybrid binarizer, try-harder), then other binarizers, rescaled
// copies, a white border and inverted colours, so codes scaled by the
// browser, cropped without quiet zone or drawn light-on-dark are still read.
// A failure wraps ErrNotFound.
//
// A worked example, serving a code and reading it back:
//
//	uri := "otpauth://totp/Example:alice%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Example"
//	png, err := qr.PNG(uri, 4) // 4 px per module
//	if err != nil {
//		return err
//	}
//	// ... serve png as image/png, or as "data:image/png;base64,"+base64 of it.
//	text, err := qr.DecodeBytes(png)
//	if errors.Is(err, qr.ErrNotFound) {
//		return fmt.Errorf("no qr code on screen: %w", err)
//	}
//	// text == uri
package qr

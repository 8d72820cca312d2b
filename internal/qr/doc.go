// Package qr encodes and decodes QR codes for enroll: the mock sites render
// otpauth:// URIs with Encode, PNG, Image, SVG and Modules, and the runner
// reads codes from Chromium screenshots and page images with Decode and
// DecodeBytes. It wraps github.com/makiuchi-d/gozxing.
//
// # Encoding
//
// Encode uses error correction level M and returns the module matrix
// without quiet zone (Code.Size, Code.At). Image and PNG draw whole-pixel
// modules, black on white, with a QuietZone of 4 modules, as a two-colour
// paletted image (a 1-bit PNG of about 600 bytes). SVG gives an inline <svg> in
// module units with crispEdges, a white background and one path. Modules
// gives the rows for a page script to draw on a canvas.
//
// # Decoding
//
// Decode first makes one plain attempt (hybrid binarizer, try harder),
// which reads most crisp codes without copying the image again. Failing
// that, it retries on transformed copies: the global-histogram binarizer,
// enlarged (x2, x1.5) and reduced (x0.75) copies, a white border for codes
// cropped without quiet zone, and inverted luminance for light-on-dark
// codes, tried first when the image's edge is dark. Transparent pixels read
// as white, and if that fails, as black. In an image larger than 800x800
// (a full page), the retries run on crops around finder patterns, searched
// at the page's resolution and then in an enlarged copy. A failure wraps
// ErrNotFound and says whether a code was seen but could not be corrected.
//
// On a generated corpus (module sizes 1.5 to 6 px, quiet zones 0 to 4,
// bilinear, area and nearest-neighbour scaling, a third inverted, half with
// reduced contrast and noise) the pipeline reads every code of 2 px per
// module or more, against 64% for the plain attempt alone (95% of those not
// inverted); see TestDecodeCorpus.
//
// # Example
//
// A mock site serves a code and the runner reads it back:
//
//	uri := "otpauth://totp/Example:alice%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Example"
//	png, err := qr.PNG(uri, 4) // 4 px per module
//	if err != nil {
//		return err
//	}
//	// serve png as image/png, or as "data:image/png;base64,"+base64 of it;
//	// then, from the bytes or a screenshot of the element:
//	text, err := qr.DecodeBytes(png)
//	if errors.Is(err, qr.ErrNotFound) {
//		return fmt.Errorf("step 3: no qr code on screen: %w", err)
//	}
//	// text == uri
package qr

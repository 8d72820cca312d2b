// Package otp makes and checks one-time passwords: HOTP (RFC 4226) and TOTP
// (RFC 6238) with SHA1, SHA256 or SHA512, 6 to 8 digits and any period, and reads and
// writes keys in the otpauth:// Key URI format that authenticator apps scan from QR
// codes.
//
// Time is always a parameter: nothing in this package reads the clock, so tests and
// mock sites decide what "now" is.
//
// Secrets have their own type, Secret, which prints, logs and marshals as REDACTED;
// Secret.Base32 and Key.URI are the only ways to get the text, and they are explicit.
//
// # Playing the authenticator app
//
//	k, err := otp.Parse("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
//	if err != nil {
//		return err // e.g. otpauth: parameter "algorithm": unknown algorithm "SHA-256" (want SHA1, SHA256 or SHA512)
//	}
//	code := k.Code(now) // "6 digits", for the step of now
//
// # Playing the site
//
//	k, _ := otp.GenerateKey(rand.Reader, "Example", "alice@example.com")
//	showQR(k.URI())
//	cred := &otp.Credential{Key: k}
//	v := otp.NewVerifier() // ±1 step
//	step, err := v.Verify(cred, typed, now)
//	switch {
//	case errors.Is(err, otp.ErrReplayed): // right code, already used
//	case errors.Is(err, otp.ErrWrongCode):
//	}
//
// # Checking a site's keys
//
// Lint lists what makes a key weak or likely to be misread by common apps (a short
// secret, a missing issuer, a non-default algorithm that Google Authenticator ignores),
// each finding with a stable ID and the reference behind it.
package otp

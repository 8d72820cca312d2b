// Package otp makes and checks one-time passwords: HOTP (RFC 4226) and TOTP
// (RFC 6238) with SHA1, SHA256 or SHA512, 6 to 8 digits and any period, and reads and
// writes keys in the otpauth:// Key URI format that authenticator apps scan from QR
// codes.
//
// Time is always a parameter: nothing in this package reads the clock, so tests and
// mock sites decide what "now" is.
//
// Secrets have their own type, Secret, which prints (with any fmt verb), logs and
// marshals as REDACTED; Secret.Base32 and Key.URI are the explicit ways to get the
// text. Error messages never contain a secret or a code.
//
// # Worked example: the authenticator's side
//
// A site shows a QR code holding
//
//	otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co
//
// Parse reads it: issuer "ACME Co", account "alice@example.com", the 10-byte secret
// "Hello!\xde\xad\xbe\xef", and the defaults SHA1, 6 digits, 30 seconds. At Unix time
// 1700000000 the time step is 1700000000/30 = 56666666, and Code gives "324550" (the
// same as `oathtool --totp -N @1700000000 --base32 JBSWY3DPEHPK3PXP`):
//
//	k, err := otp.Parse(uri)
//	if err != nil {
//		return err // otpauth: parameter "algorithm": unknown algorithm "SHA-256" (want SHA1, SHA256 or SHA512)
//	}
//	code := k.Code(time.Unix(1700000000, 0)) // "324550"
//
// Lint(k) then reports LintSecretTooShort: 80 bits is under the 128 that RFC 4226 §4
// R6 requires.
//
// # Worked example: the site's side
//
//	k, _ := otp.GenerateKey(rand.Reader, "ACME", "alice@example.com") // 160-bit secret
//	showQR(k.URI())
//	cred := &otp.Credential{Key: k} // stored with the user, guarded by the site's lock
//	v := otp.NewVerifier()          // ±1 step (DefaultSkew)
//	step, err := v.Verify(cred, typed, now)
//	switch {
//	case errors.Is(err, otp.ErrReplayed): // right code, but its step was already used
//	case errors.Is(err, otp.ErrWrongCode):
//	}
//
// After a code for step s is accepted, every code for s or an earlier step is refused
// with ErrReplayed (RFC 6238 §5.2), while the code of s+1 is accepted.
//
// # Parse: strict and lenient
//
// Parse refuses, with a *ParamError naming the parameter, what an app would otherwise
// misread in silence (an unknown algorithm, digits outside 6..8, a bad period, a
// secret that is not base32, an hotp key without counter), and accepts what real sites
// emit (any case, spaces and padding in the secret, the issuer in the label or the
// parameter). Format (Key.URI) writes one canonical form, and Parse(Format(k)) gives a
// key Equal to k. See Parse for the handling of '+'.
package otp

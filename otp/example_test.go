package otp_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// The authenticator's side: read the URI from a QR code, show the code.
func ExampleParse() {
	k, err := otp.Parse("otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co")
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Unix(1700000000, 0) // time is a parameter; the caller owns the clock
	fmt.Println(k.Issuer, k.Account, k.Algorithm, k.Digits, k.Period)
	fmt.Println(k.Code(now))
	fmt.Printf("%v\n", k.Secret) // secrets never print

	_, err = otp.Parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA-256")
	var pe *otp.ParamError
	if errors.As(err, &pe) {
		fmt.Println(pe.Param, "|", err)
	}
	// Output:
	// ACME Co alice@example.com SHA1 6 30
	// 324550
	// REDACTED
	// algorithm | otpauth: parameter "algorithm": unknown algorithm "SHA-256" (want SHA1, SHA256 or SHA512)
}

// The site's side: issue a key, then check codes with replay protection.
func ExampleVerifier_Verify() {
	rand := strings.NewReader(strings.Repeat("fixed randomness for the example", 2))
	k, err := otp.GenerateKey(rand, "ACME", "alice@example.com")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.URI())

	cred := &otp.Credential{Key: k}
	v := otp.NewVerifier() // ±1 step
	now := time.Unix(1700000000, 0)
	code := k.Code(now)

	step, err := v.Verify(cred, code, now.Add(25*time.Second)) // typed slowly: next step
	fmt.Println(step == k.Step(now), err)
	_, err = v.Verify(cred, code, now.Add(26*time.Second)) // the same code again
	fmt.Println(errors.Is(err, otp.ErrReplayed))
	_, err = v.Verify(cred, "000000", now.Add(30*time.Second))
	fmt.Println(errors.Is(err, otp.ErrWrongCode))

	for _, f := range otp.Lint(k) {
		fmt.Println(f.ID) // a generated key has no findings
	}
	// Output:
	// otpauth://totp/ACME:alice@example.com?secret=MZUXQZLEEBZGC3TEN5WW4ZLTOMQGM33S&issuer=ACME&algorithm=SHA1&digits=6&period=30
	// true <nil>
	// true
	// true
}

// Lint names what common apps misread.
func ExampleLint() {
	k, _ := otp.Parse("otpauth://totp/Old%20Name:bob?secret=JBSWY3DPEHPK3PXP%3D%3D%3D%3D&issuer=ACME&digits=8")
	for _, f := range otp.Lint(k) {
		fmt.Printf("%s %s: %s\n", f.Severity, f.ID, f.Message)
	}
	// Output:
	// error secret-too-short: the secret is 80 bits; RFC 4226 requires at least 128 (160 recommended)
	// warning secret-padding: the secret carries '=' padding, which the Key URI format says to omit and some apps reject
	// warning issuer-mismatch: the label says issuer "Old Name" but the issuer parameter says "ACME"; apps differ in which they show
	// warning digits-nondefault: 8 digits: Google Authenticator ignores digits on some platforms and shows 6, which the site will refuse
}

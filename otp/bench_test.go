package otp

import (
	"strings"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	ptotp "github.com/pquerna/otp/totp"
)

// The benchmarks compare with github.com/pquerna/otp computing the same codes; compare
// the impl column with `benchstat -col /impl`.

var benchAlgs = []struct {
	alg  Algorithm
	palg potp.Algorithm
	seed Secret
}{
	{SHA1, potp.AlgorithmSHA1, Secret("12345678901234567890")},
	{SHA256, potp.AlgorithmSHA256, Secret(strings.Repeat("12345678901234567890", 2)[:32])},
	{SHA512, potp.AlgorithmSHA512, Secret(strings.Repeat("12345678901234567890", 4)[:64])},
}

var benchTime = time.Unix(1111111109, 0)

var sink string

func BenchmarkCode(b *testing.B) {
	for _, a := range benchAlgs {
		k := &Key{Secret: a.seed, Algorithm: a.alg, Digits: 8, Period: 30}
		b32 := a.seed.Base32()
		opts := ptotp.ValidateOpts{Period: 30, Digits: potp.DigitsEight, Algorithm: a.palg}
		if want, err := ptotp.GenerateCodeCustom(b32, benchTime, opts); err != nil || want != k.Code(benchTime) {
			b.Fatalf("%s: pquerna %s (%v), ours %s", a.alg, want, err, k.Code(benchTime))
		}
		b.Run("alg="+a.alg.String()+"/impl=enroll", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = k.Code(benchTime)
			}
		})
		b.Run("alg="+a.alg.String()+"/impl=pquerna", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = ptotp.GenerateCodeCustom(b32, benchTime, opts)
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, a := range benchAlgs {
		k := &Key{Secret: a.seed, Algorithm: a.alg, Digits: 6, Period: 30}
		b32 := a.seed.Base32()
		opts := ptotp.ValidateOpts{Period: 30, Skew: 1, Digits: potp.DigitsSix, Algorithm: a.palg}
		// The code of the next step: both verifiers compute the window before matching.
		code := k.CodeAt(k.Step(benchTime) + 1)
		v := NewVerifier()
		b.Run("alg="+a.alg.String()+"/impl=enroll", func(b *testing.B) {
			b.ReportAllocs()
			c := &Credential{Key: k}
			for b.Loop() {
				c.Accepted = false
				if _, err := v.Verify(c, code, benchTime); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("alg="+a.alg.String()+"/impl=pquerna", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ok, err := ptotp.ValidateCustom(code, b32, benchTime, opts); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	uri := "otpauth://totp/ACME%20Co:alice@example.com?secret=" + secret20 + "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(uri); err != nil {
			b.Fatal(err)
		}
	}
}

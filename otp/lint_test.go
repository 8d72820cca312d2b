package otp

import (
	"slices"
	"strings"
	"testing"
)

func TestLint(t *testing.T) {
	t.Parallel()
	const s = "secret=" + secret20
	tests := []struct {
		uri  string
		want []string // finding IDs, in order
	}{
		{"otpauth://totp/ACME:alice?" + s + "&issuer=ACME", nil},
		{"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME", []string{LintSecretTooShort}},
		{"otpauth://totp/ACME:alice?secret=" + secret20[:26] + "&issuer=ACME", []string{LintSecretShort}},
		{"otpauth://totp/ACME:alice?" + s + "%3D&issuer=ACME", []string{LintSecretPadding}}, // needless '=' counts too
		{"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW%3D%3D%3D%3D&issuer=ACME", []string{LintSecretPadding}},
		{"otpauth://totp/ACME:alice?" + s, []string{LintIssuerMissing}},
		{"otpauth://totp/alice?" + s, []string{LintIssuerMissing}},
		{"otpauth://totp/Old:alice?" + s + "&issuer=New", []string{LintIssuerMismatch}},
		{"otpauth://totp/alice?" + s + "&issuer=ACME", nil},
		{"otpauth://totp/ACME:?" + s + "&issuer=ACME", []string{LintAccountMissing}},
		{"otpauth://totp/ACME:alice?" + s + "&issuer=ACME&algorithm=SHA256&digits=8&period=60",
			[]string{LintAlgorithm, LintDigits, LintPeriod}},
		{"otpauth://hotp/ACME:alice?" + s + "&issuer=ACME&counter=0", []string{LintHOTP}},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			t.Parallel()
			k, err := Parse(tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			fs := Lint(k)
			var ids []string
			for _, f := range fs {
				ids = append(ids, f.ID)
				if f.Message == "" || f.Ref == "" || strings.Contains(f.Message, secret20[:8]) {
					t.Errorf("finding %+v: empty message or reference, or leaks the secret", f)
				}
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("Lint = %v, want %v\n%+v", ids, tt.want, fs)
			}
		})
	}
}

func TestLintMessages(t *testing.T) {
	t.Parallel()
	k, err := Parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME")
	if err != nil {
		t.Fatal(err)
	}
	want := Finding{
		ID: LintSecretTooShort, Severity: SeverityError, Ref: "RFC 4226 §4 R6",
		Message: "the secret is 80 bits; RFC 4226 requires at least 128 (160 recommended)",
	}
	if fs := Lint(k); len(fs) != 1 || fs[0] != want {
		t.Errorf("Lint = %+v, want %+v", fs, want)
	}
	if got := Lint(&Key{Secret: Secret("12345678901234567890"), Digits: 9, Issuer: "x", Account: "y"}); len(got) == 0 || got[0].ID != LintInvalid {
		t.Errorf("Lint of an invalid key = %+v, want %s first", got, LintInvalid)
	}
}

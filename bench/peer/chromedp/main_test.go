package main

import (
	"testing"
	"time"
)

func TestStepStart(t *testing.T) {
	t0 := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC) // a step boundary
	for _, tc := range []struct {
		at   time.Duration // after t0
		want time.Duration
	}{
		{0, 0},
		{26 * time.Second, 0},
		{27 * time.Second, 0}, // 3 s left: still this step
		{27*time.Second + time.Millisecond, 30 * time.Second}, // under 3 s left: the next step
		{31 * time.Second, 30 * time.Second},
	} {
		if got := stepStart(t0.Add(tc.at)); !got.Equal(t0.Add(tc.want)) {
			t.Errorf("stepStart(t0+%s) = t0+%s, want t0+%s", tc.at, got.Sub(t0), tc.want)
		}
	}
}

func TestParseKey(t *testing.T) {
	const ok = "otpauth://totp/20i:tester@20i.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&digits=6&period=30"
	for _, tc := range []struct {
		name, uri string
		ok        bool
	}{
		{"the mock's key", ok, true},
		{"hotp", "otpauth://hotp/20i:x?secret=JBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&digits=6&period=30&counter=0", false},
		{"another issuer", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=Other&algorithm=SHA1&digits=6&period=30", false},
		{"8 digits", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&digits=8&period=30", false},
		{"60 s", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&digits=6&period=60", false},
		{"SHA-256 (otp.Key would read it as SHA1)", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA-256&digits=6&period=30", false},
		{"digits left out", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=20i&algorithm=SHA1&period=30", false},
		{"no secret", "otpauth://totp/x?issuer=20i&algorithm=SHA1&digits=6&period=30", false},
		{"not otpauth", "https://example.com/?issuer=20i", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseKey(tc.uri)
			if (err == nil) != tc.ok {
				t.Errorf("parseKey: error %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestCodeAt(t *testing.T) {
	// RFC 6238 Appendix B, SHA1, the 20-byte seed "12345678901234567890", 6 digits of
	// the 8-digit 94287082 at T=59 (step 1).
	key, err := parseKey("otpauth://totp/20i:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=20i&algorithm=SHA1&digits=6&period=30")
	if err != nil {
		t.Fatal(err)
	}
	got, err := codeAt(key, time.Unix(30, 0))
	if err != nil || got != "287082" {
		t.Errorf("codeAt(step 1) = %q, %v, want 287082", got, err)
	}
}

package otp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// leakKey returns a key whose secret, in every printable form, is easy to spot.
func leakKey(t *testing.T) (*Key, []string) {
	t.Helper()
	k, err := Parse("otpauth://totp/ACME:alice?secret=" + secret20 + "&issuer=ACME")
	if err != nil {
		t.Fatal(err)
	}
	forms := []string{
		secret20, strings.ToLower(secret20), "12345678901234567890",
		fmt.Sprintf("%x", []byte(k.Secret)), fmt.Sprintf("%X", []byte(k.Secret)),
		fmt.Sprintf("%v", []byte(k.Secret)), fmt.Sprintf("%d", []byte(k.Secret)[:4]),
		"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA", // base64 (encoding/json's []byte form)
		"49, 50, 51", "0x31",
	}
	return k, forms
}

func assertNoLeak(t *testing.T, what, out string, forms []string) {
	t.Helper()
	for _, f := range forms {
		if strings.Contains(out, f) {
			t.Errorf("%s leaks the secret as %q:\n%s", what, f, out)
		}
	}
	if !strings.Contains(out, Redacted) {
		t.Errorf("%s does not say %s:\n%s", what, Redacted, out)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	t.Parallel()
	k, forms := leakKey(t)
	s := k.Secret
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%o", "%b", "%c", "%U", "%10.3v"} {
		assertNoLeak(t, "Secret "+verb, fmt.Sprintf(verb, s), forms)
		assertNoLeak(t, "*Key "+verb, fmt.Sprintf(verb, k), forms)
		assertNoLeak(t, "Key "+verb, fmt.Sprintf(verb, *k), forms)
	}
	assertNoLeak(t, "Println", fmt.Sprintln(s, k, *k, []Secret{s}, map[string]Secret{"s": s}), forms)
	assertNoLeak(t, "String", s.String(), forms)
	assertNoLeak(t, "GoString", s.GoString(), forms)
	assertNoLeak(t, "error wrapping", fmt.Errorf("bad %v: %w", s, errors.New("x")).Error(), forms)

	for name, v := range map[string]any{"secret": s, "key": k, "struct": struct{ K Key }{*k}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		assertNoLeak(t, "json "+name, string(b), forms)
	}
}

func TestSecretNeverLogs(t *testing.T) {
	t.Parallel()
	k, forms := leakKey(t)
	for name, newHandler := range map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(newHandler(&buf))
		log.Info("enrolled", "secret", k.Secret, "key", k, "keyvalue", *k, slog.Any("any", k.Secret))
		assertNoLeak(t, "slog "+name, buf.String(), forms)
		if !strings.Contains(buf.String(), "alice") {
			t.Errorf("slog %s does not log the account: %s", name, buf.String())
		}
	}
}

func TestBase32IsExplicit(t *testing.T) {
	t.Parallel()
	k, _ := leakKey(t)
	if got := k.Secret.Base32(); got != secret20 {
		t.Errorf("Base32 = %q, want %q", got, secret20)
	}
}

func TestDecodeSecret(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want, err string
	}{
		{in: "JBSWY3DPEHPK3PXP", want: "JBSWY3DPEHPK3PXP"},
		{in: "jbsw y3dp ehpk 3pxp", want: "JBSWY3DPEHPK3PXP"},
		{in: "MZXW6===", want: "MZXW6"},
		{in: "MZXW6", want: "MZXW6"},
		{in: "MZXW6YQ=", want: "MZXW6YQ"},
		{in: "", err: "empty"},
		{in: "  ", err: "empty"},
		{in: "MZXW6=A", err: "not base32: padding '=' before character 7"},
		{in: "MZ0W6", err: "not base32: character 3 is not A-Z or 2-7"},
		{in: "MZXW6Y", err: "not base32: 6 characters do not make whole bytes"},
		{in: "M", err: "not base32: 1 characters do not make whole bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			s, err := DecodeSecret(tt.in)
			switch {
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("error = %v, want %s", err, tt.err)
			case tt.err == "" && err != nil:
				t.Errorf("error = %v", err)
			case tt.err == "" && s.Base32() != tt.want:
				t.Errorf("Base32 = %s, want %s", s.Base32(), tt.want)
			}
		})
	}
}

func TestGenerateSecret(t *testing.T) {
	t.Parallel()
	s, err := GenerateSecret(bytes.NewReader(bytes.Repeat([]byte{7}, 32)), 10)
	if err != nil || len(s) != 10 || s[9] != 7 {
		t.Fatalf("GenerateSecret = %d bytes, %v", len(s), err)
	}
	if _, err := GenerateSecret(bytes.NewReader([]byte{1, 2}), 10); err == nil {
		t.Error("GenerateSecret from a short reader succeeded")
	}
	if _, err := GenerateSecret(nil, 0); err == nil {
		t.Error("GenerateSecret(0) succeeded")
	}
	a, _ := GenerateSecret(nil, 20)
	b, _ := GenerateSecret(nil, 20)
	if bytes.Equal(a, b) {
		t.Error("two crypto/rand secrets are equal")
	}
	k, err := GenerateKey(nil, "ACME", "alice@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Secret) != DefaultSecretBytes || k.Algorithm != SHA1 || k.Digits != 6 || k.Period != 30 || k.Type != TypeTOTP {
		t.Errorf("GenerateKey = %+v", *k)
	}
	if fs := Lint(k); len(fs) != 0 {
		t.Errorf("Lint(GenerateKey) = %+v, want none", fs)
	}
}

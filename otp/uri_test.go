package otp

import (
	"errors"
	"strings"
	"testing"
)

// secret20 is "12345678901234567890" (RFC 4226's seed) in base32.
const secret20 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestParseGood(t *testing.T) {
	t.Parallel()
	seed := Secret("12345678901234567890")
	tests := []struct {
		name string
		uri  string
		want Key
		// canonical is the URI Format writes for the parsed key.
		canonical string
	}{
		{
			name:      "canonical totp",
			uri:       "otpauth://totp/ACME:alice@example.com?secret=" + secret20 + "&issuer=ACME&algorithm=SHA1&digits=6&period=30",
			want:      Key{Type: TypeTOTP, Issuer: "ACME", Account: "alice@example.com", Secret: seed, Digits: 6, Period: 30},
			canonical: "otpauth://totp/ACME:alice@example.com?secret=" + secret20 + "&issuer=ACME&algorithm=SHA1&digits=6&period=30",
		},
		{
			name:      "defaults when parameters are absent",
			uri:       "otpauth://totp/alice?secret=" + secret20,
			want:      Key{Type: TypeTOTP, Account: "alice", Secret: seed, Digits: 6, Period: 30},
			canonical: "otpauth://totp/alice?secret=" + secret20 + "&algorithm=SHA1&digits=6&period=30",
		},
		{
			name: "lower-case secret with spaces and padding",
			uri:  "otpauth://totp/ACME:alice?secret=gezd gnbv gy3t qojq gezd gnbv gy3t qojq====&issuer=ACME",
			want: Key{Type: TypeTOTP, Issuer: "ACME", Account: "alice", Secret: seed, Digits: 6, Period: 30},
		},
		{
			name: "padding as %3D and spaces as +",
			uri:  "otpauth://totp/ACME:alice?secret=GEZD+GNBV+GY3T+QOJQ+GEZD+GNBV+GY3T+QOJQ%3D%3D&issuer=ACME",
			want: Key{Type: TypeTOTP, Issuer: "ACME", Account: "alice", Secret: seed, Digits: 6, Period: 30},
		},
		{
			name:      "short secret needing padding",
			uri:       "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP",
			want:      Key{Type: TypeTOTP, Account: "a", Secret: Secret("Hello!\xde\xad\xbe\xef"), Digits: 6, Period: 30},
			canonical: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
		},
		{
			name: "issuer only in the label, encoded, %3A colon and spaces before the account",
			uri:  "otpauth://totp/ACME%20Co%3A%20%20john.doe%40email.com?secret=" + secret20,
			want: Key{Type: TypeTOTP, Issuer: "ACME Co", Account: "john.doe@email.com", Secret: seed, Digits: 6, Period: 30},
			canonical: "otpauth://totp/ACME%20Co:john.doe@email.com?secret=" + secret20 +
				"&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
		},
		{
			name: "issuer only in the parameter, + as space in the query",
			uri:  "otpauth://totp/bob?secret=" + secret20 + "&issuer=ACME+Co",
			want: Key{Type: TypeTOTP, Issuer: "ACME Co", Account: "bob", Secret: seed, Digits: 6, Period: 30},
		},
		{
			name: "+ in the label is a literal plus",
			uri:  "otpauth://totp/ACME:alice+2fa@example.com?secret=" + secret20 + "&issuer=ACME",
			want: Key{Type: TypeTOTP, Issuer: "ACME", Account: "alice+2fa@example.com", Secret: seed, Digits: 6, Period: 30},
			canonical: "otpauth://totp/ACME:alice%2B2fa@example.com?secret=" + secret20 +
				"&issuer=ACME&algorithm=SHA1&digits=6&period=30",
		},
		{
			name: "parameter issuer wins over a different label issuer",
			uri:  "otpauth://totp/Old:bob?secret=" + secret20 + "&issuer=New",
			want: Key{Type: TypeTOTP, Issuer: "New", Account: "bob", Secret: seed, Digits: 6, Period: 30},
		},
		{
			name:      "sha256 8 digits 60 s, names in any case, unknown parameter ignored",
			uri:       "OTPAUTH://TOTP/x:y?Secret=" + secret20 + "&ALGORITHM=sha256&digits=8&period=60&image=https%3A%2F%2Fx",
			want:      Key{Type: TypeTOTP, Issuer: "x", Account: "y", Secret: seed, Algorithm: SHA256, Digits: 8, Period: 60},
			canonical: "otpauth://totp/x:y?secret=" + secret20 + "&issuer=x&algorithm=SHA256&digits=8&period=60",
		},
		{
			name:      "hotp with counter",
			uri:       "otpauth://hotp/ACME:alice?secret=" + secret20 + "&issuer=ACME&counter=42&algorithm=SHA512&digits=7",
			want:      Key{Type: TypeHOTP, Issuer: "ACME", Account: "alice", Secret: seed, Algorithm: SHA512, Digits: 7, Counter: 42},
			canonical: "otpauth://hotp/ACME:alice?secret=" + secret20 + "&issuer=ACME&algorithm=SHA512&digits=7&counter=42",
		},
		{
			name:      "account with a colon keeps an empty label prefix",
			uri:       "otpauth://totp/:a:b?secret=" + secret20,
			want:      Key{Type: TypeTOTP, Account: "a:b", Secret: seed, Digits: 6, Period: 30},
			canonical: "otpauth://totp/:a%3Ab?secret=" + secret20 + "&algorithm=SHA1&digits=6&period=30",
		},
		{
			name: "fragment and surrounding white space ignored",
			uri:  " otpauth://totp/a?secret=" + secret20 + "#frag\r\n",
			want: Key{Type: TypeTOTP, Account: "a", Secret: seed, Digits: 6, Period: 30},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k, err := Parse(tt.uri)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !k.Equal(&tt.want) || k.Digits != tt.want.Digits || k.Period != tt.want.Period {
				t.Errorf("Parse =\n%+v\nwant\n%+v", *k, tt.want)
			}
			if tt.canonical != "" && k.URI() != tt.canonical {
				t.Errorf("URI =\n%s\nwant\n%s", k.URI(), tt.canonical)
			}
			k2, err := Parse(k.URI())
			if err != nil {
				t.Fatalf("Parse(URI()): %v", err)
			}
			if !k2.Equal(k) {
				t.Errorf("Parse(URI()) = %+v, want %+v", *k2, *k)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	t.Parallel()
	const s = "&secret=" + secret20
	tests := []struct {
		uri   string
		want  string
		param string // the ParamError's Param, or "" for a URIError
		part  string // the URIError's Part
	}{
		{"otpauth://totp/a?algorithm=SHA-256" + s, `otpauth: parameter "algorithm": unknown algorithm "SHA-256" (want SHA1, SHA256 or SHA512)`, "algorithm", ""},
		{"otpauth://totp/a?algorithm=MD5" + s, `otpauth: parameter "algorithm": unknown algorithm "MD5" (want SHA1, SHA256 or SHA512)`, "algorithm", ""},
		{"otpauth://totp/a?algorithm=" + s, `otpauth: parameter "algorithm": unknown algorithm "" (want SHA1, SHA256 or SHA512)`, "algorithm", ""},
		{"otpauth://totp/a?digits=5" + s, `otpauth: parameter "digits": "5" is out of range (want 6, 7 or 8)`, "digits", ""},
		{"otpauth://totp/a?digits=9" + s, `otpauth: parameter "digits": "9" is out of range (want 6, 7 or 8)`, "digits", ""},
		{"otpauth://totp/a?digits=99999999999999999999" + s, `otpauth: parameter "digits": "99999999999999999999" is out of range (want 6, 7 or 8)`, "digits", ""},
		{"otpauth://totp/a?digits=six" + s, `otpauth: parameter "digits": "six" is not a number`, "digits", ""},
		{"otpauth://totp/a?period=0" + s, `otpauth: parameter "period": must be a positive number of seconds, got 0`, "period", ""},
		{"otpauth://totp/a?period=-30" + s, `otpauth: parameter "period": must be a positive number of seconds, got -30`, "period", ""},
		{"otpauth://totp/a?period=30s" + s, `otpauth: parameter "period": "30s" is not a number of seconds`, "period", ""},
		{"otpauth://totp/a?period=" + s, `otpauth: parameter "period": "" is not a number of seconds`, "period", ""},
		{"otpauth://totp/a?period=99999999999999999999" + s, `otpauth: parameter "period": "99999999999999999999" is too large`, "period", ""},
		{"otpauth://totp/a?issuer=x", `otpauth: parameter "secret": missing`, "secret", ""},
		{"otpauth://totp/a?secret=", `otpauth: parameter "secret": empty`, "secret", ""},
		{"otpauth://totp/a?secret===", `otpauth: parameter "secret": empty`, "secret", ""},
		{"otpauth://totp/a?secret=JBSWY3DP1HPK3PXP", `otpauth: parameter "secret": not base32: character 9 is not A-Z or 2-7`, "secret", ""},
		{"otpauth://totp/a?secret=JBSW%3DY3DP", `otpauth: parameter "secret": not base32: padding '=' before character 6`, "secret", ""},
		{"otpauth://totp/a?secret=JBSWY3DPE", `otpauth: parameter "secret": not base32: 9 characters do not make whole bytes`, "secret", ""},
		{"otpauth://totp/a?secret=%ZZ", `otpauth: parameter "secret": invalid percent-encoding`, "secret", ""},
		{"otpauth://totp/a?secret=JBSWY3DP&secret=JBSWY3DP", `otpauth: parameter "secret": given more than once`, "secret", ""},
		{"otpauth://hotp/a?secret=JBSWY3DP", `otpauth: parameter "counter": missing (an hotp key needs one)`, "counter", ""},
		{"otpauth://hotp/a?counter=-1" + s, `otpauth: parameter "counter": "-1" is not a non-negative number`, "counter", ""},
		{"otpauth://hotp/a?counter=18446744073709551616" + s, `otpauth: parameter "counter": "18446744073709551616" is too large`, "counter", ""},
		{"https://totp/a?secret=JBSWY3DP", `otpauth: scheme: "https" is not otpauth`, "", "scheme"},
		{"otpauth-migration://offline?data=abc", `otpauth: scheme: "otpauth-migration" is not otpauth`, "", "scheme"},
		{"JBSWY3DPEHPK3PXP", `otpauth: scheme: missing "otpauth://"`, "", "scheme"},
		{"", `otpauth: scheme: missing "otpauth://"`, "", "scheme"},
		{"otpauth://motp/a?secret=JBSWY3DP", `otpauth: type: "motp" is not totp or hotp`, "", "type"},
		{"otpauth:///a?secret=JBSWY3DP", `otpauth: type: "" is not totp or hotp`, "", "type"},
		{"otpauth://totp/a%2?secret=JBSWY3DP", `otpauth: label: invalid percent-encoding`, "", "label"},
		{"otpauth://totp/a?%zz=1" + s, `otpauth: query: invalid percent-encoding in a parameter name`, "", "query"},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			t.Parallel()
			k, err := Parse(tt.uri)
			if err == nil {
				t.Fatalf("Parse = %+v, want error %s", k, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", err, tt.want)
			}
			var pe *ParamError
			var ue *URIError
			switch {
			case tt.param != "" && (!errors.As(err, &pe) || pe.Param != tt.param):
				t.Errorf("error %#v is not a *ParamError for %q", err, tt.param)
			case tt.part != "" && (!errors.As(err, &ue) || ue.Part != tt.part):
				t.Errorf("error %#v is not a *URIError for %q", err, tt.part)
			}
		})
	}
}

func TestParseErrorsDoNotLeakSecret(t *testing.T) {
	t.Parallel()
	for _, uri := range []string{
		"otpauth://totp/a?secret=SECRETXYZ0",
		"otpauth://totp/a?secret=SECRET%ZZ",
		"otpauth://totp/a?secret=SECRE=T",
		"otpauth://totp/a?secret=SECRETSE&digits=1",
	} {
		_, err := Parse(uri)
		if err == nil {
			t.Fatalf("Parse(%q) succeeded", uri)
		}
		for _, frag := range []string{"SECRE", "ECRET", "%ZZ"} {
			if strings.Contains(err.Error(), frag) {
				t.Errorf("Parse(%q) error %q contains %q", uri, err, frag)
			}
		}
	}
}

func TestErrorsIs(t *testing.T) {
	t.Parallel()
	_, err := Parse("otpauth://totp/a?secret=1")
	if !errors.Is(err, ErrNotBase32) {
		t.Errorf("error %v does not wrap ErrNotBase32", err)
	}
	_, err = Parse("otpauth://totp/a")
	if !errors.Is(err, ErrMissing) {
		t.Errorf("error %v does not wrap ErrMissing", err)
	}
}

// FuzzParse: Parse never panics, and whatever it accepts round-trips through Format to
// an Equal key whose Format is the same string.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"otpauth://totp/ACME:alice@example.com?secret=" + secret20 + "&issuer=ACME&algorithm=SHA256&digits=8&period=60",
		"otpauth://hotp/ACME:alice?secret=JBSWY3DPEHPK3PXP&counter=7",
		"otpauth://totp/ACME%20Co%3A%20john?secret=jbsw y3dp%3D%3D&issuer=ACME+Co",
		"otpauth://totp/:a:b?secret=JBSWY3DP#x",
		"otpauth://totp/a+b%2B?secret=JBSWY3DP&issuer=x:y&image=z",
		"otpauth://totp/a?algorithm=SHA-256&secret=JBSWY3DP",
		"otpauth://totp/a?secret=JBSWY3DP&secret=JBSWY3DP",
		"otpauth://totp/%ZZ?secret=A",
		"OTPAUTH://HOTP/?SECRET=aa&COUNTER=18446744073709551615",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := Parse(s)
		if err != nil {
			return
		}
		if err := k.Validate(); err != nil {
			t.Fatalf("Parse(%q) gave an invalid key: %v", s, err)
		}
		u := k.URI()
		k2, err := Parse(u)
		if err != nil {
			t.Fatalf("Parse(%q).URI() = %q does not parse: %v", s, u, err)
		}
		if !k2.Equal(k) {
			t.Fatalf("Parse(%q) = %+v\nParse(URI()) = %+v", s, *k, *k2)
		}
		if u2 := k2.URI(); u2 != u {
			t.Fatalf("URI not stable:\n%s\n%s", u, u2)
		}
	})
}

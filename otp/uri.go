package otp

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Source records what Parse read that the canonical URI does not keep, so that Lint
// can report it. Nothing in it is secret.
type Source struct {
	LabelIssuer    string   // the issuer prefix of the label, decoded
	HasLabelIssuer bool     // the label had an "issuer:" prefix
	IssuerParam    string   // the issuer parameter, decoded
	HasIssuerParam bool     // the issuer parameter was present and not empty
	SecretPadding  bool     // the secret carried '=' padding (literal or %3D)
	HasAlgorithm   bool     // the algorithm parameter was present
	HasDigits      bool     // the digits parameter was present
	HasPeriod      bool     // the period parameter was present
	Unknown        []string // parameters Parse ignored (for example "image"), in URI order
}

// Parse reads an otpauth:// URI of the Key URI format:
//
//	otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
//	otpauth://hotp/Issuer:account?secret=BASE32&issuer=Issuer&counter=0
//
// It accepts what real sites emit and apps read: a secret in any case, with spaces,
// with or without '=' padding (also as %3D); the issuer in the label, in the parameter
// or both (the parameter wins; Lint reports a disagreement); a label colon written as
// %3A and spaces before the account. In the label '+' is a literal plus, as RFC 3986
// says for paths (accounts such as alice+2fa@example.com are common); in parameters '+'
// is a space, as form encoding says. Parameter names are matched without regard to
// case and unknown ones are ignored (listed in Source.Unknown). Surrounding white space
// is ignored.
//
// It refuses, with a *ParamError naming the parameter, what an app would silently
// misread: a missing or non-base32 secret, an unknown algorithm (such as "SHA-256"),
// digits outside 6..8, a period that is not a positive number, an hotp key without a
// counter, and a parameter given twice. A wrong scheme, type or label escape is a
// *URIError. No error contains the secret.
func Parse(uri string) (*Key, error) {
	// QR decoders and copy-paste often bring a trailing newline.
	scheme, rest, ok := strings.Cut(strings.TrimSpace(uri), "://")
	if !ok {
		return nil, &URIError{Part: "scheme", Err: errors.New(`missing "otpauth://"`)}
	}
	if !strings.EqualFold(scheme, "otpauth") {
		return nil, &URIError{Part: "scheme", Err: fmt.Errorf("%s is not otpauth", quote(scheme))}
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, rawQuery, _ := strings.Cut(rest, "?")
	typ, rawLabel, _ := strings.Cut(rest, "/")

	k := &Key{Source: &Source{}}
	switch strings.ToLower(typ) {
	case "totp":
		k.Type = TypeTOTP
	case "hotp":
		k.Type = TypeHOTP
	default:
		return nil, &URIError{Part: "type", Err: fmt.Errorf("%s is not totp or hotp", quote(typ))}
	}

	label, err := url.PathUnescape(rawLabel)
	if err != nil {
		return nil, &URIError{Part: "label", Err: errors.New("invalid percent-encoding")}
	}
	if iss, acct, ok := strings.Cut(label, ":"); ok {
		k.Source.LabelIssuer, k.Source.HasLabelIssuer = iss, true
		label = acct
	}
	k.Account = strings.TrimLeft(label, " ")

	q, err := parseQuery(rawQuery, k.Source)
	if err != nil {
		return nil, err
	}
	if err := q.apply(k); err != nil {
		return nil, err
	}
	return k, nil
}

// query holds the known parameters of a URI, each with whether it was present.
type query struct {
	vals [numParams]string
	has  [numParams]bool
}

const (
	pSecret = iota
	pIssuer
	pAlgorithm
	pDigits
	pPeriod
	pCounter
	numParams
)

var paramNames = [numParams]string{"secret", "issuer", "algorithm", "digits", "period", "counter"}

func parseQuery(raw string, src *Source) (*query, error) {
	q := &query{}
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		rawName, rawVal, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return nil, &URIError{Part: "query", Err: errors.New("invalid percent-encoding in a parameter name")}
		}
		name = strings.ToLower(name)
		i := paramIndex(name)
		if i < 0 {
			src.Unknown = append(src.Unknown, name)
			continue
		}
		if q.has[i] {
			return nil, &ParamError{Param: name, Err: errors.New("given more than once")}
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return nil, &ParamError{Param: name, Err: errors.New("invalid percent-encoding")}
		}
		q.vals[i], q.has[i] = val, true
	}
	return q, nil
}

func paramIndex(name string) int {
	for i, n := range paramNames {
		if n == name {
			return i
		}
	}
	return -1
}

// apply checks the parameters and fills k. Checks run in a fixed order so that a URI
// with several faults always reports the same one.
func (q *query) apply(k *Key) error {
	src := k.Source
	if !q.has[pSecret] {
		return &ParamError{Param: "secret", Err: ErrMissing}
	}
	s := q.vals[pSecret]
	src.SecretPadding = strings.Contains(s, "=")
	secret, err := DecodeSecret(s)
	if err != nil {
		return &ParamError{Param: "secret", Err: err}
	}
	k.Secret = secret

	if q.has[pAlgorithm] {
		src.HasAlgorithm = true
		if k.Algorithm, err = ParseAlgorithm(q.vals[pAlgorithm]); err != nil {
			return &ParamError{Param: "algorithm", Err: err}
		}
	}
	k.Digits = DefaultDigits
	if q.has[pDigits] {
		src.HasDigits = true
		v := q.vals[pDigits]
		d, err := strconv.Atoi(v)
		switch {
		case err != nil && !errors.Is(err, strconv.ErrRange):
			return &ParamError{Param: "digits", Err: fmt.Errorf("%s is not a number", quote(v))}
		case err != nil || d < 6 || d > 8:
			return &ParamError{Param: "digits", Err: fmt.Errorf("%s is out of range (want 6, 7 or 8)", quote(v))}
		}
		k.Digits = d
	}
	if k.Type == TypeTOTP {
		k.Period = DefaultPeriod
	}
	if q.has[pPeriod] {
		src.HasPeriod = true
		v := q.vals[pPeriod]
		p, err := strconv.Atoi(v)
		switch {
		case err != nil && errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(v, "-"):
			return &ParamError{Param: "period", Err: fmt.Errorf("%s is too large", quote(v))}
		case err != nil:
			return &ParamError{Param: "period", Err: fmt.Errorf("%s is not a number of seconds", quote(v))}
		case p <= 0:
			return &ParamError{Param: "period", Err: periodRangeError(int64(p))}
		}
		k.Period = p
	}
	if q.has[pCounter] {
		v := q.vals[pCounter]
		c, err := strconv.ParseUint(v, 10, 64)
		switch {
		case err != nil && errors.Is(err, strconv.ErrRange):
			return &ParamError{Param: "counter", Err: fmt.Errorf("%s is too large", quote(v))}
		case err != nil:
			return &ParamError{Param: "counter", Err: fmt.Errorf("%s is not a non-negative number", quote(v))}
		}
		k.Counter = c
	} else if k.Type == TypeHOTP {
		return &ParamError{Param: "counter", Err: errors.New("missing (an hotp key needs one)")}
	}

	k.Issuer = src.LabelIssuer
	if v := q.vals[pIssuer]; v != "" {
		src.IssuerParam, src.HasIssuerParam = v, true
		k.Issuer = v
	}
	return nil
}

// URI returns the key in the canonical Key URI format: type, label "Issuer:account"
// (without the prefix when there is no issuer, or when the issuer contains a colon),
// then secret (base32, upper-case, unpadded), issuer, algorithm, digits and period (totp)
// or counter (hotp), always in that order and always present. Spaces are written %20.
// Parse(k.URI()) gives a key Equal to k. The result contains the secret: treat it as one.
func (k *Key) URI() string { return Format(k) }

// Format is Key.URI as a function.
func Format(k *Key) string {
	var b strings.Builder
	b.Grow(128)
	b.WriteString("otpauth://")
	b.WriteString(k.Type.String())
	b.WriteByte('/')
	labelIssuer := k.Issuer
	if strings.Contains(labelIssuer, ":") {
		labelIssuer = ""
	}
	if labelIssuer != "" || strings.Contains(k.Account, ":") {
		escape(&b, labelIssuer)
		b.WriteByte(':')
	}
	escape(&b, k.Account)
	b.WriteString("?secret=")
	b.WriteString(k.Secret.Base32())
	if k.Issuer != "" {
		b.WriteString("&issuer=")
		escape(&b, k.Issuer)
	}
	b.WriteString("&algorithm=")
	b.WriteString(k.Algorithm.String())
	b.WriteString("&digits=")
	b.WriteString(strconv.Itoa(k.EffectiveDigits()))
	if k.Type == TypeHOTP {
		b.WriteString("&counter=")
		b.WriteString(strconv.FormatUint(k.Counter, 10))
	} else {
		b.WriteString("&period=")
		b.WriteString(strconv.Itoa(k.EffectivePeriod()))
	}
	return b.String()
}

// escape writes s percent-encoded, keeping only RFC 3986 unreserved characters and '@'
// literal, so the result means the same in a path and in a query under any decoder.
func escape(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '@':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

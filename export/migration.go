package export

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/enroll-dev/enroll/otp"
)

// MigrationScheme starts a Google Authenticator migration URI.
const MigrationScheme = "otpauth-migration://offline?data="

// The MigrationPayload message of Google Authenticator's "Transfer accounts" QR codes
// (proto2, as Aegis' app/src/main/proto/google_auth.proto writes it):
//
//	message MigrationPayload {
//	  repeated OtpParameters otp_parameters = 1;
//	  int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
//	}
//	message OtpParameters {
//	  bytes secret = 1; string name = 2; string issuer = 3;
//	  Algorithm algorithm = 4;  // 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//	  DigitCount digits = 5;    // 1 six, 2 eight
//	  OtpType type = 6;         // 1 HOTP, 2 TOTP
//	  int64 counter = 7;
//	}
const (
	fieldOtpParameters = 1
	fieldVersion       = 2
	fieldBatchSize     = 3
	fieldBatchIndex    = 4
	fieldBatchID       = 5

	fieldSecret    = 1
	fieldName      = 2
	fieldIssuer    = 3
	fieldAlgorithm = 4
	fieldDigits    = 5
	fieldType      = 6
	fieldCounter   = 7

	wireVarint = 0
	wireBytes  = 2
)

// UncarriableError says why Google Authenticator's migration format cannot carry a
// key: the app would show wrong codes for it. It names the key, never its secret.
type UncarriableError struct {
	Key    string // issuer: account
	Reason string
}

func (e *UncarriableError) Error() string {
	return fmt.Sprintf("google authenticator cannot carry %s: %s", e.Key, e.Reason)
}

// checkMigratable returns an *UncarriableError for a key Google Authenticator would
// misread: the migration message has no period (the app uses 30 s), its digit count
// is six or eight, and the app computes SHA1 codes whatever the algorithm field says
// (the Key URI Format wiki: "the algorithm parameter is ignored").
func checkMigratable(k *otp.Key) error {
	var reason string
	switch {
	case k.Type == otp.TypeTOTP && k.EffectivePeriod() != otp.DefaultPeriod:
		reason = fmt.Sprintf("its period is %d s (the format has no period: the app uses 30 s)", k.EffectivePeriod())
	case k.EffectiveDigits() != 6 && k.EffectiveDigits() != 8:
		reason = fmt.Sprintf("it has %d digits (the format carries 6 or 8)", k.EffectiveDigits())
	case k.Algorithm != otp.SHA1:
		reason = fmt.Sprintf("its algorithm is %s (the app computes SHA1 codes)", k.Algorithm)
	}
	if reason == "" {
		return nil
	}
	return &UncarriableError{Key: Label(k), Reason: reason}
}

// MigrationURI returns the keys as one Google Authenticator migration URI
// (otpauth-migration://offline?data=...), batch 1 of 1, the base64 of a MigrationPayload.
// A key the format cannot carry is an *UncarriableError; the URI holds the secrets.
func MigrationURI(keys []*otp.Key) (string, error) {
	if len(keys) == 0 {
		return "", errors.New("no keys to export")
	}
	payload, err := migrationPayload(keys)
	if err != nil {
		return "", err
	}
	// '+' and '=' are escaped, '/' may stay in a query (RFC 3986 §3.4): GNOME
	// Authenticator's test vector is written so.
	data := strings.NewReplacer("+", "%2B", "=", "%3D").Replace(base64.StdEncoding.EncodeToString(payload))
	return MigrationScheme + data, nil
}

// migrationPayload encodes the MigrationPayload message by hand: a dozen fields of
// two wire types do not need a protobuf runtime. Fields are written in field-number
// order, as protobuf encoders do; batch_id is left out (Google's own exports carry a
// random one, which would make the output differ from run to run).
func migrationPayload(keys []*otp.Key) ([]byte, error) {
	var out []byte
	for _, k := range keys {
		if err := checkWritable(k); err != nil {
			return nil, err
		}
		if err := checkMigratable(k); err != nil {
			return nil, err
		}
		var p []byte
		p = appendBytesField(p, fieldSecret, k.Secret)
		p = appendBytesField(p, fieldName, []byte(k.Account))
		p = appendBytesField(p, fieldIssuer, []byte(k.Issuer))
		p = appendVarintField(p, fieldAlgorithm, 1) // SHA1, checked above
		digits := uint64(1)
		if k.EffectiveDigits() == 8 {
			digits = 2
		}
		p = appendVarintField(p, fieldDigits, digits)
		if k.Type == otp.TypeHOTP {
			p = appendVarintField(p, fieldType, 1)
			p = appendVarintField(p, fieldCounter, k.Counter)
		} else {
			p = appendVarintField(p, fieldType, 2)
		}
		out = appendBytesField(out, fieldOtpParameters, p)
	}
	out = appendVarintField(out, fieldVersion, 1)
	out = appendVarintField(out, fieldBatchSize, 1)
	out = appendVarintField(out, fieldBatchIndex, 0)
	return out, nil
}

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	b = appendVarint(b, uint64(field)<<3|wireVarint)
	return appendVarint(b, v)
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	b = appendVarint(b, uint64(field)<<3|wireBytes)
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

// errTruncated is a protobuf message cut short.
var errTruncated = errors.New("truncated")

// ParseMigration reads a Google Authenticator migration URI, as the app exports it or
// as MigrationURI writes it. Unknown fields are skipped; an MD5 key, an unknown type or
// digit count is an error naming the entry, never its secret.
func ParseMigration(uri string) ([]*otp.Key, error) {
	rest, ok := cutPrefixFold(strings.TrimSpace(uri), MigrationScheme)
	if !ok {
		return nil, fmt.Errorf("not a migration URI (want %s...)", MigrationScheme)
	}
	rest, _, _ = strings.Cut(rest, "&")
	data, err := url.QueryUnescape(rest)
	if err != nil {
		return nil, errors.New("migration URI: invalid percent-encoding")
	}
	// Apps write standard base64, with or without padding; some write it URL-safe.
	data = strings.TrimRight(strings.NewReplacer("-", "+", "_", "/", " ", "+").Replace(data), "=")
	raw, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil {
		return nil, errors.New("migration URI: data is not base64")
	}
	var keys []*otp.Key
	err = eachField(raw, func(field, wire int, v uint64, b []byte) error {
		if field != fieldOtpParameters || wire != wireBytes {
			return nil // version, batch fields
		}
		k, err := parseOtpParameters(b)
		if err != nil {
			return fmt.Errorf("entry %d: %w", len(keys)+1, err)
		}
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("migration URI: %w", err)
	}
	if len(keys) == 0 {
		return nil, errors.New("migration URI: no accounts in it")
	}
	return keys, nil
}

func parseOtpParameters(b []byte) (*otp.Key, error) {
	k := &otp.Key{Type: otp.TypeTOTP, Digits: 6, Period: otp.DefaultPeriod}
	var typ, alg, digits uint64 = 2, 1, 1
	err := eachField(b, func(field, wire int, v uint64, b []byte) error {
		switch {
		case field == fieldSecret && wire == wireBytes:
			k.Secret = append(otp.Secret(nil), b...)
		case field == fieldName && wire == wireBytes:
			k.Account = string(b)
		case field == fieldIssuer && wire == wireBytes:
			k.Issuer = string(b)
		case field == fieldAlgorithm && wire == wireVarint:
			alg = v
		case field == fieldDigits && wire == wireVarint:
			digits = v
		case field == fieldType && wire == wireVarint:
			typ = v
		case field == fieldCounter && wire == wireVarint:
			k.Counter = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	switch alg {
	case 0, 1:
		k.Algorithm = otp.SHA1
	case 2:
		k.Algorithm = otp.SHA256
	case 3:
		k.Algorithm = otp.SHA512
	default:
		return nil, fmt.Errorf("algorithm %d is not SHA1, SHA256 or SHA512", alg)
	}
	switch digits {
	case 0, 1:
		k.Digits = 6
	case 2:
		k.Digits = 8
	default:
		return nil, fmt.Errorf("digit count %d is not six (1) or eight (2)", digits)
	}
	switch typ {
	case 0, 2:
	case 1:
		k.Type, k.Period = otp.TypeHOTP, 0
	default:
		return nil, fmt.Errorf("type %d is not HOTP (1) or TOTP (2)", typ)
	}
	// Google's exports write "Issuer:account" as the name of some keys.
	if iss, acct, ok := strings.Cut(k.Account, ":"); ok && (k.Issuer == "" || iss == k.Issuer) {
		k.Issuer, k.Account = iss, strings.TrimLeft(acct, " ")
	}
	if len(k.Secret) == 0 {
		return nil, errors.New("no secret")
	}
	if !utf8.ValidString(k.Issuer) || !utf8.ValidString(k.Account) {
		return nil, errors.New("issuer or name is not UTF-8")
	}
	return k, nil
}

// eachField calls fn for every field of a protobuf message: varints with v, length-
// delimited fields with b. Fixed 32- and 64-bit fields are skipped; groups are errors.
func eachField(b []byte, fn func(field, wire int, v uint64, b []byte) error) error {
	for len(b) > 0 {
		tag, n := readVarint(b)
		if n == 0 {
			return errTruncated
		}
		b = b[n:]
		field, wire := int(tag>>3), int(tag&7)
		if field == 0 {
			return errors.New("field number 0")
		}
		var v uint64
		var body []byte
		switch wire {
		case wireVarint:
			if v, n = readVarint(b); n == 0 {
				return errTruncated
			}
			b = b[n:]
		case wireBytes:
			l, n := readVarint(b)
			if n == 0 || l > uint64(len(b)-n) {
				return errTruncated
			}
			body, b = b[n:n+int(l)], b[n+int(l):]
		case 1, 5: // fixed64, fixed32
			size := 8
			if wire == 5 {
				size = 4
			}
			if len(b) < size {
				return errTruncated
			}
			b = b[size:]
			continue
		default:
			return fmt.Errorf("unsupported wire type %d", wire)
		}
		if err := fn(field, wire, v, body); err != nil {
			return err
		}
	}
	return nil
}

// readVarint returns a varint and its length, or length 0 when b does not hold one.
func readVarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// checkWritable refuses a key the formats cannot hold as it is: an invalid key, or
// names that are not UTF-8 (JSON and protobuf strings would change them).
func checkWritable(k *otp.Key) error {
	if err := k.Validate(); err != nil {
		return fmt.Errorf("%s: %w", Label(k), err)
	}
	if !utf8.ValidString(k.Issuer) || !utf8.ValidString(k.Account) {
		return errors.New("a key's issuer or account is not UTF-8")
	}
	return nil
}

// Label names a key for people, in messages and listings: "issuer: account", or
// whichever of the two it has.
func Label(k *otp.Key) string {
	switch {
	case k.Issuer == "":
		return k.Account
	case k.Account == "":
		return k.Issuer
	}
	return k.Issuer + ": " + k.Account
}

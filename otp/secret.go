package otp

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/enroll-dev/enroll/redact"
)

// Redacted is what a Secret prints as, whatever the verb or encoder (redact.Word).
const Redacted = redact.Word

// Secret is the shared key of an OTP credential. It prints, logs and marshals as
// REDACTED so that it cannot leak through fmt, slog or encoding/json by accident; call
// Base32 to get the text on purpose.
type Secret []byte

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Base32 returns the secret as upper-case RFC 4648 base32 without padding, the form the
// Key URI format and authenticator apps use.
func (s Secret) Base32() string { return b32.EncodeToString(s) }

// Bits returns the length of the secret in bits.
func (s Secret) Bits() int { return len(s) * 8 }

// String returns REDACTED.
func (s Secret) String() string { return Redacted }

// GoString returns REDACTED, so %#v does not print the bytes.
func (s Secret) GoString() string { return "otp.Secret(" + Redacted + ")" }

// Format writes REDACTED for every verb (%v, %s, %x, %q, %d, ...), so no verb prints the
// bytes; %#v writes otp.Secret(REDACTED).
func (s Secret) Format(f fmt.State, verb rune) { redact.Format(f, verb, s.GoString()) }

// LogValue makes slog log REDACTED.
func (s Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

// MarshalJSON returns "REDACTED".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// MarshalText returns REDACTED, for encoders that use encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// ErrNotBase32 is wrapped by the errors of DecodeSecret. Its text never includes the
// secret or any character of it.
var ErrNotBase32 = errors.New("not base32")

// DecodeSecret reads a base32 secret the way authenticator apps do: case does not
// matter, spaces are ignored, and trailing '=' padding may be present or not. Errors
// wrap ErrNotBase32 and name positions, never characters of the secret.
func DecodeSecret(s string) (Secret, error) {
	var buf [128]byte
	clean := buf[:0]
	pad := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			continue
		case c == '=':
			pad++
			continue
		case pad > 0:
			return nil, fmt.Errorf("%w: padding '=' before character %d", ErrNotBase32, i+1)
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z', '2' <= c && c <= '7':
		default:
			return nil, fmt.Errorf("%w: character %d is not A-Z or 2-7", ErrNotBase32, i+1)
		}
		clean = append(clean, c)
	}
	if len(clean) == 0 {
		return nil, errors.New("empty")
	}
	switch len(clean) % 8 {
	case 1, 3, 6:
		return nil, fmt.Errorf("%w: %d characters do not make whole bytes", ErrNotBase32, len(clean))
	}
	out := make(Secret, b32.DecodedLen(len(clean)))
	n, err := b32.Decode(out, clean)
	if err != nil {
		// Unreachable after the checks above; keep the message free of secret text.
		return nil, fmt.Errorf("%w: malformed", ErrNotBase32)
	}
	return out[:n], nil
}

// DefaultSecretBytes is the secret size GenerateKey uses: 160 bits, as RFC 4226 §4
// recommends.
const DefaultSecretBytes = 20

// GenerateSecret returns n random bytes read from rand (crypto/rand.Reader when rand is
// nil). n must be positive; RFC 4226 asks for at least 16 and recommends 20, but shorter
// secrets are allowed so that tests can build weak keys on purpose.
func GenerateSecret(rand io.Reader, n int) (Secret, error) {
	if n <= 0 {
		return nil, fmt.Errorf("otp: generate secret: size %d bytes is not positive", n)
	}
	if rand == nil {
		rand = cryptoRand
	}
	s := make(Secret, n)
	if _, err := io.ReadFull(rand, s); err != nil {
		return nil, fmt.Errorf("otp: generate secret: %w", err)
	}
	return s, nil
}

var cryptoRand = rand.Reader

// quote quotes a user-supplied value for an error message, cut to a readable length.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}

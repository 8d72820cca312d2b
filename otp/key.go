package otp

import (
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"
)

// Type is the kind of one-time password a key makes.
type Type int

// The two types of the Key URI format.
// (The function HOTP computes a code; these name the key types.)
const (
	TypeTOTP Type = iota // time-based, RFC 6238 (the zero value)
	TypeHOTP             // counter-based, RFC 4226
)

// String returns "totp" or "hotp", as the Key URI format writes the type.
func (t Type) String() string {
	switch t {
	case TypeTOTP:
		return "totp"
	case TypeHOTP:
		return "hotp"
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Defaults of the Key URI format, used for zero fields of a Key.
const (
	DefaultDigits = 6
	DefaultPeriod = 30 // seconds
)

// Key is one OTP credential as an authenticator app stores it: what the QR code of an
// otpauth:// URI holds. Zero Digits and Period mean the defaults (6 and 30); the zero
// Algorithm is SHA1. Printing a Key with fmt or slog never shows the secret.
type Key struct {
	Type      Type
	Issuer    string // who issued the key: the issuer parameter, else the label prefix
	Account   string // the account name of the label
	Secret    Secret
	Algorithm Algorithm
	Digits    int    // 6..8; 0 means 6
	Period    int    // TOTP step in seconds; 0 means 30
	Counter   uint64 // HOTP counter of the next code

	// Source is what Parse saw that the canonical URI drops (padding, a label issuer
	// that differs from the parameter, ...). Lint reads it; Format ignores it. It is
	// nil for keys built in code.
	Source *Source
}

// GenerateKey returns a new TOTP key with a 160-bit random secret read from rand
// (crypto/rand.Reader when nil) and the defaults SHA1, 6 digits, 30 seconds.
func GenerateKey(rand io.Reader, issuer, account string) (*Key, error) {
	s, err := GenerateSecret(rand, DefaultSecretBytes)
	if err != nil {
		return nil, err
	}
	return &Key{
		Type: TypeTOTP, Issuer: issuer, Account: account, Secret: s,
		Algorithm: SHA1, Digits: DefaultDigits, Period: DefaultPeriod,
	}, nil
}

// EffectiveDigits returns Digits, or 6 when it is 0.
func (k *Key) EffectiveDigits() int {
	if k.Digits == 0 {
		return DefaultDigits
	}
	return k.Digits
}

// EffectivePeriod returns Period, or 30 when it is 0.
func (k *Key) EffectivePeriod() int {
	if k.Period == 0 {
		return DefaultPeriod
	}
	return k.Period
}

// Step returns the RFC 6238 time step of t: floor(unix seconds / period). Times before
// 1970 give step 0, as does a key whose period is negative (Validate reports it).
func (k *Key) Step(t time.Time) uint64 {
	p := int64(k.EffectivePeriod())
	u := t.Unix()
	if u < 0 || p <= 0 {
		return 0
	}
	return uint64(u / p)
}

// StepStart returns the first second of a time step.
func (k *Key) StepStart(step uint64) time.Time {
	return time.Unix(int64(step)*int64(k.EffectivePeriod()), 0)
}

// CodeAt returns the code for a TOTP time step or an HOTP counter value. It returns ""
// when the key is invalid (see Validate).
func (k *Key) CodeAt(step uint64) string {
	return HOTP(k.Secret, step, k.Digits, k.Algorithm)
}

// Code returns what an authenticator app shows at t: for TOTP the code of Step(t), for
// HOTP the code of Counter (t is not used). It returns "" when the key is invalid.
func (k *Key) Code(t time.Time) string {
	if k.Type == TypeHOTP {
		return k.CodeAt(k.Counter)
	}
	return k.CodeAt(k.Step(t))
}

// Validate reports the first field that makes the key unusable, as a *ParamError naming
// the URI parameter.
func (k *Key) Validate() error {
	switch {
	case k.Type != TypeTOTP && k.Type != TypeHOTP:
		return &URIError{Part: "type", Err: fmt.Errorf("unknown key type %d", int(k.Type))}
	case len(k.Secret) == 0:
		return &ParamError{Param: "secret", Err: ErrMissing}
	case !k.Algorithm.Valid():
		return &ParamError{Param: "algorithm", Err: &unknownAlgorithmError{name: k.Algorithm.String()}}
	case k.Digits != 0 && (k.Digits < 6 || k.Digits > 8):
		return &ParamError{Param: "digits", Err: digitsRangeError(k.Digits)}
	case k.Type == TypeTOTP && k.Period < 0:
		return &ParamError{Param: "period", Err: periodRangeError(int64(k.Period))}
	}
	return nil
}

// Equal reports whether two keys make the same codes and carry the same names:
// every field but Source, with zero Digits and Period read as their defaults. The
// secrets are compared in constant time.
func (k *Key) Equal(o *Key) bool {
	if k == nil || o == nil {
		return k == o
	}
	same := k.Type == o.Type && k.Issuer == o.Issuer && k.Account == o.Account &&
		k.Algorithm == o.Algorithm && k.EffectiveDigits() == o.EffectiveDigits()
	if k.Type == TypeTOTP {
		same = same && k.EffectivePeriod() == o.EffectivePeriod()
	} else {
		same = same && k.Counter == o.Counter
	}
	return same && subtle.ConstantTimeCompare(k.Secret, o.Secret) == 1
}

// LogValue logs the key's public fields; the secret is REDACTED.
func (k *Key) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("type", k.Type.String()),
		slog.String("issuer", k.Issuer),
		slog.String("account", k.Account),
		slog.Any("secret", k.Secret),
		slog.String("algorithm", k.Algorithm.String()),
		slog.Int("digits", k.EffectiveDigits()),
	}
	if k.Type == TypeHOTP {
		attrs = append(attrs, slog.Uint64("counter", k.Counter))
	} else {
		attrs = append(attrs, slog.Int("period", k.EffectivePeriod()))
	}
	return slog.GroupValue(attrs...)
}

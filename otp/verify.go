package otp

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"time"
)

// Errors of Verify, distinct so that a site can count failures and report replays.
var (
	// ErrWrongCode: the code matches no step in the window.
	ErrWrongCode = errors.New("wrong code")
	// ErrReplayed: the code is right for a step at or before the last accepted one
	// (RFC 6238 §5.2: a verifier must not accept the second attempt of a code).
	ErrReplayed = errors.New("code already used")
)

// DefaultSkew is the window RFC 6238 §5.2 recommends: one step either side of now.
const DefaultSkew = 1

// Verifier checks codes as a site's server does. It holds only configuration, so one
// Verifier may be shared by goroutines.
type Verifier struct {
	// Skew is how many steps either side of the current one are accepted (for HOTP:
	// how many counter values past the expected one). The zero value accepts only the
	// current step; NewVerifier sets DefaultSkew. Negative means 0.
	Skew int
}

// NewVerifier returns a Verifier with Skew DefaultSkew (±1 step).
func NewVerifier() Verifier { return Verifier{Skew: DefaultSkew} }

// Credential is a key as a site stores it for one user: the key and the last step a
// code was accepted for. It is not safe for concurrent use: a site calls Verify under
// the lock that guards its user record. Verify does no I/O and never blocks.
type Credential struct {
	Key      *Key
	LastStep uint64 // the last accepted TOTP step or HOTP counter, when Accepted
	Accepted bool   // whether a code has been accepted (LastStep is meaningful)
}

// maxSkew bounds the window so a misconfigured Skew cannot make Verify slow.
const maxSkew = 100

// Verify checks code against c's key at time t and, when it is accepted, records the
// step in c so that it and every earlier step are refused from then on. It returns the
// step that matched (for HOTP the counter value; the key's Counter moves past it).
//
// For TOTP the window is Step(t)-Skew .. Step(t)+Skew; for HOTP it is Counter ..
// Counter+Skew. Spaces in code are ignored. Every candidate is computed and compared
// in constant time, so timing does not tell which step matched or how close the code
// was. Errors wrap ErrWrongCode or ErrReplayed and never contain the code; an invalid
// key gives its Validate error.
func (v Verifier) Verify(c *Credential, code string, t time.Time) (uint64, error) {
	k := c.Key
	if k == nil {
		return 0, errors.New("otp: verify: credential has no key")
	}
	if err := k.Validate(); err != nil {
		return 0, fmt.Errorf("otp: verify: %w", err)
	}
	var in [MaxDigits]byte
	n, ok := 0, true
	for i := 0; i < len(code); i++ {
		ch := code[i]
		if ch == ' ' {
			continue
		}
		if ch < '0' || ch > '9' || n == len(in) {
			ok = false
			break
		}
		in[n] = ch
		n++
	}
	digits := k.EffectiveDigits()
	if !ok || n != digits {
		return 0, fmt.Errorf("%w: want %d digits", ErrWrongCode, digits)
	}

	skew := min(max(v.Skew, 0), maxSkew)
	var first, last uint64
	if k.Type == TypeHOTP {
		first = k.Counter
		last = first + uint64(skew)
		if last < first { // overflow near 2^64
			last = ^uint64(0)
		}
	} else {
		now := k.Step(t)
		first = now - min(now, uint64(skew))
		last = now + uint64(skew)
	}
	// A replay check needs the last accepted step too, even when it is outside the
	// window (HOTP) so that a reused code says "replayed", not "wrong".
	var matched, replayed bool
	var step uint64
	var buf [MaxDigits]byte
	check := func(s uint64) bool {
		want := appendHOTP(&buf, k.Secret, s, k.Digits, k.Algorithm)
		return subtle.ConstantTimeCompare(want, in[:n]) == 1
	}
	for s := first; ; s++ {
		if check(s) {
			if c.Accepted && s <= c.LastStep {
				replayed = true
			} else if !matched {
				matched, step = true, s
			}
		}
		if s == last {
			break
		}
	}
	if c.Accepted && c.LastStep < first && check(c.LastStep) {
		replayed = true
	}
	switch {
	case matched:
		c.LastStep, c.Accepted = step, true
		if k.Type == TypeHOTP {
			k.Counter = step + 1
		}
		return step, nil
	case replayed:
		return 0, ErrReplayed
	}
	return 0, ErrWrongCode
}

package kit

import (
	"errors"
	"fmt"
	"strings"
)

// Defect names a deliberate security defect a mock site can be started with, so that
// `enroll conform` can prove each of its checks fails when it should (issue 6). The kit
// implements every defect, so every site built on it has them all.
type Defect string

// The defects. Each one breaks exactly one property and nothing else.
const (
	// AcceptReplay accepts a code again within its time step, at sign-in and after
	// enrollment (breaks RFC 6238 §5.2 one-time use).
	AcceptReplay Defect = "accept-replay"
	// WideSkew accepts codes up to 3 steps either side of now instead of the declared
	// Site.Skew.
	WideSkew Defect = "wide-skew"
	// NoThrottle never throttles wrong sign-in codes (breaks RFC 4226 §7.3).
	NoThrottle Defect = "no-throttle"
	// NoConfirm enables 2FA whatever code is entered at enrollment.
	NoConfirm Defect = "no-confirm"
	// ReuseSecret issues the same secret on every enrollment attempt of a server.
	ReuseSecret Defect = "reuse-secret"
	// ShortSecret issues 80-bit secrets instead of 160-bit ones (RFC 4226 §4 R6).
	ShortSecret Defect = "short-secret"
	// MultiUseRecovery lets a recovery code sign in any number of times.
	MultiUseRecovery Defect = "multi-use-recovery"
	// MasterCode accepts the all-zeros code ("000000") at sign-in, as a test
	// back door left switched on would: a wrong code signs in.
	MasterCode Defect = "master-code"
	// NoDisableConfirm switches 2FA off at the first "Disable", without the
	// confirmation the site otherwise asks for (sites call DisableNeedsConfirm).
	NoDisableConfirm Defect = "no-disable-confirm"
	// PermanentLockout never lifts a throttle: once wrong codes have throttled the
	// account, even the right code is refused for good (throttling turned into a
	// denial of service).
	PermanentLockout Defect = "permanent-lockout"
	// SessionThrottle counts wrong sign-in codes per sign-in session instead of per
	// account: signing in again with the password starts the count from zero, so
	// guessing across sessions is never throttled.
	SessionThrottle Defect = "session-throttle"
	// RacyReplay splits the sign-in's check-then-set on used codes: a right code is
	// checked, then held (RacyHold) before its step is recorded as used, so the same
	// code submitted by two sessions at once signs in both (a race real sites had).
	RacyReplay Defect = "racy-replay"
	// ReshownSecret keeps the enrolled secret where the enrollment showed it: once 2FA
	// is on, the attempt stays "under way", so the setup page keeps showing the secret
	// and its QR code, and the QR image URL keeps answering.
	ReshownSecret Defect = "reshown-secret"
)

// AllDefects lists every defect in a stable order (for help text and test matrices).
var AllDefects = []Defect{AcceptReplay, WideSkew, NoThrottle, NoConfirm, ReuseSecret, ShortSecret, MultiUseRecovery, MasterCode, NoDisableConfirm, PermanentLockout, SessionThrottle, RacyReplay, ReshownSecret}

// ErrUnknownDefect is returned (wrapped, with the name) for a defect name the kit does
// not know.
var ErrUnknownDefect = errors.New("unknown defect")

// Defects is a set of switched-on defects. The zero value has none.
type Defects map[Defect]bool

// ParseDefects checks names against AllDefects and returns the set. Every unknown name is
// reported, with the list of known ones.
func ParseDefects(names []string) (Defects, error) {
	set := Defects{}
	var bad []string
	for _, n := range names {
		d := Defect(strings.TrimSpace(n))
		if !known(d) {
			bad = append(bad, fmt.Sprintf("%q", n))
			continue
		}
		set[d] = true
	}
	if len(bad) > 0 {
		all := make([]string, len(AllDefects))
		for i, d := range AllDefects {
			all[i] = string(d)
		}
		return nil, fmt.Errorf("%w %s (known: %s)", ErrUnknownDefect, strings.Join(bad, ", "), strings.Join(all, ", "))
	}
	return set, nil
}

// Has reports whether d is switched on.
func (s Defects) Has(d Defect) bool { return s[d] }

func known(d Defect) bool {
	for _, k := range AllDefects {
		if k == d {
			return true
		}
	}
	return false
}

package runner

import (
	"fmt"
	"time"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/otp"
)

// codeMargin is how close to the end of a time step a code may be typed. Closer than
// this, the code could be stale by the time the site checks it.
const codeMargin = 3 * time.Second

// authenticator plays the reader's authenticator app for one flow: it keeps the keys
// scanned from QR codes and decides which code to type, and when.
//
// A replay-protected site (RFC 6238 §5.2) refuses a second code of a time step it has
// already accepted, so signing in again right after enrolling needs a later step's code.
// Within the site's skew window the next step's code is accepted at once; the
// authenticator types it instead of waiting up to a whole period for the clock.
type authenticator struct {
	now  func() time.Time
	skew int // time steps the site accepts either side of now

	keys  map[string]*otp.Key
	order []string          // names in the order first scanned
	used  map[string]uint64 // last time step (or HOTP counter) typed, per credential
}

func newAuthenticator(now func() time.Time, skew int) *authenticator {
	return &authenticator{now: now, skew: skew, keys: map[string]*otp.Key{}, used: map[string]uint64{}}
}

// add keeps a scanned key under a name; scanning again replaces it and forgets use.
func (a *authenticator) add(name string, k *otp.Key) {
	if _, ok := a.keys[name]; !ok {
		a.order = append(a.order, name)
	}
	a.keys[name] = k
	delete(a.used, name)
}

// key returns a scanned key.
func (a *authenticator) key(name string) (*otp.Key, error) {
	k, ok := a.keys[name]
	if !ok {
		return nil, fmt.Errorf("no credential %q has been scanned", name)
	}
	return k, nil
}

// plan says which time step's code to type for the credential, and how long to wait
// before typing it (zero almost always).
func (a *authenticator) plan(name string) (step uint64, wait time.Duration, err error) {
	k, err := a.key(name)
	if err != nil {
		return 0, 0, err
	}
	if k.Type == otp.TypeHOTP {
		last, used := a.used[name]
		if used {
			return last + 1, 0, nil
		}
		return k.Counter, 0, nil
	}
	now := a.now()
	cur := k.Step(now)
	skew := uint64(max(a.skew, 0))

	want := cur
	if left := k.StepStart(cur + 1).Sub(now); left < codeMargin {
		// Too close to the boundary: type the next step's code. Within a skew window
		// it is accepted now and after the boundary alike; without one, wait for it.
		want = cur + 1
		if skew == 0 {
			wait = left
		}
	}
	if last, used := a.used[name]; used && want <= last {
		want = last + 1
	}
	// The code of step `want` is accepted once the site's clock reaches want-skew.
	if earliest := k.StepStart(want - min(want, skew)); earliest.After(now.Add(wait)) {
		wait = earliest.Sub(now)
	}
	return want, wait, nil
}

// scanned returns the credentials in the order first scanned, as an app holding them
// now would: an HOTP key's counter is past the codes already typed.
func (a *authenticator) scanned() []export.Credential {
	var out []export.Credential
	for _, name := range a.order {
		k := a.keys[name]
		if last, used := a.used[name]; used && k.Type == otp.TypeHOTP {
			next := *k
			next.Counter = last + 1
			k = &next
		}
		out = append(out, export.Credential{Name: name, Key: k})
	}
	return out
}

// code returns the code of a time step (or HOTP counter) and records it as used.
func (a *authenticator) code(name string, step uint64) (string, error) {
	k, err := a.key(name)
	if err != nil {
		return "", err
	}
	a.used[name] = step
	return k.CodeAt(step), nil
}

// lastUsed returns the time step (or HOTP counter) of the last code typed or accepted
// for the credential, and whether there was one.
func (a *authenticator) lastUsed(name string) (uint64, bool) {
	step, ok := a.used[name]
	return step, ok
}

// markUsed records that a code of the credential's step was accepted (by the flow or
// by a probe), unless a later one was: later codes the flow types come after it.
func (a *authenticator) markUsed(name string, step uint64) {
	if last, ok := a.used[name]; !ok || step > last {
		a.used[name] = step
	}
}

package kit

import (
	"time"
)

// RacyHold is how long, under the RacyReplay defect, a sign-in code that passed the
// check waits for a second submission of the same code before it is recorded as used:
// the window a real check-then-set race leaves open, held open on purpose so that the
// race is won every time, without depending on how fast the two requests come. It is
// wall-clock time (the race is between requests), not the site's clock.
const RacyHold = 2 * time.Second

// racyVerifyLocked is verifyLocked with its check and its set split, as a site without
// a lock or an atomic update around its "used codes" has them (the RacyReplay defect):
// a code that passes the check is held, with k.mu released, until a second submission
// of the same code has passed the check too, or RacyHold has passed; only then is its
// step recorded as used. Two concurrent submissions of one code both sign in. k.mu
// must be held; it is released while the code is held.
func (k *Kit) racyVerifyLocked(c *credential, code string, now time.Time) error {
	probe := *c // the check: on a copy, so nothing is recorded yet
	if err := k.verifyLocked(&probe, code, now); err != nil {
		return err
	}
	key := c.Key.Secret.Base32() + "\x00" + code
	if k.racing == nil {
		k.racing = map[string]chan struct{}{}
	}
	if arrived, ok := k.racing[key]; ok {
		close(arrived) // the first submission may go on: both passed the check
		delete(k.racing, key)
	} else {
		arrived := make(chan struct{})
		k.racing[key] = arrived
		k.mu.Unlock()
		t := time.NewTimer(RacyHold)
		select {
		case <-arrived:
		case <-t.C:
		}
		t.Stop()
		k.mu.Lock()
		if k.racing[key] == arrived {
			delete(k.racing, key)
		}
	}
	// The set: the step the check accepted, recorded as used.
	if !c.Accepted || probe.LastStep > c.LastStep {
		c.LastStep, c.Accepted = probe.LastStep, true
	}
	return nil
}

package conform

import (
	"strings"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// wrongCode returns a code of the key's length that is the code of no time step
// within avoid steps of t, so that no skew window, however wide a broken site makes
// it, can accept it. nth picks a different wrong code for each of several attempts.
// It is never the all-zeros code: only wrong-code-refused tries that one (a back
// door would otherwise break the checks that type wrong codes for other reasons).
func wrongCode(k *otp.Key, t time.Time, avoid, nth int) string {
	taken := codesNear(k, t, avoid)
	taken[zeros(k)] = true
	// Start from the current code with every digit moved by 5, then count up.
	c := []byte(k.CodeAt(k.Step(t)))
	for i := range c {
		c[i] = '0' + (c[i]-'0'+5)%10
	}
	for taken[string(c)] {
		increment(c)
	}
	for range nth {
		increment(c)
		for taken[string(c)] {
			increment(c)
		}
	}
	return string(c)
}

// increment adds one to a decimal string in place, wrapping at its length.
func increment(c []byte) {
	for i := len(c) - 1; i >= 0; i-- {
		if c[i] < '9' {
			c[i]++
			return
		}
		c[i] = '0'
	}
}

// codesNear is the set of the key's codes of the time steps within avoid of t.
func codesNear(k *otp.Key, t time.Time, avoid int) map[string]bool {
	cur := k.Step(t)
	near := map[string]bool{}
	for s := cur - min(cur, uint64(avoid)); s <= cur+uint64(avoid); s++ {
		near[k.CodeAt(s)] = true
	}
	return near
}

// zeros is the all-zeros code of the key's length: what a test back door accepts.
func zeros(k *otp.Key) string { return strings.Repeat("0", k.EffectiveDigits()) }

package conform

import (
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// wrongCode returns a code of the key's length that is the code of no time step
// within avoid steps of t, so that no skew window, however wide a broken site makes
// it, can accept it. nth picks a different wrong code for each of several attempts.
func wrongCode(k *otp.Key, t time.Time, avoid, nth int) string {
	cur := k.Step(t)
	taken := map[string]bool{}
	for s := cur - min(cur, uint64(avoid)); s <= cur+uint64(avoid); s++ {
		taken[k.CodeAt(s)] = true
	}
	// Start from the current code with every digit moved by 5, then count up.
	c := []byte(k.CodeAt(cur))
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

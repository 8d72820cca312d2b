package kit

import (
	"sync"
	"time"
)

// Clock tells a site the time. Codes are verified, throttles lifted and enrollment
// attempts expired on the site's clock, never on the wall clock directly, so tests and
// the runner can move time instead of waiting for it.
type Clock interface {
	Now() time.Time
}

// FixedClock is a Clock that stands still until it is moved. Tests use it: every code
// they compute and every expiry they cross is at a time they chose. Safe for concurrent
// use.
type FixedClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFixedClock returns a clock that reads t until it is moved.
func NewFixedClock(t time.Time) *FixedClock { return &FixedClock{now: t} }

// Now returns the clock's current time.
func (c *FixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *FixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *FixedClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// realClock is the wall clock, the default when Options.Clock is nil.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// siteClock is the clock a site actually reads: the configured clock plus an offset that
// the control surface (/_mock/clock) moves. Moving the offset never touches the clock a
// test passed in, so a test may move its FixedClock and the control surface may move the
// offset, and both add up.
type siteClock struct {
	base   Clock
	mu     sync.Mutex
	offset time.Duration
}

func (c *siteClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.Now().Add(c.offset)
}

func (c *siteClock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
	return c.base.Now().Add(c.offset)
}

func (c *siteClock) set(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = t.Sub(c.base.Now())
	return t
}

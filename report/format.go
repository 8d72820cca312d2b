package report

import (
	"fmt"
	"strings"
	"time"
)

// String is the summary line printed at the end of a run:
//
//	2 flows: 1 passed, 1 failed (3.2s)
//
// Passed is always counted; failed, errored, interrupted and skipped only when not zero.
func (s Summary) String() string {
	noun := "flows"
	if s.Flows == 1 {
		noun = "flow"
	}
	parts := []string{fmt.Sprintf("%d passed", s.Passed)}
	for _, c := range []struct {
		n    int
		what string
	}{{s.Failed, "failed"}, {s.Errored, "errored"}, {s.Interrupted, "interrupted"}, {s.Skipped, "skipped"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	return fmt.Sprintf("%d %s: %s (%s)", s.Flows, noun, strings.Join(parts, ", "), FormatDuration(s.Duration))
}

// FormatDuration formats a duration for people: 0.41s under a second, 3.2s under a
// minute, 1m05s above.
func FormatDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	default:
		d = d.Round(time.Second)
		return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

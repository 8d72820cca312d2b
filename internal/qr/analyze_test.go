package qr

import (
	"os"
	"testing"
)

// TestAnalyzeSteps tries every step on every sample and prints a greedy
// ordering; run with QR_ANALYZE=1 when tuning pipelineSteps.
func TestAnalyzeSteps(t *testing.T) {
	if os.Getenv("QR_ANALYZE") == "" {
		t.Skip("set QR_ANALYZE=1")
	}
	steps := allSteps()
	samples := corpus(7, 920)
	ok := make([][]bool, len(samples))
	for i, s := range samples {
		ok[i] = make([]bool, len(steps))
		for j, st := range steps {
			text, _, err := decodePlane(s.img, []step{st})
			ok[i][j] = err == nil && text == s.text
		}
	}
	for j, st := range steps {
		n := 0
		for i := range samples {
			if ok[i][j] {
				n++
			}
		}
		t.Logf("%-32s %d/%d", st, n, len(samples))
	}
	covered := make([]bool, len(samples))
	used := make([]bool, len(steps))
	for {
		best, bestN := -1, 0
		for j := range steps {
			if used[j] {
				continue
			}
			n := 0
			for i := range samples {
				if !covered[i] && ok[i][j] {
					n++
				}
			}
			if n > bestN {
				best, bestN = j, n
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		for i := range samples {
			covered[i] = covered[i] || ok[i][best]
		}
		t.Logf("greedy: %-32s +%d", steps[best], bestN)
	}
	for i, s := range samples {
		if !covered[i] {
			t.Logf("never read: %s", s)
		}
	}
}

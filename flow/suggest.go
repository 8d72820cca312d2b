package flow

import (
	"fmt"
	"strings"
)

// suggest returns ` (did you mean "x"?)` for the known name nearest to got, when it is
// at most two edits away, and "" otherwise.
func suggest(got string, known []string) string {
	if best := nearest(got, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// nearest returns the known name at most two edits from got (ignoring case), the
// first of the nearest, or "" when none is that near or got is itself known.
func nearest(got string, known []string) string {
	best, bestDist := "", 3
	lower := strings.ToLower(got)
	for _, k := range known {
		if d := editDistance(lower, strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == got {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b: insertions,
// deletions, substitutions and transpositions of adjacent runes each cost one.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows suffice for the transposition lookback.
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}

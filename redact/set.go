package redact

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Set is every secret a text or a picture must not show: Values already known (read,
// typed, captured), and Patterns of values not known yet. A flow's secret capture
// patterns are known before its first step, so a page that shows recovery codes a step
// before the flow captures them does not show them in that step's screenshot or
// failure HTML. The zero Set holds no secret.
type Set struct {
	Values   []string
	Patterns []*regexp.Regexp
}

// Find returns, once each, the texts in s that one of the patterns matches as a whole
// token: at least MinScrub characters once trimmed, and not starting or ending inside
// a word (the characters either side of the match are not letters or digits, or are
// the ends of s). So "[a-z0-9]{5}-[a-z0-9]{5}" finds "f3k9q-2mz8x" in "Codes:
// f3k9q-2mz8x, 7hw2p-k0d9s" or between tags in "<li>f3k9q-2mz8x</li>", but not in
// "xf3k9q-2mz8x". The bound keeps a code's pattern from blacking out parts of words;
// it cannot save ordinary words from a pattern that matches them (`\w+` finds every
// word of four letters or more), which is then masked too: a secret showing matters
// more than the picture.
func (set Set) Find(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, re := range set.Patterns {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if inWord(s, m[0], m[1]) {
				continue
			}
			v := strings.TrimSpace(s[m[0]:m[1]])
			if len(v) < MinScrub || seen[v] {
				continue
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// inWord reports whether s[i:j] starts or ends inside a word: a letter or digit
// touches it on either side.
func inWord(s string, i, j int) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); word(r) {
			if first, _ := utf8.DecodeRuneInString(s[i:]); word(first) {
				return true
			}
		}
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); word(r) {
			if last, _ := utf8.DecodeLastRuneInString(s[:j]); word(last) {
				return true
			}
		}
	}
	return false
}

// Scrub replaces in s every known value and every text a pattern finds in s (Find)
// with Word.
func (set Set) Scrub(s string) string {
	if len(set.Patterns) == 0 {
		return Scrub(s, set.Values...)
	}
	return Scrub(s, append(set.Find(s), set.Values...)...)
}

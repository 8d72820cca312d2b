package guide

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLabel is the longest quoted text taken for a label, in bytes: longer quotes are
// sentences, not what a button or a message says.
const maxLabel = 80

// quote is a pair of quotation marks a guide may put around a label.
type quote struct {
	open, close string
	// word: the marks double as apostrophes (don't, the users'), so the opening one
	// must not follow a letter and the closing one must not precede one.
	word bool
	md   bool // Markdown only
}

var quotes = []quote{
	{open: "'", close: "'", word: true},
	{open: "\u2018", close: "\u2019", word: true},
	{open: `"`, close: `"`},
	{open: "\u201c", close: "\u201d"},
	{open: "**", close: "**", md: true},
	{open: "__", close: "__", md: true, word: true},
	{open: "`", close: "`", md: true},
}

// appendLabels adds the labels quoted in one line of the guide to list, skipping those
// already in it (case ignored).
func appendLabels(list []Label, text string, n int, md bool) []Label {
	type found struct {
		start, end int
		q          quote
	}
	var all []found
	for _, q := range quotes {
		if q.md && !md {
			continue
		}
		for from := 0; ; {
			start, end, ok := q.find(text, from)
			if !ok {
				break
			}
			from = end + len(q.close)
			all = append(all, found{start, end, q})
		}
	}
	slices.SortFunc(all, func(a, b found) int { return a.start - b.start })
	for _, f := range all {
		label := collapse(text[f.start:f.end])
		if md {
			label = mdPlain(label)
		}
		if label == "" || len(label) > maxLabel || has(list, label) {
			continue
		}
		l := Label{Text: label, Line: n}
		l.Sentence, l.Before, l.After = around(text, f.start-len(f.q.open), f.end+len(f.q.close))
		if md {
			l.Sentence, l.Before, l.After = mdPlain(l.Sentence), mdPlain(l.Before), mdPlain(l.After)
		}
		list = append(list, l)
	}
	return list
}

// find returns the byte range of the first text quoted with q at or after from.
func (q quote) find(s string, from int) (start, end int, ok bool) {
	for from < len(s) {
		i := strings.Index(s[from:], q.open)
		if i < 0 {
			return 0, 0, false
		}
		i += from
		start = i + len(q.open)
		if q.word && letterBefore(s, i) || start >= len(s) || s[start] == ' ' {
			from = start
			continue
		}
		for j := start; j < len(s); {
			k := strings.Index(s[j:], q.close)
			if k < 0 {
				return 0, 0, false
			}
			k += j
			if k > start && s[k-1] != ' ' && !(q.word && letterAfter(s, k+len(q.close))) {
				return start, k, true
			}
			j = k + len(q.close)
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// letterBefore reports whether the rune before byte i of s is a letter or digit.
func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// letterAfter reports whether the rune at byte i of s is a letter or digit.
func letterAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// around returns the sentence of line holding the quote at [qs, qe) and its words
// before and after the quote.
func around(line string, qs, qe int) (sentence, before, after string) {
	start := 0
	for i := qs - 1; i > 0; i-- {
		if strings.ContainsRune(".!?", rune(line[i-1])) && line[i] == ' ' {
			start = i
			break
		}
	}
	end := len(line)
	for i := qe; i < len(line); i++ {
		if strings.ContainsRune(".!?", rune(line[i])) && (i+1 == len(line) || line[i+1] == ' ') {
			end = i + 1
			break
		}
	}
	return collapse(line[start:end]), collapse(line[start:qs]), collapse(line[qe:end])
}

// has reports whether list holds label, case ignored.
func has(list []Label, label string) bool {
	for _, l := range list {
		if strings.EqualFold(l.Text, label) {
			return true
		}
	}
	return false
}

package flow

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a flow file, at the position where it is written.
type Error struct {
	Pos Pos
	Msg string // lower-case, no trailing punctuation, never a secret value
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem found in a flow and its imports, sorted by position.
// Parse returns it as its error; errors.As reaches both the list and each *Error.
type ErrorList []*Error

// Error formats one problem per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so that errors.As can find a *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// MaxErrorsPerFile is how many problems of one file an ErrorList holds; one more
// entry, at the next problem's position, says how many were left out.
const MaxErrorsPerFile = 50

// sortDedup sorts the list by file, line, column and message, drops repeats (a
// fragment used twice reports a problem in its body once) and keeps the first
// MaxErrorsPerFile problems of each file, followed by "and N more problems".
func (l ErrorList) sortDedup() ErrorList {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	l = slices.CompactFunc(l, func(a, b *Error) bool { return a.Pos == b.Pos && a.Msg == b.Msg })
	var out ErrorList
	for start := 0; start < len(l); {
		end := start
		for end < len(l) && l[end].Pos.File == l[start].Pos.File {
			end++
		}
		if n := end - start; n > MaxErrorsPerFile {
			out = append(out, l[start:start+MaxErrorsPerFile]...)
			more := n - MaxErrorsPerFile
			out = append(out, &Error{Pos: l[start+MaxErrorsPerFile].Pos,
				Msg: fmt.Sprintf("and %d more %s in this file (the first %d are shown)", more, plural(more, "problem"), MaxErrorsPerFile)})
		} else {
			out = append(out, l[start:end]...)
		}
		start = end
	}
	return out
}

// plural returns noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

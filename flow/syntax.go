package flow

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// badByte finds the first byte that makes src no text a flow file may hold: a byte
// that is not UTF-8, a NUL, or a control character other than tab and line breaks.
// It returns the problem's position (line and column in characters, 1-based) and
// message, or ok false when src is clean.
func badByte(src []byte) (line, col int, msg string, ok bool) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, fmt.Sprintf("byte 0x%02x is not UTF-8; a flow file is UTF-8 text", src[i]), true
		case r == 0:
			return line, col, "NUL byte; a flow file is text", true
		case r == '\n':
			line, col = line+1, 0
		case r == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line, col = line+1, 0
		case r == '\t', r == 0xFEFF && i == 0:
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			return line, col, fmt.Sprintf("control character %U; a flow file is text", r), true
		}
		i += size
		col++
	}
	return 0, 0, "", false
}

// opener is a flow collection's opening bracket and where it is (1-based line, and
// column in characters).
type opener struct {
	r         rune
	line, col int
}

// unclosedBrackets scans YAML text for flow collections ({...} and [...]) and returns
// the ones never closed, outermost first; and the opening quote of the last quoted
// scalar that ran over more than one line, with the line where it closed (0 when it
// never closed; r 0 when no quoted scalar ran over lines). A bracket opens a
// collection only where a
// YAML node starts (after "key: ", "- ", "[", "{" or ",", or first on a line); inside
// plain scalars, quoted scalars, block scalars (| and >) and comments it is text. It
// is a scanner for error positions, not a YAML parser: it trusts YAML to have found
// an error.
func unclosedBrackets(lines []string) (stack []opener, quote opener, closed int) {
	closing := map[rune]rune{'{': '}', '[': ']'}
	var open opener   // the open quoted scalar's quote, r 0 for none
	blockIndent := -1 // while skipping a block scalar: the indent of its key's line
	for ln, text := range lines {
		indent := len(text) - len(strings.TrimLeft(text, " "))
		if blockIndent >= 0 {
			if strings.TrimSpace(text) == "" || indent > blockIndent {
				continue
			}
			blockIndent = -1
		}
		nodeStart := true // only spaces, or an indicator that starts a node, since the last token
		plain := false    // inside a plain scalar: brackets and quotes are text
		col := 0
		runes := []rune(text)
		for i := 0; i < len(runes); i++ {
			r := runes[i]
			col++
			next := ' '
			if i+1 < len(runes) {
				next = runes[i+1]
			}
			if open.r != 0 {
				switch {
				case open.r == '"' && r == '\\':
					i++
					col++
				case r == open.r && open.r == '\'' && next == '\'':
					i++
					col++
				case r == open.r:
					if open.line != ln+1 {
						quote, closed = open, ln+1
					}
					open, nodeStart, plain = opener{}, false, false
				}
				continue
			}
			switch {
			case r == ' ' || r == '\t':
				if plain && len(stack) == 0 {
					continue
				}
			case r == '#' && (i == 0 || runes[i-1] == ' ' || runes[i-1] == '\t'):
				i = len(runes) // a comment: the rest of the line
			case len(stack) > 0 && (r == ',' || r == '}' || r == ']'):
				if r != ',' {
					if top := stack[len(stack)-1]; closing[top.r] == r {
						stack = stack[:len(stack)-1]
					}
				}
				nodeStart, plain = r == ',', false
			case (r == ':' || r == '-' || r == '?') && (next == ' ' || next == '\t' || i+1 == len(runes) || (len(stack) > 0 && strings.ContainsRune(",[]{}", next))):
				nodeStart, plain = true, false
			case plain:
			case nodeStart && (r == '{' || r == '['):
				stack = append(stack, opener{r, ln + 1, col})
			case nodeStart && (r == '"' || r == '\''):
				open = opener{r, ln + 1, col}
			case nodeStart && len(stack) == 0 && (r == '|' || r == '>'):
				blockIndent = indent
				i = len(runes)
			default:
				nodeStart, plain = false, true
			}
		}
	}
	if open.r != 0 {
		quote, closed = open, 0
	}
	return stack, quote, closed
}

// bracketProblem recognises yaml.v3's error for a flow collection left open, which
// names a line near the bracket but not the bracket, and returns the position of the
// bracket never closed (the innermost of the kind the error names) and a message
// saying what is missing.
func (d *decoder) bracketProblem(msg string) (Pos, string, bool) {
	var want rune
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or '}'"):
		want = '{'
	case strings.HasPrefix(msg, "did not find expected ',' or ']'"):
		want = '['
	default:
		return Pos{}, "", false
	}
	stack, _, _ := unclosedBrackets(d.lines)
	if len(stack) == 0 {
		return Pos{}, "", false
	}
	open := stack[0]
	for _, o := range stack {
		if o.r == want {
			open = o // the innermost of the kind YAML names
		}
	}
	closing := map[rune]rune{'{': '}', '[': ']'}
	return d.clamp(Pos{Line: open.line, Col: open.col}), fmt.Sprintf("invalid YAML: this %c is not closed: a %c or a , between its entries is missing", open.r, closing[open.r]), true
}

// quoteProblem finds a quoted scalar whose closing quote is missing. yaml.v3 names the
// line where it starts, at column 1, and says only that the file ended; or, when a
// later quote of the same kind closes it, reports whatever then breaks, on that line
// or on the line of the mapping it broke.
// It returns the position of the opening quote and a message saying so, for the
// error yaml.v3 reported at line errLine.
func (d *decoder) quoteProblem(msg string, errLine int) (Pos, string, bool) {
	_, q, closed := unclosedBrackets(d.lines)
	switch {
	case q.r == 0:
		return Pos{}, "", false
	case closed == 0 && strings.HasPrefix(msg, "found unexpected end of stream"):
		return d.clamp(Pos{Line: q.line, Col: q.col}), "invalid YAML: this quoted text is never closed: it runs to the end of the file", true
	case closed != 0 && (closed == errLine || errLine <= q.line && strings.HasPrefix(msg, "did not find expected key")):
		// yaml.v3 names the line of the mapping the scalar broke, at or above it.
		return d.clamp(Pos{Line: q.line, Col: q.col}), fmt.Sprintf("invalid YAML: this quoted text runs on to line %d, where %s; is its closing %c missing?", closed, msg, q.r), true
	}
	return Pos{}, "", false
}

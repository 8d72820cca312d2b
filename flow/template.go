package flow

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Template is a value written in a flow that may refer to named values with
// `${name}`: `${account.email}`, `${account.password}`, `${account.phone}`,
// `${env.NAME}`, a captured value `${codes}` or one element of a list `${codes[0]}`.
// `$$` writes a literal `$`. Templates are parsed when the flow is read, so a
// reference to a value that is never defined is a flow error with its position.
type Template struct {
	Pos   Pos
	Raw   string // as written
	Parts []Part // literal text and references, in order
}

// Part is a piece of a template: literal text, or a reference to a named value.
type Part struct {
	Literal string
	Ref     *Ref
}

// Ref is a reference `${name}` or `${name[index]}`.
type Ref struct {
	Name  string // account.email, env.HOME, codes
	Index int    // -1 when not indexed
	Pos   Pos    // where the ${ is written
}

// IsZero reports whether the template was left empty.
func (t Template) IsZero() bool { return t.Raw == "" }

// Literal returns a template of plain text, with no references.
func Literal(s string) Template {
	if s == "" {
		return Template{}
	}
	return Template{Raw: s, Parts: []Part{{Literal: s}}}
}

// refRE is the syntax inside ${...}: a name, an optional .field, an optional [index].
var refRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)(?:\[([0-9]+)\])?$`)

// parseTemplate splits s into literal text and references. at is where the scalar is
// written and posAt gives the position of a byte offset in s, for precise errors.
func parseTemplate(s string, at Pos, posAt func(int) Pos) (Template, []*Error) {
	t := Template{Pos: at, Raw: s}
	var errs []*Error
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.Parts = append(t.Parts, Part{Literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "$$"):
			lit.WriteByte('$')
			i += 2
		case strings.HasPrefix(s[i:], "${"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				errs = append(errs, &Error{Pos: posAt(i), Msg: "unclosed ${ (end it with }, or write $$ for a literal $)"})
				return t, errs
			}
			inner := s[i+2 : i+end]
			m := refRE.FindStringSubmatch(inner)
			if m == nil {
				errs = append(errs, &Error{Pos: posAt(i), Msg: fmt.Sprintf("invalid reference ${%s}: write ${name}, ${name[0]}, ${account.email} or ${env.NAME}", inner)})
				i += end + 1
				continue
			}
			ref := &Ref{Name: m[1], Index: -1, Pos: posAt(i)}
			if m[2] != "" {
				n, err := strconv.Atoi(m[2])
				if err != nil || n > 1000 {
					errs = append(errs, &Error{Pos: posAt(i), Msg: fmt.Sprintf("index too large in ${%s}", inner)})
				}
				ref.Index = n
			}
			flush()
			t.Parts = append(t.Parts, Part{Ref: ref})
			i += end + 1
		default:
			lit.WriteByte(s[i])
			i++
		}
	}
	flush()
	return t, errs
}

// Expand returns the template's text with every reference replaced by value(ref).
func (t Template) Expand(value func(Ref) (string, error)) (string, error) {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Ref == nil {
			b.WriteString(p.Literal)
			continue
		}
		v, err := value(*p.Ref)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p.Ref.Pos, err)
		}
		b.WriteString(v)
	}
	return b.String(), nil
}

// String returns the template as written; references are not expanded, so it holds
// no secret value.
func (t Template) String() string { return t.Raw }

package flow

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

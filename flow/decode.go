package flow

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decoder reads one file's yaml.Node tree into the AST, recording problems instead of
// stopping at the first.
type decoder struct {
	file  string   // the file name errors show
	lines []string // the source split the way YAML counts lines
	errs  *ErrorList
}

// splitLines splits src at every YAML line break (\r\n, \r, \n, NEL, LS, PS).
func splitLines(src string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		brk := 0
		switch r {
		case '\r':
			brk = 1
			if i+1 < len(src) && src[i+1] == '\n' {
				brk = 2
			}
		case '\n', '\u0085', '\u2028', '\u2029':
			brk = size
		}
		if brk > 0 {
			lines = append(lines, src[start:i])
			i += brk
			start = i
			continue
		}
		i += size
	}
	return append(lines, src[start:])
}

// clamp keeps a position inside the file: YAML reports some problems one past its end.
func (d *decoder) clamp(p Pos) Pos {
	p.File = d.file
	p.Line = min(max(p.Line, 1), len(d.lines))
	p.Col = min(max(p.Col, 1), utf8.RuneCountInString(d.lines[p.Line-1])+1)
	return p
}

// pos is where a node is written.
func (d *decoder) pos(n *yaml.Node) Pos { return d.clamp(Pos{Line: n.Line, Col: n.Column}) }

// errorf records a problem at p.
func (d *decoder) errorf(p Pos, format string, args ...any) {
	*d.errs = append(*d.errs, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// nodeErrorf records a problem where n is written.
func (d *decoder) nodeErrorf(n *yaml.Node, format string, args ...any) {
	d.errorf(d.pos(n), format, args...)
}

// posIn is where byte offset i of a scalar's value is written, exactly for one-line
// plain and quoted scalars and literal blocks, else the scalar's own position.
func (d *decoder) posIn(n *yaml.Node, i int) Pos {
	v := n.Value
	if i < 0 || i > len(v) {
		return d.pos(n)
	}
	if n.Line < 1 || n.Line > len(d.lines) {
		return d.pos(n)
	}
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		k := strings.Count(v[:i], "\n")
		lineNo := n.Line + 1 + k
		if lineNo > len(d.lines) {
			return d.pos(n)
		}
		valueLine := v[strings.LastIndex(v[:i], "\n")+1:]
		if j := strings.IndexByte(valueLine, '\n'); j >= 0 {
			valueLine = valueLine[:j]
		}
		src := d.lines[lineNo-1]
		if !strings.HasSuffix(src, valueLine) {
			return d.pos(n)
		}
		indent := utf8.RuneCountInString(src) - utf8.RuneCountInString(valueLine)
		inLine := utf8.RuneCountInString(v[strings.LastIndex(v[:i], "\n")+1 : i])
		return d.clamp(Pos{Line: lineNo, Col: indent + inLine + 1})
	case strings.ContainsAny(v, "\n\r") || n.Style&yaml.FoldedStyle != 0:
		return d.pos(n)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return d.quotedPos(n, i)
	default:
		return d.clamp(Pos{Line: n.Line, Col: n.Column + utf8.RuneCountInString(v[:i])})
	}
}

// quotedPos walks a one-line quoted scalar's source to find value offset i.
func (d *decoder) quotedPos(n *yaml.Node, i int) Pos {
	src := []rune(d.lines[n.Line-1])
	col := n.Column // 1-based column of the opening quote
	j := col        // index into src of the first character after the quote
	double := n.Style&yaml.DoubleQuotedStyle != 0
	for _, r := range n.Value[:i] {
		if j >= len(src) {
			return d.pos(n)
		}
		switch {
		case !double && src[j] == '\'' && j+1 < len(src) && src[j+1] == '\'':
			j += 2
		case double && src[j] == '\\' && j+1 < len(src):
			switch src[j+1] {
			case 'x':
				j += 4
			case 'u':
				j += 6
			case 'U':
				j += 10
			default:
				j += 2
			}
		default:
			if src[j] != r {
				return d.pos(n)
			}
			j++
		}
	}
	return d.clamp(Pos{Line: n.Line, Col: j + 1})
}

// describeNode names what kind of YAML value n is, for "must be text, not a list".
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	if isNull(n) {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

// isNull reports whether n is an empty or null scalar (`key:`, `~`, `null`).
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fieldValue is a decoded value of one field of a mapping.
type fieldValue struct {
	pos    Pos
	node   *yaml.Node
	str    string // TypeString, TypeName, TypeRef, TypeEnum, TypeRegexp
	tmpl   Template
	dur    time.Duration
	num    int
	on     bool
	target *Target
	qr     QRExpect
	ok     bool // the value decoded without a problem
}

// fieldSet is a mapping's fields by name, after checking its keys against a table.
type fieldSet struct {
	at   Pos // the mapping's position
	vals map[string]*fieldValue
	// misspelt are the fields that an unknown key was reported as a likely misspelling
	// of; they are not reported missing again.
	misspelt map[string]bool
}

// missing reports whether the field was neither written nor written misspelt.
func (f *fieldSet) missing(name string) bool { return !f.has(name) && !f.misspelt[name] }

// has reports whether the field was written (even with a bad value).
func (f *fieldSet) has(name string) bool { _, ok := f.vals[name]; return ok }

// get returns the field's value; the zero value when it is absent.
func (f *fieldSet) get(name string) *fieldValue {
	if v, ok := f.vals[name]; ok {
		return v
	}
	return &fieldValue{pos: f.at}
}

// fieldNames lists the names of fields.
func fieldNames(fields []Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

// keyHints are keys people write for a field of another name.
var keyHints = map[string]string{
	"in": "within", "inside": "within", "selector": "css", "aria-label": "name",
	"title": "name", "offguide": "off-guide", "off_guide": "off-guide", "steps": "do",
	"actions": "do", "base_url": "base-url", "baseurl": "base-url", "url": "base-url",
	"imports": "import", "version": "enroll", "regexp": "pattern", "regex": "pattern",
}

// unknownKey reports a key that is not one of fields and returns the field it is
// probably a misspelling of, or "".
func (d *decoder) unknownKey(k *yaml.Node, fields []Field, what string) string {
	names := fieldNames(fields)
	near := nearest(k.Value, names)
	if h, ok := keyHints[k.Value]; near == "" && ok {
		for _, n := range names {
			if n == h {
				near = h
			}
		}
	}
	hint := ""
	if near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	d.nodeErrorf(k, "unknown key %q in %s%s; known keys: %s", k.Value, what, hint, strings.Join(names, ", "))
	return near
}

// fields checks the keys of mapping n against fields, decodes each value by its type
// and reports required fields that are missing at the mapping's position.
func (d *decoder) fields(n *yaml.Node, fields []Field, what string) *fieldSet {
	fs := &fieldSet{at: d.pos(n), vals: map[string]*fieldValue{}, misspelt: map[string]bool{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.nodeErrorf(k, "a key in %s must be a name, not %s", what, describeNode(k))
			continue
		}
		f, ok := findField(fields, k.Value)
		if !ok {
			if near := d.unknownKey(k, fields, what); near != "" {
				fs.misspelt[near] = true
			}
			continue
		}
		if prev, dup := fs.vals[f.Name]; dup {
			d.nodeErrorf(k, "%s given twice in %s (first at line %d)", f.Name, what, prev.pos.Line)
			continue
		}
		fs.vals[f.Name] = d.value(f, v)
	}
	d.require(fs, fields, what)
	return fs
}

// require reports each required field missing from fs, at fs's position.
func (d *decoder) require(fs *fieldSet, fields []Field, what string) {
	for _, f := range fields {
		switch {
		case !f.Required || !fs.missing(f.Name):
		case f.Name == "enroll":
			d.errorf(fs.at, "missing `enroll: %d` (the format version) at the top of the file", Version)
		case f.Name == "step":
			d.errorf(fs.at, "a step needs a title: `- step: <the guide's heading>`")
		case f.Name == "site" && what == "a flow file":
			d.errorf(fs.at, "a flow file needs site: a bundled mock's name (%s), or `site: { base-url: https://... }` for another site (--base-url on the command line wins over either)",
				strings.Join(BundledSites, ", "))
		default:
			d.errorf(fs.at, "%s needs %s", what, f.Name)
		}
	}
}

// findField returns the field named name.
func findField(fields []Field, name string) (Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// nameRE is the syntax of a value's or credential's name.
var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// value decodes n as a value of field f. Structural types keep only the node.
func (d *decoder) value(f Field, n *yaml.Node) *fieldValue {
	fv := &fieldValue{pos: d.pos(n), node: n}
	if skip(n) {
		return fv
	}
	switch f.Type {
	case TypeTarget, TypeFieldTarget:
		fv.target = d.target(n, f)
		fv.ok = fv.target != nil
		return fv
	case TypeQRExpect:
		if n.Kind != yaml.MappingNode {
			d.nodeErrorf(n, "%s must be a mapping of %s, not %s", f.Name, strings.Join(fieldNames(qrFields), ", "), describeNode(n))
			return fv
		}
		fv.qr, fv.ok = d.qrExpect(n)
		return fv
	case TypeGuide, TypeSite, TypeAccount, TypeImports, TypeFragments, TypeSteps, TypeActions, TypeTexts, TypeConform, TypeReasons:
		fv.ok = true
		return fv
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.nodeErrorf(n, "%s must be %s, not %s", f.Name, f.Type.article(), describeNode(n))
		return fv
	}
	s := n.Value
	fv.str = s
	switch f.Type {
	case TypeString:
		if strings.TrimSpace(s) == "" {
			d.nodeErrorf(n, "%s is empty", f.Name)
			return fv
		}
	case TypeTemplate:
		var errs []*Error
		fv.tmpl, errs = parseTemplate(s, d.pos(n), func(i int) Pos { return d.posIn(n, i) })
		*d.errs = append(*d.errs, errs...)
		fv.ok = len(errs) == 0
		return fv
	case TypeDuration:
		dur, err := time.ParseDuration(s)
		switch {
		case err != nil && n.Tag == "!!int":
			d.nodeErrorf(n, "invalid duration %q (add a unit: %ss)", s, s)
			return fv
		case err != nil:
			d.nodeErrorf(n, "invalid duration %q", s)
			return fv
		case dur <= 0:
			d.nodeErrorf(n, "%s must be positive, not %s", f.Name, s)
			return fv
		}
		fv.dur = dur
	case TypeInt:
		num, err := strconv.Atoi(s)
		if err != nil || n.Tag != "!!int" {
			d.nodeErrorf(n, "%s must be a whole number, not %q", f.Name, s)
			return fv
		}
		fv.num = num
	case TypeBool:
		on, err := strconv.ParseBool(s)
		if err != nil || n.Tag != "!!bool" {
			d.nodeErrorf(n, "%s must be true or false, not %q", f.Name, s)
			return fv
		}
		fv.on = on
	case TypeName, TypeRef:
		if !nameRE.MatchString(s) {
			d.nodeErrorf(n, "invalid name %q for %s: use letters, digits, - and _, starting with a letter", s, f.Name)
			return fv
		}
		if f.Type == TypeName && (s == "account" || s == "env") {
			d.nodeErrorf(n, "%q is reserved (${%s.…} is built in); choose another name", s, s)
			return fv
		}
	case TypeEnum:
		canon, ok := enumValue(f.Enum, s)
		if !ok {
			d.nodeErrorf(n, "unknown %s %q%s; one of: %s", f.Name, s, suggest(s, f.Enum), strings.Join(f.Enum, ", "))
			return fv
		}
		fv.str = canon
	case TypeRegexp:
		if _, err := regexp.Compile(s); err != nil {
			d.nodeErrorf(n, "invalid %s: %s", f.Name, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			return fv
		}
	}
	fv.ok = true
	return fv
}

// article says the type with an article, for "timeout must be a duration".
func (t FieldType) article() string {
	switch t {
	case TypeString, TypeTemplate:
		return "text"
	case TypeBool:
		return "true or false"
	case TypeEnum:
		return "a name"
	case TypeInt:
		return "a whole number"
	}
	return "a " + t.String()
}

// enumValue finds s in values, ignoring case, and returns it as the table spells it.
func enumValue(values []string, s string) (string, bool) {
	for _, v := range values {
		if strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}

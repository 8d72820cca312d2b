package flow

import (
	"fmt"
	"github.com/enroll-dev/enroll/locator"
	"strings"

	"go.yaml.in/yaml/v3"
)

// target decodes the value of a target field: a string (visible text, or a label for
// a TypeFieldTarget) or a target mapping. It returns nil after reporting a problem.
func (d *decoder) target(n *yaml.Node, f Field) *Target {
	switch {
	case n.Kind == yaml.ScalarNode && !isNull(n):
		if strings.TrimSpace(n.Value) == "" {
			d.nodeErrorf(n, "%s is empty", f.Name)
			return nil
		}
		t := &Target{Pos: d.pos(n)}
		if f.Type == TypeFieldTarget {
			t.Label = n.Value
		} else {
			t.Text = n.Value
		}
		return t
	case n.Kind == yaml.MappingNode:
		what := f.Name
		fs := d.fields(n, targetFields, what)
		t, ok := d.buildTarget(fs, what)
		if !ok {
			return nil
		}
		return &t
	default:
		d.nodeErrorf(n, "%s must be text or a mapping with one of %s, not %s", f.Name, strings.Join(targetWhich, ", "), describeNode(n))
		return nil
	}
}

// buildTarget makes a Target of a mapping's target fields: exactly one of text, label,
// placeholder, name or css, and the optional narrowing fields.
func (d *decoder) buildTarget(fs *fieldSet, what string) (Target, bool) {
	t := Target{
		Locator: locator.Locator{
			Text:        fs.get("text").str,
			Label:       fs.get("label").str,
			Placeholder: fs.get("placeholder").str,
			Name:        fs.get("name").str,
			CSS:         fs.get("css").str,
			Role:        fs.get("role").str,
			Within:      fs.get("within").str,
			Exact:       fs.get("exact").on,
		},
		Pos:      fs.at,
		OffGuide: fs.get("off-guide").str,
	}
	var given []string
	for _, k := range targetWhich {
		if fs.has(k) {
			given = append(given, k)
		}
	}
	switch len(given) {
	case 0:
		if !anyMisspelt(fs, targetWhich) {
			d.errorf(fs.at, "%s needs one of %s", what, orList(targetWhich))
		}
		return t, false
	case 1:
	default:
		d.errorf(fs.get(given[1]).pos, "%s has both %s and %s; give only one of %s", what, given[0], given[1], orList(targetWhich))
		return t, false
	}
	if t.Exact && fs.has("css") {
		d.errorf(fs.get("exact").pos, "exact does not apply to css")
	}
	for _, v := range fs.vals {
		if !v.ok {
			return t, false
		}
	}
	return t, true
}

// qrExpect decodes scan-qr's expect mapping.
func (d *decoder) qrExpect(n *yaml.Node) (QRExpect, bool) {
	fs := d.fields(n, qrFields, "expect")
	q := QRExpect{
		Issuer:    fs.get("issuer").str,
		Account:   fs.get("account").str,
		Digits:    fs.get("digits").num,
		Period:    fs.get("period").num,
		Algorithm: fs.get("algorithm").str,
	}
	ok := true
	if v := fs.get("digits"); v.ok && (q.Digits < 6 || q.Digits > 8) {
		d.errorf(v.pos, "digits must be 6, 7 or 8, not %d", q.Digits)
		ok = false
	}
	if v := fs.get("period"); v.ok && (q.Period < 1 || q.Period > 3600) {
		d.errorf(v.pos, "period must be between 1 and 3600 seconds, not %d", q.Period)
		ok = false
	}
	for _, v := range fs.vals {
		ok = ok && v.ok
	}
	return q, ok
}

// orList writes names as `a, b or c`.
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return fmt.Sprintf("%s or %s", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}

// anyMisspelt reports whether an unknown key in fs was taken for one of names.
func anyMisspelt(fs *fieldSet, names []string) bool {
	for _, n := range names {
		if fs.misspelt[n] {
			return true
		}
	}
	return false
}

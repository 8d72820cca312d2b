package flow

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// action decodes one item of a `do:` or fragment list: a mapping with one action kind
// and an optional timeout, or a bare kind name. It returns nil when nothing usable
// is left of the item.
func (d *decoder) action(item *yaml.Node) Action {
	switch item.Kind {
	case yaml.ScalarNode:
		if isNull(item) {
			d.nodeErrorf(item, "empty action; write one like `click: Done`")
			return nil
		}
		k, ok := d.kind(item)
		if !ok {
			return nil
		}
		if !k.Bare {
			d.nodeErrorf(item, "%s needs a value, like `%s`", k.Name, firstLine(k.Example))
			return nil
		}
		return d.build(k, Common{Pos: d.pos(item)}, &fieldSet{at: d.pos(item), vals: map[string]*fieldValue{}, misspelt: map[string]bool{}})
	case yaml.MappingNode:
	default:
		d.nodeErrorf(item, "an action must be a mapping like `click: Done`, not %s", describeNode(item))
		return nil
	}

	var kindKey, kindVal, timeoutVal *yaml.Node
	var unknown []*yaml.Node
	for i := 0; i+1 < len(item.Content); i += 2 {
		key, val := item.Content[i], item.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			d.nodeErrorf(key, "an action's key must be a name, not %s", describeNode(key))
			continue
		}
		switch _, known := LookupKind(key.Value); {
		case key.Value == "timeout":
			if timeoutVal != nil {
				d.nodeErrorf(key, "timeout given twice")
				continue
			}
			timeoutVal = val
		case known && kindKey != nil:
			d.nodeErrorf(key, "two actions in one item: %s and %s; start each action with its own -", kindKey.Value, key.Value)
		case known:
			kindKey, kindVal = key, val
		default:
			unknown = append(unknown, key)
		}
	}
	for _, key := range unknown {
		if kindKey == nil {
			d.unknownKind(key)
			kindKey = key // report later unknown keys as extras, not as more actions
			continue
		}
		if k, ok := LookupKind(kindKey.Value); ok {
			if _, isField := k.field(key.Value); isField {
				d.nodeErrorf(key, "%s belongs inside %s's mapping: `%s: { ..., %s: ... }`", key.Value, k.Name, k.Name, key.Value)
				continue
			}
		}
		d.nodeErrorf(key, "unknown key %q beside %s%s; an item holds one action and an optional timeout",
			key.Value, kindKey.Value, suggest(key.Value, append(KindNames(), "timeout")))
	}
	if kindKey == nil {
		d.nodeErrorf(item, "timeout without an action; put it beside one, like `click: Done`")
		return nil
	}
	k, ok := LookupKind(kindKey.Value)
	if !ok {
		return nil
	}
	c := Common{Pos: d.pos(kindKey)}
	fs := d.kindValue(k, kindKey, kindVal)
	if fs == nil {
		return nil
	}
	if timeoutVal != nil {
		if fs.has("timeout") {
			d.nodeErrorf(timeoutVal, "timeout given twice: beside %s and inside it", k.Name)
		}
		fs.vals["timeout"] = d.value(timeoutField, timeoutVal)
	}
	c.Timeout = fs.get("timeout").dur
	return d.build(k, c, fs)
}

// kind looks up the kind named by n, reporting an unknown one.
func (d *decoder) kind(n *yaml.Node) (*KindInfo, bool) {
	k, ok := LookupKind(n.Value)
	if !ok {
		d.unknownKind(n)
	}
	return k, ok
}

// unknownKind reports n as an unknown action kind, with the nearest known one.
func (d *decoder) unknownKind(n *yaml.Node) {
	d.nodeErrorf(n, "unknown action %q%s (run 'enroll help steps' for the list)", n.Value, suggest(n.Value, KindNames()))
}

// kindValue decodes the value written after an action's kind: nothing (bare kinds),
// the one-line form, or a mapping of the kind's fields. nil means no usable value.
func (d *decoder) kindValue(k *KindInfo, key, val *yaml.Node) *fieldSet {
	at := d.pos(key)
	switch {
	case isNull(val):
		if !k.Bare {
			d.errorf(at, "%s needs a value, like `%s`", k.Name, firstLine(k.Example))
			return nil
		}
		return &fieldSet{at: at, vals: map[string]*fieldValue{}, misspelt: map[string]bool{}}
	case val.Kind == yaml.ScalarNode:
		f, ok := k.field(k.Shorthand)
		if !ok {
			d.nodeErrorf(val, "%s needs a mapping, like `%s`", k.Name, firstLine(k.Example))
			return nil
		}
		fs := &fieldSet{at: at, vals: map[string]*fieldValue{}, misspelt: map[string]bool{}}
		fs.vals[f.Name] = d.value(f, val)
		return fs
	case val.Kind == yaml.MappingNode:
		fs := d.fields(val, k.Fields, string(k.Name))
		fs.at = at
		return fs
	default:
		d.nodeErrorf(val, "%s must be followed by text or a mapping, not %s", k.Name, describeNode(val))
		return nil
	}
}

// firstLine returns an example's first line without its list dash.
func firstLine(example string) string {
	line, _, _ := strings.Cut(example, "\n")
	return strings.TrimPrefix(line, "- ")
}

// builder hands a kind's build function what it needs.
type builder struct {
	d    *decoder
	kind *KindInfo
	c    Common
	fs   *fieldSet
}

// build makes the action of kind k from its decoded fields.
func (d *decoder) build(k *KindInfo, c Common, fs *fieldSet) Action {
	return k.build(&builder{d: d, kind: k, c: c, fs: fs})
}

// target returns the field's target, or a zero one when it was missing or bad.
func (b *builder) target(name string) Target {
	if t := b.fs.get(name).target; t != nil {
		return *t
	}
	return Target{Pos: b.fs.at}
}

// inline returns the target written with the kind's own keys (click: { text: ... }).
func (b *builder) inline() Target {
	t, _ := b.d.buildTarget(b.fs, string(b.kind.Name))
	return t
}

// exactlyOne reports unless exactly one of names was written.
func (b *builder) exactlyOne(names ...string) {
	var given []string
	for _, n := range names {
		if b.fs.has(n) {
			given = append(given, n)
		}
	}
	switch {
	case len(given) == 0 && anyMisspelt(b.fs, names):
	case len(given) == 0:
		b.d.errorf(b.fs.at, "%s needs one of %s", b.kind.Name, orList(names))
	case len(given) > 1:
		b.d.errorf(b.fs.get(given[1]).pos, "%s has both %s and %s; give only one", b.kind.Name, given[0], given[1])
	}
}

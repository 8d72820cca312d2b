package flow

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// listFile decodes a YAML file that is a mapping whose one key lists entries (a pool
// file's accounts, an expected-failures file), each a mapping of fields, and returns
// each entry's fields; what names the file, entry one entry and entries them all, for
// messages. An empty
// file lists none. Problems are recorded at their positions, and an entry that is no
// mapping is left out.
func (d *decoder) listFile(src []byte, key, what, entry, entries string, fields []Field) []*fieldSet {
	if line, col, msg, bad := badByte(src); bad {
		d.errorf(d.clamp(Pos{Line: line, Col: col}), "%s", msg)
		return nil
	}
	var doc yaml.Node
	if err := decodeSafely(yaml.NewDecoder(bytes.NewReader(src)), &doc); err != nil {
		if !errors.Is(err, io.EOF) {
			d.yamlError(err)
		}
		return nil
	}
	d.rejectAliases(&doc)
	if len(doc.Content) == 0 {
		return nil
	}
	names := fieldNames(fields)
	have := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.nodeErrorf(root, "%s is a mapping with `%s:` listing %s, not %s", what, key, entries, describeNode(root))
		return nil
	}
	// The list is a structural value (kept as its node, decoded below).
	list := d.fields(root, []Field{{Name: key, Type: TypeTexts}}, what).get(key).node
	if list == nil || isNull(list) || skip(list) {
		return nil
	}
	if list.Kind != yaml.SequenceNode {
		d.nodeErrorf(list, "%s must be a list of %s with %s, not %s", key, entries, have, describeNode(list))
		return nil
	}
	var out []*fieldSet
	for _, item := range list.Content {
		switch {
		case skip(item):
		case item.Kind != yaml.MappingNode:
			d.nodeErrorf(item, "%s must be a mapping with %s, not %s", entry, have, describeNode(item))
		default:
			out = append(out, d.fields(item, fields, entry))
		}
	}
	return out
}

package flow

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
)

// dump writes a flow as indented text for golden files: every non-zero field, with
// positions as line:col, actions with their kind. Test-only, so reflection is fine.
func dump(f *Flow) string {
	var b strings.Builder
	dumpValue(&b, 0, "Flow", reflect.ValueOf(f))
	return b.String()
}

func dumpValue(b *strings.Builder, depth int, name string, v reflect.Value) {
	indent := strings.Repeat("  ", depth)
	if v.Type() == reflect.TypeFor[*regexp.Regexp]() {
		return // Pattern, compiled: the dump has Pattern
	}
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		if a, ok := v.Interface().(Action); ok && v.Kind() == reflect.Interface {
			name = fmt.Sprintf("%s %s", name, a.Kind())
		}
		v = v.Elem()
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
	}
	switch x := v.Interface().(type) {
	case Pos:
		if x != (Pos{}) {
			fmt.Fprintf(b, "%s%s: %s\n", indent, name, x)
		}
		return
	case time.Duration:
		if x != 0 {
			fmt.Fprintf(b, "%s%s: %s\n", indent, name, x)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if v.IsZero() {
			return
		}
		fmt.Fprintf(b, "%s%s:\n", indent, name)
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Anonymous {
				for j := range v.Field(i).NumField() {
					dumpValue(b, depth+1, v.Field(i).Type().Field(j).Name, v.Field(i).Field(j))
				}
				continue
			}
			dumpValue(b, depth+1, f.Name, v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		fmt.Fprintf(b, "%s%s:\n", indent, name)
		for i := range v.Len() {
			dumpValue(b, depth+1, fmt.Sprintf("[%d]", i), v.Index(i))
		}
	case reflect.Map:
		if v.Len() == 0 {
			return
		}
		fmt.Fprintf(b, "%s%s:\n", indent, name)
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			dumpValue(b, depth+1, k.String(), v.MapIndex(k))
		}
	default:
		if !v.IsZero() || (v.Kind() == reflect.Int && name == "Index") {
			fmt.Fprintf(b, "%s%s: %#v\n", indent, name, v.Interface())
		}
	}
}

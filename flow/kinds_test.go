package flow

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestKindsTable checks that every kind is fully described.
func TestKindsTable(t *testing.T) {
	t.Parallel()
	seen := map[Kind]bool{}
	for _, k := range Kinds {
		t.Run(string(k.Name), func(t *testing.T) {
			if seen[k.Name] {
				t.Errorf("kind listed twice")
			}
			seen[k.Name] = true
			if k.Summary == "" || k.Example == "" || k.build == nil {
				t.Errorf("summary %q, example %q, build set %v: all are needed", k.Summary, k.Example, k.build != nil)
			}
			if last := k.Fields[len(k.Fields)-1]; last.Name != "timeout" {
				t.Errorf("last field is %s, want timeout", last.Name)
			}
			if _, ok := k.field(k.Shorthand); k.Shorthand != "" && !ok {
				t.Errorf("shorthand %q is not a field", k.Shorthand)
			}
			for _, name := range k.OneOf {
				if _, ok := k.field(name); !ok {
					t.Errorf("one-of %q is not a field", name)
				}
			}
			for _, f := range k.Fields {
				if f.Doc == "" || f.Type == 0 {
					t.Errorf("field %s has no doc or type", f.Name)
				}
			}
		})
	}
}

// TestKindExamples parses every form in every kind's example inside a small flow, so
// that help never shows an example that does not validate, and checks that every
// kind is described (Describe) and known to Labels.
func TestKindExamples(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds {
		for i, line := range strings.Split(k.Example, "\n") {
			t.Run(fmt.Sprintf("%s/%d", k.Name, i), func(t *testing.T) {
				t.Parallel()
				var b strings.Builder
				b.WriteString("enroll: 1\nguide: {title: T, source: s}\nsite: 20i\n")
				b.WriteString("fragments:\n  sign-in:\n    - open: /login\n")
				b.WriteString("steps:\n  - step: A\n    do:\n")
				if k.Name != "scan-qr" {
					b.WriteString("      - scan-qr: app\n")
				}
				b.WriteString("      " + line + "\n")
				fsys := fstest.MapFS{"f.yaml": {Data: []byte(b.String())}}
				f, err := Parse(fsys, "f.yaml")
				if err != nil {
					t.Fatalf("example does not parse:\n%v\n%s", err, b.String())
				}
				acts := f.Steps[0].Actions
				kinds := make([]Kind, len(acts))
				for i, a := range acts {
					kinds[i] = a.Kind()
				}
				if !slices.Contains(kinds, k.Name) {
					t.Errorf("example %q holds %v, no %s", line, kinds, k.Name)
				}
				for _, a := range acts {
					if d := a.Describe(); d == "" || strings.Contains(d, "%!") {
						t.Errorf("example %q: %s is described as %q", line, a.Kind(), d)
					}
					if _, known := labels(a); !known {
						t.Errorf("example %q: Labels has no case for %T (the %s action)", line, a, a.Kind())
					}
				}
			})
		}
	}
}

// TestEditDistance checks the distance behind "did you mean".
func TestEditDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"click", "click", 0},
		{"clik", "click", 1},
		{"cilck", "click", 1}, // a transposition is one edit
		{"", "abc", 3},
		{"expect-nto", "expect-not", 1},
		{"scanqr", "scan-qr", 1},
		{"héllo", "hello", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := suggest("Clik", KindNames()); got != ` (did you mean "click"?)` {
		t.Errorf("suggest(Clik) = %q", got)
	}
	if got := suggest("zzzzzz", KindNames()); got != "" {
		t.Errorf("suggest(zzzzzz) = %q, want none", got)
	}
}

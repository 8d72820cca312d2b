package flows_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
)

// TestBundledFlowsParse checks every bundled flow and fragment file is valid.
func TestBundledFlowsParse(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(flows.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled flows: %v", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := flow.Parse(flows.FS, name); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
	sites, _ := fs.Glob(flows.FS, "sites/*.yaml")
	for _, name := range sites {
		t.Run(path.Base(name), func(t *testing.T) {
			t.Parallel()
			if _, err := flow.ParseFragments(flows.FS, name); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
}

// guidesDir holds the guides the bundled flows follow (the repository's guides/).
const guidesDir = "../guides"

// TestFlowsFollowTheirGuides checks that every label a bundled flow looks for on the
// screen (what it clicks, hovers, checks, selects, fills into, types a code into,
// presses a key in, and every text it expects or expects to be gone) appears in its
// guide, quoted or verbatim, ignoring case and white space, unless the flow marks the
// target `off-guide: why`. Labels in fragments count for every flow that uses them.
// A flow that drifts from its guide fails here, without a browser.
//
// The flows in testdata/ (written for variants of the mocks) are checked too.
func TestFlowsFollowTheirGuides(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(flows.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled flows: %v", err)
	}
	variants, _ := fs.Glob(os.DirFS("."), "testdata/*.yaml")
	for _, name := range append(names, variants...) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fsys, file := fs.FS(flows.FS), name
			if dir, base, ok := strings.Cut(name, "/"); ok {
				fsys, file = os.DirFS(dir), base
			}
			f, err := flow.Parse(fsys, file)
			if err != nil {
				t.Fatalf("%v", err)
			}
			guide := readGuide(t, f.Guide.Source)
			for _, l := range flowLabels(f) {
				if !inGuide(guide, l.Text) {
					t.Errorf("%s: %s %q is not in guide %s; quote the guide's label, or mark the target `off-guide: why`",
						l.Pos, l.Kind, l.Text, f.Guide.Source)
				}
			}
		})
	}
}

// TestInGuide pins down the matching rules of the faithfulness test.
func TestInGuide(t *testing.T) {
	t.Parallel()
	guide := normalise("Click on the 'Enable'  button.\nIt should now show\nthat two-factor authentication is activated.\n\nIntegrations\n\nDesktop\nBusiness\n")
	tests := []struct {
		label string
		want  bool
	}{
		{"Enable", true},
		{"enable", true},
		{"show that Two-Factor   authentication", true}, // across a line break
		{"’Enable’", true},                              // typographic quotes read as plain ones
		{"Disable", false},
		{"Business", false}, // the publishing site's navigation is not the guide
		{"Desktop", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			t.Parallel()
			if got := inGuide(guide, tt.label); got != tt.want {
				t.Errorf("inGuide(%q) = %v, want %v", tt.label, got, tt.want)
			}
		})
	}
}

// readGuide returns the normalised text of a guide file in guidesDir.
func readGuide(t *testing.T, source string) string {
	t.Helper()
	if source == "" || strings.ContainsAny(source, `/\`) {
		t.Fatalf("guide source %q is not a file name in guides/", source)
	}
	b, err := os.ReadFile(filepath.Join(guidesDir, source))
	if err != nil {
		t.Fatalf("reading the flow's guide: %v", err)
	}
	return normalise(string(b))
}

// normalise lower-cases s, makes typographic quotes plain, collapses white space to
// single spaces and drops the publishing site's navigation that ends most guides
// (from a line "Integrations" on).
func normalise(s string) string {
	if i := strings.LastIndex(s, "\nIntegrations\n"); i >= 0 {
		s = s[:i]
	}
	s = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// inGuide reports whether label appears in the normalised guide text.
func inGuide(guide, label string) bool {
	l := normalise(label)
	return l != "" && strings.Contains(guide, l)
}

// flowLabels returns the labels the flow's steps look for (flow.Labels), including
// those of the fragments they use, once each, except those marked off-guide.
func flowLabels(f *flow.Flow) []flow.Label {
	var out []flow.Label
	seen := map[string]bool{} // a fragment used twice gives its labels once
	for _, s := range f.Steps {
		for _, a := range f.Expand(s.Actions) {
			for _, l := range flow.Labels(a) {
				key := l.Pos.String() + "\x00" + l.Text
				if l.OffGuide == "" && !seen[key] {
					seen[key] = true
					out = append(out, l)
				}
			}
		}
	}
	return out
}

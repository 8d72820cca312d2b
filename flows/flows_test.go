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
	"github.com/enroll-dev/enroll/guide"
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
// screen (Flow.GuideLabels: what it clicks, hovers, checks, selects, fills into, types
// a code into, presses a key in, and every text it expects or expects to be gone)
// appears in its guide (guide.Guide.Quotes), unless the flow marks the target
// `off-guide: why`. A flow that drifts from its guide fails here, without a browser;
// `enroll validate` makes the same check for any flow whose guide it finds.
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
			g := readGuide(t, f.Guide.Source)
			for _, l := range f.GuideLabels() {
				if !g.Quotes(l.Text) {
					t.Errorf("%s: %s %q is not in guide %s; quote the guide's label, or mark the target `off-guide: why`",
						l.Pos, l.Kind, l.Text, f.Guide.Source)
				}
			}
		})
	}
}

// readGuide reads the words of a guide file in guidesDir.
func readGuide(t *testing.T, source string) guide.Words {
	t.Helper()
	if source == "" || strings.ContainsAny(source, `/\`) {
		t.Fatalf("guide source %q is not a file name in guides/", source)
	}
	b, err := os.ReadFile(filepath.Join(guidesDir, source))
	if err != nil {
		t.Fatalf("reading the flow's guide: %v", err)
	}
	return guide.ReadWords(b)
}

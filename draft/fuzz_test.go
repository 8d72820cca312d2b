package draft_test

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/draft"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
)

// FuzzDraft: whatever the guide says, its draft with every suggestion uncommented is
// a valid flow with one step per numbered heading.
func FuzzDraft(f *testing.F) {
	f.Add("T\n1. Log in\nLog in\n2. Go\nClick 'Done': it shows \"OK, fine\" in the 'Code' box.\n", false)
	f.Add("# T\n## 1. A\n**x: y** `#z` and __[w]__\n2. A\n", true)
	f.Fuzz(func(t *testing.T, src string, md bool) {
		name := "g.txt"
		if md {
			name = "g.md"
		}
		g, err := guide.Parse(name, []byte(src))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := draft.Write(&b, g, draft.Options{}); err != nil {
			t.Fatal(err)
		}
		out := suggestionRE.ReplaceAll(b.Bytes(), []byte("$1$2"))
		fl, err := flow.Parse(fstest.MapFS{"d.yaml": {Data: out}}, "d.yaml")
		if err != nil {
			t.Fatalf("the uncommented draft of %q is not a valid flow: %v\n%s", src, err, out)
		}
		if len(fl.Steps) != len(g.Steps) {
			t.Fatalf("%d steps for %d headings", len(fl.Steps), len(g.Steps))
		}
	})
}

package draft_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/draft"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/guide"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// guides are the files drafted in these tests: the project's five guides and a
// Markdown guide that quotes a field, a checkbox and messages.
var guides = []string{
	"../guides/000_12b0730731e30ba7.txt",
	"../guides/001_6a6fa543442e93ee.txt",
	"../guides/002_5e6c8b86b932750b.txt",
	"../guides/003_13c50cf616da0fba.txt",
	"../guides/004_4623ba777146c6fa.txt",
	"testdata/kinds.md",
}

// drafted reads a guide and drafts it; a guide that cannot be drafted gives its error.
func drafted(t *testing.T, file string) (*guide.Guide, []byte, error) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	g, err := guide.Parse(filepath.Base(file), src)
	if err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	if err := draft.Write(&b, g, draft.Options{}); err != nil {
		t.Fatal(err)
	}
	return g, b.Bytes(), nil
}

// TestGolden compares each draft (or, for a guide without numbered headings, the
// error) with testdata/NAME.golden; -update rewrites them.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, file := range guides {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			_, got, err := drafted(t, file)
			if err != nil {
				got = []byte(err.Error() + "\n")
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("draft of %s differs from %s (run with -update after checking):\n%s", file, golden, got)
			}
		})
	}
}

// TestNoNumberedHeadings: guide 002 has unnumbered headings only.
func TestNoNumberedHeadings(t *testing.T) {
	t.Parallel()
	if _, _, err := drafted(t, "../guides/002_5e6c8b86b932750b.txt"); !errors.Is(err, guide.ErrNoSteps) {
		t.Fatalf("draft of guide 002: err = %v, want ErrNoSteps", err)
	}
}

// suggestionRE matches a commented suggestion; uncommenting keeps its indentation.
var suggestionRE = regexp.MustCompile(`(?m)^(\s*)# (- .*)$`)

// TestUncommentedDraftIsValid uncomments every suggestion of each draft and parses
// it as a flow: it must be valid, keep the headings as step titles and the sentences
// as say, and every label it looks for must be one the guide quotes.
func TestUncommentedDraftIsValid(t *testing.T) {
	t.Parallel()
	for _, file := range guides {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			g, out, err := drafted(t, file)
			if err != nil {
				t.Skipf("no draft: %v", err)
			}
			if !suggestionRE.Match(out) {
				t.Fatalf("the draft of %s suggests nothing", file)
			}
			f := uncommented(t, out)
			if len(f.Steps) != len(g.Steps) {
				t.Fatalf("%d steps, want one per numbered heading (%d)", len(f.Steps), len(g.Steps))
			}
			for i, s := range f.Steps {
				if s.Title != g.Steps[i].Heading {
					t.Errorf("step %d: title %q, want the heading %q", i+1, s.Title, g.Steps[i].Heading)
				}
				if want := strings.Join(g.Steps[i].Paragraphs, "\n"); s.Say != want {
					t.Errorf("step %d: say %q, want %q", i+1, s.Say, want)
				}
			}
			src, _ := os.ReadFile(file)
			var labels []string
			for _, s := range f.Steps {
				for _, a := range f.Expand(s.Actions) {
					for _, l := range flow.Labels(a) {
						labels = append(labels, l.Text)
					}
				}
			}
			for _, l := range labels {
				if !quoted(string(src), l) {
					t.Errorf("the draft suggests %q, which %s does not quote", l, file)
				}
			}
		})
	}
}

// TestDraftOf003FollowsTheBundledFlow: the draft of guide 003 has the steps of
// flows/20i.yaml, heading for heading, up to its last numbered heading; and the
// draft of every numbered guide has its headings, in order, among its bundled
// flow's steps.
func TestDraftOf003FollowsTheBundledFlow(t *testing.T) {
	t.Parallel()
	for file, name := range map[string]string{
		"../guides/003_13c50cf616da0fba.txt": "20i.yaml",
		"../guides/000_12b0730731e30ba7.txt": "leaseweb.yaml",
		"../guides/001_6a6fa543442e93ee.txt": "myaccount.yaml",
		"../guides/004_4623ba777146c6fa.txt": "1password.yaml",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, out, err := drafted(t, file)
			if err != nil {
				t.Fatal(err)
			}
			d := uncommented(t, out)
			bundled, err := flow.Parse(flows.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			if d.Guide != bundled.Guide {
				t.Errorf("guide %+v, want the bundled flow's %+v", d.Guide, bundled.Guide)
			}
			j := 0
			for _, s := range d.Steps {
				for j < len(bundled.Steps) && bundled.Steps[j].Title != s.Title {
					j++
				}
				if j == len(bundled.Steps) {
					t.Fatalf("draft step %q is not among %s's steps after the ones before it", s.Title, name)
				}
			}
			if name == "20i.yaml" {
				for i, s := range d.Steps {
					if s.Title != bundled.Steps[i].Title {
						t.Errorf("step %d: %q, flows/20i.yaml has %q", i+1, s.Title, bundled.Steps[i].Title)
					}
				}
			}
		})
	}
}

// uncommented uncomments every suggestion of a draft and parses it as a flow file.
func uncommented(t *testing.T, draft []byte) *flow.Flow {
	t.Helper()
	src := suggestionRE.ReplaceAll(draft, []byte("$1$2"))
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := flow.ParseFile(path)
	if err != nil {
		t.Fatalf("the uncommented draft is not a valid flow:\n%v\n%s", err, src)
	}
	return f
}

// quoted reports whether src has label between quotation marks.
func quoted(src, label string) bool {
	for _, q := range [][2]string{{"'", "'"}, {`"`, `"`}, {"\u2018", "\u2019"}, {"\u201c", "\u201d"}, {"**", "**"}, {"`", "`"}} {
		if strings.Contains(src, q[0]+label+q[1]) {
			return true
		}
	}
	return false
}

package guide_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/guide"
)

// TestParse pins down what a step is made of: which lines are headings, sentences,
// captions and navigation, and which quotes are labels.
func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, src string
		want            []guide.Step // Line, Number, Heading, Paragraphs, label texts only
		labels          [][]string
	}{{
		name: "numbered headings in order; the introduction's indented list is not one",
		file: "g.txt",
		src:  "Title\n\n  1. Install the app\n  2. Register\n\n1. Log in\n\nLog in to your Account\n\n2. Finish\n\nClick Done.\n",
		want: []guide.Step{
			{Line: 6, Number: 1, Heading: "Log in", Paragraphs: []string{"Log in to your Account"}},
			{Line: 10, Number: 2, Heading: "Finish", Paragraphs: []string{"Click Done."}},
		},
		labels: [][]string{nil, nil},
	}, {
		name: "a number out of order is text",
		file: "g.txt",
		src:  "T\n1. One\n3. Three apples\n2. Two\n",
		want: []guide.Step{
			{Line: 2, Number: 1, Heading: "One", Paragraphs: []string{"3. Three apples"}},
			{Line: 4, Number: 2, Heading: "Two"},
		},
		labels: [][]string{nil, nil},
	}, {
		name: "captions are left out but their labels count",
		file: "g.txt",
		src:  "T\n1. Security\nSelect the tab\n\nSelect 'Security Details'\nSelect 'Security Details'\n\nSet up mobile app\nSet upp mobile app\nAccess 'Account Details'\n'Account Details'\n",
		want: []guide.Step{
			{Line: 2, Number: 1, Heading: "Security", Paragraphs: []string{"Select the tab"}},
		},
		labels: [][]string{{"Security Details", "Account Details"}},
	}, {
		name: "list items are paragraphs; navigation ends the guide",
		file: "g.txt",
		src:  "T\n1. Scan\nA QR code will be shown.\n  1. Open the app\n  2. Scan it\n\nIntegrations\n\nDesktop 'Nav'\n",
		want: []guide.Step{
			{Line: 2, Number: 1, Heading: "Scan", Paragraphs: []string{"A QR code will be shown.", "1. Open the app", "2. Scan it"}},
		},
		labels: [][]string{nil},
	}, {
		name: "apostrophes are not quotes; typographic quotes are",
		file: "g.txt",
		src:  "T\n1. Go\nYou'll see the users' page; don’t click ‘Cancel’, click “Enable” and 'Done'.\n",
		want: []guide.Step{
			{Line: 2, Number: 1, Heading: "Go", Paragraphs: []string{"You'll see the users' page; don’t click ‘Cancel’, click “Enable” and 'Done'."}},
		},
		labels: [][]string{{"Cancel", "Enable", "Done"}},
	}, {
		name: "white space and non-breaking spaces collapse",
		file: "g.txt",
		src:  "T\r\n1.\u00a0Enabling\u00a0two-factor \r\nClick  the\u00a0'Enable'\u00a0 button\r\n",
		want: []guide.Step{
			{Line: 2, Number: 1, Heading: "Enabling two-factor", Paragraphs: []string{"Click the 'Enable' button"}},
		},
		labels: [][]string{{"Enable"}},
	}, {
		name: "Markdown: headings, emphasis and code as quotes, links, images",
		file: "g.md",
		src:  "intro\n# The Title\n\n## 1. Sign in\n\n![shot](a.png)\nType into the `Email` field,\nthen click **Sign in** ([help](h.html)).\n",
		want: []guide.Step{
			{Line: 4, Number: 1, Heading: "Sign in", Paragraphs: []string{"Type into the Email field, then click Sign in (help)."}},
		},
		labels: [][]string{{"Email", "Sign in"}},
	}, {
		name: "Markdown: emphasis around nothing is no sentence",
		file: "g.md",
		src:  "1) 0\n__ __\n\n** **\n\nClick\n",
		want: []guide.Step{
			{Line: 1, Number: 1, Heading: "0", Paragraphs: []string{"Click"}},
		},
		labels: [][]string{nil},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, err := guide.Parse(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Steps) != len(tt.want) {
				t.Fatalf("%d steps, want %d: %+v", len(g.Steps), len(tt.want), g.Steps)
			}
			for i, s := range g.Steps {
				var labels []string
				for _, l := range s.Labels {
					labels = append(labels, l.Text)
				}
				got := guide.Step{Line: s.Line, Number: s.Number, Heading: s.Heading, Paragraphs: s.Paragraphs}
				if !reflect.DeepEqual(got, tt.want[i]) {
					t.Errorf("step %d:\n got %+v\nwant %+v", i+1, got, tt.want[i])
				}
				if !reflect.DeepEqual(labels, tt.labels[i]) {
					t.Errorf("step %d labels %q, want %q", i+1, labels, tt.labels[i])
				}
			}
		})
	}
}

// TestTitle: the first line, or a Markdown guide's first heading.
func TestTitle(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ file, src, want string }{
		{"g.txt", "\n\n  Setting up 20i  \n1. A\n", "Setting up 20i"},
		{"g.md", "logo\n# **Setting** up\n1. A\n", "Setting up"},
	} {
		g, err := guide.Parse(tt.file, []byte(tt.src))
		if err != nil || g.Title != tt.want {
			t.Errorf("Parse(%q).Title = %q, %v; want %q", tt.src, g.Title, err, tt.want)
		}
	}
}

// TestLabelContext: the words either side of a quote, within its sentence.
func TestLabelContext(t *testing.T) {
	t.Parallel()
	g, err := guide.Parse("g.txt", []byte("T\n1. A\nFirst. Then hit 'Done' before time runs out! Next.\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := guide.Label{Text: "Done", Line: 3, Sentence: "Then hit 'Done' before time runs out!", Before: "Then hit", After: "before time runs out!"}
	if got := g.Steps[0].Labels[0]; got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestNoSteps: a guide without numbered headings is ErrNoSteps, named by its file.
func TestNoSteps(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"", "Title\n\nEnabling two-factor\n\n  1. Visit the page\n", "T\n2. Two\n"} {
		_, err := guide.Parse("x.txt", []byte(src))
		if !errors.Is(err, guide.ErrNoSteps) || err.Error()[:6] != "x.txt:" {
			t.Errorf("Parse(%q) = %v, want x.txt: and ErrNoSteps", src, err)
		}
	}
}

// TestNotText: a guide with a byte that is not UTF-8 or a control character is
// ErrNotText, named by file and line; a byte-order mark and tabs are fine.
func TestNotText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ src, want string }{
		{"T\n1. A\nB\x00\n", "x.txt:3: not text: the control character U+0000"},
		{"T\n\n1. A \xff\n", "x.txt:3: not text: a byte that is not UTF-8"},
		{"T\r\n1. A\x1b[0m\r\n", "x.txt:2: not text: the control character U+001B"},
	} {
		_, err := guide.Parse("x.txt", []byte(tt.src))
		if !errors.Is(err, guide.ErrNotText) || err.Error() != tt.want {
			t.Errorf("Parse(%q) = %v, want %s", tt.src, err, tt.want)
		}
	}
	if _, err := guide.Parse("x.txt", []byte("\ufeffT\n1. A\tB\n")); err != nil {
		t.Errorf("a byte-order mark and a tab: %v", err)
	}
}

// FuzzParse: no input panics, every step has a heading, and every word of a label
// is in the plain-text guide.
func FuzzParse(f *testing.F) {
	f.Add("T\n1. A\n'x' \"y\" **z** `w`\n")
	f.Add("# T\n## 1. A\n![a](b)\n[c](d)\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range []string{"g.txt", "g.md"} {
			g, err := guide.Parse(name, []byte(src))
			if err != nil {
				continue
			}
			for _, s := range g.Steps {
				if s.Heading == "" {
					t.Fatalf("empty heading in %q", src)
				}
				for _, l := range s.Labels {
					for _, w := range strings.Fields(l.Text) {
						if name == "g.txt" && !strings.Contains(src, w) {
							t.Fatalf("label %q is not in %q", l.Text, src)
						}
					}
				}
			}
		}
	})
}

// TestWordsQuotes pins down what a flow's label must match in its guide: case, white
// space and quote style aside, across line breaks, never in the navigation that ends
// the guide; a guide without numbered steps has words too.
func TestWordsQuotes(t *testing.T) {
	t.Parallel()
	src := "Title\n1. Enable\nClick on the 'Enable'  button.\nIt should now show\nthat two-factor authentication is activated.\n\nIntegrations\n\nDesktop\nBusiness\n"
	g, err := guide.Parse("g.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if g.Words != guide.ReadWords([]byte(src)) {
		t.Errorf("Parse's words %q differ from ReadWords'", g.Words)
	}
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
		if got := g.Words.Quotes(tt.label); got != tt.want {
			t.Errorf("Quotes(%q) = %v, want %v", tt.label, got, tt.want)
		}
	}
	if w := guide.ReadWords([]byte("Turn on 2FA\nPress “Set up” then type the code.\n")); !w.Quotes(`"Set up"`) || !w.Quotes("type the code") {
		t.Errorf("a guide without numbered steps: words %q", w)
	}
}

package guide

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Guide is a written two-factor setup guide, read into its numbered steps.
type Guide struct {
	Name  string // the file name it was read from, as given
	Title string // its first line (a Markdown guide: its first heading)
	Steps []*Step
	Words Words // its text, as a flow that follows it must quote it
}

// Words is a guide's text as a flow that follows it must quote it (Quotes): lower
// case, plain quotes, single spaces, up to the publishing site's navigation that ends
// most guides.
type Words string

// ReadWords reads the words of a guide, whether it numbers its steps or not.
func ReadWords(src []byte) Words {
	lines := splitLines(src)
	return Words(quoteForm(strings.Join(lines[:navigationStart(lines)], "\n")))
}

// Quotes reports whether the guide has label in its words: ignoring case, white space
// and the style of quotes (’Enable’ is 'Enable'), across line breaks, and not in the
// publishing site's navigation.
func (w Words) Quotes(label string) bool {
	l := quoteForm(label)
	return l != "" && strings.Contains(string(w), l)
}

// quoteForm is s as Quotes compares it: lower case, plain quotes, single spaces.
func quoteForm(s string) string {
	s = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Step is one numbered heading of a guide and what follows it up to the next one.
type Step struct {
	Line    int    // 1-based line of the heading
	Number  int    // the heading's number
	Heading string // the heading without its number, word for word
	// Paragraphs are the step's sentences, one entry per paragraph or list item, white
	// space collapsed; image captions (a line repeated as the next line) are left out.
	Paragraphs []string
	// Labels are the labels the step quotes, in order, each once (case ignored),
	// including those quoted in its captions.
	Labels []Label
}

// Label is one label a guide quotes ('Security Details', "Enable", “Enable”; in
// Markdown also **Enable** and `Enable`): what a reader looks for on the screen.
type Label struct {
	Text string
	Line int // 1-based line of the guide
	// Sentence is the sentence the label is quoted in, and Before and After its words
	// on either side of the quote, which say what the label is (a button, a field, a
	// message).
	Sentence, Before, After string
}

// ErrNoSteps is returned (wrapped, with the file name) for a guide without numbered
// headings.
var ErrNoSteps = errors.New(`no numbered headings (lines like "1. Log in to 20i" that start each step)`)

// ErrNotText is returned (wrapped, with the file name and line) for a guide that is
// not UTF-8 text: a byte that is no character, or a control character.
var ErrNotText = errors.New("not text")

// checkText returns where the first line that is not text is, and why.
func checkText(lines []string) error {
	for i, l := range lines {
		for _, r := range l {
			switch {
			case r == utf8.RuneError:
				return fmt.Errorf("%d: %w: a byte that is not UTF-8", i+1, ErrNotText)
			case unicode.IsControl(r) && r != '\t':
				return fmt.Errorf("%d: %w: the control character %U", i+1, ErrNotText, r)
			}
		}
	}
	return nil
}

// splitLines is a guide's text as lines, line ends and no-break spaces made plain.
func splitLines(src []byte) []string {
	text := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u00a0", " ").
		Replace(strings.TrimPrefix(string(src), "\ufeff"))
	return strings.Split(text, "\n")
}

// navigationStart is the index of the line the publishing site's navigation starts
// at: the first line of the navigation table after the guide's first numbered heading
// (after its first line when it numbers none), else len(lines).
func navigationStart(lines []string) int {
	from := 1
	for i, l := range lines {
		if m := headingRE.FindStringSubmatch(strings.TrimRight(l, " \t")); m != nil && m[1] == "1" {
			from = i + 1
			break
		}
	}
	for i := from; i < len(lines); i++ {
		if navigation[strings.TrimSpace(lines[i])] {
			return i
		}
	}
	return len(lines)
}

// navigation holds the lines from which the publishing site's navigation ends a guide
// (guides/README.md): its section names, and the first entry of the one section guide
// 001 kept without its name.
var navigation = map[string]bool{"Integrations": true, "Guides": true, "SDKs": true, "APIs": true, "Get started guides": true}

var (
	headingRE = regexp.MustCompile(`^(?:#{1,6}[ \t]+)?([1-9]\d{0,2})[.)][ \t]+(\S.*)$`)
	listRE    = regexp.MustCompile(`^\s*(?:\d{1,3}[.)]|[-*+•])\s+\S`)
	spaceRE   = regexp.MustCompile(`\s+`)
	mdImageRE = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLinkRE  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// Parse reads a guide: its title, then each numbered heading (at the start of a line,
// numbered 1, 2, 3 ... in order; a Markdown guide may write them as headings, `## 1.
// Log in`) with its sentences and quoted labels. What comes before heading 1 (the
// introduction) and from a line "Integrations", "Guides", "SDKs", "APIs" or "Get
// started guides" after it on (the publishing site's navigation) is not part of any step. name is the file name, used in errors and to
// tell Markdown (.md) from plain text.
func Parse(name string, src []byte) (*Guide, error) {
	md := isMarkdown(name)
	lines := splitLines(src)
	if err := checkText(lines); err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	g := &Guide{Name: name, Title: title(lines, md)}
	var cur *Step
	var body []string
	flush := func() {
		if cur != nil {
			cur.read(body, md)
			g.Steps = append(g.Steps, cur)
		}
		body = nil
	}
	end := navigationStart(lines)
	for i, l := range lines[:end] {
		if m := headingRE.FindStringSubmatch(strings.TrimRight(l, " \t")); m != nil {
			heading := collapse(m[2])
			if md {
				heading = collapse(mdPlain(heading))
			}
			if n, _ := strconv.Atoi(m[1]); n == len(g.Steps)+1+btoi(cur != nil) && heading != "" {
				flush()
				cur = &Step{Line: i + 1, Number: n, Heading: heading}
				cur.Labels = appendLabels(cur.Labels, l, i+1, md)
				continue
			}
		}
		if cur != nil {
			body = append(body, l)
		}
	}
	flush()
	if len(g.Steps) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoSteps)
	}
	g.Words = Words(quoteForm(strings.Join(lines[:end], "\n")))
	return g, nil
}

// line is one line of a step's body with its 1-based number in the guide.
type line struct {
	text string
	n    int
}

// read fills the step's paragraphs and labels from the lines after its heading.
func (s *Step) read(body []string, md bool) {
	first := s.Line + 1
	var para []string
	end := func() {
		if len(para) > 0 {
			s.Paragraphs = append(s.Paragraphs, collapse(strings.Join(para, " ")))
			para = nil
		}
	}
	for i := 0; i < len(body); i++ {
		l := line{body[i], first + i}
		s.Labels = appendLabels(s.Labels, l.text, l.n, md)
		t := strings.TrimSpace(l.text)
		if md {
			if img := mdImageRE.FindStringSubmatch(t); img != nil && strings.TrimSpace(mdImageRE.ReplaceAllString(t, "")) == "" {
				end() // an image alone on its line: its alt text is a caption
				continue
			}
			t = strings.TrimSpace(mdPlain(t)) // emphasis around nothing ("__ __") leaves no sentence
		}
		switch {
		case t == "":
			end()
		case i+1 < len(body) && caption(t, strings.TrimSpace(body[i+1])):
			end()
			s.Labels = appendLabels(s.Labels, body[i+1], l.n+1, md)
			i++ // the pair is an image and its caption, not the guide's sentences
		case listRE.MatchString(l.text):
			end()
			para = append(para, t)
			end()
		default:
			para = append(para, t)
		}
	}
	end()
}

// caption reports whether two lines in a row are an image's alt text and caption: the
// same words, or nearly (a typo, one the end of the other).
func caption(a, b string) bool {
	if a == "" || b == "" || listRE.MatchString(a) || listRE.MatchString(b) {
		return false
	}
	a, b = strings.ToLower(collapse(a)), strings.ToLower(collapse(b))
	if a == b || distance(a, b) <= 2 {
		return true
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	return 2*len(short) >= len(long) && strings.HasSuffix(long, short)
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// title is the guide's first non-empty line; in Markdown its first `# ` heading when
// there is one.
func title(lines []string, md bool) string {
	if md {
		for _, l := range lines {
			if t, ok := strings.CutPrefix(strings.TrimSpace(l), "# "); ok {
				return mdPlain(collapse(t))
			}
		}
	}
	for _, l := range lines {
		t := collapse(l)
		if md {
			t = strings.TrimSpace(mdPlain(strings.TrimLeft(t, "# ")))
		}
		if t != "" { // a line of only heading marks names nothing
			return t
		}
	}
	return ""
}

// mdPlain removes Markdown's inline markup: links keep their text, emphasis and code
// marks go.
func mdPlain(s string) string {
	s = mdImageRE.ReplaceAllString(s, "$1")
	s = mdLinkRE.ReplaceAllString(s, "$1")
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
}

// isMarkdown reports whether the guide file is Markdown, by its extension.
func isMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// collapse trims s and collapses its white space to single spaces.
func collapse(s string) string { return strings.TrimSpace(spaceRE.ReplaceAllString(s, " ")) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

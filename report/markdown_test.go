package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		golden string
		run    *Run
	}{
		{"run.md", sampleRun()},
		{"errored.md", erroredRun()},
		{"interrupted.md", interruptedRun()},
		{"empty.md", func() *Run { r := &Run{Started: t0}; r.Finish(t0); return r }()},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := WriteMarkdown(&b, tc.run); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, b.Bytes())
		})
	}
}

func TestWriteConformMarkdown(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteConformMarkdown(&b, sampleConformance()); err != nil {
		t.Fatal(err)
	}
	golden(t, "conform.md", b.Bytes())
}

// TestMarkdownLimit: a run too big for a comment keeps its outcome, flow rows and
// failures, leaves out step tables (passed flows' first), and says so.
func TestMarkdownLimit(t *testing.T) {
	t.Parallel()
	r := &Run{Started: t0}
	for i := range 400 {
		f := passedFlow()
		if i%4 == 0 {
			f = failedFlow()
		}
		f.File = fmt.Sprintf("flows/f%03d.yaml", i)
		r.Flows = append(r.Flows, f)
	}
	r.Finish(t0.Add(ms(1000)))
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if b.Len() > MarkdownLimit {
		t.Errorf("%d bytes, over the limit of %d", b.Len(), MarkdownLimit)
	}
	if !strings.HasPrefix(got, "### ✗ enroll run: failed\n\n400 flows: 300 passed, 100 failed") {
		t.Errorf("the outcome is not first:\n%.200s", got)
	}
	if !strings.Contains(got, "| ✓ passed | `flows/f399.yaml` |") {
		t.Error("the last flow's row was left out: step tables should go first")
	}
	if strings.Contains(got, "<details><summary>✓") {
		t.Error("a passed flow's step table was kept while others were left out")
	}
	if !strings.Contains(got, "_Left out to stay under 64 KB: 400 step tables") {
		t.Errorf("no note of what was left out:\n%s", got[max(0, len(got)-300):])
	}
}

func TestWriteAnnotations(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	for _, r := range []*Run{sampleRun(), erroredRun(), interruptedRun()} {
		if err := WriteAnnotations(&b, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteConformAnnotations(&b, sampleConformance()); err != nil {
		t.Fatal(err)
	}
	golden(t, "annotations.txt", b.Bytes())
}

func TestWorkflowCommandEscapes(t *testing.T) {
	t.Parallel()
	got := workflowCommand("error", "a,b:c.yaml", 3, 4, "50% done, ok", "line 1\r\nline 2: 100%")
	want := "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=50%25 done%2C ok::line 1%0D%0Aline 2: 100%25\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{"*not bold* [link](http://x) `code` #1 a_b & c\nd", `\*not bold\* \[link\](http://x) \` + "`code\\` \\#1 a\\_b &amp; c d"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := mdBlock("a\n```\nb"); got != "````text\na\n```\nb\n````\n" {
		t.Errorf("mdBlock: %q", got)
	}
}

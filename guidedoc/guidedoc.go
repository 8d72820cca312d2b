package guidedoc

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/report"
)

// Doc is what one guide is rendered from.
type Doc struct {
	// Result is the run of the guide's flow, with a screenshot after each step.
	Result *report.Flow
	// Flow is the flow that ran: what each step looked for, for the drift section.
	Flow *flow.Flow
	// Guide is the written guide the flow follows; nil leaves the drift section out.
	Guide *guide.Guide
	// Watch is what was read of the page after each step (NewWatch, given to the
	// run's AfterStep): the labels section says from it whether the page showed
	// each label, and Pictures crop and highlight the element it found. nil: the
	// section says only what the flow's own actions looked for.
	Watch *Watch
	// Pictures says how the screenshots are shown: whole (the zero value), or cropped
	// to the step's element and highlighted.
	Pictures Pictures
	// Exact: the run was reproducible (a bundled mock, runner.Options.Reproducible),
	// so two runs of the same pages give the same pixels, and an image that differs
	// from the last render in any pixel counts as changed (else: in more than
	// Threshold of them). A word changed on a button is a handful of pixels.
	Exact bool
}

// Rendered says what Write wrote.
type Rendered struct {
	// Files are the files written, relative to the folder, slash-separated.
	Files []string
	// Changed are the images that are new or differ from the last render in the
	// folder by more than Threshold of their pixels (in any pixel when Doc.Exact).
	Changed []Change
}

// Markdown and HTML are the names of the rendered guide in the output folder, Images
// the folder of its screenshots.
const (
	Markdown = "index.md"
	HTML     = "index.html"
	Images   = "images"
)

// Write renders the guide into dir as Markdown and HTML with one screenshot per step
// (as the run took them: QR codes and secrets masked), replacing the last render there
// and saying which images changed since it. The output holds no time or path of the
// machine, so two renders of the same run are identical.
func Write(dir string, d Doc) (*Rendered, error) {
	if d.Result == nil {
		return nil, fmt.Errorf("no result to render")
	}
	if err := os.MkdirAll(filepath.Join(dir, Images), 0o755); err != nil {
		return nil, err
	}
	page := build(d)
	out := &Rendered{}
	limit := Threshold
	if d.Exact {
		limit = 0
	}
	keep := map[string]bool{}
	for _, s := range page.Steps {
		for _, img := range []*picture{s.Image, s.FailureImage} {
			if img == nil {
				continue
			}
			data, err := os.ReadFile(img.src)
			if err != nil {
				return nil, err
			}
			if img == s.Image {
				if sn := d.Watch.at(s.Number); sn != nil {
					if data, err = d.Pictures.focus(data, sn.focus); err != nil {
						return nil, fmt.Errorf("screenshot %s: %w", img.src, err)
					}
				}
			}
			share, had, err := copyImage(filepath.Join(dir, filepath.FromSlash(img.Path)), data)
			if err != nil {
				return nil, fmt.Errorf("screenshot %s: %w", img.src, err)
			}
			keep[path.Base(img.Path)] = true
			out.Files = append(out.Files, img.Path)
			if !had {
				out.Changed = append(out.Changed, Change{Image: img.Path, Share: 1, New: true})
			} else if share > limit {
				out.Changed = append(out.Changed, Change{Image: img.Path, Share: share})
			}
		}
	}
	if err := removeStale(filepath.Join(dir, Images), keep); err != nil {
		return nil, err
	}
	var md, html bytes.Buffer
	writeMarkdown(&md, page)
	if err := htmlPage.Execute(&html, page); err != nil {
		return nil, err
	}
	mdText := append(bytes.TrimRight(md.Bytes(), "\n"), '\n')
	for name, b := range map[string][]byte{Markdown: mdText, HTML: html.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	out.Files = append([]string{Markdown, HTML}, out.Files...)
	return out, nil
}

// removeStale removes the PNG files in the images folder that this render did not
// write (steps renamed or gone since the last render).
func removeStale(dir string, keep map[string]bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".png") && !keep[e.Name()] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// page is the rendered guide, the same for the Markdown and the HTML.
type page struct {
	Title, File, Source string
	Failure             string // why the run failed, "" when it passed
	Steps               []*step
	Drift               []driftRow // nil without the written guide
	Missing             []string   // the guide's headings that no step of the flow has
}

// step is one step of the rendered guide.
type step struct {
	Number       int
	Title        string
	Paragraphs   []string
	Manual       string // why the step is done away from the site
	NotReached   bool
	Failure      string
	Image        *picture
	FailureImage *picture
}

// picture is one screenshot: its path in the output folder and the file it comes from.
type picture struct {
	Path string // images/01-log-in-to-20i.png
	Alt  string
	src  string
}

// build turns the run into the page both formats render.
func build(d Doc) *page {
	r := d.Result
	p := &page{Title: r.Guide, File: filepath.ToSlash(r.File), Source: r.Source}
	if r.Failure != nil && r.Status != report.Passed {
		p.Failure = r.Failure.Headline() + ": " + r.Failure.Message
	}
	for _, s := range r.Steps {
		st := &step{Number: s.Index, Title: s.Title, Manual: s.Manual}
		if s.Say != "" {
			st.Paragraphs = strings.Split(s.Say, "\n")
		}
		if s.Screenshot != "" {
			st.Image = &picture{Path: Images + "/" + filepath.Base(s.Screenshot), Alt: s.Title, src: s.Screenshot}
		}
		switch {
		case s.Failure != nil:
			st.Failure = s.Failure.Action + ": " + s.Failure.Message
			if f := s.Failure.Screenshot; f != "" {
				st.FailureImage = &picture{Path: Images + "/" + filepath.Base(f), Alt: s.Title + " (failed)", src: f}
			}
		case s.Status == report.Skipped && s.Manual == "":
			st.NotReached = true
		}
		p.Steps = append(p.Steps, st)
	}
	if d.Guide != nil {
		p.Drift, p.Missing = drift(d.Guide, d.Flow, r, d.Watch)
	}
	return p
}

// markdownSpecial are the characters escaped in text taken from the guide, so that
// Markdown shows them as written.
var markdownSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "`", "\\`", "|", `\|`)

// writeMarkdown writes the page as Markdown.
func writeMarkdown(b *bytes.Buffer, p *page) {
	esc := markdownSpecial.Replace
	fmt.Fprintf(b, "# %s\n\n", esc(p.Title))
	fmt.Fprintf(b, "<!-- Rendered by `enroll docs` from %s (guide %s): edit the flow or the guide, not this file, and render again. -->\n\n", p.File, p.Source)
	if p.Failure != "" {
		fmt.Fprintf(b, "> **This render failed**: %s. The steps after it were not reached.\n\n", esc(p.Failure))
	}
	for _, s := range p.Steps {
		fmt.Fprintf(b, "## %d. %s\n\n", s.Number, esc(s.Title))
		for _, para := range s.Paragraphs {
			fmt.Fprintf(b, "%s\n\n", esc(para))
		}
		switch {
		case s.Manual != "":
			fmt.Fprintf(b, "_Done away from the site: %s._\n\n", esc(s.Manual))
		case s.NotReached:
			b.WriteString("_Not reached in this render._\n\n")
		}
		if s.Image != nil {
			fmt.Fprintf(b, "![%s](%s)\n\n", esc(s.Image.Alt), s.Image.Path)
		}
		if s.Failure != "" {
			fmt.Fprintf(b, "> **Failed**: %s\n\n", esc(s.Failure))
		}
		if s.FailureImage != nil {
			fmt.Fprintf(b, "![%s](%s)\n\n", esc(s.FailureImage.Alt), s.FailureImage.Path)
		}
	}
	if p.Drift == nil && p.Missing == nil {
		return
	}
	b.WriteString("## The guide's labels on the screen\n\n")
	b.WriteString("Every label the written guide quotes, and whether the page showed it at that step.\n\n")
	if len(p.Drift) == 0 {
		b.WriteString("The guide quotes no label.\n\n")
	} else {
		b.WriteString("| guide step | label | on the screen |\n|---|---|---|\n")
		for _, r := range p.Drift {
			fmt.Fprintf(b, "| %s | %s | %s |\n", esc(r.Step), esc(r.Label), esc(r.Status))
		}
		b.WriteString("\n")
	}
	for _, h := range p.Missing {
		fmt.Fprintf(b, "- The guide's step %s has no step of that heading in the flow.\n", esc(h))
	}
	if len(p.Missing) > 0 {
		b.WriteString("\n")
	}
}

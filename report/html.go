package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// templates are the HTML evidence reports' templates: the page frame and its style
// (page.html.tmpl), a run (run.html.tmpl) and a conformance run (conform.html.tmpl).
//
//go:embed templates/*.tmpl
var templates embed.FS

// printScript opens every collapsed step while the page is printed, and closes them
// again after, so a printout shows every screenshot. It is the report's only script;
// the Content-Security-Policy allows it by its hash and nothing else.
const printScript = `addEventListener("beforeprint",()=>{for(const d of document.querySelectorAll("details:not([open])")){d.dataset.shut="";d.open=true}});` +
	`addEventListener("afterprint",()=>{for(const d of document.querySelectorAll("details[data-shut]")){delete d.dataset.shut;d.open=false}});`

// csp is the report's Content-Security-Policy: nothing is fetched (images are data:
// URIs), inline style, and the print script by its hash.
var csp = func() string {
	sum := sha256.Sum256([]byte(printScript))
	return "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"dur": FormatDuration,
}).ParseFS(templates, "templates/*.tmpl"))

// ReadFile reads an artifact a report names (a screenshot, a console log) by the path
// the runner stored; the HTML report embeds what it reads. Nil means os.ReadFile,
// relative to the working folder, where enroll wrote them.
type ReadFile func(path string) ([]byte, error)

func (rf ReadFile) read(path string) ([]byte, error) {
	if rf == nil {
		return os.ReadFile(path)
	}
	return rf(path)
}

// page is what the frame template needs besides the body's data.
type page struct {
	Title  string
	CSP    string
	Script template.JS
	Body   any
}

// writePage renders the named body template inside the page frame.
func writePage(w io.Writer, name, title string, body any) error {
	p := page{Title: title, CSP: csp, Script: template.JS(printScript), Body: body}
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, name, p); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// image is a picture embedded in the report: a data: URI, or why it is missing.
type image struct {
	Src     template.URL // data:image/png;base64,...
	Alt     string
	Path    string // the artifact it was read from
	Missing string // why it could not be embedded
}

// imageTypes are the artifact extensions embedded as images, with their media type.
var imageTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}

// embedImage reads the artifact at path as a data: URI; nil when path is empty.
func embedImage(rf ReadFile, path, alt string) *image {
	if path == "" {
		return nil
	}
	img := &image{Alt: alt, Path: path}
	typ, ok := imageTypes[strings.ToLower(filepath.Ext(path))]
	if !ok {
		img.Missing = "not an image"
		return img
	}
	b, err := rf.read(path)
	if err != nil {
		img.Missing = "could not be read: " + pathless(err)
		return img
	}
	img.Src = template.URL("data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(b))
	return img
}

// pathless is an error's text without the path the report already shows.
func pathless(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// maxConsoleLines is how many lines of a failure's browser console the report shows;
// the rest stays in the file it names.
const maxConsoleLines = 60

// console is a failure's browser console log as the report shows it.
type console struct {
	Path    string
	Lines   []string
	More    int    // lines left out
	Missing string // why it could not be read
}

// readConsole reads up to maxConsoleLines lines of the console log at path; nil when
// path is empty.
func readConsole(rf ReadFile, path string) *console {
	if path == "" {
		return nil
	}
	c := &console{Path: path}
	b, err := rf.read(path)
	if err != nil {
		c.Missing = "could not be read: " + pathless(err)
		return c
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if len(c.Lines) < maxConsoleLines {
			c.Lines = append(c.Lines, sc.Text())
		} else {
			c.More++
		}
	}
	return c
}

// htmlTime formats a time for the report's reader, in UTC.
func htmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// problem reports whether a status needs a reader's attention: anything but passed,
// skipped or pending (failed, errored, interrupted, and any status added later).
func problem(s Status) bool {
	return s != Passed && s != Skipped && s != Pending
}

// count is one number of a report's header: "3 failed".
type count struct {
	N     int
	Label string
	Class string
}

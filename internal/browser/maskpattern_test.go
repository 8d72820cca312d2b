package browser

import (
	"bytes"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/redact"
)

// TestScreenshotMasksPatternText: recovery codes the caller does not know yet, but
// whose pattern it has, are black in the screenshot wherever the page shows them (a
// list, inline in a sentence, split over elements, in a text area); ordinary text,
// hyphenated words and a code-like run inside a longer word are not.
func TestScreenshotMasksPatternText(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><html><body style="font: 24px monospace">
<h2 id="heading">Save your recovery codes</h2>
<p id="sentence">A well-known trade-off, keep them safe</p>
<ul><li id="c1">f3k9q-2mz8x</li><li id="c2">7hw2p-k0d9s</li></ul>
<p>Your code: <b id="inline">q1w2e-r3t4y</b> keep it</p>
<p id="split"><span>ab3de</span>-<span>9fghj</span></p>
<textarea id="area" rows="1" style="font: 24px monospace">z9y8x-w7v6u</textarea>
<p id="word">serial xk8k8k-k8k8ky</p>
</body></html>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	codes := redact.Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}
	shot, err := s.Screenshot(step(t, 5*time.Second), codes)
	must(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	must(t, err)
	for id, masked := range map[string]bool{
		"c1": true, "c2": true, "inline": true, "split": true, "area": true,
		"heading": false, "sentence": false, "word": false,
	} {
		if got := darkShare(img, rectByCSS(t, s, "#"+id)); (got > 0.95) != masked {
			t.Errorf("#%s: %.0f%% dark, masked should be %v", id, 100*got, masked)
		}
	}
}

// TestHTMLDropsPatternText: the saved HTML drops what the screenshot masks for a
// pattern, a code split over elements too, and keeps ordinary text.
func TestHTMLDropsPatternText(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><html><body>
<h2>Save your recovery codes</h2>
<ul><li>f3k9q-2mz8x</li><li>7hw2p-k0d9s</li></ul>
<p id="split"><span>ab3de</span>-<span>9fghj</span></p>
<p>A well-known trade-off</p>
</body></html>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	html, err := s.HTML(step(t, 5*time.Second), redact.Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}})
	must(t, err)
	for _, leak := range []string{"f3k9q", "2mz8x", "7hw2p", "k0d9s", "ab3de", "9fghj"} {
		if strings.Contains(html, leak) {
			t.Errorf("html contains %q", leak)
		}
	}
	for _, keep := range []string{"<h2>Save your recovery codes</h2>", "A well-known trade-off", `<p id="split"></p>`} {
		if !strings.Contains(html, keep) {
			t.Errorf("html lacks %q:\n%s", keep, html)
		}
	}
}

// TestPatternTextInCrossOriginFrame: codes a widget of another site shows, in its own
// renderer, are found by the pattern there: black in the screenshot and absent from
// the saved HTML.
func TestPatternTextInCrossOriginFrame(t *testing.T) {
	widget := serve(t, map[string]string{"/codes": `<!doctype html><body style="margin:0;background:#fff">
<div style="width:200px;height:40px;font:20px monospace">f3k9q-2mz8x</div><p>Keep them safe</p>`})
	partner := strings.Replace(widget.URL, "127.0.0.1", "localhost", 1)
	app := serve(t, map[string]string{"/": `<!doctype html><body style="margin:0"><h1>Settings</h1>
<iframe id="frame" title="Codes" src="` + partner + `/codes" style="border:0;width:400px;height:200px"></iframe>`})
	s := session(t)
	must(t, s.Navigate(step(t, 10*time.Second), app.URL+"/"))
	must(t, s.WaitText(step(t, 10*time.Second), "Keep them safe", true))
	if n := len(s.remoteFrames(step(t, 5*time.Second))); n != 1 {
		t.Fatalf("%d frame targets, want the widget's own (site isolation off?)", n)
	}
	codes := redact.Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}
	shot, err := s.Screenshot(step(t, 5*time.Second), codes)
	must(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	must(t, err)
	f := rectByCSS(t, s, "#frame")
	if got := darkShare(img, rect{X: f.X, Y: f.Y, W: 200, H: 40}); got < 0.95 {
		t.Errorf("the frame's code: %.0f%% dark, want masked", 100*got)
	}
	html, err := s.HTML(step(t, 5*time.Second), codes)
	must(t, err)
	if strings.Contains(html, "f3k9q") || !strings.Contains(html, "Keep them safe") {
		t.Errorf("saved HTML: want the frame's text without its code:\n%s", html)
	}
}

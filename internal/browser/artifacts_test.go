package browser

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/redact"
)

func TestHTMLRedaction(t *testing.T) {
	ts, _ := qrSite(t)
	page := `<!DOCTYPE html><html><body>
<h1>Set up</h1>
<img alt="QR" src="` + "data:image/png;base64,iVBORw0KGgo=" + `">
<a href="otpauth://totp/X?secret=LEAKYLEAKY">open in app</a>
<p>Your key: <code id="key">KEYSECRETKEY</code></p>
<label>Password <input type="password" value="PRESETPASS"></label>
<textarea>TEXTAREASECRET</textarea>
<div style="background-image:url(data:image/png;base64,AAAA)">bg</div>
<script>var secret = "SCRIPTSECRET";</script>
<p>metadata: fine</p>
</body></html>`
	srv := serve(t, map[string]string{"/": page})
	_ = ts
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	key, err := s.Text(step(t, 5*time.Second), Locator{CSS: "#key"}, true)
	if err != nil || key != "KEYSECRETKEY" {
		t.Fatalf("text = %q, %v", key, err)
	}
	must(t, s.Fill(step(t, 5*time.Second), Locator{Label: "Password"}, "TYPEDPASS", true))
	html, err := s.HTML(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	for _, leak := range []string{"iVBORw0KGgo", "LEAKYLEAKY", "KEYSECRETKEY", "PRESETPASS", "TYPEDPASS", "TEXTAREASECRET", "AAAA", "SCRIPTSECRET", "data-enroll-target"} {
		if strings.Contains(html, leak) {
			t.Errorf("html contains %q", leak)
		}
	}
	for _, keep := range []string{"data:REDACTED", "otpauth://REDACTED", "<h1>Set up</h1>", "metadata: fine", "data-enroll-mask", "<!DOCTYPE html>"} {
		if !strings.Contains(html, keep) {
			t.Errorf("html lacks %q:\n%s", keep, html)
		}
	}
}

func TestConsole(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<h1>Hi</h1><script>console.log("hello", 42); setTimeout(function () { throw new Error("boom") }, 0);</script>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	ctx := step(t, 5*time.Second)
	for {
		lines := strings.Join(s.Console(), "\n")
		if strings.Contains(lines, "hello 42") && strings.Contains(lines, "boom") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("console = %q", lines)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestScreenshotMasksSecretText: an element showing a secret value the caller
// knows is black in the screenshot however the page spaces, splits or cases it;
// text next to it is not.
func TestScreenshotMasksSecretText(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><html><body style="font: 24px sans-serif">
<p id="key">Your key: <span>jbsw y3dp</span> <span>ehpk 3pxp</span></p>
<p id="other">Nothing secret here</p>
<ul><li id="used">AAAA-BBBB</li><li id="plain">CCCC-DDDD</li></ul>
<input id="field" value="JBSWY3DPEHPK3PXP" style="font-size:24px">
<p id="short">123</p>
</body></html>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	shot, err := s.Screenshot(step(t, 5*time.Second), redact.Set{Values: []string{"JBSWY3DPEHPK3PXP", "aaaabbbb", "123"}})
	must(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	must(t, err)
	for id, masked := range map[string]bool{"key": true, "used": true, "field": true, "other": false, "plain": false, "short": false} {
		r := rectByCSS(t, s, "#"+id)
		if got := darkShare(img, r); (got > 0.95) != masked {
			t.Errorf("#%s: %.0f%% dark, masked should be %v", id, 100*got, masked)
		}
	}
	// The masks are gone afterwards.
	again, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	img, err = png.Decode(bytes.NewReader(again))
	must(t, err)
	if got := darkShare(img, rectByCSS(t, s, "#key")); got > 0.95 {
		t.Errorf("#key still masked without secrets: %.0f%% dark", 100*got)
	}
}

// rectByCSS returns the page rectangle of the element css selects.
func rectByCSS(t *testing.T, s *Session, css string) rect {
	t.Helper()
	ctx, done := s.step(step(t, 5*time.Second))
	defer done()
	f, err := s.locate(ctx, "find", "element", Locator{CSS: css}, findOpts{})
	must(t, err)
	r, err := call[*rect](ctx, s, "rectOf", f.ID)
	must(t, err)
	if r == nil {
		t.Fatalf("%s: no rectangle", css)
	}
	return *r
}

// darkShare is the share of pixels in r that are nearly black.
func darkShare(img image.Image, r rect) float64 {
	dark, n := 0, 0
	for y := int(r.Y) + 1; y < int(r.Y+r.H)-1; y++ {
		for x := int(r.X) + 1; x < int(r.X+r.W)-1; x++ {
			n++
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 40 {
				dark++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(dark) / float64(n)
}

// TestScreenshotMasksKeyLikeText: a secret key shown for typing by hand is black in
// the screenshot before anyone has read it (the runner does not know it yet), in
// groups or in one run; headings and sentences are not.
func TestScreenshotMasksKeyLikeText(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><html><body style="font: 24px sans-serif">
<code id="grouped"><span>HWXP</span> <span>ETBT</span> <span>P6RB</span> <span>7DU7</span> <span>T5AI</span> <span>OU64</span></code>
<p id="lower">jbsw-y3dp-ehpk-3pxp</p>
<p id="run">JBSWY3DPEHPK3PXPJBSWY3DP</p>
<h2 id="heading">TWO FACTOR AUTHENTICATION</h2>
<p id="sentence">enter the code below to continue</p>
<p id="short">ABCD EFGH</p>
</body></html>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	shot, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	must(t, err)
	for id, masked := range map[string]bool{"grouped": true, "lower": true, "run": true, "heading": false, "sentence": false, "short": false} {
		if got := darkShare(img, rectByCSS(t, s, "#"+id)); (got > 0.95) != masked {
			t.Errorf("#%s: %.0f%% dark, masked should be %v", id, 100*got, masked)
		}
	}
}

// TestScreenshotHidesCaret: the blinking text caret of the focused field is hidden
// while the picture is taken (two pictures of one page are the same), and the
// field's own caret colour is back afterwards.
func TestScreenshotHidesCaret(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><body><input id="f" style="caret-color: red" autofocus>
<script>window.seen = []; new MutationObserver(() => seen.push(getComputedStyle(document.getElementById('f')).caretColor))
  .observe(document.getElementById('f'), { attributes: true });</script></body>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	must(t, s.Fill(step(t, 5*time.Second), Locator{CSS: "#f"}, "", false)) // focus it
	_, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	ctx, done := s.step(step(t, 5*time.Second))
	defer done()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.getElementById('f')).caretColor,
  String(document.getElementById('f').hasAttribute('data-enroll-caret')), ...window.seen]`))
	must(t, err)
	if len(got) < 3 || got[0] != "rgb(255, 0, 0)" || got[1] != "false" || !slices.Contains(got[2:], "rgba(0, 0, 0, 0)") {
		t.Errorf("caret colour after, attribute left, colours seen = %q: want red after, none left, transparent during", got)
	}
}

package runner

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/report"
)

// earlyCodes are the recovery codes earlyCodesPage shows as soon as it opens: a step
// before the one that captures them, as sites that show them with the "enabled"
// message do.
var earlyCodes = []string{"f3k9q-2mz8x", "7hw2p-k0d9s", "q1w2e-r3t4y"}

// earlyCodesPage places the heading and each code in a box of known size, so that a
// test can look at those pixels of a screenshot.
var earlyCodesPage = func() string {
	var b strings.Builder
	b.WriteString(`<!doctype html><title>Security</title><body style="margin:0;font:20px monospace;background:#fff;color:#000">
<h1 style="position:absolute;left:0;top:0;margin:0;width:600px;height:40px;font-size:20px">Two-factor authentication is on</h1>
<ul id="codes" style="position:absolute;left:0;top:60px;margin:0;padding:0;list-style:none">`)
	for _, c := range earlyCodes {
		fmt.Fprintf(&b, `<li style="width:200px;height:40px">%s</li>`, c)
	}
	fmt.Fprintf(&b, "</ul><script>console.log('your codes: %s')</script>", strings.Join(earlyCodes, " "))
	return b.String()
}()

// earlyCodesFlow opens the page in its first step (then expects expect there) and
// captures the codes in its second, as the guide reads them.
func earlyCodesFlow(t *testing.T, expect string) *flow.Flow {
	t.Helper()
	src := `enroll: 1
guide: {title: T, source: s}
site: 20i
steps:
  - step: Enter the code
    do:
      - open: /
      - expect: ` + expect + `
        timeout: 1s
  - step: Save your recovery codes
    do:
      - capture: { as: codes, from: { css: "#codes" }, pattern: "[a-z0-9]{5}-[a-z0-9]{5}", many: true }
`
	f, err := flow.Parse(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestCodesShownBeforeTheirCaptureAreMasked runs, in real Chromium, flows on a page that
// shows recovery codes a step before the step that captures them: the first step's
// screenshot (passed, and failed) has every code blacked out and the heading readable,
// and the failure's HTML, console log, message and on-screen labels hold no code.
func TestCodesShownBeforeTheirCaptureAreMasked(t *testing.T) {
	exec := browsertest.Chrome(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, earlyCodesPage)
	}))
	t.Cleanup(ts.Close)
	r, err := New(t.Context(), Options{BaseURL: ts.URL, ArtifactsDir: t.TempDir(), Screenshots: EveryStep,
		Browser: browser.Options{ExecPath: exec}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	run := r.Run(t.Context(), []*flow.Flow{
		earlyCodesFlow(t, "Two-factor authentication is on"),
		earlyCodesFlow(t, "Recovery codes saved"),
	})
	passed, failed := run.Flows[0], run.Flows[1]

	t.Run("passed step", func(t *testing.T) {
		if passed.Status != report.Passed {
			t.Fatalf("flow %s: %v", passed.Status, passed.Failure)
		}
		checkCodesMasked(t, passed.Steps[0].Screenshot)
	})
	t.Run("failed step", func(t *testing.T) {
		st := failed.Steps[0]
		if st.Status != report.Failed || st.Failure == nil {
			t.Fatalf("step %s: %v", st.Status, st.Failure)
		}
		f := st.Failure
		checkCodesMasked(t, f.Screenshot)
		html := readArtifact(t, f.HTML)
		console := readArtifact(t, f.Console)
		if !strings.Contains(html, "Two-factor authentication is on") || !strings.Contains(console, "your codes:") {
			t.Errorf("the HTML or the console log lost more than the codes:\n%s\n%s", html, console)
		}
		texts := map[string]string{"HTML": html, "console log": console, "message": f.Message,
			"on screen": strings.Join(f.OnScreen, "\n"), "URL": f.URL}
		for what, text := range texts {
			for _, c := range earlyCodes {
				if strings.Contains(text, c) {
					t.Errorf("the failure's %s shows the code %s", what, c)
				}
			}
		}
	})
}

// checkCodesMasked checks the screenshot at path: black over each code's box of
// earlyCodesPage, and the heading readable (dark text on white).
func checkCodesMasked(t *testing.T, path string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader([]byte(readArtifact(t, path))))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range earlyCodes {
		box := image.Rect(0, 60+40*i, 200, 100+40*i)
		if got := darkShare(img, box); got < 0.95 {
			t.Errorf("code %d of %d is readable in %s (%.0f%% of its box dark)", i+1, len(earlyCodes), path, 100*got)
		}
	}
	if got := darkShare(img, image.Rect(0, 0, 600, 40)); got < 0.01 || got > 0.5 {
		t.Errorf("the heading is not readable in %s (%.0f%% of its box dark)", path, 100*got)
	}
}

// darkShare is the share of nearly black pixels in r, inset by 2 pixels (the box's
// anti-aliased edge).
func darkShare(img image.Image, r image.Rectangle) float64 {
	r = r.Inset(2)
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 40 {
				dark++
			}
		}
	}
	return float64(dark) / float64(r.Dx()*r.Dy())
}

// readArtifact reads an artifact the run says it saved.
func readArtifact(t *testing.T, path string) string {
	t.Helper()
	if path == "" {
		t.Fatal("no artifact saved")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

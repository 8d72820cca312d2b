package browser

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/redact"
)

const testURI = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&period=30"

// qrSite serves pages showing testURI as a QR code in different ways. The
// image behind /qr.png needs the cookie that /login sets, as an enrollment
// page's image needs the session.
func qrSite(t testing.TB) (*httptest.Server, *httptest.Server) {
	t.Helper()
	pngBytes, err := qr.PNG(testURI, 6)
	must(t, err)
	tiny, err := qr.PNG(testURI, 1)
	must(t, err)
	svg, err := qr.SVG(testURI, 4)
	must(t, err)
	modules, err := qr.Modules(testURI)
	must(t, err)
	modJSON, err := json.Marshal(modules)
	must(t, err)
	inverted := invertPNG(t, pngBytes)
	dataURL := func(b []byte) string { return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b) }

	image := func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("session"); err != nil || c.Value != "ok" {
			http.Error(w, "sign in first", http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes)
	}
	// other is a second origin (another port) serving the image, so the
	// page cannot read its pixels and must fetch it.
	otherMux := http.NewServeMux()
	otherMux.HandleFunc("/qr.png", image)
	other := httptest.NewServer(otherMux)
	t.Cleanup(other.Close)

	canvas := `<canvas id="c" width="222" height="222"></canvas><script>
setTimeout(function () {
  var m = %s, c = document.getElementById('c'), s = 6, q = 4;
  c.width = c.height = (m.length + 2 * q) * s;
  var x = c.getContext('2d');
  x.fillStyle = '#fff'; x.fillRect(0, 0, c.width, c.height); x.fillStyle = '#000';
  m.forEach(function (row, y) { row.forEach(function (on, i) { if (on) x.fillRect((i + q) * s, (y + q) * s, s, s); }); });
}, %d);
</script>`
	pages := map[string]string{
		"/data":        `<h1>Scan</h1><img alt="QR" src="` + dataURL(pngBytes) + `"><img src="` + dataURL(tiny) + `" width="16" height="16" alt="icon">`,
		"/img":         `<h1>Scan</h1><img alt="QR" src="/qr.png">`,
		"/img-cross":   `<h1>Scan</h1><img alt="QR" src="` + other.URL + `/qr.png">`,
		"/canvas-late": `<h1>Scan</h1>` + fmt.Sprintf(canvas, modJSON, 600),
		"/svg":         `<h1>Scan</h1><div id="qr">` + svg + `</div>`,
		"/scaled-img":  `<h1>Scan</h1><img alt="QR" src="` + dataURL(tiny) + `" style="width:185px;height:185px;image-rendering:pixelated">`,
		"/scaled-svg":  `<h1>Scan</h1><div style="width:90px;height:90px">` + svg + `</div><style>svg{width:90px;height:90px}</style>`,
		"/dark":        `<body style="background:#111;color:#eee"><h1>Scan</h1><img alt="QR" src="` + dataURL(inverted) + `"></body>`,
		"/dark-svg":    `<body style="background:#111"><h1>Scan</h1><div style="filter:invert(1)">` + svg + `</div></body>`,
		"/within":      `<section><h2>Other</h2><img src="` + dataURL(mustPNG(t, "otpauth://totp/Wrong?secret=AAAA")) + `" width=300 height=300></section><section><h2>Authenticator app</h2><img src="` + dataURL(pngBytes) + `" width=120 height=120></section>`,
		"/none":        `<h1>No code here</h1><img src="` + dataURL(tiny) + `" width="200" height="100">`,
		// Lazy content below the fold: a native lazy image behind the session cookie, an
		// image a script loads only once it is scrolled into view (lazy-loading
		// libraries), and an svg far down the page.
		"/lazy-img": `<h1>Scan</h1><div style="height:3000px">Read this first</div><img alt="QR" loading="lazy" src="/qr.png" width="222" height="222">`,
		"/lazy-js": `<h1>Scan</h1><div style="height:3000px">Read this first</div><img alt="QR" class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" data-src="/qr.png" width="222" height="222">
<script>new IntersectionObserver((es, o) => es.forEach(e => { if (e.isIntersecting) { e.target.src = e.target.dataset.src; o.disconnect(); } })).observe(document.querySelector('img[data-src]'))</script>`,
		"/far-svg": `<h1>Scan</h1><div style="height:3000px">Read this first</div><div id="qr">` + svg + `</div>`,
		// A single-page app's QR code: fetched with the session's cookie and swapped in as
		// a blob: URL, which has no address on the site.
		"/blob": `<h1>Scan</h1><img alt="QR" width="222" height="222">
<script>fetch('/qr.png', { credentials: 'include' }).then((r) => r.blob()).then((b) => { document.querySelector('img').src = URL.createObjectURL(b); })</script>`,
	}
	mux := http.NewServeMux()
	for path, body := range pages {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<!DOCTYPE html><html><body>"+body+"</body></html>")
		})
	}
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "ok", Path: "/"})
		fmt.Fprint(w, "<h1>Signed in</h1>")
	})
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		who := "anonymous"
		if c, err := r.Cookie("session"); err == nil {
			who = "session " + c.Value
		}
		fmt.Fprint(w, "<h1>"+who+"</h1>")
	})
	mux.HandleFunc("/qr.png", image)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts, other
}

func TestQR(t *testing.T) {
	ts, _ := qrSite(t)
	tests := []struct {
		path    string
		within  *Locator
		sources []string
	}{
		{"/data", nil, []string{SourceDataURL}},
		{"/img", nil, []string{SourceImgPixels}},
		{"/img-cross", nil, []string{SourceImgFetch}},
		{"/canvas-late", nil, []string{SourceCanvas}},
		{"/svg", nil, []string{SourceElementScreenshot}},
		{"/scaled-img", nil, []string{SourceDataURL, SourceElementScreenshot}},
		{"/scaled-svg", nil, []string{SourceElementScreenshot, SourcePageScreenshot}},
		{"/dark", nil, []string{SourceDataURL}},
		{"/dark-svg", nil, []string{SourceElementScreenshot}},
		{"/within", &Locator{Text: "Authenticator app"}, []string{SourceDataURL}},
		{"/lazy-img", nil, []string{SourceImgPixels, SourceImgFetch}},
		{"/lazy-js", nil, []string{SourceImgPixels, SourceImgFetch}},
		{"/far-svg", nil, []string{SourceElementScreenshot, SourcePageScreenshot}},
	}
	s := session(t)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if err := s.Navigate(step(t, 5*time.Second), ts.URL+"/login"); err != nil {
				t.Fatal(err)
			}
			if err := s.Navigate(step(t, 5*time.Second), ts.URL+tt.path); err != nil {
				t.Fatal(err)
			}
			got, err := s.QR(step(t, 10*time.Second), tt.within)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != testURI {
				t.Errorf("text = %q", got.Text)
			}
			if !slices.Contains(tt.sources, got.Source) {
				t.Errorf("source = %s, want one of %v", got.Source, tt.sources)
			}
		})
	}
}

func TestQRMissing(t *testing.T) {
	ts, _ := qrSite(t)
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), ts.URL+"/none"))
	_, err := s.QR(step(t, 700*time.Millisecond), nil)
	var le *LookupError
	if !errors.As(err, &le) || !errors.Is(err, ErrNoMatch) || !contains(le.OnScreen, "No code here") {
		t.Fatalf("err = %v, want a LookupError with ErrNoMatch", err)
	}
}

// TestScreenshotMasksQR proves the masking: the page screenshot decodes
// neither before nor after the QR is scanned.
func TestScreenshotMasksQR(t *testing.T) {
	ts, _ := qrSite(t)
	s := session(t)
	for _, path := range []string{"/data", "/canvas-late", "/svg"} {
		t.Run(path, func(t *testing.T) {
			must(t, s.Navigate(step(t, 5*time.Second), ts.URL+path))
			must(t, s.WaitElement(step(t, 5*time.Second), Locator{Text: "Scan"}, true))
			if path == "/canvas-late" {
				_, err := s.QR(step(t, 5*time.Second), nil) // waits for the drawing
				must(t, err)
				must(t, s.Navigate(step(t, 5*time.Second), ts.URL+path))
				// Unmasked, drawn: give the page its time, as a reader would.
				must(t, s.evalVoid(step(t, 5*time.Second), `new Promise(r => setTimeout(r, 800))`))
			}
			// A raw capture of the page decodes: the checks below prove something.
			sctx, done := s.step(step(t, 5*time.Second))
			raw, err := s.capture(sctx, nil, 1)
			done()
			must(t, err)
			if text, err := qr.DecodeBytes(raw); err != nil || text != testURI {
				t.Fatalf("raw capture: %q, %v; the checks below would prove nothing", text, err)
			}
			// Not scanned yet, the code is still masked: any QR code is a secret.
			before, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
			must(t, err)
			if text, err := qr.DecodeBytes(before); err == nil {
				t.Fatalf("screenshot before the scan decodes: %q", text)
			}
			if _, err := s.QR(step(t, 5*time.Second), nil); err != nil {
				t.Fatal(err)
			}
			after, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
			must(t, err)
			if text, err := qr.DecodeBytes(after); err == nil {
				t.Fatalf("masked screenshot still decodes: %q", text)
			}
			// The masks are gone after the screenshot: the code scans again.
			if _, err := s.QR(step(t, 5*time.Second), nil); err != nil {
				t.Errorf("QR after screenshot: %v", err)
			}
		})
	}
}

func TestCookieIsolation(t *testing.T) {
	ts, _ := qrSite(t)
	a, b := session(t), session(t)
	must(t, a.Navigate(step(t, 5*time.Second), ts.URL+"/login"))
	must(t, a.Navigate(step(t, 5*time.Second), ts.URL+"/whoami"))
	must(t, a.WaitText(step(t, 5*time.Second), "session ok", true))
	must(t, b.Navigate(step(t, 5*time.Second), ts.URL+"/whoami"))
	must(t, b.WaitText(step(t, 5*time.Second), "anonymous", true))
	// Without the cookie the image is refused, so no code is found.
	must(t, b.Navigate(step(t, 5*time.Second), ts.URL+"/img"))
	if _, err := b.QR(step(t, 600*time.Millisecond), nil); !errors.Is(err, ErrNoMatch) {
		t.Errorf("QR without the session: %v, want ErrNoMatch", err)
	}
}

func invertPNG(t testing.TB, b []byte) []byte {
	t.Helper()
	src, err := png.Decode(bytes.NewReader(b))
	must(t, err)
	dst := image.NewGray(src.Bounds())
	for y := src.Bounds().Min.Y; y < src.Bounds().Max.Y; y++ {
		for x := src.Bounds().Min.X; x < src.Bounds().Max.X; x++ {
			g := color.GrayModel.Convert(src.At(x, y)).(color.Gray)
			dst.SetGray(x, y, color.Gray{Y: 255 - g.Y})
		}
	}
	var out bytes.Buffer
	must(t, png.Encode(&out, dst))
	return out.Bytes()
}

func mustPNG(t testing.TB, text string) []byte {
	t.Helper()
	b, err := qr.PNG(text, 6)
	must(t, err)
	return b
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestScreenshotMasksLateQR: a QR code that appears while the screenshot is
// being taken (here: drawn the moment the masks go on) is masked and the
// picture taken again; one whose image is still loading is let load and
// masked. No readable code in either picture.
func TestScreenshotMasksLateQR(t *testing.T) {
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(mustPNG(t, testURI))
	slow := mustPNG(t, testURI)
	mux := http.NewServeMux()
	mux.HandleFunc("/late", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><body><h1>Scan</h1><svg width="50" height="50"><rect width="50" height="50"/></svg>
<script>
let once = false;
new MutationObserver(() => {
  if (once) return;
  once = true;
  const i = new Image(240, 240);
  i.src = %q;
  document.body.appendChild(i);
}).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-enroll-saved-style'] });
</script></body>`, dataURL)
	})
	mux.HandleFunc("/loading", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!DOCTYPE html><body><h1>Scan</h1><img src="/slow.png"></body>`)
	})
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond) // a slow image server
		w.Header().Set("Content-Type", "image/png")
		w.Write(slow)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	s := session(t)
	for _, path := range []string{"/late", "/loading"} {
		t.Run(path, func(t *testing.T) {
			// Open without waiting for the image: the page's load event waits for it.
			sctx, done := s.step(step(t, 5*time.Second))
			_, err := chromedp.Call(sctx, page.Navigate, page.NavigateParams{URL: ts.URL + path})
			done()
			must(t, err)
			must(t, s.WaitText(step(t, 5*time.Second), "Scan", true))
			shot, err := s.Screenshot(step(t, 5*time.Second), redact.Set{})
			must(t, err)
			if text, err := qr.DecodeBytes(shot); err == nil {
				t.Fatalf("screenshot decodes: %q", text)
			}
			// The code is there and readable: the check above proves something.
			if _, err := s.QR(step(t, 5*time.Second), nil); err != nil {
				t.Fatalf("no readable QR code on the page: %v", err)
			}
		})
	}
}

// TestQRAddress: a code shown as <img src=URL> keeps the image's address (conform's
// secret-not-reshown asks it again after enrollment); one swapped in as a blob: URL
// has none, so nothing asks the site for a path that never existed.
func TestQRAddress(t *testing.T) {
	ts, _ := qrSite(t)
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), ts.URL+"/login"))
	for path, want := range map[string]string{"/img": ts.URL + "/qr.png", "/blob": ""} {
		must(t, s.Navigate(step(t, 5*time.Second), ts.URL+path))
		q, err := s.QR(step(t, 10*time.Second), nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if q.URL != want {
			t.Errorf("%s: URL %q, want %q", path, q.URL, want)
		}
	}
}

package browser

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/redact"
)

// panelSite is an older server-rendered product whose security panel is a
// frame of another site (its accounts service): the page on 127.0.0.1, the
// panel on localhost. The panel's first load sets its own cookie (partitioned,
// as a third-party frame's must be), and the QR image answers only with it.
// The image is lazy: a script sets its src from data-src once it is seen, far
// below a long explanation, in a frame itself below the fold. It returns the page's URL and the panel's origin.
func panelSite(t *testing.T, qrPath string) (top, panel string) {
	t.Helper()
	pngBytes, err := qr.PNG(testURI, 5)
	must(t, err)
	svg, err := qr.SVG(testURI, 4)
	must(t, err)
	pm := http.NewServeMux()
	pm.HandleFunc("/security/boxes", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Accounts</title><h2>Enter the code</h2><div id="boxes">
<input aria-label="Digit 1" maxlength="1"><input aria-label="Digit 2" maxlength="1"><input aria-label="Digit 3" maxlength="1">
<input aria-label="Digit 4" maxlength="1"><input aria-label="Digit 5" maxlength="1"><input aria-label="Digit 6" maxlength="1"></div>
<button onclick="out.textContent = [...document.querySelectorAll('#boxes input')].map(i => i.value).join('') === String(123455 + 1) ? 'Code accepted' : 'Code refused'">Verify</button>
<p id="out"></p>`)
	})
	pm.HandleFunc("/security/svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Accounts</title><div style="height:100px">Read this first.</div>
<section><h2>Authenticator app</h2><div style="margin-left:120px">`+svg+`</div></section>`)
	})
	pm.HandleFunc("/security/setup", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "acct", Value: "ok", Path: "/", Secure: true, HttpOnly: true,
			SameSite: http.SameSiteNoneMode, Partitioned: true})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>Accounts</title><h2>Set up your authenticator app</h2>
<div style="height:1400px">Read this explanation first.</div>
<p><img id="qr" alt="QR code" width="200" height="200" data-src="%s" style="background:#eee"></p>
<label for="code">Verification code</label><input id="code" name="code">
<button onclick="out.textContent = code.value === String(123455 + 1) ? 'Code accepted' : 'Code refused'">Verify</button>
<p id="out"></p>
<script>
var img = document.getElementById('qr');
new IntersectionObserver(function (es, o) { es.forEach(function (e) { if (e.isIntersecting) { img.src = img.dataset.src; o.disconnect(); } }); }).observe(img);
</script>`, qrPath)
	})
	pm.HandleFunc("/security/qr.png", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("acct"); err != nil || c.Value != "ok" {
			http.Error(w, "not signed in", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes)
	})
	ps := httptest.NewServer(pm)
	t.Cleanup(ps.Close)
	panel = strings.Replace(ps.URL, "127.0.0.1", "localhost", 1)
	site := serve(t, map[string]string{"/boxes-settings": `<!doctype html><title>Settings</title><h1>Account settings</h1>
<iframe title="Security settings" src="` + panel + `/security/boxes" style="width:700px;height:300px"></iframe>`, "/svg-settings": `<!doctype html><title>Settings</title><div style="height:150px">Plan: Acme Basic</div>
<iframe title="Security settings" src="` + panel + `/security/svg" style="margin-left:80px;width:700px;height:520px"></iframe>`, "/settings": `<!doctype html><title>Settings</title><h1>Account settings</h1>
<div style="height:700px">Plan: Acme Basic</div>
<h2>Security</h2><iframe title="Security settings" src="` + panel + `/security/setup" style="width:760px;height:520px"></iframe>`})
	return site.URL + "/settings", panel
}

// openPanel opens the settings page and waits for the panel's heading.
func openPanel(t *testing.T, qrPath string) (*Session, string) {
	t.Helper()
	top, panel := panelSite(t, qrPath)
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), top))
	must(t, s.WaitText(step(t, 5*time.Second), "Set up your authenticator app", true))
	return s, panel
}

// TestTypeCodeIntoCrossOriginFrame: type-code with into naming a field in a
// frame of another site types into that field (its ids come back from the
// frame and must be routed there), and masks it there.
func TestTypeCodeIntoCrossOriginFrame(t *testing.T) {
	s, _ := openPanel(t, "/security/qr.png")
	must(t, s.TypeCode(step(t, 5*time.Second), &Locator{Label: "Verification code"}, "123456", false))
	must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Verify"}))
	must(t, s.WaitText(step(t, 5*time.Second), "Code accepted", true))
	h, err := s.HTML(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	if strings.Contains(h, "123456") {
		t.Errorf("saved HTML holds the code")
	}

	// One box per digit, the first named: each box is the frame's.
	top, _ := panelSite(t, "/security/qr.png")
	s = session(t)
	must(t, s.Navigate(step(t, 5*time.Second), strings.Replace(top, "/settings", "/boxes-settings", 1)))
	must(t, s.WaitText(step(t, 5*time.Second), "Enter the code", true))
	must(t, s.TypeCode(step(t, 5*time.Second), &Locator{Label: "Digit 1"}, "123456", true))
	must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Verify"}))
	must(t, s.WaitText(step(t, 5*time.Second), "Code accepted", true))
}

// TestQRLazyInCrossOriginFrame: a lazy QR image below the fold of a frame of
// another site, behind that site's cookie, is scrolled to (as a reader
// scrolls) and read; the result names the image by its absolute URL, the
// frame's document as the page that showed it, and the page as its top.
func TestQRLazyInCrossOriginFrame(t *testing.T) {
	s, panel := openPanel(t, "/security/qr.png")
	q, err := s.QR(step(t, 10*time.Second), nil)
	must(t, err)
	if q.Text != testURI {
		t.Errorf("text = %q", q.Text)
	}
	if want := panel + "/security/qr.png"; q.URL != want {
		t.Errorf("URL = %q, want %q", q.URL, want)
	}
	if want := panel + "/security/setup"; q.Page != want {
		t.Errorf("Page = %q, want the frame's document %q", q.Page, want)
	}
	if !strings.HasSuffix(q.Top, "/settings") {
		t.Errorf("Top = %q, want the settings page", q.Top)
	}
}

// TestQRInFrameWithoutPixels: an image that never gets pixels (its lazy src
// fails) is named in the error, with where it is, instead of "nothing on the
// page".
func TestQRInFrameWithoutPixels(t *testing.T) {
	s, _ := openPanel(t, "/security/missing.png")
	_, err := s.QR(step(t, 4*time.Second), nil)
	var le *LookupError
	if !errors.As(err, &le) || !errors.Is(err, ErrNoMatch) {
		t.Fatalf("err = %v, want a LookupError with ErrNoMatch", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "img 200x200") || !strings.Contains(msg, "Security settings") || strings.Contains(msg, "no square image") {
		t.Errorf("err = %v, want the frame's image named", err)
	}
}

// TestQRWithinCrossOriginFrame: scan-qr within an element of a frame of another
// site reads an svg code by an element screenshot at the element's place on the
// page (the frame's script gives rectangles in the frame's document), and marks
// it in the frame.
func TestQRWithinCrossOriginFrame(t *testing.T) {
	top, panel := panelSite(t, "/security/qr.png")
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), strings.Replace(top, "/settings", "/svg-settings", 1)))
	must(t, s.WaitText(step(t, 5*time.Second), "Authenticator app", true))
	q, err := s.QR(step(t, 10*time.Second), &Locator{Text: "Authenticator app"})
	must(t, err)
	if q.Text != testURI || q.Source != SourceElementScreenshot {
		t.Errorf("text %q from %s, want the code from an element screenshot", q.Text, q.Source)
	}
	if want := panel + "/security/svg"; q.Page != want {
		t.Errorf("Page = %q, want the frame's document %q", q.Page, want)
	}
	h, err := s.HTML(step(t, 5*time.Second), redact.Set{})
	must(t, err)
	if !strings.Contains(h, "data-enroll-mask") {
		t.Errorf("the code is not marked for masking")
	}
}

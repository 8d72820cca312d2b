package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestNestedCrossOriginFrame: a payment form in a frame of the page's own site, inside
// a frame of another site (a checkout provider embedding its bank's form): with site
// isolation the inner frame is a target of its own whose element is in the outer
// frame's document, not the page's. Fields fill, buttons click at the right point,
// and texts are read there.
func TestNestedCrossOriginFrame(t *testing.T) {
	var top string // the page's origin, also the inner frame's
	pages := map[string]string{
		"/": `<!doctype html><title>Checkout</title><h1>Checkout</h1>
<div style="margin:40px 0 0 60px"><iframe title="Payment provider" src="%s/outer" width=520 height=320></iframe></div>`,
		"/inner": `<!doctype html><title>Bank check</title><h2>Confirm with your bank</h2>
<label>Card code <input id=code></label>
<button style="margin-left:90px" onclick="out.textContent = 'Paid with ' + code.value">Confirm payment</button>
<p id=out></p>`,
	}
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>Provider</title><h2>Provider</h2>
<div style="padding:30px 0 0 45px"><iframe title="Bank check" src="%s/inner" width=420 height=200></iframe></div>`, top)
	}))
	t.Cleanup(outer.Close)
	provider := strings.Replace(outer.URL, "127.0.0.1", "localhost", 1)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			p = fmt.Sprintf(p, provider)
		}
		fmt.Fprint(w, p)
	}))
	t.Cleanup(site.Close)
	top = site.URL

	s := session(t)
	ctx := func() context.Context { return step(t, 10*time.Second) }
	must(t, s.Navigate(ctx(), site.URL+"/"))
	must(t, s.WaitText(ctx(), "Confirm with your bank", true))
	must(t, s.Fill(ctx(), Locator{Label: "Card code"}, "4242", false))
	must(t, s.Click(ctx(), Locator{Text: "Confirm payment", Within: "Bank check"}))
	must(t, s.WaitText(ctx(), "Paid with 4242", true))
	if n := len(s.remoteFrames(ctx())); n != 2 {
		t.Errorf("%d frame targets, want 2 (the provider's and, inside it, the bank's)", n)
	}
	labels, err := s.OnScreen(ctx(), 40)
	must(t, err)
	if !contains(labels, "Confirm with your bank") {
		t.Errorf("on screen = %q, want the inner frame's heading", labels)
	}
}

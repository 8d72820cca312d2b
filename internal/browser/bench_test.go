package browser

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/redact"
)

// BenchmarkSessionNavigateClick measures what a flow pays per session:
// open an isolated context, load a page, click a button found by its text.
func BenchmarkSessionNavigateClick(b *testing.B) {
	session(b) // skip without a browser
	srv := serve(b, map[string]string{"/": `<h1>Bench</h1><button onclick="this.textContent='Done'">Enable</button>`})
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		s, err := testBrowser.NewSession(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Navigate(ctx, srv.URL); err != nil {
			b.Fatal(err)
		}
		if err := s.Click(ctx, Locator{Text: "Enable"}); err != nil {
			b.Fatal(err)
		}
		if err := s.WaitText(ctx, "Done", true); err != nil {
			b.Fatal(err)
		}
		s.Close()
		cancel()
	}
}

// BenchmarkClick measures one click on a loaded page (find, scroll,
// hit-test, mouse events).
func BenchmarkClick(b *testing.B) {
	s := session(b)
	srv := serve(b, map[string]string{"/": `<h1>Bench</h1><button>Enable</button>`})
	must(b, s.Navigate(step(b, 10*time.Second), srv.URL))
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := s.Click(ctx, Locator{Text: "Enable"}); err != nil {
			b.Fatal(err)
		}
		cancel()
	}
}

// BenchmarkQR measures QR capture and decoding per source.
func BenchmarkQR(b *testing.B) {
	s := session(b)
	ts, _ := qrSite(b)
	for _, bc := range []struct{ name, path string }{
		{SourceDataURL, "/data"},
		{SourceImgPixels, "/img"},
		{SourceImgFetch, "/img-cross"},
		{SourceCanvas, "/canvas-late"},
		{SourceElementScreenshot, "/svg"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			must(b, s.Navigate(step(b, 10*time.Second), ts.URL+"/login"))
			must(b, s.Navigate(step(b, 10*time.Second), ts.URL+bc.path))
			if _, err := s.QR(step(b, 10*time.Second), nil); err != nil { // canvas: wait for the drawing once
				b.Fatal(err)
			}
			for b.Loop() {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				q, err := s.QR(ctx, nil)
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				if q.Source != bc.name {
					b.Fatalf("source %s", q.Source)
				}
			}
		})
	}
}

// BenchmarkScreenshot measures a masked full-page screenshot, without and with a
// secret pattern (the page's texts read and matched before and after the picture).
func BenchmarkScreenshot(b *testing.B) {
	s := session(b)
	ts, _ := qrSite(b)
	must(b, s.Navigate(step(b, 10*time.Second), ts.URL+"/data"))
	if _, err := s.QR(step(b, 10*time.Second), nil); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		set  redact.Set
	}{
		{"values", redact.Set{}},
		{"pattern", redact.Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				if _, err := s.Screenshot(ctx, bc.set); err != nil {
					b.Fatal(err)
				}
				cancel()
			}
		})
	}
}

// BenchmarkSessionOpen measures what a flow waits for when it opens a session
// (the timer runs only around the opening): "spare" through NewSession, which
// takes the session the browser opened ahead while the previous one worked (a
// page load and a click here); "cold" opens one with nothing ahead.
func BenchmarkSessionOpen(b *testing.B) {
	session(b) // skip without a browser
	srv := serve(b, map[string]string{"/": `<h1>Bench</h1><button onclick="this.textContent='Done'">Enable</button>`})
	for _, bc := range []struct {
		name string
		open func(context.Context) (*Session, error)
	}{
		{"spare", testBrowser.NewSession},
		{"cold", testBrowser.openSession},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.StopTimer()
			for range b.N {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				b.StartTimer()
				s, err := bc.open(ctx)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				must(b, s.Navigate(ctx, srv.URL))
				must(b, s.Click(ctx, Locator{Text: "Enable"}))
				s.Close()
				cancel()
			}
		})
	}
}

// BenchmarkFill measures filling a 20-character value into a field found by
// its label.
func BenchmarkFill(b *testing.B) {
	s := session(b)
	srv := serve(b, map[string]string{"/": `<h1>Bench</h1><label>Email address <input type="email"></label>`})
	must(b, s.Navigate(step(b, 10*time.Second), srv.URL))
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := s.Fill(ctx, Locator{Label: "Email address"}, "qa.tester@example.io", false); err != nil {
			b.Fatal(err)
		}
		cancel()
	}
}

// BenchmarkNavigatingClick measures a click on a link that loads another page,
// until that page has loaded.
func BenchmarkNavigatingClick(b *testing.B) {
	s := session(b)
	srv := serve(b, map[string]string{
		"/a": `<h1>A</h1><a href="/b">Next</a>`,
		"/b": `<h1>B</h1><a href="/a">Next</a>`,
	})
	must(b, s.Navigate(step(b, 10*time.Second), srv.URL+"/a"))
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := s.Click(ctx, Locator{Text: "Next"}); err != nil {
			b.Fatal(err)
		}
		cancel()
	}
}

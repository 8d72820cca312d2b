package browser

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"

	"github.com/enroll-dev/enroll/redact"
)

// remoteChromium starts a separate headless Chromium with a DevTools port, as
// a browserless container or a Grid node would run, and returns its endpoint
// (http://127.0.0.1:PORT, read from its DevToolsActivePort file).
func remoteChromium(t *testing.T, flags ...string) string {
	t.Helper()
	session(t) // skip (or fail under CI) without a browser
	exe, err := FindChrome("", true, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	args := append([]string{"--headless", "--no-sandbox", "--remote-debugging-port=0", "--user-data-dir=" + dir,
		"--disable-gpu", "--no-first-run", "--disable-component-update"}, flags...)
	cmd := exec.Command(exe, append(args, "about:blank")...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		browserProcesses(cmd.Process.Pid, dir, true) // its tree, before Wait frees the pid
		cmd.Wait()
		killProfileProcesses(dir)
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := os.ReadFile(filepath.Join(dir, "DevToolsActivePort"))
		if port, _, ok := bytes.Cut(b, []byte("\n")); err == nil && ok {
			return "http://127.0.0.1:" + string(port)
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromium wrote no DevToolsActivePort: %v", err)
		}
		time.Sleep(20 * time.Millisecond) // polling a file the process writes
	}
}

// TestConnect: a browser given by its endpoint runs flows' sessions in
// isolated contexts, with shadow roots, frames, QR codes and screenshots as
// a local one; closing leaves it running with none of our contexts left.
func TestConnect(t *testing.T) {
	endpoint := remoteChromium(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := Launch(ctx, Options{BrowserURL: endpoint})
	must(t, err)
	rs := newRealSite(t)
	for range 2 {
		s, err := b.NewSession(step(t, 10*time.Second))
		must(t, err)
		must(t, rs.signIn(step(t, 10*time.Second), s))
		must(t, s.Click(step(t, 10*time.Second), Locator{Text: "Security", Role: "button"}))
		must(t, s.Click(step(t, 10*time.Second), Locator{Text: "Enable", Within: "Security settings"}))
		if _, err := s.QR(step(t, 10*time.Second), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Screenshot(step(t, 10*time.Second), redact.Set{}); err != nil {
			t.Fatal(err)
		}
		must(t, s.Close())
	}
	must(t, b.Close())

	// The remote browser still answers, and holds no context of ours.
	rctx, rcancel := remote.NewAllocator(context.Background(), endpoint)
	defer rcancel()
	cctx, ccancel := chromedp.NewContext(rctx)
	defer ccancel()
	if err := chromedp.Do(cctx); err != nil {
		t.Fatalf("the remote browser is gone after Close: %v", err)
	}
	res, err := chromedp.CallBrowser(cctx, target.GetBrowserContexts, cdp.Empty{})
	must(t, err)
	if len(res.BrowserContextIDs) != 0 {
		t.Errorf("browser contexts left in the remote browser: %v", res.BrowserContextIDs)
	}
}

// TestScreenshotOnHiDPI: on a browser whose screen has 2 device pixels to a CSS
// pixel (a remote desktop Chrome on a HiDPI screen), a step's picture is in CSS
// pixels, as on any other, and Box's rectangle falls on the element in it.
func TestScreenshotOnHiDPI(t *testing.T) {
	endpoint := remoteChromium(t, "--force-device-scale-factor=2")
	b, err := Launch(t.Context(), Options{BrowserURL: endpoint})
	must(t, err)
	defer b.Close()
	s, err := b.NewSession(step(t, 10*time.Second))
	must(t, err)
	defer s.Close()
	srv := serve(t, map[string]string{"/": `<body style="margin:0;background:#fff">
		<div style="height:300px"></div>
		<button style="margin-left:200px;width:160px;height:40px;background:#f00;border:0">Enable</button></body>`})
	must(t, s.Navigate(step(t, 10*time.Second), srv.URL))
	if dpr, err := evalJSON[float64](s.ctx, `devicePixelRatio`); err != nil || dpr == nil || *dpr != 2 {
		t.Fatalf("devicePixelRatio = %v, %v: the browser is not HiDPI, the test proves nothing", dpr, err)
	}
	shot, err := s.Screenshot(step(t, 10*time.Second), redact.Set{})
	must(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	must(t, err)
	width, err := evalJSON[float64](s.ctx, `document.documentElement.clientWidth`)
	must(t, err)
	if got := img.Bounds().Dx(); float64(got) != *width {
		t.Errorf("the picture is %d pixels wide, the page %g CSS pixels", got, *width)
	}
	box, err := s.Box(step(t, 10*time.Second), Locator{Text: "Enable"})
	must(t, err)
	if box != image.Rect(200, 300, 360, 340) {
		t.Errorf("Box = %v, want (200,300)-(360,340)", box)
	}
	red := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r > 0xe000 && g < 0x2000 && b < 0x2000
	}
	// Inside the button's corners (its label is in the middle), and just outside them.
	if !red(box.Min.X+4, box.Min.Y+4) || !red(box.Max.X-5, box.Max.Y-5) || red(box.Min.X-4, box.Min.Y-4) || red(box.Max.X+4, box.Max.Y+4) {
		t.Errorf("the red button is not where Box says in the picture (%v)", box)
	}
}

// TestConnectErrors: a refused endpoint, one that is not DevTools, and a
// malformed one fail with ErrConnect, saying where.
func TestConnectErrors(t *testing.T) {
	session(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	refused := "http://" + l.Addr().String()
	l.Close()
	notDevTools := serve(t, map[string]string{"/": "<h1>A web page</h1>"}).URL
	for _, endpoint := range []string{refused, notDevTools, "ftp://127.0.0.1:9222", "ws://no-port", refused + "/?token=SECRETTOKEN"} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, err := Launch(ctx, Options{BrowserURL: endpoint})
		cancel()
		if !errors.Is(err, ErrConnect) {
			t.Errorf("%s: err = %v, want ErrConnect", endpoint, err)
			continue
		}
		if !strings.Contains(err.Error(), redactEndpoint(endpoint)) {
			t.Errorf("%s: %q does not say where", endpoint, err)
		}
		if strings.Contains(err.Error(), "SECRETTOKEN") {
			t.Errorf("%s: %q shows the endpoint's token", endpoint, err)
		}
	}
}

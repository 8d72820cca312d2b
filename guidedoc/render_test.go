package guidedoc_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/guidedoc"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/internal/browsertest"
	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/report"
	"github.com/enroll-dev/enroll/runner"
)

// TestRender20i runs flows/20i.yaml twice in real Chromium against its bundled mock,
// reproducibly (runner.Options.Reproducible, as enroll docs does), and renders guide
// 003 from each run: both renders have every step with its screenshot, identical
// Markdown and HTML, images with the same pixels, and no readable QR code in any
// image.
func TestRender20i(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Chromium")
	}
	exec := browsertest.Chrome(t)
	f, err := flow.Parse(flows.FS, "20i.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "guides", f.Guide.Source))
	if err != nil {
		t.Fatal(err)
	}
	g, err := guide.Parse(f.Guide.Source, src)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	render := func(out string) *guidedoc.Rendered {
		w := guidedoc.NewWatch(f, g, false)
		res, err := runner.Run(ctx, []*flow.Flow{f}, runner.Options{
			ArtifactsDir: t.TempDir(), Browser: browser.Options{ExecPath: exec}, Reproducible: true,
			AfterStep: func(ctx context.Context, _ *flow.Flow, s *report.Step, p runner.Page) { w.AfterStep(ctx, s, p) }})
		if err != nil {
			t.Fatal(err)
		}
		rf := res.Flows[0]
		if rf.Status != report.Passed {
			t.Fatalf("flows/20i.yaml %s: %v", rf.Status, rf.Failure)
		}
		r, err := guidedoc.Write(out, guidedoc.Doc{Result: rf, Flow: f, Guide: g, Watch: w})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(r.Files) - 2; n != len(f.Steps) {
			t.Errorf("%d images, want one per step (%d)", n, len(f.Steps))
		}
		return r
	}
	a, b := t.TempDir(), t.TempDir()
	ra := render(a)
	render(b)
	for _, name := range []string{guidedoc.Markdown, guidedoc.HTML} {
		if x, y := read(t, a, name), read(t, b, name); !bytes.Equal(x, y) {
			t.Errorf("%s differs between two renders", name)
		}
	}
	for _, name := range ra.Files[2:] {
		ia, err := png.Decode(bytes.NewReader(read(t, a, name)))
		if err != nil {
			t.Fatal(err)
		}
		ib, err := png.Decode(bytes.NewReader(read(t, b, name)))
		if err != nil {
			t.Fatal(err)
		}
		if share := guidedoc.Diff(ia, ib); share > 0 {
			t.Errorf("%s: %.4f%% of pixels differ between two renders", name, 100*share)
		}
		if uri, err := qr.Decode(ia); err == nil {
			t.Errorf("%s: a readable QR code (%d characters)", name, len(uri))
		}
	}
	md := string(read(t, a, guidedoc.Markdown))
	for _, want := range []string{"## 2. Security Details", "| 2. Security Details | Security Details | shown |", "![Scan the QR Code](images/05-scan-the-qr-code.png)"} {
		if !bytes.Contains([]byte(md), []byte(want)) {
			t.Errorf("the Markdown has no %q:\n%s", want, md)
		}
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package guidedoc_test

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/guidedoc"
	"github.com/enroll-dev/enroll/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const (
	testGuide = "Setting up Example\n\n1. Log in\n\nLog in to your account\n\n2. Security Details\n\nSelect the Security Details tab\n\nSelect 'Security Details'\nSelect 'Security Details'\n\n" +
		"3. Finalize\n\nClick 'Enable'. It should now show \"Two-factor authentication is on\" and 'Done'.\n\n4. Backup\n\nSave them.\n"
	testFlow = "enroll: 1\nguide: { title: Setting up Example, source: g.txt }\nsite: 20i\nsteps:\n" +
		"  - step: Log in\n    say: Log in to your account\n    do:\n      - open: /login\n" +
		"  - step: Security Details\n    say: Select the Security Details tab\n    do:\n      - click: Security Details\n" +
		"  - step: Install the app\n    manual: done in the authenticator app\n" +
		"  - step: Finalize\n    say: |-\n      Click 'Enable'.\n      It should now show <b>*this*</b>\n    do:\n      - click: Enable\n      - expect: Two-factor authentication is on\n" +
		"  - step: Sign in again\n    do:\n      - expect: Done\n"
)

// fixture is a run of testFlow that failed at its Finalize step, with screenshots.
func fixture(t *testing.T) guidedoc.Doc {
	t.Helper()
	dir := t.TempDir()
	shot := func(name string, c color.Color) string {
		p := filepath.Join(dir, name)
		writePNG(t, p, solid(40, 30, c))
		return p
	}
	f, err := flow.Parse(fstest.MapFS{"f.yaml": {Data: []byte(testFlow)}}, "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := guide.Parse("g.txt", []byte(testGuide))
	if err != nil {
		t.Fatal(err)
	}
	fail := &report.Failure{Pos: report.Pos{File: "f.yaml", Line: 21, Col: 9}, StepIndex: 4, Step: "Finalize",
		Action: `expect "Two-factor authentication is on"`, Message: "not on the page after 10s",
		OnScreen: []string{"Two-factor authentication is off", "Enable"}, Screenshot: shot("04-finalize.failure.png", color.Black)}
	r := &report.Flow{File: "flows/example.yaml", Guide: "Setting up Example", Source: "g.txt", Status: report.Failed, Failure: fail,
		Steps: []*report.Step{
			{Index: 1, Title: "Log in", Say: "Log in to your account", Status: report.Passed, Screenshot: shot("01-log-in.png", color.White)},
			{Index: 2, Title: "Security Details", Say: "Select the Security Details tab", Status: report.Passed, Screenshot: shot("02-security-details.png", color.Gray{128})},
			{Index: 3, Title: "Install the app", Status: report.Skipped, Manual: "done in the authenticator app"},
			{Index: 4, Title: "Finalize", Say: "Click 'Enable'.\nIt should now show <b>*this*</b>", Status: report.Failed, Failure: fail},
			{Index: 5, Title: "Sign in again", Status: report.Skipped},
		}}
	return guidedoc.Doc{Result: r, Flow: f, Guide: g}
}

// TestWriteGolden renders the fixture and compares both files with testdata; a second
// render into the same folder is identical and reports no changed image.
func TestWriteGolden(t *testing.T) {
	t.Parallel()
	d := fixture(t)
	out := t.TempDir()
	r, err := guidedoc.Write(out, d)
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"index.md", "index.html", "images/01-log-in.png", "images/02-security-details.png", "images/04-finalize.failure.png"}
	if !slices.Equal(r.Files, wantFiles) {
		t.Errorf("files %q, want %q", r.Files, wantFiles)
	}
	if len(r.Changed) != 3 || !r.Changed[0].New {
		t.Errorf("first render: changed %v, want every image new", r.Changed)
	}
	for _, name := range []string{guidedoc.Markdown, guidedoc.HTML} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update after checking):\n%s", name, golden, got)
		}
	}
	before, _ := os.ReadFile(filepath.Join(out, guidedoc.Markdown))
	r, err = guidedoc.Write(out, d)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(out, guidedoc.Markdown))
	if len(r.Changed) != 0 || !bytes.Equal(before, after) {
		t.Errorf("second render of the same run: changed %v, Markdown identical %v", r.Changed, bytes.Equal(before, after))
	}
}

// TestChangedImages: an image that differs in more than Threshold of its pixels is
// reported with its share, one below it is not (unless the render is Exact), and
// images of steps gone are removed.
func TestChangedImages(t *testing.T) {
	t.Parallel()
	d := fixture(t)
	out := t.TempDir()
	if _, err := guidedoc.Write(out, d); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, guidedoc.Images, "09-old-step.png")
	writePNG(t, stale, solid(2, 2, color.White))

	big := solid(40, 30, color.White) // 10 of 1200 pixels differ: 0.83%
	for x := range 10 {
		big.Set(x, 0, color.Black)
	}
	writePNG(t, d.Result.Steps[0].Screenshot, big)
	r, err := guidedoc.Write(out, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []guidedoc.Change{{Image: "images/01-log-in.png", Share: 10.0 / 1200}}
	if !slices.Equal(r.Changed, want) {
		t.Errorf("changed %v, want %v", r.Changed, want)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale image is still there: %v", err)
	}

	big.Set(10, 0, color.Black) // 1 of 1200 more: below the threshold
	writePNG(t, d.Result.Steps[0].Screenshot, big)
	if r, err = guidedoc.Write(out, d); err != nil || len(r.Changed) != 0 {
		t.Errorf("one pixel changed: changed %v, %v; want none", r.Changed, err)
	}

	big.Set(11, 0, color.Black) // a render of a reproducible run: any pixel counts
	writePNG(t, d.Result.Steps[0].Screenshot, big)
	d.Exact = true
	want = []guidedoc.Change{{Image: "images/01-log-in.png", Share: 1.0 / 1200}}
	if r, err = guidedoc.Write(out, d); err != nil || !slices.Equal(r.Changed, want) {
		t.Errorf("one pixel changed, exact: changed %v, %v; want %v", r.Changed, err, want)
	}
}

// TestDiff pins down the pixel comparison.
func TestDiff(t *testing.T) {
	t.Parallel()
	half := solid(4, 2, color.White)
	for x := range 4 {
		half.Set(x, 0, color.Black)
	}
	tests := []struct {
		name string
		a, b image.Image
		want float64
	}{
		{"same", solid(4, 2, color.White), solid(4, 2, color.White), 0},
		{"half", solid(4, 2, color.White), half, 0.5},
		{"other size", solid(4, 2, color.White), solid(2, 4, color.White), 1},
		{"empty", solid(0, 0, color.White), solid(0, 0, color.White), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := guidedoc.Diff(tt.a, tt.b); got != tt.want {
				t.Errorf("Diff = %v, want %v", got, tt.want)
			}
		})
	}
}

func solid(w, h int, c color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNoLabels: a guide that quotes no label says so; without the guide there is no
// labels section at all.
func TestNoLabels(t *testing.T) {
	t.Parallel()
	d := fixture(t)
	g, err := guide.Parse("g.txt", []byte("T\n\n1. Log in\n\nLog in to your account\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		guide *guide.Guide
		want  string
	}{{g, "## The guide's labels on the screen\n\nEvery label the written guide quotes, and whether the page showed it at that step.\n\nThe guide quotes no label.\n"}, {nil, ""}} {
		d.Guide = tt.guide
		out := t.TempDir()
		if _, err := guidedoc.Write(out, d); err != nil {
			t.Fatal(err)
		}
		md, _ := os.ReadFile(filepath.Join(out, guidedoc.Markdown))
		_, section, _ := bytes.Cut(md, []byte("## The guide's labels"))
		if got := string(section); (tt.want == "") != (got == "") || tt.want != "" && "## The guide's labels"+got != tt.want {
			t.Errorf("guide %v: labels section %q, want %q", tt.guide != nil, got, tt.want)
		}
	}
}

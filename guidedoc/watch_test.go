package guidedoc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/guide"
	"github.com/enroll-dev/enroll/guidedoc"
	"github.com/enroll-dev/enroll/locator"
)

// page is a page as a step left it, for Watch: the texts it shows, its labels, and
// where its elements are. The browser's side of these is tested in internal/browser.
type page struct {
	shows    map[string]bool
	onScreen []string
	boxes    map[locator.Locator]image.Rectangle
}

func (p page) Shows(_ context.Context, text string) (bool, error) {
	return p.shows[strings.ToLower(text)], nil
}

func (p page) OnScreen(_ context.Context, max int) ([]string, error) {
	return p.onScreen[:min(max, len(p.onScreen))], nil
}

func (p page) Box(_ context.Context, l locator.Locator) (image.Rectangle, error) {
	if r, ok := p.boxes[l]; ok {
		return r, nil
	}
	return image.Rectangle{}, errors.New("no match")
}

// TestWatch: the labels section says for each quoted label whether the page showed it
// after its step, with the labels most like it first when not, and where it showed when
// the flow has no step of its heading; the step's picture is cut to the element it
// acted on and a box drawn around it, and the masks in the screenshot stay.
func TestWatch(t *testing.T) {
	t.Parallel()
	d := fixture(t)
	g, err := guide.Parse("g.txt", []byte("Setting up Example\n\n1. Log in\n\nLog in, you see 'Welcome'\n\n"+
		"2. Security Details\n\nSelect 'Security Details' under 'Profile'\n\n3. Finalize\n\nClick 'Done'.\n\n4. Backup\n\nKeep the 'Backup codes'.\n"))
	if err != nil {
		t.Fatal(err)
	}
	d.Guide = g
	// Step 2's screenshot: a page of 1000x800 with a masked secret by the tab.
	shot := image.NewRGBA(image.Rect(0, 0, 1000, 800))
	for y := range 800 {
		for x := range 1000 {
			c := color.RGBA{0xf0, 0xf0, 0xf0, 0xff}
			if x >= 500 && x < 540 && y >= 400 && y < 440 {
				c = color.RGBA{0, 0, 0, 0xff}
			}
			shot.Set(x, y, c)
		}
	}
	writePNG(t, d.Result.Steps[1].Screenshot, shot)
	tab := image.Rect(480, 380, 560, 460)

	w := guidedoc.NewWatch(d.Flow, d.Guide, true)
	ctx := context.Background()
	w.AfterStep(ctx, d.Result.Steps[0], page{shows: map[string]bool{"welcome": true}})
	w.AfterStep(ctx, d.Result.Steps[1], page{
		shows:    map[string]bool{"security details": true, "backup codes": true},
		onScreen: []string{"Security Details", "Log out", "My profile page"},
		boxes:    map[locator.Locator]image.Rectangle{{Text: "Security Details"}: tab},
	})
	w.AfterStep(ctx, d.Result.Steps[3], page{onScreen: []string{"Enable", "Cancel", "Done later"}})
	d.Watch, d.Pictures = w, guidedoc.Pictures{Crop: true, Highlight: true}

	out := t.TempDir()
	if _, err := guidedoc.Write(out, d); err != nil {
		t.Fatal(err)
	}
	md := string(read(t, out, guidedoc.Markdown))
	for _, want := range []string{
		"| 1. Log in | Welcome | shown |",
		"| 2. Security Details | Security Details | shown |",
		`| 2. Security Details | Profile | not shown; on screen instead: "My profile page", "Security Details", "Log out" |`,
		`| 3. Finalize | Done | not shown; on screen instead: "Done later", "Enable", "Cancel" |`,
		`| 4. Backup | Backup codes | shown at step 2, "Security Details" |`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the labels section has no row %q:\n%s", want, md)
		}
	}

	img, err := png.Decode(bytes.NewReader(read(t, out, "images/02-security-details.png")))
	if err != nil {
		t.Fatal(err)
	}
	// The tab with 160 pixels around it, widened to 640: (200,220)-(840,620).
	if got, want := img.Bounds().Size(), image.Pt(640, 400); got != want {
		t.Fatalf("cropped to %v, want %v", got, want)
	}
	at := func(x, y int) string { // page pixels
		b := img.Bounds()
		r, g, bl, _ := img.At(b.Min.X+x-200, b.Min.Y+y-220).RGBA()
		return fmt.Sprintf("%02x%02x%02x", r>>8, g>>8, bl>>8)
	}
	for _, c := range []struct {
		x, y int
		want string
	}{
		{476, 376, "d61f69"}, {563, 463, "d61f69"}, {520, 378, "d61f69"}, // the box, 4 px out
		{520, 420, "000000"}, // the mask
		{470, 370, "f0f0f0"}, {520, 382, "f0f0f0"},
	} {
		if got := at(c.x, c.y); got != c.want {
			t.Errorf("pixel (%d,%d) = %s, want %s", c.x, c.y, got, c.want)
		}
	}
	// Step 1 acts on nothing on the page: its picture is whole.
	if whole, err := os.ReadFile(filepath.Join(out, "images", "01-log-in.png")); err != nil || !bytes.Equal(whole, read(t, filepath.Dir(d.Result.Steps[0].Screenshot), "01-log-in.png")) {
		t.Errorf("step 1's picture was changed (%v)", err)
	}
}

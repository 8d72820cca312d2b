package browser

import (
	"errors"
	"image"
	"testing"
	"time"
)

// TestBox: an element's box is in the pixels of a full-page screenshot, wherever the
// page is scrolled; one under an open modal dialog it is not in has no box, one in the
// dialog has. Shows says whether a text is on the page now, without waiting.
func TestBox(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<!DOCTYPE html><html><body style="margin:0;height:3000px">
<button style="position:absolute;left:100px;top:1500px;width:80px;height:30px">Far down</button>
<dialog id="d" style="margin:0;position:fixed;left:10px;top:20px;width:200px;height:100px;padding:0;border:0">
  <button style="position:absolute;left:5px;top:6px;width:50px;height:20px">In dialog</button>
</dialog>
</body></html>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	box := func(text string) (image.Rectangle, error) {
		return s.Box(step(t, 5*time.Second), Locator{Text: text})
	}
	if r, err := box("Far down"); err != nil || r != image.Rect(100, 1500, 180, 1530) {
		t.Errorf("box = %v, %v; want (100,1500)-(180,1530)", r, err)
	}
	must(t, s.evalVoid(step(t, 5*time.Second), `scrollTo(0, 1000)`))
	if r, err := box("Far down"); err != nil || r != image.Rect(100, 1500, 180, 1530) {
		t.Errorf("scrolled: box = %v, %v; want (100,1500)-(180,1530)", r, err)
	}
	must(t, s.evalVoid(step(t, 5*time.Second), `document.getElementById('d').showModal()`))
	if r, err := box("Far down"); !errors.Is(err, ErrNoMatch) {
		t.Errorf("under a modal dialog: box = %v, %v; want ErrNoMatch", r, err)
	}
	// The dialog is fixed at (10,20) in the viewport, scrolled 1000 down the page.
	if r, err := box("In dialog"); err != nil || r != image.Rect(15, 1026, 65, 1046) {
		t.Errorf("in the dialog: box = %v, %v; want (15,1026)-(65,1046)", r, err)
	}
	if _, err := box("Nowhere"); !errors.Is(err, ErrNoMatch) {
		t.Errorf("no such element: %v, want ErrNoMatch", err)
	}
	for text, want := range map[string]bool{"in DIALOG": true, "nowhere": false} {
		if got, err := s.Shows(step(t, 5*time.Second), text); err != nil || got != want {
			t.Errorf("Shows(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
}

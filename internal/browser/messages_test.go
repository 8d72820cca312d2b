package browser

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/redact"
)

// TestOnScreenMessagesFirst: what a page says about what just happened comes first
// in the labels on screen, though the page marks it only by a class and a long menu
// comes before it, and also when it sits in a cross-origin frame; a container whose
// class matches is not taken for a message.
func TestOnScreenMessagesFirst(t *testing.T) {
	frame := serve(t, map[string]string{"/panel": `<!DOCTYPE html><h2>Verify</h2><p class="text-danger">Code expired, start again</p><button>Verify</button>`})
	var menu strings.Builder
	for i := range 15 {
		fmt.Fprintf(&menu, `<a href="/p%d">Menu item %d</a> `, i, i)
	}
	long := strings.Repeat("Explanation of what two-factor authentication is. ", 10)
	page := serve(t, map[string]string{"/settings": `<!DOCTYPE html><nav>` + menu.String() + `</nav>
<form class="has-error"><p>` + long + `</p><label>Code <input name=code></label>
<p class="form-error">Invalid verification code</p><button>Verify</button></form>
<iframe title="Security panel" src="` + strings.Replace(frame.URL, "127.0.0.1", "localhost", 1) + `/panel"></iframe>`})
	s := session(t)
	must(t, s.Navigate(step(t, 10*time.Second), page.URL+"/settings"))
	must(t, s.WaitText(step(t, 10*time.Second), "Code expired", true))

	labels, err := s.OnScreen(step(t, 5*time.Second), 12)
	must(t, err)
	if len(labels) < 2 || labels[0] != "Invalid verification code" || labels[1] != "Code expired, start again" {
		t.Errorf("on screen = %q, want the page's message, then the frame's, first", labels)
	}
	for _, l := range labels {
		if strings.Contains(l, "Explanation") {
			t.Errorf("on screen has the form's text as a message: %q", l)
		}
	}
	if len(labels) != 12 || !contains(labels, "Menu item 0") {
		t.Errorf("on screen = %q, want 12 with the menu after the messages", labels)
	}
}

// TestArtifactsOfADocumentWithoutRoot: a document with no element yet (a frame between
// two documents, after a form posted) still gives a screenshot, HTML and labels; the
// masking used to fail on it with a TypeError, and the step had no picture.
func TestArtifactsOfADocumentWithoutRoot(t *testing.T) {
	page := serve(t, map[string]string{"/": `<!DOCTYPE html><h1>Posting</h1>`})
	s := session(t)
	must(t, s.Navigate(step(t, 10*time.Second), page.URL+"/"))
	must(t, s.evalVoid(step(t, 5*time.Second), `document.documentElement.remove()`))
	secrets := redact.Set{Values: []string{"JBSWY3DPEHPK3PXP"}, Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}
	if _, err := s.Screenshot(step(t, 10*time.Second), secrets); err != nil {
		t.Errorf("screenshot: %v", err)
	}
	if _, err := s.HTML(step(t, 5*time.Second), secrets); err != nil {
		t.Errorf("HTML: %v", err)
	}
	if _, err := s.OnScreen(step(t, 5*time.Second), 12); err != nil {
		t.Errorf("on screen: %v", err)
	}
}

// TestWindows: a window the page opens (window.open) is listed with its address; the
// session's own page is not.
func TestWindows(t *testing.T) {
	site := serve(t, map[string]string{
		"/":      `<!DOCTYPE html><button onclick="window.open('/popup', 'setup', 'popup,width=500,height=700')">Add</button>`,
		"/popup": `<!DOCTYPE html><h1>Scan the QR code</h1>`,
	})
	s := session(t)
	must(t, s.Navigate(step(t, 10*time.Second), site.URL+"/"))
	if wins, err := s.Windows(step(t, 5*time.Second)); err != nil || len(wins) != 0 {
		t.Fatalf("windows before the click: %q, %v", wins, err)
	}
	must(t, s.Click(step(t, 5*time.Second), Locator{Text: "Add"}))
	var wins []string
	err := until(step(t, 5*time.Second), func() (bool, error) {
		var err error
		wins, err = s.Windows(step(t, 5*time.Second))
		return len(wins) == 1 && strings.HasSuffix(wins[0], "/popup"), err
	})
	if err != nil {
		t.Errorf("windows after the click: %q, %v", wins, err)
	}
}

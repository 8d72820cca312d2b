package browser

import (
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	s := session(t)
	ts := serve(t, map[string]string{
		"/": `<html><body><h1>Hello</h1><label for=c>Code</label><input id=c>
<button onclick="document.getElementById('out').textContent='clicked '+document.getElementById('c').value">Enable</button>
<p id=out></p></body></html>`,
	})
	if err := s.Navigate(step(t, 5*time.Second), ts.URL); err != nil {
		t.Fatal(err)
	}
	if err := s.Fill(step(t, 2*time.Second), Locator{Label: "Code"}, "123456", true); err != nil {
		t.Fatal(err)
	}
	if err := s.Click(step(t, 2*time.Second), Locator{Text: "Enable"}); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitText(step(t, 2*time.Second), "clicked 123456", true); err != nil {
		t.Fatal(err)
	}
	png, err := s.Screenshot(step(t, 5*time.Second))
	if err != nil || len(png) < 100 {
		t.Fatal(err, len(png))
	}
	err = s.Click(step(t, 500*time.Millisecond), Locator{Text: "Missing"})
	t.Log(err)
}

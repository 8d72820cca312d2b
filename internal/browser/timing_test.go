package browser

import (
	"context"
	"testing"
	"time"
)

func TestTiming(t *testing.T) {
	s := session(t)
	ts := actionsPage(t)
	tm := time.Now()
	lap := func(what string) { t.Logf("%s: %v", what, time.Since(tm)); tm = time.Now() }
	if err := s.Navigate(step(t, 10*time.Second), ts.URL); err != nil {
		t.Fatal(err)
	}
	lap("navigate")
	for i := 0; i < 3; i++ {
		if _, err := call[found](tabCtx(t, s), s, "find", Locator{Text: "Enable"}.js(), findOpts{Action: true}); err != nil {
			t.Fatal(err)
		}
		lap("find")
		if _, err := call[string](tabCtx(t, s), s, "url"); err != nil {
			t.Fatal(err)
		}
		lap("url")
	}
	if err := s.Click(step(t, 5*time.Second), Locator{Text: "Enable"}); err != nil {
		t.Fatal(err)
	}
	lap("click")
	if err := s.Fill(step(t, 5*time.Second), Locator{Label: "Search"}, "otp", false); err != nil {
		t.Fatal(err)
	}
	lap("fill")
	if err := s.Press(step(t, 5*time.Second), "Enter", &Locator{Label: "Search"}); err != nil {
		t.Fatal(err)
	}
	lap("press")
	if _, err := s.URL(step(t, 5*time.Second)); err != nil {
		t.Fatal(err)
	}
	lap("url")
}

func tabCtx(t *testing.T, s *Session) context.Context {
	ctx, cancel := s.step(step(t, 5*time.Second))
	t.Cleanup(cancel)
	return ctx
}

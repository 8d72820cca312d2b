package browser

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/redact"
)

func codePage(t *testing.T) *Session {
	t.Helper()
	page, err := os.ReadFile("testdata/code.html")
	must(t, err)
	ts := serve(t, map[string]string{"/": string(page)})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), ts.URL))
	return s
}

func TestTypeCode(t *testing.T) {
	tests := []struct {
		name  string
		setup string // script run first
		into  *Locator
		boxes bool
		want  string
	}{
		{"named field replaces old value", "", &Locator{Label: "Authentication code"}, false, "single: correct"},
		{"the focused input", "document.getElementById('otp').focus()", nil, false, "single: correct"},
		{"boxes by locator of the first", "", &Locator{Label: "Digit 1"}, true, "boxes: correct"},
		{"one-digit boxes found from the focus", "document.querySelector('#boxes input').focus()", nil, false, "boxes: correct"},
		{"the only code-like field", "document.getElementById('boxes').remove()", nil, false, "single: correct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := codePage(t)
			if tt.setup != "" {
				must(t, s.evalVoid(step(t, 5*time.Second), tt.setup))
			}
			must(t, s.TypeCode(step(t, 5*time.Second), tt.into, "123456", tt.boxes))
			must(t, s.WaitText(step(t, 5*time.Second), tt.want, true))
			// The inputs are masked: the HTML has no trace of the code.
			html, err := s.HTML(step(t, 5*time.Second), redact.Set{})
			must(t, err)
			if strings.Contains(html, "123456") || strings.Count(html, "data-enroll-mask") == 0 {
				t.Errorf("html leaks the code or marks nothing:\n%s", html)
			}
		})
	}
	t.Run("ambiguous", func(t *testing.T) {
		s := codePage(t)
		must(t, s.evalVoid(step(t, 5*time.Second), `document.getElementById('boxes').innerHTML = '<input name="token">'`))
		err := s.TypeCode(step(t, 1500*time.Millisecond), nil, "123456", false)
		if !errors.Is(err, ErrNoMatch) || !strings.Contains(err.Error(), "2 inputs look like code fields") {
			t.Errorf("err = %v", err)
		}
		if strings.Contains(err.Error(), "123456") {
			t.Errorf("error leaks the code: %v", err)
		}
	})
}

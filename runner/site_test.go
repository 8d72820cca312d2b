package runner

import (
	"testing"

	"github.com/enroll-dev/enroll/flow"
)

// TestSiteWindow: against a base URL the runner knows the site's window of time steps
// when the flow gives site.skew or names the bundled mock the site is modelled by;
// else it knows none and types no code ahead of the site's time step (skew 0).
func TestSiteWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		site  flow.Site
		skew  int
		known bool
	}{
		{"a real site the flow says nothing of", flow.Site{BaseURL: "https://example.com", Skew: 1}, 0, false},
		{"a real site whose window the flow gives", flow.Site{BaseURL: "https://example.com", Skew: 2, SkewGiven: true}, 2, true},
		{"a window of 0, given", flow.Site{BaseURL: "https://example.com", Skew: 0, SkewGiven: true}, 0, true},
		{"the real site of a bundled mock", flow.Site{Mock: "20i", Skew: 1}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fr := &flowRun{flow: &flow.Flow{Site: tt.site}, opts: &Options{BaseURL: "http://127.0.0.1:1"}}
			s, err := fr.startSite(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if s.skew != tt.skew || s.windowKnown != tt.known {
				t.Errorf("skew %d, known %v; want %d, %v", s.skew, s.windowKnown, tt.skew, tt.known)
			}
		})
	}
}

package report

import (
	"errors"
	"testing"
)

func TestFailureError(t *testing.T) {
	t.Parallel()
	cause := errors.New("context deadline exceeded")
	tests := []struct {
		name string
		f    *Failure
		want string
	}{
		{
			name: "full",
			f: &Failure{
				Pos:        Pos{File: "flows/20i.yaml", Line: 27, Col: 9},
				StepIndex:  3,
				Step:       "Two-Factor Authentication Security",
				Action:     `click "Two-Factor Authentication"`,
				Message:    "no visible button or link with that text after 10s",
				URL:        "http://127.0.0.1:40213/security",
				OnScreen:   []string{"Two-Step Verification", "Password", "Sessions"},
				Screenshot: "artifacts/20i/03-two-factor-authentication-security.png",
				HTML:       "artifacts/20i/03-two-factor-authentication-security.html",
			},
			want: `flows/20i.yaml:27:9: step 3 "Two-Factor Authentication Security": click "Two-Factor Authentication":
  no visible button or link with that text after 10s on http://127.0.0.1:40213/security
  on screen instead: "Two-Step Verification", "Password", "Sessions"
  screenshot: artifacts/20i/03-two-factor-authentication-security.png`,
		},
		{
			name: "outside any step",
			f:    &Failure{Pos: Pos{File: "flows/20i.yaml", Line: 1, Col: 1}, Message: "start mock site 20i: address in use"},
			want: "flows/20i.yaml:1:1:\n  start mock site 20i: address in use",
		},
		{
			name: "message only",
			f:    &Failure{Message: "browser crashed"},
			want: "browser crashed",
		},
		{
			name: "message from the cause",
			f:    &Failure{StepIndex: 2, Step: "Scan", Action: "scan-qr", Err: cause},
			want: "step 2 \"Scan\": scan-qr:\n  context deadline exceeded",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.f.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFailureUnwrap(t *testing.T) {
	t.Parallel()
	cause := errors.New("browser crashed")
	var err error = &Failure{Message: "tab closed", Err: cause}
	if !errors.Is(err, cause) {
		t.Errorf("errors.Is(failure, cause) = false")
	}
	var f *Failure
	if !errors.As(err, &f) || f.Message != "tab closed" {
		t.Errorf("errors.As(failure) = %v", f)
	}
}

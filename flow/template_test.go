package flow

import (
	"errors"
	"strings"
	"testing"
)

// TestTemplate parses templates and expands them.
func TestTemplate(t *testing.T) {
	t.Parallel()
	values := map[string]string{"account.email": "a@example.com", "codes": "c0", "env.X": "x"}
	tests := []struct {
		in, want, err string
	}{
		{in: "plain", want: "plain"},
		{in: "${account.email}", want: "a@example.com"},
		{in: "$$5 and $ alone", want: "$5 and $ alone"},
		{in: "${env.X}-${codes[0]}!", want: "x-c0!"},
		{in: "${nope}", err: "f:1:1: no value"},
		{in: "a ${", err: "unclosed ${"},
		{in: "${a.b.c}", err: "invalid reference ${a.b.c}"},
		{in: "${x[y]}", err: "invalid reference ${x[y]}"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			at := Pos{File: "f", Line: 1, Col: 1}
			tmpl, errs := parseTemplate(tt.in, at, func(int) Pos { return at })
			if len(errs) > 0 {
				if tt.err == "" || !strings.Contains(errs[0].Msg, tt.err) {
					t.Fatalf("parse errors %v, want %q", errs, tt.err)
				}
				return
			}
			got, err := tmpl.Expand(func(r Ref) (string, error) {
				v, ok := values[r.Name]
				if !ok {
					return "", errors.New("no value")
				}
				return v, nil
			})
			switch {
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("Expand error %v, want %q", err, tt.err)
			case tt.err == "" && (err != nil || got != tt.want):
				t.Errorf("Expand = %q, %v; want %q", got, err, tt.want)
			}
			if tmpl.String() != tt.in {
				t.Errorf("String() = %q, want the raw text", tmpl.String())
			}
		})
	}
}

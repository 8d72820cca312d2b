package flow

import (
	"errors"
	"strings"
	"testing"
)

func TestParseKnownFailures(t *testing.T) {
	t.Parallel()
	src := `# known failures
expected-failures:
  - flow: flows/leaseweb.yaml
    check: guide-claims
    reason: >-
      guide 002 says the code changes every minute;
      the site issues 30-second codes
  - flow: 20i
    check: throttling
    reason: the real site locks after 10
`
	got, err := ParseKnownFailures("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []KnownFailure{
		{Flow: "leaseweb", Check: "guide-claims", Reason: "guide 002 says the code changes every minute; the site issues 30-second codes", Pos: Pos{File: "x.yaml", Line: 3, Col: 5}},
		{Flow: "20i", Check: "throttling", Reason: "the real site locks after 10", Pos: Pos{File: "x.yaml", Line: 8, Col: 5}},
	}
	if len(got) != len(want) {
		t.Fatalf("entries %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got, err := ParseKnownFailures("empty.yaml", nil); err != nil || got != nil {
		t.Errorf("an empty file: %v, %v; want no entries and no error", got, err)
	}
}

func TestParseKnownFailuresErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown check", "expected-failures:\n  - flow: a\n    check: replay-refuse\n    reason: r\n",
			[]string{`x.yaml:3:12: unknown check "replay-refuse" (did you mean "replay-refused"?); one of: replay-refused,`}},
		{"missing reason, unknown key", "expected-failures:\n  - flow: a\n    check: throttling\n    because: r\n",
			[]string{`x.yaml:4:5: unknown key "because" in an entry; known keys: flow, check, reason`, "x.yaml:2:5: an entry needs reason"}},
		{"duplicate", "expected-failures:\n  - {flow: a, check: throttling, reason: r}\n  - {flow: a.yaml, check: throttling, reason: s}\n",
			[]string{"x.yaml:3:5: a throttling is already listed at line 2"}},
		{"top key", "expected_failures: []\n", []string{`x.yaml:1:1: unknown key "expected_failures" in an expected-failures file (did you mean "expected-failures"?)`}},
		{"not a mapping", "- a\n", []string{"x.yaml:1:1: an expected-failures file is a mapping"}},
		{"not a list", "expected-failures: {a: b}\n", []string{"x.yaml:1:20: expected-failures must be a list of entries"}},
		{"bad yaml", "expected-failures: [\n", []string{"x.yaml:1:1: invalid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseKnownFailures("x.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Errorf("errors.As(ErrorList) fails on %v", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d = %q\nwant prefix %q", i, lines[i], w)
				}
			}
		})
	}
}

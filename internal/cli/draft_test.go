package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDraft: enroll draft writes the flow on stdout and nothing else; a guide it
// cannot read or draft, and bad flags, exit 2 with a message that says why.
func TestDraft(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"g.txt":     "Setting up for 20i\n\n1. Log in\n\nLog in\n\n2. Security\n\nSelect 'Security Details'\n",
		"nul.txt":   "T\n1. A\nB\x00\n",
		"plain.txt": "Setup two-factor authentication\n\nEnabling two-factor authentication\n\n  1. Visit the page\n",
	})
	g, plain := filepath.Join(dir, "g.txt"), filepath.Join(dir, "plain.txt")
	missing := filepath.Join(dir, "missing.txt")
	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout []string // lines the output holds
		stderr string
	}{
		{"draft", []string{"draft", g}, 0,
			[]string{"enroll: 1", "  source: g.txt", "site: 20i", "  - step: Security", "      # - click: Security Details   # line 9: Select 'Security Details'"}, ""},
		{"site flag after the file", []string{"draft", g, "--site", "leaseweb"}, 0, []string{"site: leaseweb"}, ""},
		{"base URL", []string{"draft", "--base-url", "https://staging.example.com", g}, 0,
			[]string{"site: { base-url: https://staging.example.com }"}, ""},
		{"missing file", []string{"draft", missing}, 2, nil,
			"enroll draft: read guide: open " + missing + ": no such file or directory\n"},
		{"no numbered headings", []string{"draft", plain}, 2, nil,
			"enroll draft: " + plain + `: no numbered headings (lines like "1. Log in to 20i" that start each step); number the guide's step headings and run enroll draft again` + "\n"},
		{"not text", []string{"draft", filepath.Join(dir, "nul.txt")}, 2, nil,
			"enroll draft: " + filepath.Join(dir, "nul.txt") + ":3: not text: the control character U+0000\n"},
		{"unknown site", []string{"draft", "--site", "gitlab", g}, 2, nil,
			`enroll draft: --site "gitlab": not a bundled site (leaseweb, myaccount, myaccount-ack, 20i, 1password)` + "\n"},
		{"bad base URL", []string{"draft", "--base-url", "ftp://x", g}, 2, nil,
			`enroll draft: --base-url "ftp://x": want an http:// or https:// URL` + "\n"},
		{"site and base URL", []string{"draft", "--site", "20i", "--base-url", "https://x.example", g}, 2, nil,
			"enroll draft: --site and --base-url: give one\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := enroll(t, tt.args...)
			if code != tt.exit {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.exit, stderr)
			}
			if tt.exit == 0 && stderr != "" || tt.exit != 0 && stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", stderr, tt.stderr)
			}
			if tt.exit != 0 && stdout != "" {
				t.Errorf("stdout %q, want nothing on failure", stdout)
			}
			lines := strings.Split(stdout, "\n")
			for _, want := range tt.stdout {
				if !slices.Contains(lines, want) {
					t.Errorf("stdout has no line %q:\n%s", want, stdout)
				}
			}
		})
	}
}

// TestDraftUsage: no guide prints the usage and exits 2.
func TestDraftUsage(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := enroll(t, "draft")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "Usage: enroll draft") || !strings.Contains(stderr, "want one guide file, got 0") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// enroll runs Main with args and returns the exit code and both outputs.
func enroll(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Main(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// writeTree writes files (slash paths) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	goodFlow = "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nimport: [sites/s.yaml]\nsteps:\n  - step: A\n    do:\n      - use: sign-in\n  - step: B\n    do:\n      - click: Done\n"
	goodFrag = "enroll: 1\nfragments:\n  sign-in:\n    - open: /login\n"
	badFlow  = "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\ntimeout: ten\nsteps:\n  - step: A\n    do:\n      - clik: Done\n"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"good.yaml":        goodFlow,
		"sites/s.yaml":     goodFrag,
		"bad/bad.yaml":     badFlow,
		"bad/sites/x.yaml": "enroll: 1\nfragments:\n  a:\n    - use: b\n",
		"guides/s":         "Turn it on\n1. A\nSign in.\n2. B\nClick ‘Done’.\n",
		"drifted/s":        "Turn it on\n1. A\nSign in.\n2. B\nClick Finish.\n",
	})
	j := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout string
		stderr string
	}{
		{
			name:   "valid flow",
			args:   []string{j("good.yaml")},
			stdout: "ok " + j("good.yaml") + " (2 steps)\n",
		},
		{
			name:   "fragment file",
			args:   []string{j("sites", "s.yaml")},
			stdout: "ok " + j("sites", "s.yaml") + " (1 fragment)\n",
		},
		{
			name: "invalid flow: every problem, exit 2",
			args: []string{j("bad", "bad.yaml")},
			exit: ExitUsage,
			stderr: j("bad", "bad.yaml") + `:4:10: invalid duration "ten"` + "\n" +
				j("bad", "bad.yaml") + `:8:9: unknown action "clik" (did you mean "click"?) (run 'enroll help steps' for the list)` + "\n",
		},
		{
			name: "directory: flows and fragment files, valid and not",
			args: []string{dir},
			exit: ExitUsage,
			stdout: "ok " + j("good.yaml") + " (2 steps)\n" +
				"ok " + j("sites", "s.yaml") + " (1 fragment)\n",
			stderr: j("bad", "bad.yaml") + `:4:10: invalid duration "ten"` + "\n" +
				j("bad", "bad.yaml") + `:8:9: unknown action "clik" (did you mean "click"?) (run 'enroll help steps' for the list)` + "\n" +
				j("bad", "sites", "x.yaml") + `:4:7: unknown fragment "b" (did you mean "a"?); defined: a` + "\n",
		},
		{
			name:   "against its guide: every label quoted",
			args:   []string{"--guides", j("guides"), j("good.yaml")},
			stdout: "ok " + j("good.yaml") + " (2 steps, 1 label in guide " + j("guides", "s") + ")\n",
		},
		{
			name:   "against its guide: a label the guide does not quote, exit 1",
			args:   []string{j("good.yaml"), "--guides", j("drifted")},
			exit:   ExitFailed,
			stderr: j("good.yaml") + `:11:9: click "Done" is not in guide ` + j("drifted", "s") + "; quote the guide's label, or mark the target `off-guide: why`\n",
		},
		{
			name:   "--guides without the flow's guide, exit 2",
			args:   []string{"--guides", j("bad"), j("good.yaml")},
			exit:   ExitUsage,
			stderr: j("good.yaml") + ":1:1: guide s not found (--guides DIR)\n",
		},
		{
			name:   "missing file",
			args:   []string{j("nope.yaml")},
			exit:   ExitUsage,
			stderr: "stat " + j("nope.yaml") + ": no such file or directory\n",
		},
		{
			name:   "no arguments",
			exit:   ExitUsage,
			stderr: validateUsage + "\nenroll validate: want at least one flow file or directory\n",
		},
		{
			name:   "help",
			args:   []string{"--help"},
			stderr: validateUsage + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := enroll(t, append([]string{"validate"}, tt.args...)...)
			if code != tt.exit || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout:\n%s\nstderr:\n%s",
					code, stdout, stderr, tt.exit, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestValidateBundled checks the flows shipped in the repository, as CI would.
func TestValidateBundled(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := enroll(t, "validate", filepath.Join("..", "..", "flows"))
	if code != ExitOK {
		t.Errorf("enroll validate flows: exit %d\n%s%s", code, stdout, stderr)
	}
}

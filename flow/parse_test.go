package flow

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s", path, got)
	}
}

// TestParseValid parses each testdata/valid/*.yaml and compares a dump of the AST
// with its golden file.
func TestParseValid(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			f, err := Parse(os.DirFS("testdata/valid"), filepath.Base(file))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			golden(t, filepath.Join("valid", strings.TrimSuffix(filepath.Base(file), ".yaml")+".golden"), dump(f))
		})
	}
}

// TestParseFile checks that errors from ParseFile name files as the caller wrote
// the path, imports included.
func TestParseFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sites"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("f.yaml", "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nimport: [sites/s.yaml]\nsteps:\n  - step: A\n    do:\n      - use: sign-in\n")
	write("sites/s.yaml", "enroll: 1\nfragments:\n  sign-in:\n    - clik: Log in\n")
	_, err := ParseFile(filepath.Join(dir, "f.yaml"))
	want := filepath.Join(dir, "sites", "s.yaml") + `:4:7: unknown action "clik" (did you mean "click"?) (run 'enroll help steps' for the list)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseFile error:\n got %v\nwant %s", err, want)
	}
	var fe *Error
	if !errors.As(err, &fe) || fe.Pos.Line != 4 {
		t.Errorf("errors.As(*Error) = %v, %+v", errors.As(err, &fe), fe)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Errorf("errors.As(ErrorList) = %v", list)
	}

	_, err = ParseFile(filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want an error wrapping fs.ErrNotExist", err)
	}
}

// TestParseFragments reads a fragment file alone.
func TestParseFragments(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"sites/a.yaml": {Data: []byte("enroll: 1\nimport: [b.yaml]\nfragments:\n  sign-in:\n    - use: base\n    - type-code: app\n    - fill: {into: Code, value: \"${sms}\"}\n")},
		"sites/b.yaml": {Data: []byte("enroll: 1\nfragments:\n  base:\n    - open: /login\n")},
	}
	frags, err := ParseFragments(fsys, "sites/a.yaml")
	if err != nil {
		t.Fatalf("ParseFragments: %v", err)
	}
	if len(frags) != 2 || frags["sign-in"] == nil || frags["base"] == nil {
		t.Errorf("fragments = %v, want sign-in and base", frags)
	}
}

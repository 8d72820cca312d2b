package flow

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, must always return a
// flow or an ErrorList, and every error must be positioned inside the file it names.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"testdata/valid/*.yaml", "testdata/invalid/*.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	fragment := []byte("enroll: 1\nfragments:\n  sign-in:\n    - open: /login\n    - fill: { into: Email, value: \"${account.email}\" }\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"f.yaml": {Data: data}, "sites/20i.yaml": {Data: fragment}}
		fl, err := Parse(fsys, "f.yaml")
		if err == nil {
			if fl == nil || len(fl.Steps) == 0 {
				t.Fatalf("no error and no steps: %+v", fl)
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %v (%T), want a non-empty ErrorList", err, err)
		}
		for _, e := range list {
			src, ok := fsys[e.Pos.File]
			if !ok {
				t.Fatalf("%v: no such file", e)
			}
			lines := splitLines(string(src.Data))
			if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
				t.Fatalf("%v: line outside the file's %d lines", e, len(lines))
			}
			if n := utf8.RuneCountInString(lines[e.Pos.Line-1]); e.Pos.Col < 1 || e.Pos.Col > n+1 {
				t.Fatalf("%v: column outside the line's %d characters", e, n)
			}
			if e.Msg == "" {
				t.Fatalf("%v: empty message", e)
			}
		}
	})
}

package flow

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalid parses each testdata/invalid/*.yaml, one failure mode per file, and
// compares every error with the `# want: line:col: message` lines at the end of the
// file (at the end, so that they do not move the positions they state). Files named
// fragments-*.yaml are read as fragment files. The corpus holds bad syntax (unclosed
// brackets, bytes that are not UTF-8 text), bad structure and bad values, and a file
// with more problems than an ErrorList keeps.
func TestInvalid(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/invalid/*.yaml")
	if len(files) < 60 {
		t.Fatalf("%d invalid fixtures; the corpus keeps at least 60", len(files))
	}
	fsys := os.DirFS("testdata/invalid")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			t.Parallel()
			want := wantLines(t, file)
			if len(want) == 0 {
				t.Fatalf("%s has no `# want:` lines", file)
			}
			var err error
			if strings.HasPrefix(name, "fragments-") {
				_, err = ParseFragments(fsys, name)
			} else {
				_, err = Parse(fsys, name)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// wantLines reads the expected errors of a fixture. A position without a file name
// is in the fixture itself.
func wantLines(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w, ok := strings.CutPrefix(sc.Text(), "# want: ")
		if !ok {
			continue
		}
		if w != "" && w[0] >= '0' && w[0] <= '9' {
			w = filepath.Base(file) + ":" + w
		}
		want = append(want, w)
	}
	return want
}

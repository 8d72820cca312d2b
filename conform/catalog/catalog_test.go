package catalog

import (
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// TestTable: ids are unique, every check says what holds and on what it rests, and
// the defect-to-check pairing is one to one with the bundled mocks' defects.
func TestTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, c := range Checks {
		if seen[c.ID] || c.Statement == "" || c.Clause == "" || (c.About != "site" && c.About != "guide") {
			t.Errorf("check %+v: duplicate id or missing statement, clause or about", c)
		}
		seen[c.ID] = true
	}
	// Every defect of the bundled mocks breaks exactly one check, and every defect a
	// check names is one the mocks have.
	for _, d := range kit.AllDefects {
		n := 0
		for _, c := range Checks {
			if c.Defect == string(d) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("defect %s is the defect of %d checks, want 1", d, n)
		}
	}
	for _, c := range Checks {
		if _, err := kit.ParseDefects([]string{c.Defect}); c.Defect != "" && err != nil {
			t.Errorf("check %s: %v", c.ID, err)
		}
		if c.Needs != "" && c.Needs != "recovery" && c.Needs != "disable" {
			t.Errorf("check %s needs %q: not something a conform section covers", c.ID, c.Needs)
		}
	}
}

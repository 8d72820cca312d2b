package flows_test

import (
	"io/fs"
	"path"
	"testing"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/flows"
)

// TestBundledFlowsParse checks every bundled flow and fragment file is valid.
func TestBundledFlowsParse(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(flows.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled flows: %v", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := flow.Parse(flows.FS, name); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
	sites, _ := fs.Glob(flows.FS, "sites/*.yaml")
	for _, name := range sites {
		t.Run(path.Base(name), func(t *testing.T) {
			t.Parallel()
			if _, err := flow.ParseFragments(flows.FS, name); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
}

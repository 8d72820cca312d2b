package cli

import (
	"slices"
	"testing"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/mocksites"
)

// TestBundledSitesAgree keeps the flow format's list of bundled site names (which it
// validates `site:` against without importing the sites) equal to the registry of
// sites that can actually be started.
func TestBundledSitesAgree(t *testing.T) {
	want := mocksites.Names()
	got := slices.Clone(flow.BundledSites)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("flow.BundledSites = %v, mocksites.Names() = %v: register the site in both", got, want)
	}
}

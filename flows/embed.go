// Package flows holds the bundled flows, one per guide, and the per-site fragment
// files they import, embedded in the enroll binary.
//
//	f, err := flow.Parse(flows.FS, "20i.yaml")
package flows

import "embed"

// FS holds the bundled flows (*.yaml) and their fragment files (sites/*.yaml).
//
//go:embed *.yaml sites/*.yaml
var FS embed.FS

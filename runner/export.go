package runner

import (
	"path/filepath"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// export hands what the flow enrolled to the export folder (--export) once the flow
// ends, passed or not (a flow that fails after the scan may still have switched two-
// factor on): every credential it scanned, and the recovery codes it captured. The
// report says where, never what.
func (fr *flowRun) export() {
	d := fr.opts.Export
	if d == nil || fr.auth == nil {
		return
	}
	b := &export.Bundle{Credentials: fr.auth.scanned(), Recovery: fr.recoveryCodes()}
	if b.Empty() {
		return
	}
	name := filepath.Base(fr.dir) // the flow's artifact folder name: unique in the run
	res, err := d.Write(name, b)
	e := &report.Export{Dir: filepath.Join(d.Path(), name)}
	if res != nil {
		e.Files, e.Refused = res.Files, res.Refused
	}
	if err != nil {
		e.Error = scrub(err.Error(), fr.secrets()) // file system errors: paths, not values
	}
	fr.res.Export = e
}

// recoveryCodes returns the lists the flow captured with `many:` (the recovery codes,
// by the flow format's definition), in the order the flow file captures them.
func (fr *flowRun) recoveryCodes() []export.Codes {
	if fr.vals == nil {
		return nil
	}
	var out []export.Codes
	seen := map[string]bool{}
	visit := func(actions []flow.Action) {
		for _, a := range actions {
			c, ok := a.(*flow.Capture)
			if !ok || !c.Many || seen[c.As] {
				continue
			}
			seen[c.As] = true
			if v, ok := fr.vals.named[c.As]; ok && v.Len() > 0 {
				out = append(out, export.Codes{Name: c.As, Codes: v.list})
			}
		}
	}
	for _, s := range fr.flow.Steps {
		visit(s.Actions)
	}
	for _, f := range fr.flow.Fragments {
		visit(f.Actions)
	}
	return out
}

package flow

import (
	"io/fs"
	"path"
	"strings"
)

// KnownFailure is one entry of an expected-failures file (`enroll conform
// --expect-failures FILE`): a conformance check known to fail on a flow, and why. The
// file is YAML:
//
//	expected-failures:
//	  - flow: leaseweb
//	    check: guide-claims
//	    reason: guide 002 says the code changes every minute; the site issues 30-second codes
//
// A flow's own conform section lists its known failures as expected-failures too
// (ExpectedFailure); the file is for those a team keeps beside the flows.
type KnownFailure struct {
	Pos    Pos    // where the entry is written
	Flow   string // the flow's name: its file name without directory and .yaml
	Check  string // one of ConformChecks
	Reason string // white space folded to single spaces
}

// knownFailureFields are the keys of an expected-failures file's entry.
var knownFailureFields = []Field{
	{Name: "flow", Type: TypeString, Required: true, Doc: "the flow's name, or its file (the directory and .yaml are ignored)"},
	{Name: "check", Type: TypeEnum, Required: true, Enum: ConformChecks, Doc: "the check known to fail"},
	{Name: "reason", Type: TypeString, Required: true, Doc: "why it fails: a finding about the guide or the site"},
}

// ParseKnownFailuresFile reads an expected-failures file on disk. Problems are
// returned together as an ErrorList; a file that cannot be read is returned as that
// error, wrapped.
func ParseKnownFailuresFile(p string) ([]KnownFailure, error) {
	fsys, name, display := dirFS(p)
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return parseKnownFailures(display(name), src)
}

// ParseKnownFailures parses an expected-failures file's contents; name is the file
// name errors show.
func ParseKnownFailures(name string, src []byte) ([]KnownFailure, error) {
	return parseKnownFailures(name, src)
}

func parseKnownFailures(name string, src []byte) ([]KnownFailure, error) {
	var errs ErrorList
	d := &decoder{file: name, lines: splitLines(string(src)), errs: &errs}
	out := d.knownFailures(src)
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// knownFailures decodes the file: a mapping whose one key, expected-failures, lists
// the entries. An empty file lists none.
func (d *decoder) knownFailures(src []byte) []KnownFailure {
	var out []KnownFailure
	seen := map[[2]string]Pos{}
	for _, es := range d.listFile(src, "expected-failures", "an expected-failures file", "an entry", "entries", knownFailureFields) {
		k := KnownFailure{
			Pos:    es.at,
			Flow:   strings.TrimSuffix(path.Base(strings.ReplaceAll(es.get("flow").str, `\`, "/")), ".yaml"),
			Check:  es.get("check").str,
			Reason: strings.Join(strings.Fields(es.get("reason").str), " "),
		}
		if !es.get("flow").ok || !es.get("check").ok || !es.get("reason").ok {
			continue
		}
		key := [2]string{k.Flow, k.Check}
		if prev, dup := seen[key]; dup {
			d.errorf(k.Pos, "%s %s is already listed at line %d", k.Flow, k.Check, prev.Line)
			continue
		}
		seen[key] = k.Pos
		out = append(out, k)
	}
	return out
}

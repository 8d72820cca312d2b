package conform

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// Expectations are known failures: checks that fail for a stated reason, which must
// not fail a conformance run. They come from a flow's conform section
// (FlowExpectations) or from an expected-failures file, which is YAML:
//
//	expected-failures:
//	  - flow: leaseweb
//	    check: guide-claims
//	    reason: guide 002 says the code changes every minute; the site issues 30-second codes
//
// flow is a flow's name (its file name without directory and .yaml); check one of the
// check ids; reason is required. A nil *Expectations expects nothing.
type Expectations struct {
	File    string
	Entries []Expectation
}

// Expectation is one known failure.
type Expectation struct {
	Flow, Check, Reason string
	Pos                 string // file:line:col of the entry
}

// ExpectError is a problem in an expected-failures file, at its position.
type ExpectError struct {
	Pos string // file:line:col
	Msg string
}

func (e *ExpectError) Error() string { return e.Pos + ": " + e.Msg }

// ReadExpectationsFile reads an expected-failures file.
func ReadExpectationsFile(path string) (*Expectations, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read expected failures: %w", err)
	}
	return ParseExpectations(path, b)
}

// ParseExpectations parses an expected-failures file; name is used in positions.
// Every problem is reported at once, joined (errors.As finds each *ExpectError).
func ParseExpectations(name string, src []byte) (*Expectations, error) {
	var errs []error
	at := func(n *yaml.Node) string { return fmt.Sprintf("%s:%d:%d", name, n.Line, n.Column) }
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, &ExpectError{Pos: at(n), Msg: fmt.Sprintf(format, args...)})
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ExpectError{Pos: name + ":1:1", Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := &Expectations{File: name}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ExpectError{Pos: at(root), Msg: "an expected-failures file is a mapping with expected-failures: a list"}
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "expected-failures" {
			bad(k, "unknown key %q; the file has expected-failures", k.Value)
			continue
		}
		list = v
	}
	if list == nil {
		return out, errors.Join(errs...)
	}
	if list.Kind != yaml.SequenceNode {
		if !(list.Kind == yaml.ScalarNode && list.Tag == "!!null") {
			bad(list, "expected-failures must be a list of entries with flow, check and reason")
		}
		return out, errors.Join(errs...)
	}
	seen := map[string]string{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			bad(item, "an entry must be a mapping with flow, check and reason")
			continue
		}
		e := Expectation{Pos: at(item)}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				bad(v, "%s must be text", k.Value)
				continue
			}
			switch k.Value {
			case "flow":
				e.Flow = strings.TrimSuffix(filepath.Base(v.Value), ".yaml")
			case "check":
				e.Check = v.Value
				if _, ok := catalog.Lookup(v.Value); !ok {
					bad(v, "unknown check %q%s; checks: %s", v.Value, nearCheck(v.Value), strings.Join(catalog.IDs(), ", "))
				}
			case "reason":
				e.Reason = strings.Join(strings.Fields(v.Value), " ")
			default:
				bad(k, "unknown key %q in an entry; keys: flow, check, reason", k.Value)
			}
		}
		for _, need := range []struct{ key, val string }{{"flow", e.Flow}, {"check", e.Check}, {"reason", e.Reason}} {
			if need.val == "" {
				bad(item, "the entry needs %s", need.key)
			}
		}
		key := e.Flow + "\x00" + e.Check
		if prev, dup := seen[key]; dup && e.Flow != "" && e.Check != "" {
			bad(item, "%s %s is already listed at %s", e.Flow, e.Check, prev)
			continue
		}
		seen[key] = e.Pos
		out.Entries = append(out.Entries, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// nearCheck suggests the check id nearest to a misspelt one.
func nearCheck(id string) string {
	for _, c := range catalog.IDs() {
		if strings.Contains(c, id) || strings.Contains(id, c) || sameLetters(c, id) {
			return fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	return ""
}

// sameLetters reports whether a and b differ by at most one letter in place.
func sameLetters(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff <= 1
}

// FlowExpectations are the expected failures a flow's conform section lists.
func FlowExpectations(f *flow.Flow) *Expectations {
	if f.Conform == nil || len(f.Conform.ExpectedFailures) == 0 {
		return nil
	}
	x := &Expectations{File: f.Pos.File}
	name := strings.TrimSuffix(filepath.Base(f.Pos.File), filepath.Ext(f.Pos.File))
	for _, e := range f.Conform.ExpectedFailures {
		x.Entries = append(x.Entries, Expectation{Flow: name, Check: e.Check, Reason: e.Reason, Pos: e.Pos.String()})
	}
	return x
}

// Apply marks the flow's checks that the file lists as expected failures. A nil
// receiver does nothing.
func (x *Expectations) Apply(cf *report.ConformFlow) {
	if x == nil {
		return
	}
	for _, e := range x.Entries {
		if e.Flow != cf.Name() {
			continue
		}
		for _, ch := range cf.Checks {
			if ch.ID == e.Check {
				ch.Expected = &report.Expectation{Reason: e.Reason, At: e.Pos}
			}
		}
	}
}

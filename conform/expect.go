package conform

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

// Expectations are known failures: checks that fail for a stated reason, which must
// not fail a conformance run. They come from a flow's conform section
// (FlowExpectations) or from an expected-failures file (ReadExpectationsFile, the
// format is flow.KnownFailure's). A nil *Expectations expects nothing.
type Expectations struct {
	File    string
	Entries []Expectation
}

// Expectation is one known failure.
type Expectation struct {
	Flow, Check, Reason string
	Pos                 string // file:line:col of the entry
}

// ReadExpectationsFile reads an expected-failures file (flow.ParseKnownFailuresFile
// decodes it: problems come back together as a flow.ErrorList, each at file:line:col).
func ReadExpectationsFile(path string) (*Expectations, error) {
	known, err := flow.ParseKnownFailuresFile(path)
	var problems flow.ErrorList
	switch {
	case errors.As(err, &problems):
		return nil, err // each problem at its file:line:col
	case err != nil:
		return nil, fmt.Errorf("read expected failures: %w", err)
	}
	x := &Expectations{File: path}
	for _, k := range known {
		x.Entries = append(x.Entries, Expectation{Flow: k.Flow, Check: k.Check, Reason: k.Reason, Pos: k.Pos.String()})
	}
	return x, nil
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

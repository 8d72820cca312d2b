package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestWriteJUnit(t *testing.T) {
	t.Parallel()
	setupFailed := &Flow{
		File:    "flows/myaccount.yaml",
		Guide:   "Turn on 2-Step Verification",
		Site:    "myaccount",
		Status:  Failed,
		Started: t0,
		Failure: &Failure{Pos: Pos{File: "flows/myaccount.yaml", Line: 3, Col: 7}, Message: "start mock site myaccount: listen tcp 127.0.0.1:0: socket: too many open files"},
		Steps: []*Step{
			{Index: 1, Line: 9, Title: "Verify your email", Status: Pending},
		},
	}
	tests := []struct {
		name string
		run  *Run
	}{
		{"run", sampleRun()},
		{"interrupted", interruptedRun()},
		{"errored", erroredRun()},
		{"setup-failed", &Run{Started: t0, Status: Failed, Flows: []*Flow{setupFailed}}},
		{"empty", &Run{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteJUnit(&buf, tt.run); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".junit.xml", buf.Bytes())
			checkWellFormed(t, buf.Bytes())
		})
	}
}

// checkWellFormed reads the whole document as XML tokens, so a stray character or an
// unbalanced element fails the test.
func checkWellFormed(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// TestJUnitRoundTrip decodes the report the way a CI system does and checks what it
// will show: the counts, each guide step as a test case, the failure text.
func TestJUnitRoundTrip(t *testing.T) {
	t.Parallel()
	run := sampleRun()
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, run); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 9 || got.Failures != 1 || got.Skipped != 3 || got.Errors != 0 || got.Time != "13.640" {
		t.Errorf("testsuites tests=%d failures=%d skipped=%d errors=%d time=%s, want 9 1 3 0 13.640",
			got.Tests, got.Failures, got.Skipped, got.Errors, got.Time)
	}
	if len(got.Suites) != len(run.Flows) {
		t.Fatalf("%d test suites, want one per flow (%d)", len(got.Suites), len(run.Flows))
	}
	for i, f := range run.Flows {
		s := got.Suites[i]
		if s.Name != f.Guide || s.File != f.File || len(s.Cases) != len(f.Steps) {
			t.Errorf("suite %d: name %q file %q with %d cases, want %q %q %d", i, s.Name, s.File, len(s.Cases), f.Guide, f.File, len(f.Steps))
			continue
		}
		for j, st := range f.Steps {
			c := s.Cases[j]
			if !strings.HasSuffix(c.Name, " "+st.Title) || c.Classname != f.File {
				t.Errorf("case %d.%d: name %q classname %q", i, j, c.Name, c.Classname)
			}
			if st.Failure != nil && (c.Failure == nil || c.Failure.Text != st.Failure.Error()) {
				t.Errorf("case %d.%d: failure %+v, want the full failure text", i, j, c.Failure)
			}
		}
	}
}

// TestJUnitAwkwardText checks text that XML cannot hold as it is: markup, the end of a
// CDATA section, control characters from a console log.
func TestJUnitAwkwardText(t *testing.T) {
	t.Parallel()
	msg := "page said <b>\"bad\"</b> & ]]> then \x1b[31mred\x1b[0m"
	fail := &Failure{StepIndex: 1, Step: "Sign in", Action: `click "Sign in"`, Message: msg}
	run := &Run{Flows: []*Flow{{
		File: "flows/x.yaml", Guide: "A <guide> & co", Status: Failed, Failure: fail,
		Steps: []*Step{{Index: 1, Title: "Sign in", Status: Failed, Failure: fail}},
	}}}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, run); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, buf.Bytes())
	var got junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	c := got.Suites[0].Cases[0]
	want := strings.ReplaceAll(fail.Error(), "\x1b", "\uFFFD")
	if c.Failure == nil || c.Failure.Text != want {
		t.Errorf("failure text =\n%q\nwant\n%q", c.Failure, want)
	}
	if got.Suites[0].Name != "A <guide> & co" {
		t.Errorf("suite name = %q", got.Suites[0].Name)
	}
}

package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The JUnit XML shape: the de-facto schema that Jenkins, GitLab and GitHub test
// reporters read. Elements and attributes appear in the schema's order.
type (
	junitSuites struct {
		XMLName   xml.Name     `xml:"testsuites"`
		Name      string       `xml:"name,attr"`
		Tests     int          `xml:"tests,attr"`
		Failures  int          `xml:"failures,attr"`
		Errors    int          `xml:"errors,attr"`
		Skipped   int          `xml:"skipped,attr"`
		Time      string       `xml:"time,attr"`
		Timestamp string       `xml:"timestamp,attr,omitempty"`
		Suites    []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string         `xml:"name,attr"`
		Tests      int            `xml:"tests,attr"`
		Failures   int            `xml:"failures,attr"`
		Errors     int            `xml:"errors,attr"`
		Skipped    int            `xml:"skipped,attr"`
		Time       string         `xml:"time,attr"`
		Timestamp  string         `xml:"timestamp,attr,omitempty"`
		File       string         `xml:"file,attr,omitempty"`
		Properties *junitProps    `xml:"properties"`
		Cases      []junitCase    `xml:"testcase"`
		SystemOut  *junitCharData `xml:"system-out"`
	}
	junitProps struct {
		Props []junitProp `xml:"property"`
	}
	junitProp struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string         `xml:"name,attr"`
		Classname string         `xml:"classname,attr"`
		Time      string         `xml:"time,attr"`
		File      string         `xml:"file,attr,omitempty"`
		Line      int            `xml:"line,attr,omitempty"`
		Skipped   *junitResult   `xml:"skipped"`
		Failure   *junitResult   `xml:"failure"`
		Error     *junitResult   `xml:"error"`
		SystemOut *junitCharData `xml:"system-out"`
	}
	// junitResult is a <skipped>, <failure> or <error>: a short message attribute and
	// the full text as content.
	junitResult struct {
		Message string `xml:"message,attr,omitempty"`
		Type    string `xml:"type,attr,omitempty"`
		Text    string `xml:",cdata"`
	}
	// junitCharData is text content, written as CDATA so lines and quotes stay readable.
	junitCharData struct {
		Text string `xml:",cdata"`
	}
)

// WriteJUnit writes r as JUnit XML for CI systems: one <testsuite> per flow (named by
// the guide's title, with the flow file), one <testcase> per guide step (named "03 Step
// title", classname the flow file, time in seconds). A failed step carries <failure>
// with the failure's full text, an errored one (browser crash: the environment, not the
// site) <error type="errored">, an interrupted one <error type="interrupted">, and the
// steps not reached
// <skipped/>. Each step's <system-out> lists its screenshot and failure files, with
// [[ATTACHMENT|path]] lines that GitLab and Jenkins show as attachments. A flow that
// failed outside its steps gets one more test case, "00 flow", carrying the failure.
func WriteJUnit(w io.Writer, r *Run) error {
	out := junitSuites{
		Name:      "enroll",
		Time:      seconds(r.Duration),
		Timestamp: junitTime(r.Started),
	}
	for _, f := range r.Flows {
		out.add(junitFlow(f))
	}
	return out.write(w, "junit report")
}

// add appends a suite and counts its tests into the totals.
func (out *junitSuites) add(s junitSuite) {
	out.Tests += s.Tests
	out.Failures += s.Failures
	out.Errors += s.Errors
	out.Skipped += s.Skipped
	out.Suites = append(out.Suites, s)
}

// write writes the XML document; what names the report in errors.
func (out *junitSuites) write(w io.Writer, what string) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// junitFlow renders one flow as a test suite.
func junitFlow(f *Flow) junitSuite {
	name := f.Guide
	if name == "" {
		name = f.File
	}
	s := junitSuite{
		Name:      name,
		Time:      seconds(f.Duration),
		Timestamp: junitTime(f.Started),
		File:      f.File,
	}
	var props []junitProp
	for _, p := range []junitProp{
		{"source", f.Source}, {"site", f.Site}, {"baseURL", f.BaseURL}, {"account", f.Account}, {"status", f.Status.String()},
	} {
		if p.Value != "" {
			props = append(props, p)
		}
	}
	if len(props) > 0 {
		s.Properties = &junitProps{props}
	}
	if f.ArtifactsDir != "" || f.Export != nil {
		out := ""
		if f.ArtifactsDir != "" {
			out = "artifacts: " + f.ArtifactsDir + "\n"
		}
		if f.Export != nil {
			out += "export (live secrets): " + f.Export.Dir + "\n"
		}
		s.SystemOut = &junitCharData{xmlText(out)}
	}
	if f.Failure != nil && !stepFailure(f) {
		c := junitCase{
			Name:      "00 flow",
			Classname: f.File,
			Time:      seconds(0),
			File:      f.File,
			Line:      f.Failure.Pos.Line,
			SystemOut: filesOut("", f.Failure),
		}
		status := Failed
		if f.Status == Interrupted || f.Status == Errored || f.Status == Skipped {
			status = f.Status
		}
		setOutcome(&c, f, status, f.Failure)
		s.Cases = append(s.Cases, c)
	}
	for _, st := range f.Steps {
		s.Cases = append(s.Cases, junitStep(f, st))
	}
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	return s
}

// junitStep renders one guide step as a test case.
func junitStep(f *Flow, st *Step) junitCase {
	c := junitCase{
		Name:      fmt.Sprintf("%02d %s", st.Index, st.Title),
		Classname: f.File,
		Time:      seconds(st.Duration),
		File:      f.File,
		Line:      st.Line,
		SystemOut: filesOut(st.Screenshot, st.Failure),
	}
	setOutcome(&c, f, st.Status, st.Failure)
	if st.Manual != "" && st.Status == Skipped {
		c.Skipped = &junitResult{Message: "manual: " + st.Manual}
	}
	return c
}

// setOutcome gives c the element for status: none when passed, <failure> when failed,
// <error> when errored or interrupted, <skipped> when not reached.
func setOutcome(c *junitCase, f *Flow, status Status, fail *Failure) {
	switch status {
	case Passed:
	case Failed:
		c.Failure = failureResult(fail, "failure")
	case Errored:
		c.Error = failureResult(fail, "errored")
	case Interrupted:
		c.Error = failureResult(fail, "interrupted")
	default:
		c.Skipped = &junitResult{Message: notReached(f)}
	}
}

// failureResult is the <failure> for f: the action and reason as the message, the
// full text as content; typ is the type attribute. A nil f (an interrupted step, or a
// runner bug) gets typ as its message.
func failureResult(f *Failure, typ string) *junitResult {
	if f == nil {
		return &junitResult{Message: typ, Type: typ}
	}
	msg := f.Reason()
	if f.Action != "" {
		msg = f.Action + ": " + msg
	}
	return &junitResult{Message: msg, Type: typ, Text: xmlText(f.Error())}
}

// notReached says why a step did not run.
func notReached(f *Flow) string {
	switch {
	case f.Status == Interrupted:
		return "not reached: the run was interrupted"
	case f.Status == Errored:
		return "not reached: the browser failed"
	case f.Status == Skipped && f.Failure != nil:
		return "not run: " + f.Failure.Reason()
	case f.Failure != nil && f.Failure.StepIndex > 0:
		return fmt.Sprintf("not reached: step %d failed", f.Failure.StepIndex)
	case f.Status == Failed:
		return "not reached: the flow failed"
	default:
		return "not run"
	}
}

// filesOut is a test case's <system-out>: the step's screenshot and the failure's
// files, each also as an attachment tag. Nil when there are none.
func filesOut(screenshot string, f *Failure) *junitCharData {
	var b strings.Builder
	add := func(what, path string, attach bool) {
		if path == "" {
			return
		}
		fmt.Fprintf(&b, "%s: %s\n", what, path)
		if attach {
			fmt.Fprintf(&b, "[[ATTACHMENT|%s]]\n", path)
		}
	}
	add("screenshot", screenshot, true)
	if f != nil {
		add("failure screenshot", f.Screenshot, true)
		add("page html", f.HTML, false)
		add("console log", f.Console, false)
	}
	if b.Len() == 0 {
		return nil
	}
	return &junitCharData{xmlText(b.String())}
}

// xmlText replaces the characters XML 1.0 cannot hold (control characters such as the
// escape codes of a console log) with U+FFFD. encoding/xml does this for attributes
// and character data but not for CDATA.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		default:
			return r
		}
	}, s)
}

// seconds formats d in seconds to the millisecond, as JUnit's time attribute wants.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}

// junitTime formats t as JUnit's timestamp attribute: ISO 8601 in UTC, no zone.
func junitTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05")
}

package e2e

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/flow"
)

// The JSON report as a user's program reads it: only the fields the suite checks.
type (
	jsonRun struct {
		Version int        `json:"version"`
		Status  string     `json:"status"`
		Summary jsonCounts `json:"summary"`
		Flows   []jsonFlow `json:"flows"`
	}
	jsonCounts struct {
		Flows, Passed, Failed, Interrupted, Skipped int
	}
	jsonFlow struct {
		File       string       `json:"file"`
		Guide      string       `json:"guide"`
		Source     string       `json:"source"`
		Site       string       `json:"site"`
		Account    string       `json:"account"`
		Status     string       `json:"status"`
		DurationMs int64        `json:"durationMs"`
		Failure    *jsonFailure `json:"failure"`
		Steps      []jsonStep   `json:"steps"`
	}
	jsonStep struct {
		Index      int          `json:"index"`
		Line       int          `json:"line"`
		Title      string       `json:"title"`
		Say        string       `json:"say"`
		Status     string       `json:"status"`
		DurationMs int64        `json:"durationMs"`
		Screenshot string       `json:"screenshot"`
		Failure    *jsonFailure `json:"failure"`
	}
	jsonFailure struct {
		Text      string   `json:"text"`
		StepIndex int      `json:"stepIndex"`
		Step      string   `json:"step"`
		Action    string   `json:"action"`
		Message   string   `json:"message"`
		OnScreen  []string `json:"onScreen"`
		Pos       *struct {
			File      string
			Line, Col int
		} `json:"pos"`
		Screenshot string `json:"screenshot"`
	}
)

// The JUnit report as CI reads it: only the fields the suite checks.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Time     float64     `xml:"time,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name    string    `xml:"name,attr"`
		Time    float64   `xml:"time,attr"`
		Line    int       `xml:"line,attr"`
		Failure *junitMsg `xml:"failure"`
		Skipped *junitMsg `xml:"skipped"`
	}
	junitMsg struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
)

// readJSONReport decodes the JSON report at path.
func readJSONReport(path string) jsonRun {
	GinkgoHelper()
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred(), "the JSON report was not written")
	var r jsonRun
	Expect(json.Unmarshal(b, &r)).To(Succeed())
	Expect(r.Version).To(Equal(1))
	return r
}

// readJUnitReport decodes the JUnit report at path.
func readJUnitReport(path string) junitSuites {
	GinkgoHelper()
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred(), "the JUnit report was not written")
	var r junitSuites
	Expect(xml.Unmarshal(b, &r)).To(Succeed())
	return r
}

// expectStepsOf checks that a flow's JSON and JUnit results list every guide step of
// the flow file, in order, by its title and line.
func expectStepsOf(f *flow.Flow, js jsonFlow, ju junitSuite) {
	GinkgoHelper()
	Expect(js.Steps).To(HaveLen(len(f.Steps)), "JSON report steps")
	Expect(ju.Cases).To(HaveLen(len(f.Steps)), "JUnit test cases")
	Expect(ju.Tests).To(Equal(len(f.Steps)))
	for i, s := range f.Steps {
		Expect(js.Steps[i].Index).To(Equal(i+1), "JSON step %d", i+1)
		Expect(js.Steps[i].Title).To(Equal(s.Title), "JSON step %d", i+1)
		Expect(js.Steps[i].Say).To(Equal(s.Say), "JSON step %d", i+1)
		Expect(js.Steps[i].Line).To(Equal(s.Pos.Line), "JSON step %d", i+1)
		Expect(ju.Cases[i].Name).To(HaveSuffix(" "+s.Title), "JUnit case %d", i+1)
		Expect(ju.Cases[i].Line).To(Equal(s.Pos.Line), "JUnit case %d", i+1)
	}
}

// parseFlow reads a flow file as enroll does.
func parseFlow(path string) *flow.Flow {
	GinkgoHelper()
	f, err := flow.ParseFile(path)
	Expect(err).NotTo(HaveOccurred())
	return f
}

// edit changes the text of a flow copy.
type edit func(text string) string

// replace replaces the first old in the flow with new; old must occur in it.
func replace(old, new string) edit {
	return func(text string) string {
		GinkgoHelper()
		Expect(text).To(ContainSubstring(old), "the edit's old text is not in the flow")
		return strings.Replace(text, old, new, 1)
	}
}

// dropSection removes a top-level section (`conform:` and its indented lines), which
// must be there.
func dropSection(key string) edit {
	return func(text string) string {
		GinkgoHelper()
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*\n(?:[ #].*\n|\n)*`)
		Expect(re.MatchString(text)).To(BeTrue(), "no %s: section in the flow", key)
		return re.ReplaceAllString(text, "")
	}
}

// copyFlow writes a copy of the bundled flow name into dir as file as, changed by the
// edits, together with a copy of flows/sites/ (once) so its imports resolve. It returns
// the copy's text.
func copyFlow(dir, name, as string, edits ...edit) string {
	GinkgoHelper()
	b, err := os.ReadFile(flowPath(name))
	Expect(err).NotTo(HaveOccurred())
	text := string(b)
	for _, e := range edits {
		text = e(text)
	}
	Expect(os.WriteFile(filepath.Join(dir, as), []byte(text), 0o644)).To(Succeed())
	if _, err := os.Stat(filepath.Join(dir, "sites")); err != nil {
		Expect(os.CopyFS(filepath.Join(dir, "sites"), os.DirFS(flowPath("sites")))).To(Succeed())
	}
	return text
}

// positionOf returns the 1-based line and column where needle starts in text.
func positionOf(text, needle string) (line, col int) {
	GinkgoHelper()
	i := strings.Index(text, needle)
	Expect(i).To(BeNumerically(">=", 0), "%q not found", needle)
	line = strings.Count(text[:i], "\n") + 1
	col = i - strings.LastIndex(text[:i], "\n")
	return line, col
}

// q quotes s for a regular expression.
func q(s string) string { return regexp.QuoteMeta(s) }

// expectFileIn checks that rel, a path relative to dir as reports give it, is a
// non-empty file.
func expectFileIn(dir, rel string) {
	GinkgoHelper()
	Expect(rel).NotTo(BeEmpty())
	fi, err := os.Stat(filepath.Join(dir, rel))
	Expect(err).NotTo(HaveOccurred(), "%s named in the output does not exist", rel)
	Expect(fi.Size()).To(BeNumerically(">", 0), "%s is empty", rel)
}

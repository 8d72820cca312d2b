package e2e

import (
	"path/filepath"
	"regexp"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// title20i is guide 003's title, as the 20i flow gives it.
const title20i = "Setting up Trusona for 20i using 2-Step Verification with TOTP"

// screenshotLine is the failure's screenshot, as the terminal shows it.
var screenshotLine = regexp.MustCompile(`(?m)^    screenshot: (\S+)$`)

// failedRun is a run of one changed copy of flows/20i.yaml against the bundled mock,
// as a doc writer runs it from the folder that holds the copy.
type failedRun struct {
	result
	text string // the copy's text
	json jsonFlow
	unit junitSuite
}

// run20iCopy writes a copy of flows/20i.yaml with the edits into a fresh folder and
// runs it there with both reports. It checks what every failed run shows: exit code 1,
// the FAILED line, the summary, and reports that list every guide step, with the
// steps after the failed one skipped.
func run20iCopy(ctx SpecContext, failedStep int, edits ...edit) failedRun {
	GinkgoHelper()
	dir := GinkgoT().TempDir()
	text := copyFlow(dir, "20i.yaml", edits...)
	r := enroll(ctx, cmdOpts{dir: dir}, "run", "--report", "json=report.json", "--report", "junit=report.xml", "20i.yaml")
	Expect(r.code).To(Equal(1), "stdout:\n%s", r.stdout)
	Expect(r.stdout).To(MatchRegexp(`(?m)^FAILED 20i\.yaml  %s  [0-9.]+m?s$`, q(title20i)))
	Expect(r.stdout).To(MatchRegexp(`(?m)^1 flow: 0 passed, 1 failed \([0-9.]+m?s\)$`))

	f := parseFlow(filepath.Join(dir, "20i.yaml"))
	js := readJSONReport(filepath.Join(dir, "report.json"))
	Expect(js.Status).To(Equal("failed"))
	Expect(js.Summary).To(Equal(jsonCounts{Flows: 1, Failed: 1}))
	ju := readJUnitReport(filepath.Join(dir, "report.xml"))
	Expect(ju.Failures).To(Equal(1))
	expectStepsOf(f, js.Flows[0], ju.Suites[0])
	for i, s := range js.Flows[0].Steps {
		c := ju.Suites[0].Cases[i]
		switch n := i + 1; {
		case n < failedStep:
			Expect(s.Status).To(Equal("passed"), "step %d", n)
			Expect(c.Failure).To(BeNil(), "JUnit case %q", c.Name)
		case n == failedStep:
			Expect(s.Status).To(Equal("failed"), "step %d", n)
			Expect(s.Failure).NotTo(BeNil())
			Expect(c.Failure).NotTo(BeNil(), "JUnit case %q", c.Name)
			Expect(c.Failure.Text).To(Equal(s.Failure.Text), "the JUnit failure is the terminal's")
			Expect(r.stdout).To(ContainSubstring(indent(s.Failure.Text)), "the terminal shows the report's failure")
		default:
			Expect(s.Status).To(Equal("skipped"), "step %d", n)
			Expect(c.Skipped).NotTo(BeNil(), "JUnit case %q", c.Name)
		}
	}
	m := screenshotLine.FindStringSubmatch(r.stdout)
	Expect(m).NotTo(BeNil(), "the failure names no screenshot")
	expectFileIn(dir, m[1])
	return failedRun{result: r, text: text, json: js.Flows[0], unit: ju.Suites[0]}
}

// indent indents every line of s by two spaces, as the terminal shows a failure.
func indent(s string) string {
	return "  " + regexp.MustCompile(`\n`).ReplaceAllString(s, "\n  ")
}

var _ = Describe("a 20i flow that fails", Label("20i"), func() {
	It("on guide drift names the flow's file:line:col, the guide step, the action and the labels on screen", func(ctx SpecContext) {
		fr := run20iCopy(ctx, 2,
			replace("  - step: Security Details\n", "  - step: Security Details\n    timeout: 3s\n"),
			replace("      - click: Security Details\n", "      - click: Security Settings\n"))
		line, col := positionOf(fr.text, "click: Security Settings")
		Expect(fr.stdout).To(MatchRegexp(`(?m)^  20i\.yaml:%d:%d: step 2 "Security Details": click "Security Settings":$`, line, col))
		Expect(fr.stdout).To(MatchRegexp(`(?m)^    click: no visible button or link with text "Security Settings": .*\(waited 3s\) on http://127\.0\.0\.1:\d+/home$`))
		Expect(fr.stdout).To(MatchRegexp(`(?m)^    on screen instead: (".+", )*"Security Details"(, ".+")*$`))

		fail := fr.json.Steps[1].Failure
		Expect(fail.StepIndex).To(Equal(2))
		Expect(fail.Step).To(Equal("Security Details"))
		Expect(fail.Action).To(Equal(`click "Security Settings"`))
		Expect(fail.Pos.File).To(Equal("20i.yaml"))
		Expect([]int{fail.Pos.Line, fail.Pos.Col}).To(Equal([]int{line, col}))
		Expect(fail.OnScreen).To(ContainElement("Security Details"))
		expectFileIn(fr.dir, fail.Screenshot)
	}, SpecTimeout(3*time.Minute))

	It("with a wrong code is refused by the site at Finalize, showing the site's message", func(ctx SpecContext) {
		fr := run20iCopy(ctx, 6,
			replace("  - step: Finalize\n", "  - step: Finalize\n    timeout: 5s\n"),
			replace("      - type-code: { from: app }\n", "      - fill: { into: Code from your app, value: \"000000\" }\n"),
			dropSection("conform")) // it names the step that types the code
		line, col := positionOf(fr.text, "expect: two-factor authentication tool has been added")
		Expect(fr.stdout).To(MatchRegexp(`(?m)^  20i\.yaml:%d:%d: step 6 "Finalize": expect "two-factor authentication tool has been added":$`, line, col))
		Expect(fr.stdout).To(MatchRegexp(`(?m)^    on screen instead: .*"That code is incorrect, so two-factor authentication has not been turned on\.`))
		Expect(fr.json.Steps[5].Failure.OnScreen).To(ContainElement(HavePrefix("That code is incorrect")))
	}, SpecTimeout(3*time.Minute))

	It("when more than 30 seconds pass before Done shows the site's expiry message", func(ctx SpecContext) {
		scan := "      - scan-qr: { as: app, expect: { issuer: 20i, digits: 6, period: 30 } }\n"
		fr := run20iCopy(ctx, 6,
			replace("  - step: Finalize\n", "  - step: Finalize\n    timeout: 5s\n"),
			replace(scan, scan+"      - wait: 31s\n"))
		line, col := positionOf(fr.text, "expect: two-factor authentication tool has been added")
		Expect(fr.stdout).To(MatchRegexp(`(?m)^  20i\.yaml:%d:%d: step 6 "Finalize": expect "two-factor authentication tool has been added":$`, line, col))
		Expect(fr.stdout).To(MatchRegexp(`(?m)^    on screen instead: .*"Time ran out: the setup took longer than 30 seconds\. Start again\."`))
		Expect(fr.json.Steps[4].Status).To(Equal("passed"), "the wait itself is part of step 5 and passes")
	}, SpecTimeout(3*time.Minute))
})

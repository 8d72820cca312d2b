package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// title20i is guide 003's title, as the 20i flow gives it.
const title20i = "Setting up Trusona for 20i using 2-Step Verification with TOTP"

// scan20i is the scan-qr action of flows/20i.yaml.
const scan20i = "      - scan-qr: { as: app, expect: { issuer: 20i, digits: 6, period: 30 } }\n"

// brokenCopies are the changed copies of flows/20i.yaml that must fail, by file name.
// They run together in one enroll process (one Chromium, each flow with its own
// bundled mock), as a doc writer runs a folder of flows; the short step timeouts only
// shorten the wait for what never comes.
var brokenCopies = []struct {
	file       string
	failedStep int
	edits      []edit
}{
	{"drift.yaml", 2, []edit{ // the "Security Details" tab renamed in the flow
		replace("  - step: Security Details\n", "  - step: Security Details\n    timeout: 3s\n"),
		replace("      - click: Security Details\n", "      - click: Security Settings\n"),
	}},
	{"wrong-code.yaml", 6, []edit{ // a wrong code typed instead of the app's
		replace("  - step: Finalize\n", "  - step: Finalize\n    timeout: 5s\n"),
		replace("      - type-code: { from: app }\n", "      - fill: { into: Code from your app, value: \"000000\" }\n"),
		dropSection("conform"), // it names the step that types the code
	}},
	{"too-late.yaml", 6, []edit{ // 31 s on the site's clock between the QR code and Done
		replace("  - step: Finalize\n", "  - step: Finalize\n    timeout: 5s\n"),
		replace(scan20i, scan20i+"      - wait: 31s\n"),
	}},
}

// screenshotLine is a failure's screenshot, as the terminal shows it.
var screenshotLine = regexp.MustCompile(`(?m)^    screenshot: (\S+)$`)

var _ = Describe("a 20i flow that fails", Ordered, ContinueOnFailure, Label("20i"), func() {
	var (
		r     result
		texts = map[string]string{} // each copy's text
		js    jsonRun
		ju    junitSuites
	)

	BeforeAll(func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		args := []string{"run", "-j", "3", "--report", "json=report.json", "--report", "junit=report.xml"}
		for _, c := range brokenCopies {
			texts[c.file] = copyFlow(dir, "20i.yaml", c.file, c.edits...)
			args = append(args, c.file)
		}
		r = enroll(ctx, cmdOpts{dir: dir}, args...)
		Expect(r.code).To(Equal(1), "stdout:\n%s", r.stdout)
		Expect(r.stdout).To(MatchRegexp(`(?m)^3 flows: 0 passed, 3 failed \([0-9.]+m?s\)$`))
		js = readJSONReport(filepath.Join(dir, "report.json"))
		Expect(js.Status).To(Equal("failed"))
		Expect(js.Summary).To(Equal(jsonCounts{Flows: 3, Failed: 3}))
		Expect(js.Flows).To(HaveLen(3))
		ju = readJUnitReport(filepath.Join(dir, "report.xml"))
		Expect(ju.Failures).To(Equal(3))
		Expect(ju.Suites).To(HaveLen(3))
	}, NodeTimeout(4*time.Minute))

	// failed checks what every failed flow shows, and returns its block of the
	// terminal output and its JSON result: the FAILED line; reports that list every
	// guide step, passed up to the failed one and skipped after it; the same failure
	// text on the terminal, in JSON and in JUnit; a screenshot that exists.
	failed := func(file string) (string, jsonFlow) {
		GinkgoHelper()
		i := -1
		for j, c := range brokenCopies {
			if c.file == file {
				i = j
			}
		}
		failedStep := brokenCopies[i].failedStep
		block := regexp.MustCompile(`(?m)^FAILED ` + q(file) + `  ` + q(title20i) + `  [0-9.]+m?s\n(  .*\n)+`).FindString(r.stdout)
		Expect(block).NotTo(BeEmpty(), "no FAILED block for %s in:\n%s", file, r.stdout)

		jf, uf := js.Flows[i], ju.Suites[i]
		Expect(jf.File).To(Equal(file))
		Expect(jf.Status).To(Equal("failed"))
		expectStepsOf(parseFlow(filepath.Join(r.dir, file)), jf, uf)
		for k, s := range jf.Steps {
			c := uf.Cases[k]
			switch n := k + 1; {
			case n < failedStep:
				Expect(s.Status).To(Equal("passed"), "step %d", n)
				Expect(c.Failure).To(BeNil(), "JUnit case %q", c.Name)
			case n == failedStep:
				Expect(s.Status).To(Equal("failed"), "step %d", n)
				Expect(s.Failure).NotTo(BeNil())
				Expect(c.Failure).NotTo(BeNil(), "JUnit case %q", c.Name)
				Expect(c.Failure.Text).To(Equal(s.Failure.Text), "JUnit's failure is the JSON's")
				Expect(block).To(ContainSubstring(indent(s.Failure.Text)), "the terminal shows the report's failure")
				Expect(s.Failure.StepIndex).To(Equal(n))
				Expect(s.Failure.Step).To(Equal(s.Title))
				expectFileIn(r.dir, s.Failure.Screenshot)
			default:
				Expect(s.Status).To(Equal("skipped"), "step %d", n)
				Expect(c.Skipped).NotTo(BeNil(), "JUnit case %q", c.Name)
			}
		}
		m := screenshotLine.FindStringSubmatch(block)
		Expect(m).NotTo(BeNil(), "the failure names no screenshot")
		expectFileIn(r.dir, m[1])
		return block, jf
	}

	It("on guide drift names the flow's file:line:col, the guide step, the action and the labels on screen", func() {
		block, jf := failed("drift.yaml")
		line, col := positionOf(texts["drift.yaml"], "click: Security Settings")
		Expect(block).To(MatchRegexp(`(?m)^  drift\.yaml:%d:%d: step 2 "Security Details": click "Security Settings":$`, line, col))
		Expect(block).To(MatchRegexp(`(?m)^    no visible button or link with text "Security Settings" after 3s on http://127\.0\.0\.1:\d+/home$`))
		Expect(block).To(MatchRegexp(`(?m)^    on screen instead: (".+", )*"Security Details"(, ".+")*$`))

		fail := jf.Steps[1].Failure
		Expect(fail.Action).To(Equal(`click "Security Settings"`))
		Expect(fail.Pos.File).To(Equal("drift.yaml"))
		Expect([]int{fail.Pos.Line, fail.Pos.Col}).To(Equal([]int{line, col}))
		Expect(fail.OnScreen).To(ContainElement("Security Details"))
	})

	It("with a wrong code is refused by the site at Finalize, showing the site's message", func() {
		block, jf := failed("wrong-code.yaml")
		line, col := positionOf(texts["wrong-code.yaml"], "expect: two-factor authentication tool has been added")
		Expect(block).To(MatchRegexp(`(?m)^  wrong-code\.yaml:%d:%d: step 6 "Finalize": expect "two-factor authentication tool has been added":$`, line, col))
		Expect(block).To(MatchRegexp(`(?m)^    on screen instead: .*"That code is incorrect, so two-factor authentication has not been turned on\.`))
		Expect(jf.Steps[5].Failure.OnScreen).To(ContainElement(HavePrefix("That code is incorrect")))
	})

	It("when more than 30 seconds pass before Done shows the site's expiry message", func() {
		block, jf := failed("too-late.yaml")
		line, col := positionOf(texts["too-late.yaml"], "expect: two-factor authentication tool has been added")
		Expect(block).To(MatchRegexp(`(?m)^  too-late\.yaml:%d:%d: step 6 "Finalize": expect "two-factor authentication tool has been added":$`, line, col))
		Expect(block).To(MatchRegexp(`(?m)^    on screen instead: .*"Time ran out: the setup took longer than 30 seconds\. Start again\."`))
		Expect(jf.Steps[4].Status).To(Equal("passed"), "the wait is part of step 5, which passes")
	})

	It("shows no readable QR code in any screenshot, failures included", func() {
		expectNoReadableQR(outputsOf(r))
	})
})

// indent indents every line of s by two spaces, as the terminal shows a failure.
func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// The HTML evidence report is read the way a doc writer reads it: opened from a
// file:// URL in headless Chromium (driven here directly, not through enroll), with
// every guide step, screenshot and failure message looked for on the page as shown.
var _ = Describe("the HTML report of a run, opened in a browser", Ordered, ContinueOnFailure, Label("20i", "report"), func() {
	var failing, passing result

	BeforeAll(func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		drift := brokenCopies[0]
		Expect(drift.file).To(Equal("drift.yaml"))
		copyFlow(dir, "20i.yaml", drift.file, drift.edits...)
		failing = enroll(ctx, cmdOpts{dir: dir, env: []string{"GITHUB_ACTIONS=true"}}, "run",
			"--report", "json=report.json", "--report", "html=report.html", "--report", "markdown=summary.md", drift.file)
		Expect(failing.code).To(Equal(1), "stdout:\n%s", failing.stdout)
		passing = enroll(ctx, cmdOpts{}, "run",
			"--report", "json=report.json", "--report", "html=report.html", "--report", "markdown=summary.md", "20i")
		Expect(passing.code).To(Equal(0), "stdout:\n%s", passing.stdout)
	}, NodeTimeout(4*time.Minute))

	It("shows every step, screenshot and failure of a failing run, fetches nothing and logs no error", func(ctx SpecContext) {
		expectReportShows(ctx, failing, "failing")
	}, SpecTimeout(time.Minute))

	It("shows every step and screenshot of a passing run, fetches nothing and logs no error", func(ctx SpecContext) {
		expectReportShows(ctx, passing, "passing")
	}, SpecTimeout(time.Minute))

	It("writes a Markdown summary with the failure's file:line:col, and annotates it under GitHub Actions", func() {
		js := readJSONReport(filepath.Join(failing.dir, "report.json"))
		fail := js.Flows[0].Failure
		Expect(fail).NotTo(BeNil())
		Expect(fail.Pos).NotTo(BeNil())
		pos := fmt.Sprintf("%s:%d:%d", fail.Pos.File, fail.Pos.Line, fail.Pos.Col)
		md, err := os.ReadFile(filepath.Join(failing.dir, "summary.md"))
		Expect(err).NotTo(HaveOccurred())
		Expect(len(md)).To(BeNumerically("<", 64*1024))
		Expect(string(md)).To(HavePrefix("### ✗ enroll run: failed\n"))
		Expect(string(md)).To(ContainSubstring("| ✗ failed | `drift.yaml` | " + title20i + " | 1/7 passed, failed at step 2 |"))
		Expect(string(md)).To(ContainSubstring("```text\n" + fail.Text + "\n```"))
		Expect(failing.stdout).To(MatchRegexp(`(?m)^::error file=drift\.yaml,line=%d,col=%d,title=enroll%%3A step 2 "Security Details" failed::.*%s`,
			fail.Pos.Line, fail.Pos.Col, q(fail.Message)))
		Expect(pos).To(HavePrefix("drift.yaml:"))

		md, err = os.ReadFile(filepath.Join(passing.dir, "summary.md"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(md)).To(HavePrefix("### ✓ enroll run: passed\n"))
		Expect(passing.stdout).NotTo(ContainSubstring("::error"), "annotations only under GitHub Actions")
	})

	It("shows no readable QR code in any screenshot, those inside the HTML report included", func() {
		for _, r := range []result{failing, passing} {
			outs := outputsOf(r)
			embedded := 0
			for _, o := range withEmbeddedImages(outs) {
				if strings.HasPrefix(o.name, "report.html#") {
					embedded++
				}
			}
			Expect(embedded).To(BeNumerically(">", 0), "no image read from the HTML report")
			expectNoReadableQR(outs)
		}
	})
})

// shownReport is what the report page shows, as read by the page's own DOM.
type shownReport struct {
	Steps []struct {
		ID, Heading string
		Open        bool
		Visible     bool
	}
	Failures []struct {
		Step, Text string
		Visible    bool
	}
	Images []struct {
		Caption string
		Loaded  bool
		Visible bool
		Alt     string
	}
}

// readShown reads the steps, failures and images of the report page.
const readShown = `(() => {
	const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden" };
	return {
		steps: [...document.querySelectorAll("details.step")].map(d => ({
			id: d.id, heading: d.querySelector("summary h3").innerText.trim(), open: d.open, visible: visible(d.querySelector("summary")) })),
		failures: [...document.querySelectorAll(".failure")].map(f => ({
			step: (f.closest("details.step") || {}).id || "", text: f.innerText, visible: visible(f.querySelector(".message") || f) })),
		images: [...document.querySelectorAll("figure")].map(f => {
			const img = f.querySelector("img");
			return { caption: f.querySelector("figcaption").innerText.trim(), alt: img ? img.alt : "",
				loaded: !!img && img.complete && img.naturalWidth > 0, visible: !!img && visible(img) };
		}),
	};
})()`

// expectReportShows opens r's report.html in headless Chromium and checks it against
// r's JSON report: every guide step by its heading, problems open and the others
// closed, every failure's message and position visible without a click, every
// screenshot loaded and visible once its step is opened (by the keyboard for one),
// the only-problems filter, no request but the file itself, no console message of
// level error or warning. It saves a screenshot of the page as e2e/reports/html-report/NAME.png.
func expectReportShows(ctx context.Context, r result, name string) {
	GinkgoHelper()
	js := readJSONReport(filepath.Join(r.dir, "report.json"))
	page := "file://" + filepath.Join(r.dir, "report.html")
	tab, requests, console := openPage(ctx, page)

	shown := evalShown(tab)
	var wantSteps, wantShots int
	for fi, f := range js.Flows {
		for _, s := range f.Steps {
			wantSteps++
			id := fmt.Sprintf("flow-%d-step-%d", fi+1, s.Index)
			i := indexOf(len(shown.Steps), func(i int) bool { return shown.Steps[i].ID == id })
			Expect(i).To(BeNumerically(">=", 0), "step %d %q is not on the page", s.Index, s.Title)
			st := shown.Steps[i]
			Expect(st.Heading).To(Equal(fmt.Sprintf("%d. %s", s.Index, s.Title)))
			Expect(st.Visible).To(BeTrue(), "step %d %q is not visible", s.Index, s.Title)
			Expect(st.Open).To(Equal(s.Status != "passed" && s.Status != "skipped"), "step %d %q (%s): open", s.Index, s.Title, s.Status)
			if s.Failure != nil {
				j := indexOf(len(shown.Failures), func(i int) bool { return shown.Failures[i].Step == id })
				Expect(j).To(BeNumerically(">=", 0), "the failure of step %d is not on the page", s.Index)
				Expect(shown.Failures[j].Visible).To(BeTrue(), "the failure of step %d is not visible without a click", s.Index)
				Expect(shown.Failures[j].Text).To(ContainSubstring(s.Failure.Message))
				Expect(shown.Failures[j].Text).To(ContainSubstring(fmt.Sprintf("%s:%d:%d", s.Failure.Pos.File, s.Failure.Pos.Line, s.Failure.Pos.Col)))
				for _, label := range s.Failure.OnScreen {
					Expect(shown.Failures[j].Text).To(ContainSubstring(label), "on screen instead")
				}
			}
			shots := map[string]bool{s.Screenshot: s.Screenshot != ""}
			if s.Failure != nil && s.Failure.Screenshot != "" {
				shots[s.Failure.Screenshot] = true
			}
			for shot, ok := range shots {
				if ok {
					wantShots++
					expectFileIn(r.dir, shot)
				}
			}
		}
	}
	Expect(shown.Steps).To(HaveLen(wantSteps), "steps on the page")
	Expect(wantShots).To(BeNumerically(">", 0))

	shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	Expect(err).NotTo(HaveOccurred())
	saveArtifact(name+".png", shot)

	// A reader opens a closed step with the keyboard: Tab to its summary, Enter.
	closed := indexOf(len(shown.Steps), func(i int) bool { return !shown.Steps[i].Open })
	if closed >= 0 {
		sel := chromedp.CSS("#" + shown.Steps[closed].ID + " > summary")
		Expect(chromedp.Do(tab, chromedp.Focus(sel), chromedp.KeyEvent("\r"))).To(Succeed())
		Expect(evalShown(tab).Steps[closed].Open).To(BeTrue(), "Enter on a step's summary does not open it")
	}
	Expect(chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true)`))).To(Succeed())
	shown = evalShown(tab)
	Expect(shown.Images).To(HaveLen(wantShots), "screenshots on the page")
	for _, img := range shown.Images {
		Expect(img.Loaded).To(BeTrue(), "%s is not shown", img.Caption)
		Expect(img.Visible).To(BeTrue(), "%s is not visible", img.Caption)
		Expect(img.Alt).NotTo(BeEmpty(), "%s has no alt text", img.Caption)
		expectFileIn(r.dir, img.Caption)
	}

	// Only problems: the passed steps go, the failed ones stay.
	Expect(chromedp.Do(tab, chromedp.Click(chromedp.ID("only-problems")))).To(Succeed())
	filtered := evalShown(tab)
	for _, st := range filtered.Steps {
		Expect(st.Visible).To(Equal(isProblem(tab, st.ID)), "step %s with only problems shown", st.ID)
	}

	Expect(chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => r()))`))).To(Succeed())
	for _, u := range requests() {
		Expect(u == page || strings.HasPrefix(u, "data:")).To(BeTrue(), "the report fetched %.80s", u)
	}
	Expect(console()).To(BeEmpty(), "console messages of the report page")
}

// isProblem reports whether the step with id is marked as needing attention.
func isProblem(tab context.Context, id string) bool {
	GinkgoHelper()
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById(%q).classList.contains("problem")`, id)))
	Expect(err).NotTo(HaveOccurred())
	return ok
}

func evalShown(tab context.Context) shownReport {
	GinkgoHelper()
	raw, err := chromedp.Run(tab, chromedp.Evaluate[[]byte](readShown))
	Expect(err).NotTo(HaveOccurred())
	var s shownReport
	Expect(json.Unmarshal(raw, &s)).To(Succeed())
	return s
}

func indexOf(n int, match func(int) bool) int {
	for i := range n {
		if match(i) {
			return i
		}
	}
	return -1
}

// openPage opens url in a new headless Chromium with a phone-to-laptop sized window
// (900x1400) and returns its tab, and what it requested and logged so far (console
// API errors and warnings, exceptions, browser log entries such as a CSP violation).
func openPage(ctx context.Context, url string) (tab context.Context, requests, console func() []string) {
	GinkgoHelper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath()), chromedp.Flag("disable-component-update", true))...)
	DeferCleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc)
	DeferCleanup(cancelTab)
	var (
		mu        sync.Mutex
		urls, msg []string
	)
	Expect(chromedp.Listen(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls = append(urls, ev.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				msg = append(msg, fmt.Sprintf("console.%s", ev.Type))
			}
		case *runtime.EventExceptionThrown:
			msg = append(msg, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				msg = append(msg, fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text))
			}
		}
	})).To(Succeed())
	Expect(chromedp.Do(tab, chromedp.EmulateViewport(900, 1400), chromedp.Navigate(url))).To(Succeed())
	snapshot := func(s *[]string) func() []string {
		return func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), *s...) }
	}
	return tab, snapshot(&urls), snapshot(&msg)
}

// saveArtifact writes b as e2e/reports/html-report/name, kept after the run (CI
// uploads e2e/reports/), and says where in the spec's report.
func saveArtifact(name string, b []byte) {
	GinkgoHelper()
	dir := filepath.Join(repoRoot, "e2e", "reports", "html-report")
	Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
	path := filepath.Join(dir, name)
	Expect(os.WriteFile(path, b, 0o644)).To(Succeed())
	AddReportEntry("screenshot of the report", path)
}

// The conformance report is checked the same way, on a run against a mock served on
// its own, so every secret the site issued or accepted is known and searched for.
var _ = Describe("the HTML report of enroll conform, opened in a browser", Label("20i", "report", "conform"), func() {
	It("shows every check's statement, clause, verdict, reason and evidence, fetches nothing and leaks no secret", func(ctx SpecContext) {
		f := parseFlow(flowPath("20i.yaml"))
		site := serve(ctx, f.Site.Mock)
		r := enroll(ctx, cmdOpts{env: accountEnv(f, site)}, "conform", "--base-url", site.url,
			"--report", "json=conform.json", "--report", "html=conform.html", "--report", "markdown=conform.md", flowPath("20i.yaml"))
		Expect(r.code).To(Equal(0), "stdout:\n%s", r.stdout)
		b, err := os.ReadFile(filepath.Join(r.dir, "conform.json"))
		Expect(err).NotTo(HaveOccurred())
		var rep struct {
			Flows []struct {
				Checks []struct {
					ID, Statement, Clause, Verdict, Reason string
					Evidence                               []string
				}
			}
		}
		Expect(json.Unmarshal(b, &rep)).To(Succeed())
		Expect(rep.Flows).To(HaveLen(1))
		Expect(rep.Flows[0].Checks).NotTo(BeEmpty())

		page := "file://" + filepath.Join(r.dir, "conform.html")
		tab, requests, console := openPage(ctx, page)
		raw, err := chromedp.Run(tab, chromedp.Evaluate[[]byte](`[...document.querySelectorAll("table.checks tbody tr")].map(tr => {
			const r = tr.getBoundingClientRect();
			tr.querySelectorAll("details").forEach(d => d.open = true);
			return { id: tr.id, text: tr.innerText, visible: r.width > 0 && r.height > 0 };
		})`))
		Expect(err).NotTo(HaveOccurred())
		var rows []struct {
			ID, Text string
			Visible  bool
		}
		Expect(json.Unmarshal(raw, &rows)).To(Succeed())
		Expect(rows).To(HaveLen(len(rep.Flows[0].Checks)), "rows of the verdict table")
		for i, c := range rep.Flows[0].Checks {
			row := rows[i]
			Expect(row.ID).To(Equal("flow-1-" + c.ID))
			Expect(row.Visible).To(BeTrue(), "check %s", c.ID)
			for _, want := range append([]string{c.Statement, c.Clause, c.Verdict, c.Reason}, c.Evidence...) {
				Expect(row.Text).To(ContainSubstring(want), "check %s", c.ID)
			}
		}
		shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		Expect(err).NotTo(HaveOccurred())
		saveArtifact("conform.png", shot)
		for _, u := range requests() {
			Expect(u == page || strings.HasPrefix(u, "data:")).To(BeTrue(), "the report fetched %.80s", u)
		}
		Expect(console()).To(BeEmpty(), "console messages of the report page")

		md, err := os.ReadFile(filepath.Join(r.dir, "conform.md"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(md)).To(HavePrefix("### ✓ enroll conform: no unexpected failure\n"))
		Expect(string(md)).To(ContainSubstring("| `" + flowPath("20i.yaml") + "` | " + title20i + " |"))

		expectNoSecretIn(outputsOf(r, output{"enroll serve's log", site.session.Err.Contents()}), site.issued(ctx), true)
	}, SpecTimeout(3*time.Minute))
})

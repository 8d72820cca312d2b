package e2e

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// The reports as CI reads them after a fault: the counts with errored, and each test
// case's <failure> and <error> apart.
type (
	faultReport struct {
		Status  string `json:"status"`
		Summary struct {
			Flows, Passed, Failed, Errored, Interrupted, Skipped int
		} `json:"summary"`
		Flows []struct {
			File    string       `json:"file"`
			Status  string       `json:"status"`
			Failure *jsonFailure `json:"failure"`
			Steps   []jsonStep   `json:"steps"`
		} `json:"flows"`
	}
	faultJUnit struct {
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Suites   []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Error *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
)

func readFaultReports(dir string) (faultReport, faultJUnit) {
	GinkgoHelper()
	var js faultReport
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	Expect(err).NotTo(HaveOccurred(), "the JSON report was not written")
	Expect(json.Unmarshal(b, &js)).To(Succeed())
	var ju faultJUnit
	b, err = os.ReadFile(filepath.Join(dir, "report.xml"))
	Expect(err).NotTo(HaveOccurred(), "the JUnit report was not written")
	Expect(xml.Unmarshal(b, &ju)).To(Succeed())
	return js, ju
}

// statuses lists the steps' statuses of a flow in the JSON report.
func statuses(js faultReport, flow int) []string {
	var out []string
	for _, s := range js.Flows[flow].Steps {
		out = append(out, s.Status)
	}
	return out
}

// startRun starts `enroll run` with JSON and JUnit reports and waits until step
// screenshot shot of the 20i flow exists (a glob under artifacts/20i; "" waits for
// the first Chromium process instead). It returns the session, the working folder and
// the Chromium processes of the run.
func startRun(ctx SpecContext, shot string, flows ...string) (*gexec.Session, string, []int) {
	GinkgoHelper()
	args := []string{"run", "--report", "json=report.json", "--report", "junit=report.xml"}
	for _, f := range flows {
		args = append(args, flowPath(f))
	}
	cmd, dir := command(cmdOpts{}, args...)
	session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { session.Kill() })
	keepOnFailure(dir)
	pid, tmp := cmd.Process.Pid, filepath.Join(dir, ".tmp")
	if shot == "" {
		Eventually(ctx, func() []int { return chromiumOf(pid, tmp) }).
			WithTimeout(30 * time.Second).WithPolling(5 * time.Millisecond).ShouldNot(BeEmpty())
	} else {
		Eventually(ctx, func() []string {
			m, _ := filepath.Glob(filepath.Join(dir, "artifacts", "20i", shot))
			return m
		}).WithTimeout(90 * time.Second).WithPolling(20 * time.Millisecond).ShouldNot(BeEmpty())
	}
	chromium := chromiumOf(pid, tmp)
	Expect(chromium).NotTo(BeEmpty(), "found no Chromium process of the run")
	return session, dir, chromium
}

// expectNoChromiumLeft checks that the run's Chromium processes are gone and its
// TMPDIR is empty.
func expectNoChromiumLeft(ctx SpecContext, dir string, chromium []int) {
	GinkgoHelper()
	Eventually(ctx, func() []int { return alive(chromium) }).WithTimeout(5*time.Second).
		Should(BeEmpty(), "Chromium processes of the run still alive")
	expectNothingLeftIn(filepath.Join(dir, ".tmp"))
}

var _ = Describe("faults during a run", Label("faults", "20i"), func() {
	It("a Chromium killed mid-run errors its flow (exit 3), and the next flow runs in a new browser", Label("leaseweb"), func(ctx SpecContext) {
		session, dir, chromium := startRun(ctx, "02-*.png", "20i.yaml", "leaseweb.yaml")
		main := -1
		for _, p := range chromium {
			if pp, ok := parent(p); ok && pp == session.Command.Process.Pid {
				main = p
			}
		}
		Expect(main).To(BeNumerically(">", 0), "no Chromium started by enroll itself among %v", chromium)

		By("killing Chromium with SIGKILL after step 2")
		Expect(syscall.Kill(main, syscall.SIGKILL)).To(Succeed())
		Eventually(ctx, session).WithTimeout(2 * time.Minute).Should(gexec.Exit(3))
		expectNoChromiumLeft(ctx, dir, chromium)

		js, ju := readFaultReports(dir)
		Expect(js.Status).To(Equal("errored"))
		Expect(js.Summary.Flows).To(Equal(2))
		Expect([]int{js.Summary.Passed, js.Summary.Failed, js.Summary.Errored}).To(Equal([]int{1, 0, 1}), "passed, failed, errored")
		Expect(js.Flows[0].Status).To(Equal("errored"))
		Expect(js.Flows[1].Status).To(Equal("passed"), "the flow after the crash ran in a new browser")
		st := statuses(js, 0)
		Expect(st[:2]).To(Equal([]string{"passed", "passed"}))
		Expect(st).NotTo(ContainElement("failed"))
		n := 0
		for i, s := range st {
			if s == "errored" {
				n++
				Expect(st[i+1:]).To(HaveEach("skipped"))
				f := js.Flows[0].Steps[i].Failure
				Expect(f).NotTo(BeNil())
				Expect(f.Message).To(MatchRegexp(`^the browser died( \(signal: killed\))?$`))
			}
		}
		Expect(n).To(Equal(1), "one errored step: %v", st)
		Expect(ju.Failures).To(Equal(0), "a crash is no <failure>")
		Expect(ju.Errors).To(Equal(1))
		for _, c := range ju.Suites[0].Cases {
			if c.Error != nil {
				Expect(c.Error.Type).To(Equal("errored"))
				Expect(c.Error.Message).To(MatchRegexp(`: the browser died( \(signal: killed\))?$`))
			}
		}
		out := string(session.Out.Contents())
		Expect(out).To(MatchRegexp(`(?m)^ERRORED \S+/20i\.yaml  `))
		Expect(out).NotTo(ContainSubstring("FAILED"))
		Expect(out).To(MatchRegexp(`(?m)^2 flows: 1 passed, 1 errored \(`))
	}, SpecTimeout(3*time.Minute))

	DescribeTable("a signal to enroll alone mid-run is an interruption (exit 130), never a failure",
		func(ctx SpecContext, sig syscall.Signal) {
			session, dir, chromium := startRun(ctx, "02-*.png", "20i.yaml")
			Expect(session.Command.Process.Signal(sig)).To(Succeed())
			Eventually(ctx, session).WithTimeout(5 * time.Second).Should(gexec.Exit(130))
			expectNoChromiumLeft(ctx, dir, chromium)

			js, ju := readFaultReports(dir)
			Expect(js.Status).To(Equal("interrupted"))
			Expect(js.Summary.Interrupted).To(Equal(1))
			st := statuses(js, 0)
			Expect(st[:2]).To(Equal([]string{"passed", "passed"}))
			Expect(st).NotTo(ContainElement("failed"))
			Expect(st).NotTo(ContainElement("errored"))
			Expect(st).To(ContainElement("interrupted"))
			Expect(ju.Failures).To(Equal(0), "an interruption is no <failure>")
			for _, c := range ju.Suites[0].Cases {
				if c.Error != nil {
					Expect(c.Error.Type).To(Equal("interrupted"))
				}
			}
			Expect(string(session.Out.Contents())).To(MatchRegexp(`(?m)^INTERRUPTED \S+/20i\.yaml  `))
			Expect(string(session.Err.Contents())).To(HaveSuffix("enroll run: interrupted\n"))
		},
		Entry("SIGTERM", syscall.SIGTERM, SpecTimeout(2*time.Minute)),
		Entry("SIGINT", syscall.SIGINT, SpecTimeout(2*time.Minute)),
	)

	DescribeTable("a signal while Chromium starts says interrupted (exit 130), not that Chromium cannot start",
		func(ctx SpecContext, sig syscall.Signal) {
			session, dir, chromium := startRun(ctx, "", "20i.yaml")
			Expect(session.Command.Process.Signal(sig)).To(Succeed())
			Eventually(ctx, session).WithTimeout(5 * time.Second).Should(gexec.Exit(130))
			expectNoChromiumLeft(ctx, dir, chromium)
			stderr := string(session.Err.Contents())
			Expect(stderr).To(HaveSuffix("enroll run: interrupted\n"))
			Expect(stderr).NotTo(ContainSubstring("cannot start"))
			js, ju := readFaultReports(dir)
			Expect(js.Status).To(Equal("interrupted"))
			Expect(js.Summary.Failed + js.Summary.Errored).To(BeZero())
			Expect(ju.Failures).To(BeZero())
		},
		Entry("SIGTERM", syscall.SIGTERM, SpecTimeout(time.Minute)),
		Entry("SIGINT", syscall.SIGINT, SpecTimeout(time.Minute)),
	)

	It("a flow that reaches --timeout says the flow's deadline passed, not an action's", func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		// The action waits up to 5 minutes, the flow 20 s: ample for step 1 on a loaded
		// machine, and the flow's deadline comes first whatever the machine's speed.
		copyFlow(dir, "20i.yaml", "slow.yaml", replace("click: Security Details", "click: { text: Security Settings, timeout: 5m }"))
		r := enroll(ctx, cmdOpts{dir: dir}, "run", "--timeout", "20s", "--report", "json=report.json", "slow.yaml")
		Expect(r.code).To(Equal(1), r.stderr)
		Expect(r.stdout).To(MatchRegexp(`(?m)^    no visible button or link with text "Security Settings" when the flow's deadline passed \(--timeout 20s\) on http://127\.0\.0\.1:\d+/home$`))
		js := readJSONReport(filepath.Join(dir, "report.json"))
		Expect(js.Flows[0].Status).To(Equal("failed"))
	})

	It("a new run removes the earlier run's artifacts of the flow, and keeps other files", func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		flowDir := filepath.Join(dir, "artifacts", "20i")
		Expect(os.MkdirAll(flowDir, 0o755)).To(Succeed())
		stale := []string{"02-security-details.failure.png", "02-security-details.failure.html", "02-security-details.failure.console.txt", "09-old-step.png"}
		for _, name := range append(stale, "notes.txt") {
			Expect(os.WriteFile(filepath.Join(flowDir, name), []byte("an earlier run"), 0o644)).To(Succeed())
		}
		r := enroll(ctx, cmdOpts{dir: dir}, "run", "--report", "json=report.json", flowPath("20i.yaml"))
		Expect(r.code).To(Equal(0), r.stderr)
		js := readJSONReport(filepath.Join(dir, "report.json"))
		named := map[string]bool{"notes.txt": true}
		for _, s := range js.Flows[0].Steps {
			Expect(s.Screenshot).NotTo(BeEmpty())
			named[filepath.Base(s.Screenshot)] = true
		}
		entries, err := os.ReadDir(flowDir)
		Expect(err).NotTo(HaveOccurred())
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
			Expect(named).To(HaveKey(e.Name()), "%s is in the flow's artifacts but not in the report", e.Name())
		}
		Expect(left).To(HaveLen(len(named)))
	})
})

var _ = Describe("outputs and arguments checked before Chromium starts", Label("faults", "usage"), func() {
	// chrome is a stand-in browser that leaves a mark when started: no check below may
	// pass by starting it.
	var dir, mark, chrome, outside string
	BeforeEach(func() {
		dir = GinkgoT().TempDir()
		mark = filepath.Join(dir, "browser-started")
		chrome = filepath.Join(dir, "chrome.sh")
		Expect(os.WriteFile(chrome, []byte(fmt.Sprintf("#!/bin/sh\ntouch %q\nexit 1\n", mark)), 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(dir, "afile"), []byte("x"), 0o644)).To(Succeed())
		Expect(os.Mkdir(filepath.Join(dir, "reports"), 0o755)).To(Succeed())
		outside = filepath.Join(GinkgoT().TempDir(), "missing")
	})

	DescribeTable("exits 2 with the exact problem",
		func(ctx SpecContext, args func() []string, want func() string) {
			r := enroll(ctx, cmdOpts{dir: dir}, append(append([]string{"run", "--chrome", chrome}, args()...), flowPath("20i.yaml"))...)
			Expect(r.code).To(Equal(2), r.stderr)
			Expect(r.stderr).To(Equal(want()))
			Expect(r.stdout).To(BeEmpty())
			Expect(mark).NotTo(BeAnExistingFile(), "the browser was started")
			Expect(filepath.Join(dir, "report.json")).NotTo(BeAnExistingFile())
			Expect(outside).NotTo(BeADirectory(), "a folder outside the working folder was created")
		},
		Entry("a report whose folder is a file",
			func() []string { return []string{"--report", "json=afile/report.json"} },
			func() string { return "enroll run: --report json=afile/report.json: afile is a file, not a folder\n" }),
		Entry("a report path that is a folder",
			func() []string { return []string{"--report", "junit=reports"} },
			func() string { return "enroll run: --report junit=reports: is a folder, not a file\n" }),
		Entry("a report under a missing folder outside the working folder",
			func() []string { return []string{"--report", "json=" + outside + "/sub/report.json"} },
			func() string {
				return "enroll run: --report json=" + outside + "/sub/report.json: folder " + outside +
					" does not exist (outside the working folder enroll creates none: create it first)\n"
			}),
		Entry("an artifacts folder that is a file",
			func() []string { return []string{"--report", "json=report.json", "--artifacts", "afile"} },
			func() string { return "enroll run: --artifacts afile: afile is a file, not a folder\n" }),
		Entry("a zero --timeout",
			func() []string { return []string{"--timeout", "0"} },
			func() string { return "enroll run: --timeout 0s: want a positive duration, such as 5m\n" }),
		Entry("a negative --timeout",
			func() []string { return []string{"--timeout", "-1s"} },
			func() string { return "enroll run: --timeout -1s: want a positive duration, such as 5m\n" }),
		Entry("a --base-url that is no URL",
			func() []string { return []string{"--base-url", "not a url"} },
			func() string { return `enroll run: --base-url "not a url": want an http:// or https:// URL` + "\n" }),
		Entry("an ftp --base-url",
			func() []string { return []string{"--base-url", "ftp://example.com"} },
			func() string {
				return `enroll run: --base-url "ftp://example.com": want an http:// or https:// URL` + "\n"
			}),
		Entry("a --base-url without a host",
			func() []string { return []string{"--base-url", "https://"} },
			func() string { return `enroll run: --base-url "https://": no host` + "\n" }),
	)

	It("enroll with no arguments prints the usage on stderr and exits 2", func(ctx SpecContext) {
		r := enroll(ctx, cmdOpts{dir: dir})
		Expect(r.code).To(Equal(2))
		Expect(r.stdout).To(BeEmpty())
		Expect(r.stderr).To(HavePrefix("enroll turns written two-factor setup guides"))
		Expect(strings.Count(r.stderr, "\n")).To(BeNumerically(">", 5))
	})

	It("enroll validate refuses a step without actions, and shows a manual one", func(ctx SpecContext) {
		flow := "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nsteps:\n  - step: A\n    do: []\n  - step: B\n    manual: done on the phone\n  - step: C\n"
		Expect(os.WriteFile(filepath.Join(dir, "empty.yaml"), []byte(flow), 0o644)).To(Succeed())
		r := enroll(ctx, cmdOpts{dir: dir}, "validate", "empty.yaml")
		Expect(r.code).To(Equal(2))
		Expect(r.stderr).To(Equal(
			"empty.yaml:6:9: do is empty; a step needs at least one action, or `manual: why` instead of do for a step done away from the site\n" +
				"empty.yaml:9:5: step \"C\" has no actions; add `do:` with what the reader does, or `manual: why` for a step done away from the site\n"))
	})
})

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

var _ = Describe("interrupting a run", Label("20i", "interrupt"), func() {
	It("stops promptly, writes the reports for what finished and leaves no Chromium behind", func(ctx SpecContext) {
		cmd, dir := command(cmdOpts{}, "run", "--report", "json=report.json", "--report", "junit=report.xml", flowPath("20i.yaml"))
		tmp := filepath.Join(dir, ".tmp")
		session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(func() { session.Kill() })
		keepOnFailure(dir)
		pid := cmd.Process.Pid

		By("waiting until the first guide step is done")
		Eventually(ctx, filepath.Join(dir, "artifacts", "20i", "01-log-in-to-20i.png")).
			WithTimeout(90 * time.Second).WithPolling(50 * time.Millisecond).Should(BeAnExistingFile())
		chromium := chromiumOf(pid, tmp)
		Expect(chromium).NotTo(BeEmpty(), "found no Chromium process of the run: the check below would check nothing")

		By("sending SIGINT, like Ctrl-C")
		session.Interrupt()
		Eventually(ctx, session).WithTimeout(5 * time.Second).Should(gexec.Exit(130))

		Eventually(ctx, func() []int { return alive(chromium) }).WithTimeout(5*time.Second).
			Should(BeEmpty(), "Chromium processes of the run still alive")
		Expect(chromiumOf(pid, tmp)).To(BeEmpty())
		expectNothingLeftIn(tmp)

		js := readJSONReport(filepath.Join(dir, "report.json"))
		Expect(js.Status).To(Equal("interrupted"))
		Expect(js.Summary).To(Equal(jsonCounts{Flows: 1, Interrupted: 1}))
		steps := js.Flows[0].Steps
		Expect(steps[0].Title).To(Equal("Log in to 20i"))
		Expect(steps[0].Status).To(Equal("passed"), "the step that finished is reported")
		Expect(steps[0].DurationMs).To(BeNumerically(">", 0))
		var statuses []string
		for _, s := range steps {
			statuses = append(statuses, s.Status)
		}
		Expect(statuses).To(ContainElement("interrupted"))
		Expect(statuses[len(statuses)-1]).To(Equal("skipped"))
		ju := readJUnitReport(filepath.Join(dir, "report.xml"))
		Expect(ju.Suites).To(HaveLen(1))
		Expect(ju.Suites[0].Cases).To(HaveLen(len(steps)))
		Expect(session.Out.Contents()).To(MatchRegexp(`(?m)^INTERRUPTED \S+20i\.yaml  `))
	}, SpecTimeout(2*time.Minute))
})

// chromiumOf returns the pids of Chromium processes that belong to the enroll process
// pid: those whose parent chain leads to it, and any whose command line names a
// --user-data-dir under its TMPDIR (which still finds them once orphaned).
func chromiumOf(pid int, tmp string) []int {
	GinkgoHelper()
	entries, err := os.ReadDir("/proc")
	Expect(err).NotTo(HaveOccurred())
	var out []int
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil || p == pid {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || zombie(p) {
			continue
		}
		args := bytes.Split(cmdline, []byte{0})
		if len(args) == 0 || !strings.Contains(filepath.Base(string(args[0])), "chrom") {
			continue
		}
		if descends(p, pid) || bytes.Contains(cmdline, []byte("--user-data-dir="+tmp)) {
			out = append(out, p)
		}
	}
	return out
}

// descends reports whether p's parent chain includes ancestor.
func descends(p, ancestor int) bool {
	for i := 0; i < 64 && p > 1; i++ {
		pp, ok := parent(p)
		if !ok {
			return false
		}
		if pp == ancestor {
			return true
		}
		p = pp
	}
	return false
}

// parent returns p's parent pid from /proc/p/stat.
func parent(p int) (int, bool) {
	fields, ok := stat(p)
	if !ok || len(fields) < 2 {
		return 0, false
	}
	pp, err := strconv.Atoi(fields[1])
	return pp, err == nil
}

// zombie reports whether p has exited and waits to be reaped.
func zombie(p int) bool {
	fields, ok := stat(p)
	return ok && fields[0] == "Z"
}

// stat returns the fields of /proc/p/stat after the command name: state, ppid, ...
func stat(p int) ([]string, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/stat")
	if err != nil {
		return nil, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	return strings.Fields(string(b[i+1:])), true
}

// alive returns the pids that still run (neither gone nor zombies).
func alive(pids []int) []int {
	var out []int
	for _, p := range pids {
		if _, err := os.Stat("/proc/" + strconv.Itoa(p)); err == nil && !zombie(p) {
			out = append(out, p)
		}
	}
	return out
}

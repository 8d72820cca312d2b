package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// remoteChromium starts a separate headless Chromium with a DevTools port, as a
// browserless container or a Grid node runs one, and returns its endpoint
// (http://127.0.0.1:PORT, read from its DevToolsActivePort file). It is killed, with
// its whole process group, when the spec ends.
func remoteChromium(ctx SpecContext) string {
	GinkgoHelper()
	dir := GinkgoT().TempDir()
	cmd := exec.Command(chromiumPath(), "--headless", "--no-sandbox", "--remote-debugging-port=0",
		"--user-data-dir="+dir, "--no-first-run", "--disable-component-update", "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	Expect(cmd.Start()).To(Succeed())
	DeferCleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	var port string
	Eventually(ctx, func() bool {
		b, err := os.ReadFile(filepath.Join(dir, "DevToolsActivePort"))
		p, _, ok := bytes.Cut(b, []byte("\n"))
		port = string(p)
		return err == nil && ok
	}).WithTimeout(20 * time.Second).Should(BeTrue())
	return "http://127.0.0.1:" + port
}

// flowsAndSteps lists a JSON report's flows and each one's step titles and statuses,
// the part of a run that shards must not change.
func flowsAndSteps(path string) []string {
	GinkgoHelper()
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	var r jsonRun
	Expect(json.Unmarshal(b, &r)).To(Succeed())
	var out []string
	for _, f := range r.Flows {
		steps := make([]string, len(f.Steps))
		for i, s := range f.Steps {
			steps[i] = s.Title + "=" + s.Status
		}
		out = append(out, f.File+" "+f.Status+": "+strings.Join(steps, ", "))
	}
	return out
}

var _ = Describe("Running at scale", Label("scale"), func() {
	BeforeEach(requireChromium)
	names := []string{"1password", "20i", "leaseweb", "myaccount"}

	It("runs the bundled flows in a browser that runs elsewhere, -j 2, and leaves it running", func(ctx SpecContext) {
		endpoint := remoteChromium(ctx)
		args := append([]string{"run", "-j", "2", "--screenshots", "failures", "--browser-url", endpoint, "--report", "json=r.json"}, names...)
		res := enroll(ctx, cmdOpts{}, args...)
		Expect(res.code).To(Equal(0), res.stderr)
		Expect(flowsAndSteps(filepath.Join(res.dir, "r.json"))).To(HaveLen(len(names)))
		resp, err := http.Get(endpoint + "/json/version")
		Expect(err).NotTo(HaveOccurred(), "the remote browser is gone after the run")
		resp.Body.Close()

		bad := enroll(ctx, cmdOpts{}, "run", "--browser-url", "http://127.0.0.1:1", "20i")
		Expect(bad.code).To(Equal(3))
		Expect(bad.stderr).To(ContainSubstring("cannot connect to the browser at http://127.0.0.1:1"))
		usage := enroll(ctx, cmdOpts{}, "run", "--browser-url", "ftp://127.0.0.1:9222", "20i")
		Expect(usage.code).To(Equal(2))
	}, SpecTimeout(4*time.Minute))

	It("splits flows into shards run apart, whose merged report equals one run's", func(ctx SpecContext) {
		whole := enroll(ctx, cmdOpts{}, append([]string{"run", "--screenshots", "failures", "--report", "json=r.json"}, names...)...)
		Expect(whole.code).To(Equal(0), whole.stderr)

		dir := GinkgoT().TempDir()
		for _, sh := range []string{"1/3", "2/3", "3/3"} {
			args := append([]string{"run", "--shard", sh, "--durations", filepath.Join(whole.dir, "r.json"),
				"--screenshots", "failures", "--report", "json=shard" + sh[:1] + ".json"}, names...)
			res := enroll(ctx, cmdOpts{dir: dir}, args...)
			Expect(res.code).To(Equal(0), res.stderr)
			Expect(res.stderr).To(MatchRegexp(`shard %s: \d of 4 flows`, sh))
		}
		merge := enroll(ctx, cmdOpts{dir: dir}, "report", "merge", "--report", "json=merged.json", "--report", "junit=merged.xml",
			"shard1.json", "shard2.json", "shard3.json")
		Expect(merge.code).To(Equal(0), merge.stderr)
		Expect(flowsAndSteps(filepath.Join(dir, "merged.json"))).To(Equal(flowsAndSteps(filepath.Join(whole.dir, "r.json"))))
		Expect(filepath.Join(dir, "merged.xml")).To(BeARegularFile())

		overlap := enroll(ctx, cmdOpts{dir: dir}, "report", "merge", "shard1.json", "shard1.json")
		Expect(overlap.code).To(Equal(2))
		Expect(overlap.stderr).To(ContainSubstring("shards overlap"))
	}, SpecTimeout(6*time.Minute))
})

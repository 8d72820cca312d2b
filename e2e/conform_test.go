package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// conformReport is the part of `enroll conform`'s JSON report the kill matrix reads.
type conformReport struct {
	Version int  `json:"version"`
	OK      bool `json:"ok"`
	Flows   []struct {
		File   string `json:"file"`
		Checks []struct {
			ID       string `json:"id"`
			Verdict  string `json:"verdict"`
			Reason   string `json:"reason"`
			Expected *struct {
				Reason string `json:"reason"`
			} `json:"expectedFailure"`
		} `json:"checks"`
	} `json:"flows"`
}

// verdicts maps each check of the report's only flow to its verdict, and the reason.
func (r conformReport) verdicts() (map[string]string, map[string]string) {
	v, why := map[string]string{}, map[string]string{}
	for _, c := range r.Flows[0].Checks {
		v[c.ID], why[c.ID] = c.Verdict, c.Reason
	}
	return v, why
}

// conformRun runs `enroll conform` on one bundled flow (the expected failures its
// conform section lists apply) and returns the process and its JSON report.
func conformRun(ctx SpecContext, flowFile string, defects ...string) (result, conformReport) {
	GinkgoHelper()
	args := []string{"conform", flowPath(flowFile), "--report", "json=conform.json", "--report", "junit=conform.xml"}
	for _, d := range defects {
		args = append(args, "--mock-defect", d)
	}
	r := enrollSlow(ctx, args...)
	b, err := os.ReadFile(filepath.Join(r.dir, "conform.json"))
	Expect(err).NotTo(HaveOccurred(), "no JSON report; stderr:\n%s", r.stderr)
	var rep conformReport
	Expect(json.Unmarshal(b, &rep)).To(Succeed())
	Expect(rep.Flows).To(HaveLen(1))
	return r, rep
}

// enrollSlow is enroll for a whole conformance run, which probes a site for longer
// than the helper's deadline allows on a loaded 2-core machine.
func enrollSlow(ctx SpecContext, args ...string) result {
	GinkgoHelper()
	cmd, dir := command(cmdOpts{}, args...)
	session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { session.Kill() })
	Eventually(ctx, session).WithTimeout(8 * time.Minute).Should(gexec.Exit())
	expectNothingLeftIn(filepath.Join(dir, ".tmp"))
	return result{code: session.ExitCode(), stdout: string(session.Out.Contents()), stderr: string(session.Err.Contents()), dir: dir}
}

// defectCheck is the kill matrix: each defect of the bundled mocks and the one check
// it must make fail.
var defectCheck = []struct{ defect, check string }{
	{"accept-replay", "replay-refused"},
	{"wide-skew", "skew-window"},
	{"no-throttle", "throttling"},
	{"no-confirm", "enroll-requires-code"},
	{"reuse-secret", "fresh-secret"},
	{"short-secret", "secret-strength"},
	{"multi-use-recovery", "recovery-single-use"},
}

// conformSites are the flows the matrix probes, one per bundled site: the one that
// covers most checks (Leaseweb's recovery codes flow captures recovery codes).
var conformSites = []struct {
	site, flow string
	recovery   bool // the flow captures recovery codes: recovery-single-use applies
}{
	{"20i", "20i.yaml", false},
	{"leaseweb", "leaseweb-recovery-codes.yaml", true},
	{"myaccount", "myaccount.yaml", true},
	{"1password", "1password.yaml", false},
}

var _ = Describe("enroll conform kill matrix", Label("conform"), func() {
	for _, s := range conformSites {
		Describe(s.site, Label(s.site), Ordered, func() {
			var clean map[string]string

			It("passes every check a defect can break against the correct mock, and exits 0", func(ctx SpecContext) {
				r, rep := conformRun(ctx, s.flow)
				Expect(r.code).To(Equal(0), "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
				Expect(rep.OK).To(BeTrue())
				var why map[string]string
				clean, why = rep.verdicts()
				for _, dc := range defectCheck {
					want := "passed"
					if dc.check == "recovery-single-use" && !s.recovery {
						want = "skipped"
					}
					Expect(clean[dc.check]).To(Equal(want), "%s: %s", dc.check, why[dc.check])
				}
				Expect(clean["wrong-code-refused"]).To(Equal("passed"), why["wrong-code-refused"])
				Expect(r.stdout).To(ContainSubstring("checks:"))
				Expect(filepath.Join(r.dir, "conform.xml")).To(BeAnExistingFile())
			}, SpecTimeout(9*time.Minute))

			for _, dc := range defectCheck {
				It("fails "+dc.check+" and only it under "+dc.defect, func(ctx SpecContext) {
					if clean == nil {
						Skip("the run against the correct mock failed")
					}
					r, rep := conformRun(ctx, s.flow, dc.defect)
					got, why := rep.verdicts()
					if dc.check == "recovery-single-use" && !s.recovery {
						Expect(got[dc.check]).To(Equal("skipped"), why[dc.check])
						Expect(r.code).To(Equal(0), r.stdout)
						return
					}
					Expect(got[dc.check]).To(Equal("failed"), "%s under %s: %s", dc.check, dc.defect, why[dc.check])
					Expect(r.code).To(Equal(1), "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
					for id, v := range clean {
						if id != dc.check {
							Expect(got[id]).To(Equal(v), "%s changed under %s: %s", id, dc.defect, why[id])
						}
					}
				}, SpecTimeout(9*time.Minute))
			}
		})
	}
})

var _ = Describe("enroll conform usage", Label("conform", "usage"), func() {
	It("refuses --mock-defect with --base-url, and an unknown defect, with exit 2", func(ctx SpecContext) {
		r := enroll(ctx, cmdOpts{}, "conform", flowPath("20i.yaml"), "--base-url", "http://127.0.0.1:1", "--mock-defect", "accept-replay")
		Expect(r.code).To(Equal(2), r.stderr)
		Expect(r.stderr).To(ContainSubstring("--mock-defect"))

		r = enroll(ctx, cmdOpts{}, "conform", flowPath("20i.yaml"), "--mock-defect", "accept-everything")
		Expect(r.code).To(Equal(2), r.stderr)
		Expect(r.stderr).To(ContainSubstring("accept-replay"))
	})

	It("reports a malformed expected-failures file at its position with exit 2", func(ctx SpecContext) {
		bad := filepath.Join(GinkgoT().TempDir(), "x.yaml")
		Expect(os.WriteFile(bad, []byte("expected-failures:\n  - flow: 20i\n    check: replay\n"), 0o644)).To(Succeed())
		r := enroll(ctx, cmdOpts{}, "conform", flowPath("20i.yaml"), "--expect-failures", bad)
		Expect(r.code).To(Equal(2), r.stderr)
		Expect(r.stderr).To(ContainSubstring(bad + ":3:12: unknown check"))
		Expect(r.stderr).To(ContainSubstring("the entry needs reason"))
	})
})

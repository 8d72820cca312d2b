package e2e

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"

	"github.com/enroll-dev/enroll/conform/catalog"
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

// conformRun is one finished `enroll conform` run and its JSON report.
type conformRun struct {
	result
	rep conformReport
}

// matrixParallel is how many `enroll conform` runs the kill matrix has going at once:
// one per core, at most 4. On a 2-core machine two at once took 36.5 s where one after
// the other took 40.8 s; four at once were slower than one at a time.
var matrixParallel = min(runtime.NumCPU(), 4)

// conformRuns runs `enroll conform` on one bundled flow (the expected failures its
// conform section lists apply) once per defect, "" meaning none, matrixParallel at a
// time, and returns each run by its defect.
func conformRuns(ctx SpecContext, flowFile string, defects ...string) map[string]conformRun {
	GinkgoHelper()
	type started struct {
		session *gexec.Session
		dir     string
	}
	going := make([]started, len(defects))
	exited := make(chan int, len(defects))
	start := func(i int) {
		args := []string{"conform", flowPath(flowFile), "--report", "json=conform.json", "--report", "junit=conform.xml"}
		if defects[i] != "" {
			args = append(args, "--mock-defect", defects[i])
		}
		cmd, dir := command(cmdOpts{}, args...)
		w := gexec.NewPrefixedWriter("["+flowFile+", "+cmp.Or(defects[i], "no defect")+"] ", GinkgoWriter)
		session, err := gexec.Start(cmd, w, w)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(func() { session.Kill() })
		going[i] = started{session, dir}
		go func() { <-session.Exited; exited <- i }()
	}
	next := 0
	for ; next < min(matrixParallel, len(defects)); next++ {
		start(next)
	}
	runs := map[string]conformRun{}
	for range defects {
		var i int
		select {
		case i = <-exited:
		case <-ctx.Done():
			Fail("the conformance runs did not finish in time: " + ctx.Err().Error())
		}
		if next < len(defects) {
			start(next)
			next++
		}
		g := going[i]
		expectNothingLeftIn(filepath.Join(g.dir, ".tmp"))
		r := result{code: g.session.ExitCode(), stdout: string(g.session.Out.Contents()), stderr: string(g.session.Err.Contents()), dir: g.dir}
		b, err := os.ReadFile(filepath.Join(r.dir, "conform.json"))
		Expect(err).NotTo(HaveOccurred(), "no JSON report under %s; stderr:\n%s", cmp.Or(defects[i], "no defect"), r.stderr)
		var rep conformReport
		Expect(json.Unmarshal(b, &rep)).To(Succeed())
		Expect(rep.Flows).To(HaveLen(1))
		runs[defects[i]] = conformRun{r, rep}
	}
	return runs
}

// defectCheck is the kill matrix: each defect of the bundled mocks and the one check
// it must make fail; needs names what the flow must cover for the check to apply. It
// is read from the conform package's table of checks, the one home of the pairing.
var defectCheck = func() []struct{ defect, check, needs string } {
	var dc []struct{ defect, check, needs string }
	for _, c := range catalog.Checks {
		if c.Defect != "" {
			dc = append(dc, struct{ defect, check, needs string }{c.Defect, c.ID, c.Needs})
		}
	}
	return dc
}()

// conformSite is a flow the matrix probes: one per bundled site, the one that covers
// most checks, Leaseweb's disable flow for the one check only it covers, and the
// myaccount-ack flow for where 2FA switches on.
type conformSite struct {
	site, flow string
	covers     []string // what of defectCheck's needs the flow covers
	only       []string // the defects to run (none: every defect that applies)
}

var conformSites = []conformSite{
	{site: "20i", flow: "20i.yaml"},
	{site: "leaseweb", flow: "leaseweb-recovery-codes.yaml", covers: []string{"recovery"}},
	{site: "myaccount", flow: "myaccount.yaml", covers: []string{"recovery"}},
	{site: "1password", flow: "1password.yaml"},
	{site: "leaseweb", flow: "leaseweb-disable.yaml", covers: []string{"disable"}, only: []string{"no-disable-confirm"}},
	// The site that switches 2FA on only at the backup codes' acknowledgement (enabled-by):
	// clean, and no-confirm (the wrong code, then the acknowledgement, switches it on).
	{site: "myaccount-ack", flow: "testdata/myaccount-ack.yaml", covers: []string{"recovery"}, only: []string{"no-confirm"}},
}

// applies reports whether the flow covers what the defect's check needs.
func (s conformSite) applies(needs string) bool {
	return needs == "" || slices.Contains(s.covers, needs)
}

// runs reports whether the matrix may run the defect against this flow.
func (s conformSite) runs(defect, needs string) bool {
	return s.applies(needs) && (s.only == nil || slices.Contains(s.only, defect))
}

// matrixDefects lists, for each flow of conformSites, the defects the kill matrix runs
// against it. full is the cross product: every defect on every flow that covers its
// check (label conform-full). Otherwise each defect runs on one flow that covers its
// check, the one with the fewest defects so far (the first of those in conformSites), so
// the rows spread over the flows; every row (defect → check) is still proven, and every
// flow still has its clean run (label conform, in make test).
func matrixDefects(full bool) [][]string {
	defects := make([][]string, len(conformSites))
	for _, dc := range defectCheck {
		pick := -1
		for i, s := range conformSites {
			if !s.runs(dc.defect, dc.needs) {
				continue
			}
			if full {
				defects[i] = append(defects[i], dc.defect)
			} else if pick < 0 || len(defects[i]) < len(defects[pick]) {
				pick = i
			}
		}
		if pick >= 0 {
			defects[pick] = append(defects[pick], dc.defect)
		}
	}
	return defects
}

// The kill matrix: label conform (in make test) runs each defect on one flow, label
// conform-full every defect on every flow that covers its check. conform-full runs
// only when the label filter names it.
var _ = Describe("enroll conform kill matrix", func() {
	for _, full := range []bool{false, true} {
		label := map[bool]string{false: "conform", true: "conform-full"}[full]
		defects := matrixDefects(full)
		for i, s := range conformSites {
			Describe(s.flow, Label(label, s.site), Ordered, func() {
				describeMatrix(s, defects[i], full)
			})
		}
	}
})

// describeMatrix is one flow's part of the kill matrix: its clean run, and one run
// per defect.
func describeMatrix(s conformSite, defects []string, full bool) {
	var runs map[string]conformRun

	BeforeAll(func(ctx SpecContext) {
		if full && !strings.Contains(GinkgoLabelFilter(), "conform-full") {
			Skip("the whole cross product runs only when asked for: -ginkgo.label-filter=conform-full")
		}
		runs = conformRuns(ctx, s.flow, append([]string{""}, defects...)...)
	}, NodeTimeout(20*time.Minute))

	It("passes every check a defect can break against the correct mock, and exits 0", func() {
		r := runs[""]
		Expect(r.code).To(Equal(0), "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
		Expect(r.rep.OK).To(BeTrue())
		Expect(s.wrongClean(r)).To(BeEmpty())
		Expect(r.stdout).To(ContainSubstring("checks:"))
		Expect(filepath.Join(r.dir, "conform.xml")).To(BeAnExistingFile())
	})

	for _, dc := range defectCheck {
		if !slices.Contains(defects, dc.defect) {
			continue
		}
		It("fails "+dc.check+" and only it under "+dc.defect, func() {
			if runs[""].code != 0 {
				Skip("the run against the correct mock failed")
			}
			Expect(wrongUnder(runs[""], runs[dc.defect], dc.defect, dc.check)).To(BeEmpty())
		})
	}
}

var _ = Describe("the kill matrix's rows", Label("conform"), func() {
	It("runs every defect in make test, on a flow that covers its check", func() {
		byFlow, all := matrixDefects(false), matrixDefects(true)
		for _, dc := range defectCheck {
			n := 0
			for i := range conformSites {
				if slices.Contains(byFlow[i], dc.defect) {
					n++
					Expect(all[i]).To(ContainElement(dc.defect))
				}
			}
			Expect(n).To(Equal(1), "%s runs on %d flows", dc.defect, n)
		}
	})
})

// wrongClean lists what is wrong with the run against the correct mock: its exit
// status, and every check a defect can break that is not PASSED (SKIPPED where the
// flow does not cover what the check needs).
func (s conformSite) wrongClean(r conformRun) []string {
	var wrong []string
	if r.code != 0 {
		wrong = append(wrong, fmt.Sprintf("no defect: exit %d, not 0", r.code))
	}
	clean, why := r.rep.verdicts()
	for _, dc := range defectCheck {
		want := "passed"
		if !s.applies(dc.needs) {
			want = "skipped"
		}
		if clean[dc.check] != want {
			wrong = append(wrong, fmt.Sprintf("no defect: %s %s, not %s: %s", dc.check, clean[dc.check], want, why[dc.check]))
		}
	}
	return wrong
}

// wrongUnder lists every wrong verdict of the run under a defect: its check not
// FAILED, another check not as against the correct mock, an exit status not 1.
func wrongUnder(clean, r conformRun, defect, check string) []string {
	var wrong []string
	base, _ := clean.rep.verdicts()
	got, why := r.rep.verdicts()
	if got[check] != "failed" {
		wrong = append(wrong, fmt.Sprintf("%s: %s %s, not failed: %s", defect, check, got[check], why[check]))
	}
	if r.code != 1 {
		wrong = append(wrong, fmt.Sprintf("%s: exit %d, not 1", defect, r.code))
	}
	for id, v := range base {
		// A check that needs the broken property to hold first says so, SKIPPED.
		if id != check && got[id] == "skipped" && strings.HasPrefix(why[id], check+" is FAILED: ") {
			continue
		}
		if id != check && got[id] != v {
			wrong = append(wrong, fmt.Sprintf("%s: %s changed from %s to %s: %s", defect, id, v, got[id], why[id]))
		}
	}
	slices.Sort(wrong)
	return wrong
}

// The repetition command (docs/conformance.md): the 20i rows of the kill matrix,
// ENROLL_CONFORM_REPEAT times, with a busy loop on every core beside them, counting
// wrong verdicts. It proves verdicts do not depend on how loaded the machine is. Not
// part of make test (it is skipped unless the variable is set):
//
//	ENROLL_CONFORM_REPEAT=30 go test ./e2e/ -count=1 -timeout 600m -ginkgo.label-filter=conform-repeat -ginkgo.v
var _ = Describe("enroll conform under load", Label("conform-repeat"), func() {
	It("gives the kill matrix's verdicts on 20i in every round, with a CPU hog beside it", func(ctx SpecContext) {
		rounds, _ := strconv.Atoi(os.Getenv("ENROLL_CONFORM_REPEAT"))
		if rounds <= 0 {
			Skip("set ENROLL_CONFORM_REPEAT=N to run the 20i kill-matrix rows N times under load")
		}
		stop := hogCPU()
		defer stop()
		s := conformSites[0]
		Expect(s.flow).To(Equal("20i.yaml"))
		defects := []string{""}
		for _, dc := range defectCheck {
			if s.runs(dc.defect, dc.needs) {
				defects = append(defects, dc.defect)
			}
		}
		var wrong []string
		start := time.Now()
		for round := 1; round <= rounds; round++ {
			runs := conformRuns(ctx, s.flow, defects...)
			w := s.wrongClean(runs[""])
			for _, dc := range defectCheck {
				if s.runs(dc.defect, dc.needs) {
					w = append(w, wrongUnder(runs[""], runs[dc.defect], dc.defect, dc.check)...)
				}
			}
			fmt.Fprintf(GinkgoWriter, "round %d of %d: %d runs, %d wrong verdicts (%s so far)\n", round, rounds, len(defects), len(w), time.Since(start).Round(time.Second))
			for _, x := range w {
				wrong = append(wrong, fmt.Sprintf("round %d: %s", round, x))
				fmt.Fprintf(GinkgoWriter, "  wrong: %s\n", x)
			}
		}
		fmt.Fprintf(GinkgoWriter, "%d rounds of %d runs under load: %d wrong verdicts in %s\n", rounds, len(defects), len(wrong), time.Since(start).Round(time.Second))
		Expect(wrong).To(BeEmpty())
	}, NodeTimeout(24*time.Hour))
})

// hogCPU keeps every core busy with a loop until the returned stop is called.
func hogCPU() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				for i := range 1_000_000 {
					x ^= i
				}
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

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
		Expect(r.stderr).To(ContainSubstring(bad + ":2:5: an entry needs reason"))
	})
})

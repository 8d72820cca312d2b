package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/mocksites"
)

var _ = Describe("the command line", Label("usage"), func() {
	It("reports every problem of a malformed flow as file:line:col and exits 2, before starting a browser", func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		b, err := os.ReadFile(filepath.Join(repoRoot, "e2e", "testdata", "malformed.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "malformed.yaml"), b, 0o644)).To(Succeed())
		want := []string{
			`malformed.yaml:9:9: unknown action "clik" \(did you mean "click"\?\)`,
			`malformed.yaml:10:38: unknown reference \$\{account\.emial\} \(did you mean "account\.email"\?\)`,
			`malformed.yaml:12:14: invalid duration "ten"`,
		}
		for _, cmd := range []string{"run", "validate"} {
			r := enroll(ctx, cmdOpts{dir: dir}, cmd, "malformed.yaml")
			Expect(r.code).To(Equal(2), "enroll %s: %s", cmd, r.stderr)
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			Expect(lines).To(HaveLen(len(want)), "enroll %s: one line per problem:\n%s", cmd, r.stderr)
			for i, w := range want {
				Expect(lines[i]).To(MatchRegexp(`^`+w), "enroll %s", cmd)
			}
			Expect(r.stdout).To(BeEmpty())
		}
		Expect(filepath.Join(dir, "artifacts")).NotTo(BeADirectory())
	})

	It("exits 3 with the install hint when Chromium is missing", func(ctx SpecContext) {
		r := enroll(ctx, cmdOpts{env: []string{"ENROLL_CHROME=/nonexistent/chromium"}}, "run", "--report", "json=report.json", flowPath("20i.yaml"))
		Expect(r.code).To(Equal(3), r.stderr)
		Expect(r.stderr).To(MatchRegexp(`^enroll run: browser: chromium not found: ENROLL_CHROME "/nonexistent/chromium": .+; ` +
			q(`install it (Debian/Ubuntu: apt-get install -y chromium chromium-headless-shell) or point ENROLL_CHROME or --chrome at the binary`) + "\n$"))
		js := readJSONReport(filepath.Join(r.dir, "report.json"))
		Expect(js.Summary).To(Equal(jsonCounts{Flows: 1, Skipped: 1}), "the report says nothing ran")
	})

	It("prints a code with 'enroll code' and refuses a bad URI with exit 2", func(ctx SpecContext) {
		// RFC 6238 Appendix B, SHA1, T=59.
		r := enroll(ctx, cmdOpts{}, "code", "--at", "59", "otpauth://totp/ACME:qa?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8")
		Expect(r.code).To(Equal(0), r.stderr)
		Expect(r.stdout).To(Equal("94287082\n"))

		r = enroll(ctx, cmdOpts{}, "code", "otpauth://totp/ACME:qa?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA-256")
		Expect(r.code).To(Equal(2))
		Expect(r.stderr).To(ContainSubstring(`"algorithm"`))
		Expect(r.stdout).To(BeEmpty())
	})

	It("lists and validates every bundled flow and site, and describes the format", func(ctx SpecContext) {
		r := enroll(ctx, cmdOpts{}, "list")
		Expect(r.code).To(Equal(0), r.stderr)
		flows, _ := filepath.Glob(flowPath("*.yaml"))
		Expect(flows).NotTo(BeEmpty())
		for _, f := range flows {
			Expect(r.stdout).To(ContainSubstring(strings.TrimSuffix(filepath.Base(f), ".yaml")))
		}
		for _, s := range mocksites.Names() {
			Expect(r.stdout).To(ContainSubstring(s))
		}

		r = enroll(ctx, cmdOpts{}, append([]string{"validate"}, flows...)...)
		Expect(r.code).To(Equal(0), r.stderr)

		r = enroll(ctx, cmdOpts{}, "help", "steps")
		Expect(r.code).To(Equal(0), r.stderr)
		for _, k := range []string{"click", "fill", "scan-qr", "type-code", "wait", "use"} {
			Expect(r.stdout).To(ContainSubstring(k))
		}

		r = enroll(ctx, cmdOpts{}, "help", "schema")
		Expect(r.code).To(Equal(0), r.stderr)
		var schema struct {
			Schema string `json:"$schema"`
		}
		Expect(json.Unmarshal([]byte(r.stdout), &schema)).To(Succeed())
		Expect(schema.Schema).NotTo(BeEmpty())
	})
})

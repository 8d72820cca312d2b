package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
)

// exportRun runs a bundled flow against `enroll serve --control` with --export out and
// a JSON report, and checks what every export run must show: exit 0, the warning, the
// folder (0700) and its files (0600) as the report lists them, and no secret outside
// out/ while out/ does hold the site's secrets (so the leak check looks at them).
func exportRun(ctx SpecContext, name string, wantFiles []string) (result, issued) {
	GinkgoHelper()
	path := flowPath(name)
	f := parseFlow(path)
	site := serve(ctx, f.Site.Mock)
	r := enroll(ctx, cmdOpts{env: accountEnv(f, site)},
		"run", "--base-url", site.url, "--export", "out", "--report", "json=report.json", path)
	Expect(r.code).To(Equal(0), "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	base := strings.TrimSuffix(name, ".yaml")
	Expect(r.stderr).To(ContainSubstring("enroll run: warning: --export out will hold live secrets"))
	Expect(r.stderr).To(ContainSubstring("enroll run: " + base + ": exported to out/" + base + " ("))

	js := readJSONReportRaw(filepath.Join(r.dir, "report.json"))
	Expect(js.Flows).To(HaveLen(1))
	Expect(js.Flows[0].Export).NotTo(BeNil(), "the JSON report does not say where the export went")
	Expect(js.Flows[0].Export.Dir).To(Equal("out/" + base))
	Expect(js.Flows[0].Export.Files).To(Equal(wantFiles))

	expectMode(filepath.Join(r.dir, "out"), export.DirMode)
	dir := filepath.Join(r.dir, "out", base)
	expectMode(dir, export.DirMode)
	entries, err := os.ReadDir(dir)
	Expect(err).NotTo(HaveOccurred())
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		expectMode(filepath.Join(dir, e.Name()), export.FileMode)
	}
	Expect(names).To(ConsistOf(wantFiles), "files in %s", dir)

	is := site.issued(ctx)
	outside, inside := splitAt(outputsOf(r, output{"enroll serve's log", site.session.Err.Contents()}), "out")
	Expect(inside).To(HaveLen(len(wantFiles)))
	expectNoSecretIn(outside, is, true)
	held := false
	for _, o := range inside {
		for _, n := range needles(is) {
			held = held || n.contains(o.data)
		}
	}
	Expect(held).To(BeTrue(), "no secret the site issued is in out/: the export did not hand it over")
	return r, is
}

func expectMode(path string, want os.FileMode) {
	GinkgoHelper()
	fi, err := os.Stat(path)
	Expect(err).NotTo(HaveOccurred())
	Expect(fi.Mode().Perm()).To(Equal(want), "mode of %s", path)
}

// jsonExportReport is the part of the JSON report the export specs read.
type jsonExportReport struct {
	Flows []struct {
		Export *struct {
			Dir   string   `json:"dir"`
			Files []string `json:"files"`
		} `json:"export"`
	} `json:"flows"`
}

func readJSONReportRaw(path string) jsonExportReport {
	GinkgoHelper()
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	var r jsonExportReport
	Expect(json.Unmarshal(b, &r)).To(Succeed())
	return r
}

var _ = Describe("enroll run --export", Label("export"), func() {
	It("hands 20i's credential over in every format, which enroll code reads back to the site's codes", Label("20i"), SpecTimeout(4*time.Minute), func(ctx SpecContext) {
		files := []string{"app.otpauth.txt", "app.otpauth.png", export.AegisFile, export.TwoFASFile, export.MigrationFile, export.MigrationQRFile}
		r, is := exportRun(ctx, "20i.yaml", files)
		Expect(is.Secrets).To(HaveLen(1))
		secret, err := otp.DecodeSecret(is.Secrets[0])
		Expect(err).NotTo(HaveOccurred())
		site := &otp.Key{Secret: secret, Digits: 6, Period: 30} // the flow expects 6 digits, 30 s
		dir := filepath.Join("out", "20i")
		uri, err := os.ReadFile(filepath.Join(r.dir, dir, "app.otpauth.txt"))
		Expect(err).NotTo(HaveOccurred())
		exported, err := otp.Parse(string(uri))
		Expect(err).NotTo(HaveOccurred())
		Expect(exported.Issuer).To(Equal("20i"))

		// The QR codes hold what the text files hold.
		for _, png := range []string{"app.otpauth", "google-authenticator"} {
			b, err := os.ReadFile(filepath.Join(r.dir, dir, png+".png"))
			Expect(err).NotTo(HaveOccurred())
			text, err := qr.DecodeBytes(b)
			Expect(err).NotTo(HaveOccurred(), "%s.png", png)
			txt, err := os.ReadFile(filepath.Join(r.dir, dir, png+".txt"))
			Expect(err).NotTo(HaveOccurred())
			Expect(text + "\n").To(Equal(string(txt)))
		}
		// enroll code reads every text file and prints the site's code at each time.
		for _, at := range []int64{59, 1700000000, 1700000029, 1700000030, 2000000000} {
			want := site.Code(time.Unix(at, 0))
			for _, f := range []string{"app.otpauth.txt", export.AegisFile, export.TwoFASFile, export.MigrationFile} {
				c := enroll(ctx, cmdOpts{dir: r.dir}, "code", "--at", strconv.FormatInt(at, 10), filepath.Join(dir, f))
				Expect(c.code).To(Equal(0), "enroll code %s: %s", f, c.stderr)
				line := want
				if f != "app.otpauth.txt" {
					line += "  " + export.Label(exported)
				}
				Expect(c.stdout).To(Equal(line+"\n"), "enroll code --at %d %s", at, f)
			}
		}
	})

	It("hands Leaseweb's credential and recovery codes over, the codes as the site issued them", Label("leaseweb"), SpecTimeout(4*time.Minute), func(ctx SpecContext) {
		files := []string{"app.otpauth.txt", "app.otpauth.png", export.AegisFile, export.TwoFASFile, export.MigrationFile, export.MigrationQRFile, export.RecoveryCodesFile}
		r, is := exportRun(ctx, "leaseweb-recovery-codes.yaml", files)
		b, err := os.ReadFile(filepath.Join(r.dir, "out", "leaseweb-recovery-codes", export.RecoveryCodesFile))
		Expect(err).NotTo(HaveOccurred())
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		Expect(lines[0]).To(Equal("# codes"))
		Expect(is.Recovery).To(HaveLen(10))
		Expect(slices.Sorted(slices.Values(lines[1:]))).To(Equal(slices.Sorted(slices.Values(is.Recovery))))
	})
})

// Package e2e runs the enroll binary as a user would: built once, started as a
// process in a fresh working directory against bundled mock sites in real headless
// Chromium, with its exit code, output, reports and artifacts checked. Run it with
// `go test ./e2e/` (or `make e2e`); ginkgo flags pass through go test, e.g.
// `go test ./e2e/ -ginkgo.label-filter=20i -ginkgo.v`.
//
// Every spec that starts Chromium gives enroll its own TMPDIR and checks that the run
// left nothing in it: no temporary profile, no Chromium socket directory.
package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"

	"github.com/enroll-dev/enroll/internal/browser"
)

func TestE2E(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "enroll end-to-end")
}

// enrollBin is the enroll binary built for this run.
var enrollBin string

// repoRoot is the repository's root, where flows/ lives. It is known while the spec
// tree is built, so the table of bundled flows can list flows/*.yaml.
var repoRoot = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}()

var _ = SynchronizedBeforeSuite(func() []byte {
	requireChromium()
	bin, err := gexec.Build("github.com/enroll-dev/enroll/cmd/enroll")
	Expect(err).NotTo(HaveOccurred())
	return []byte(bin)
}, func(bin []byte) {
	enrollBin = string(bin)
})

var _ = SynchronizedAfterSuite(func() {}, func() {
	gexec.CleanupBuildArtifacts()
})

// requireChromium skips the suite when no Chromium is installed, except in CI where
// its absence is a failure: CI must install it (.ci/run does).
func requireChromium() {
	if chromiumPath() != "" {
		return
	}
	if os.Getenv("CI") != "" {
		Fail("Chromium is not installed (CI must install it: apt-get install -y chromium)")
	}
	Skip("Chromium is not installed (apt-get install -y chromium)")
}

// chromiumPath is the Chromium installed ($ENROLL_CHROME, the Debian binary, then the
// PATH), "" when there is none.
func chromiumPath() string {
	p, err := browser.FindChrome("", true, nil)
	if err != nil {
		return ""
	}
	return p
}

// result is a finished enroll process.
type result struct {
	code   int
	stdout string
	stderr string
	dir    string // the working directory it ran in (reports and artifacts are there)
}

// cmdOpts says how to start enroll.
type cmdOpts struct {
	dir string   // working directory; a fresh temporary one when empty
	env []string // added to a cleaned environment (NAME=value)
}

// command prepares enroll with args in its working directory, with a private TMPDIR
// (dir/.tmp, created) and without the caller's ENROLL_* variables except ENROLL_CHROME.
func command(o cmdOpts, args ...string) (*exec.Cmd, string) {
	GinkgoHelper()
	if o.dir == "" {
		o.dir = GinkgoT().TempDir()
	}
	tmp := filepath.Join(o.dir, ".tmp")
	Expect(os.MkdirAll(tmp, 0o755)).To(Succeed())
	cmd := exec.Command(enrollBin, args...)
	cmd.Dir = o.dir
	for _, kv := range os.Environ() {
		if (strings.HasPrefix(kv, "ENROLL_") && !strings.HasPrefix(kv, "ENROLL_CHROME=")) || strings.HasPrefix(kv, "TMPDIR=") {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	cmd.Env = append(cmd.Env, o.env...)
	return cmd, o.dir
}

// enroll runs the binary with args and waits for it (at most 3 minutes). It checks
// that the run left nothing in its TMPDIR.
func enroll(ctx SpecContext, o cmdOpts, args ...string) result {
	GinkgoHelper()
	cmd, dir := command(o, args...)
	session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { session.Kill() })
	keepOnFailure(dir)
	Eventually(ctx, session).WithTimeout(3 * time.Minute).Should(gexec.Exit())
	expectNothingLeftIn(filepath.Join(dir, ".tmp"))
	return result{
		code:   session.ExitCode(),
		stdout: string(session.Out.Contents()),
		stderr: string(session.Err.Contents()),
		dir:    dir,
	}
}

// expectNothingLeftIn checks that enroll removed its temporary profile and that
// Chromium left no socket or lock directory in the TMPDIR it was given.
func expectNothingLeftIn(tmp string) {
	GinkgoHelper()
	entries, err := os.ReadDir(tmp)
	Expect(err).NotTo(HaveOccurred())
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	Expect(names).To(BeEmpty(), "left behind in enroll's TMPDIR %s", tmp)
}

// flowPath is the absolute path of a file under the repository's flows/.
func flowPath(name string) string { return filepath.Join(repoRoot, "flows", name) }

// keepOnFailure copies a run's working folder (reports, artifacts, flow copies) to
// e2e/reports/<spec>/ when the spec fails, because its temporary folder is removed
// after the spec; the report entry says where.
func keepOnFailure(dir string) {
	DeferOnFailure(func() {
		name := regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(CurrentSpecReport().FullText(), "-")
		name = name[:min(len(name), 100)]
		dst := filepath.Join(repoRoot, "e2e", "reports", name, filepath.Base(dir))
		_ = os.RemoveAll(dst)
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
				return err
			}
			// Keep the file's own mode: an export of credentials is 0600 and stays so.
			return os.WriteFile(filepath.Join(dst, rel), b, info.Mode().Perm())
		})
		if err == nil {
			AddReportEntry("the run's reports and artifacts were kept in", dst)
		}
	})
}

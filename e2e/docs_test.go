package e2e

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/guidedoc"
)

// A doc writer's way through guide 003: enroll draft gives a flow whose steps are the
// guide's headings and which validates once its suggestions are uncommented; enroll
// docs renders the guide from flows/20i.yaml against a served mock, twice into the same
// folder: the same Markdown and HTML, no image to review the second time, and no
// secret and no readable QR code anywhere; and on its bundled mock (frozen clocks,
// seeded secrets) twice with every pixel the same, then cropped and highlighted.
var _ = Describe("guides both ways", Label("docs", "20i"), func() {
	It("drafts guide 003 into a flow that validates once uncommented", func(ctx SpecContext) {
		guide := filepath.Join(repoRoot, "guides", "003_13c50cf616da0fba.txt")
		r := enroll(ctx, cmdOpts{}, "draft", guide)
		Expect(r.code).To(Equal(0), r.stderr)
		Expect(r.stderr).To(BeEmpty())
		f := parseFlow(flowPath("20i.yaml"))
		for _, s := range f.Steps[:6] {
			Expect(r.stdout).To(ContainSubstring("  - step: "+s.Title+"\n"), "the draft has flows/20i.yaml's heading")
		}
		uncommented := regexp.MustCompile(`(?m)^(\s*)# (- .*)$`).ReplaceAllString(r.stdout, "$1$2")
		Expect(uncommented).NotTo(Equal(r.stdout), "nothing to uncomment")
		Expect(os.WriteFile(filepath.Join(r.dir, "draft.yaml"), []byte(uncommented), 0o644)).To(Succeed())
		v := enroll(ctx, cmdOpts{dir: r.dir}, "validate", "draft.yaml")
		Expect(v.code).To(Equal(0), v.stderr)

		bad := enroll(ctx, cmdOpts{}, "draft", filepath.Join(repoRoot, "guides", "002_5e6c8b86b932750b.txt"))
		Expect(bad.code).To(Equal(2))
		Expect(bad.stderr).To(ContainSubstring("no numbered headings"))
		Expect(bad.stdout).To(BeEmpty())
	})

	It("renders guide 003 from flows/20i.yaml twice, identically, with no secret", SpecTimeout(5*time.Minute), func(ctx SpecContext) {
		requireChromium()
		path := flowPath("20i.yaml")
		f := parseFlow(path)
		site := serve(ctx, f.Site.Mock)
		dir := GinkgoT().TempDir()
		args := []string{"docs", "--base-url", site.url, "--guides", filepath.Join(repoRoot, "guides"), "--out", "guide", path}

		first := enroll(ctx, cmdOpts{dir: dir, env: accountEnv(f, site)}, args...)
		Expect(first.code).To(Equal(0), first.stderr)
		Expect(first.stdout).To(ContainSubstring("wrote guide/index.md and guide/index.html (7 images)\n"))
		md1, err := os.ReadFile(filepath.Join(dir, "guide", "index.md"))
		Expect(err).NotTo(HaveOccurred())
		html1, err := os.ReadFile(filepath.Join(dir, "guide", "index.html"))
		Expect(err).NotTo(HaveOccurred())
		for i, s := range f.Steps {
			Expect(string(md1)).To(ContainSubstring("\n## %d. %s\n", i+1, s.Title))
		}
		Expect(string(md1)).To(ContainSubstring("| 2. Security Details | Security Details | shown |"))

		// A new mock for the second render: the first one's account has 2FA on now.
		site2 := serve(ctx, f.Site.Mock)
		args[2] = site2.url
		second := enroll(ctx, cmdOpts{dir: dir, env: accountEnv(f, site2)}, args...)
		Expect(second.code).To(Equal(0), second.stderr)
		Expect(second.stdout).NotTo(ContainSubstring("to review"), "an image changed between two renders of the same site")
		Expect(os.ReadFile(filepath.Join(dir, "guide", "index.md"))).To(Equal(md1))
		Expect(os.ReadFile(filepath.Join(dir, "guide", "index.html"))).To(Equal(html1))

		outs := outputsOf(second, output{"first stdout", []byte(first.stdout)}, output{"first stderr", []byte(first.stderr)},
			output{"enroll serve's log", site.session.Err.Contents()}, output{"the second enroll serve's log", site2.session.Err.Contents()})
		var images int
		for _, o := range outs {
			if strings.HasPrefix(o.name, filepath.Join("guide", "images")+string(filepath.Separator)) {
				images++
			}
		}
		Expect(images).To(Equal(7), "one image per step in the rendered guide")
		expectNoSecretIn(outs, site.issued(ctx), true)
		expectNoSecretIn(outs, site2.issued(ctx), true)
	})

	It("renders guide 003 on its bundled mock twice with the same pixels, and crops and highlights", SpecTimeout(6*time.Minute), func(ctx SpecContext) {
		requireChromium()
		path := flowPath("20i.yaml")
		dir := GinkgoT().TempDir()
		docs := func(out string, flags ...string) result {
			args := append([]string{"docs", "--guides", filepath.Join(repoRoot, "guides"), "--out", out}, flags...)
			r := enroll(ctx, cmdOpts{dir: dir}, append(args, path)...)
			Expect(r.code).To(Equal(0), r.stderr)
			return r
		}
		first, second := docs("a"), docs("b")
		for _, name := range []string{"index.md", "index.html"} {
			Expect(os.ReadFile(filepath.Join(dir, "b", name))).To(Equal(must(os.ReadFile(filepath.Join(dir, "a", name)))), name)
		}
		shots, err := filepath.Glob(filepath.Join(dir, "a", "images", "*.png"))
		Expect(err).NotTo(HaveOccurred())
		Expect(shots).To(HaveLen(7))
		for _, a := range shots {
			b := filepath.Join(dir, "b", "images", filepath.Base(a))
			Expect(guidedoc.Diff(decodePNG(a), decodePNG(b))).To(BeZero(), "%s: pixels differ between two renders on the bundled mock", filepath.Base(a))
		}
		md := string(must(os.ReadFile(filepath.Join(dir, "a", "index.md"))))
		Expect(md).To(ContainSubstring("| 2. Security Details | Security Details | shown |"))
		Expect(md).To(MatchRegexp(`\| 3\. Two-Factor Authentication Security \| Navigate to Two-Factor Authentication \| not shown; on screen instead: "Two-Factor Authentication", `),
			"a label the flow never looks for is checked on the page, with the labels most like it first")

		// Cropped and highlighted into a's folder: the pictures of the steps that act on
		// an element still to be seen are smaller, and they are new since the last render.
		third := docs("a", "--crop", "--highlight")
		Expect(third.stdout).To(ContainSubstring("to review"))
		cropped := 0
		for _, a := range shots {
			img := decodePNG(a)
			if img.Bounds().Dx() < 1280 {
				cropped++
			}
		}
		Expect(cropped).To(BeNumerically(">=", 4), "most steps act on an element still on the page")
		outs := outputsOf(third, output{"first stdout", []byte(first.stdout)}, output{"second stdout", []byte(second.stdout)})
		expectNoReadableQR(outs)
	})
})

func decodePNG(path string) image.Image {
	GinkgoHelper()
	f, err := os.Open(path)
	Expect(err).NotTo(HaveOccurred())
	defer f.Close()
	img, err := png.Decode(f)
	Expect(err).NotTo(HaveOccurred(), path)
	return img
}

func must[T any](v T, err error) T {
	GinkgoHelper()
	Expect(err).NotTo(HaveOccurred())
	return v
}

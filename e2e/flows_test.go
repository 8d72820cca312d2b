package e2e

import (
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/mocksites"
)

// bundledFlows is one table entry per flows/*.yaml, labelled with the flow's site, so
// a new flow joins the suite by being added to flows/.
func bundledFlows() []TableEntry {
	names, _ := filepath.Glob(flowPath("*.yaml"))
	var entries []TableEntry
	for _, p := range names {
		name := filepath.Base(p)
		site := "invalid-flow" // the spec fails on the parse error and says why
		if f, err := flow.ParseFile(p); err == nil {
			site = f.Site.Mock
		}
		entries = append(entries, Entry(name, Label(site), SpecTimeout(4*time.Minute), name))
	}
	return entries
}

// Each bundled flow runs once, as a tester points it at a site: the mock is started
// on its own by `enroll serve --control SITE`, and the flow runs with --base-url and
// the account in environment variables. The same run is checked for the reports'
// content and, by value, for every secret the site issued or accepted.
var _ = DescribeTable("every bundled flow passes, reports each guide step and leaks no secret",
	func(ctx SpecContext, name string) {
		path := flowPath(name)
		f := parseFlow(path)
		site := serve(ctx, f.Site.Mock)

		r := enroll(ctx, cmdOpts{env: accountEnv(f, site)},
			"run", "-v", "--base-url", site.url, "--report", "json=report.json", "--report", "junit=report.xml",
			"--report", "html=report.html", "--report", "markdown=report.md", path)
		Expect(r.code).To(Equal(0), "stdout:\n%s", r.stdout)
		Expect(r.stdout).To(MatchRegexp(`(?m)^1 flow: 1 passed \([0-9.]+m?s\)$`))

		js := readJSONReport(filepath.Join(r.dir, "report.json"))
		Expect(js.Status).To(Equal("passed"))
		Expect(js.Summary).To(Equal(jsonCounts{Flows: 1, Passed: 1}))
		Expect(js.Flows).To(HaveLen(1))
		jf := js.Flows[0]
		Expect(jf.File).To(Equal(path))
		Expect(jf.Guide).To(Equal(f.Guide.Title))
		Expect(jf.Source).To(Equal(f.Guide.Source))
		Expect(jf.Status).To(Equal("passed"))
		Expect(jf.Failure).To(BeNil())

		ju := readJUnitReport(filepath.Join(r.dir, "report.xml"))
		Expect(ju.Failures).To(Equal(0))
		Expect(ju.Suites).To(HaveLen(1))
		Expect(ju.Suites[0].Name).To(Equal(f.Guide.Title))
		expectStepsOf(f, jf, ju.Suites[0])
		for i, s := range jf.Steps {
			Expect(s.Status).To(Equal("passed"), "step %d %q", i+1, s.Title)
			Expect(s.DurationMs).To(BeNumerically(">", 0), "step %d %q", i+1, s.Title)
			expectFileIn(r.dir, s.Screenshot)
			c := ju.Suites[0].Cases[i]
			Expect(c.Failure).To(BeNil(), "JUnit case %q", c.Name)
			Expect(c.Skipped).To(BeNil(), "JUnit case %q", c.Name)
			Expect(c.Time).To(BeNumerically(">", 0), "JUnit case %q", c.Name)
		}

		expectNoSecretIn(outputsOf(r, output{"enroll serve's log", site.session.Err.Contents()}), site.issued(ctx), scansQR(f))
	},
	bundledFlows(),
)

// accountEnv gives the environment variables a flow's account refers to
// (`${env.ENROLL_20I_EMAIL}`, ...) the served mock's seeded account, as a tester
// would export them for a staging site.
func accountEnv(f *flow.Flow, site *servedSite) []string {
	GinkgoHelper()
	s, ok := mocksites.Lookup(site.name)
	Expect(ok).To(BeTrue(), "no bundled site %q", site.name)
	Expect(s.Account.Email).To(Equal(site.email))
	var env []string
	for _, v := range []struct {
		t     flow.Template
		value string
	}{
		{f.Account.Email, s.Account.Email},
		{f.Account.Password, s.Account.Password.Reveal()},
		{f.Account.Phone, s.Account.Phone},
	} {
		for _, p := range v.t.Parts {
			if p.Ref != nil && strings.HasPrefix(p.Ref.Name, "env.") {
				env = append(env, strings.TrimPrefix(p.Ref.Name, "env.")+"="+v.value)
			}
		}
	}
	Expect(env).NotTo(BeEmpty(), "flow %s takes no account from the environment: it cannot run against a staging site", f.Pos.File)
	return env
}

// scansQR reports whether the flow scans a QR code (and so the site issues a TOTP
// secret); the SMS method's flow does not.
func scansQR(f *flow.Flow) bool {
	scans := func(actions []flow.Action) bool {
		for _, a := range actions {
			if _, ok := a.(*flow.ScanQR); ok {
				return true
			}
		}
		return false
	}
	for _, s := range f.Steps {
		if scans(s.Actions) {
			return true
		}
	}
	for _, fr := range f.Fragments {
		if scans(fr.Actions) {
			return true
		}
	}
	return false
}

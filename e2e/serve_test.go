package e2e

import (
	"encoding/json"
	"net/http"
	"regexp"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// servedSite is a bundled mock started by `enroll serve --control SITE` in its own
// process, as a tester would start it to point flows at it with --base-url.
type servedSite struct {
	name    string
	url     string
	email   string
	session *gexec.Session // its stderr holds the site's log, checked for leaks too
}

// serveLine is what `enroll serve` prints per site: name, base URL, account email.
var serveLine = regexp.MustCompile(`(?m)^(\S+) (http://127\.0\.0\.1:\d+) (\S+)$`)

// serve starts `enroll serve --control site` and waits for its line; the process is
// interrupted (and must exit 0) when the spec ends.
func serve(ctx SpecContext, site string) *servedSite {
	GinkgoHelper()
	cmd, _ := command(cmdOpts{}, "serve", "--control", site)
	session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func(ctx SpecContext) {
		session.Interrupt()
		Eventually(ctx, session).WithTimeout(10 * time.Second).Should(gexec.Exit(0))
	})
	Eventually(ctx, session.Out).WithTimeout(30 * time.Second).Should(gbytes.Say(`\n`))
	m := serveLine.FindStringSubmatch(string(session.Out.Contents()))
	Expect(m).NotTo(BeNil(), "enroll serve printed %q", session.Out.Contents())
	Expect(m[1]).To(Equal(site))
	return &servedSite{name: m[1], url: m[2], email: m[3], session: session}
}

// issued is what a mock site issued or accepted: GET /_mock/issued.
type issued struct {
	Secrets   []string `json:"secrets"`
	Codes     []string `json:"codes"`
	Recovery  []string `json:"recovery"`
	Passwords []string `json:"passwords"`
}

// issued asks the site for every secret value it issued or accepted so far.
func (s *servedSite) issued(ctx SpecContext) issued {
	GinkgoHelper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/_mock/issued", nil)
	Expect(err).NotTo(HaveOccurred())
	resp, err := http.DefaultClient.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	Expect(resp.StatusCode).To(Equal(http.StatusOK))
	var is issued
	Expect(json.NewDecoder(resp.Body).Decode(&is)).To(Succeed())
	return is
}

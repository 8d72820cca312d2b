package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// servePool starts `enroll serve --control --accounts n --pool pool.csv 20i` in dir, as a
// tester starts a shared mock for several flows at once, and returns its base URL, the
// accounts it printed and the process, whose stderr is the site's log. It is
// interrupted (and must exit 0) when the spec ends.
func servePool(ctx SpecContext, dir string, n int) (string, []string, *gexec.Session) {
	GinkgoHelper()
	cmd, _ := command(cmdOpts{dir: dir}, "serve", "--control", "--accounts", fmt.Sprint(n), "--pool", "pool.csv", "20i")
	session, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func(ctx SpecContext) {
		session.Interrupt()
		Eventually(ctx, session).WithTimeout(10 * time.Second).Should(gexec.Exit(0))
	})
	Eventually(ctx, session.Out).WithTimeout(30 * time.Second).Should(gbytes.Say(strings.Repeat(`20i \S+ \S+\n`, n)))
	var url string
	var emails []string
	for _, m := range serveLine.FindAllStringSubmatch(string(session.Out.Contents()), -1) {
		url = m[2]
		emails = append(emails, m[3])
	}
	Expect(emails).To(HaveLen(n))
	Expect(filepath.Join(dir, "pool.csv")).To(BeARegularFile())
	return url, emails, session
}

// accountEvent is a sign-in or an enrollment event of the site's log.
type accountEvent struct {
	at   time.Time
	what string // "signed in second_factor=false", "enrollment started", "2fa enabled", ...
}

// siteEvent is a log line of the mock that names an account (kit logs every sign-in
// and enrollment so): its time, the event and the account's email.
var siteEvent = regexp.MustCompile(`(?m)^time=(\S+) level=\w+ msg="([^"]+)" site=20i (.*?)account=(\S+)$`)

// eventsByAccount reads the site's log: each account's events, in order.
func eventsByAccount(log []byte) map[string][]accountEvent {
	GinkgoHelper()
	out := map[string][]accountEvent{}
	for _, m := range siteEvent.FindAllStringSubmatch(string(log), -1) {
		at, err := time.Parse(time.RFC3339Nano, m[1])
		Expect(err).NotTo(HaveOccurred())
		what := m[2]
		if strings.Contains(m[3], "second_factor=") {
			what += " " + strings.TrimSpace(m[3])
		}
		out[m[4]] = append(out[m[4]], accountEvent{at, what})
	}
	return out
}

// oneRunEach checks that every account in emails was used by exactly one run of
// flows/20i.yaml, and no other account at all: it signed in without a passcode, was
// enrolled once, and signed in with a passcode, in that order. It returns when each
// account's run began and ended, by the site's log.
func oneRunEach(events map[string][]accountEvent, emails []string) (first, last []time.Time) {
	GinkgoHelper()
	Expect(events).To(HaveLen(len(emails)), "accounts the site's log names: %v", events)
	for _, e := range emails {
		var whats []string
		for _, ev := range events[e] {
			whats = append(whats, ev.what)
		}
		Expect(whats).To(Equal([]string{"signed in second_factor=false", "enrollment started", "2fa enabled", "signed in second_factor=true"}),
			"the events of %s: one flow run, alone on it", e)
		first = append(first, events[e][0].at)
		last = append(last, events[e][len(events[e])-1].at)
	}
	return first, last
}

var _ = Describe("Account pools", Label("scale"), func() {
	BeforeEach(requireChromium)

	It("runs four copies of one flow at once on one served mock, each leasing an account of its own", func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		url, emails, served := servePool(ctx, dir, 4)
		var files []string
		for i := 1; i <= 4; i++ {
			files = append(files, fmt.Sprintf("20i-%d.yaml", i))
			copyFlow(dir, "20i.yaml", files[i-1])
		}
		args := append([]string{"run", "-j", "4", "--screenshots", "failures", "--base-url", url,
			"--accounts", "pool.csv", "--report", "json=r.json"}, files...)
		res := enroll(ctx, cmdOpts{dir: dir}, args...)
		Expect(res.code).To(Equal(0), res.stderr)
		rep := readJSONReport(filepath.Join(dir, "r.json"))
		Expect(rep.Summary.Passed).To(Equal(4))
		var leased []string // the report says which account each flow enrolled
		for _, f := range rep.Flows {
			leased = append(leased, f.Account)
		}
		Expect(leased).To(ConsistOf(emails))

		first, last := oneRunEach(eventsByAccount(served.Err.Contents()), emails)
		// The four runs overlapped: the last to begin began before the first to end ended.
		latestStart, earliestEnd := first[0], last[0]
		for i := range first {
			if first[i].After(latestStart) {
				latestStart = first[i]
			}
			if last[i].Before(earliestEnd) {
				earliestEnd = last[i]
			}
		}
		Expect(latestStart.Before(earliestEnd)).To(BeTrue(), "the runs did not overlap: starts %v, ends %v", first, last)
		Expect(string(served.Err.Contents())).NotTo(ContainSubstring("Purple-Teal"), "a password in the site's log")
	}, SpecTimeout(6*time.Minute))

	It("has a fifth flow on a pool of four wait for a free account, then fail saying the pool is taken", func(ctx SpecContext) {
		dir := GinkgoT().TempDir()
		url, emails, served := servePool(ctx, dir, 4)
		var files []string
		for i := 1; i <= 5; i++ {
			files = append(files, fmt.Sprintf("20i-%d.yaml", i))
			copyFlow(dir, "20i.yaml", files[i-1])
		}
		// The wait is shorter than any of the four runs (about 4 s on a quiet machine):
		// with a longer one the fifth flow could get an account a finished run gave back,
		// which has 2FA on by then.
		args := append([]string{"run", "-j", "5", "--account-wait", "1s", "--screenshots", "failures", "--base-url", url,
			"--accounts", "pool.csv", "--report", "json=r.json"}, files...)
		res := enroll(ctx, cmdOpts{dir: dir}, args...)
		Expect(res.code).To(Equal(3), "a flow without an account is the run's set-up failing, not the site: exit 3\n%s", res.stderr)

		// The four with an account ran (on a loaded machine one may fail for its own
		// reasons: this spec is about the fifth); exactly one found none free, after
		// waiting.
		r := readJSONReport(filepath.Join(dir, "r.json"))
		var waited []jsonFlow
		for _, f := range r.Flows {
			if f.Failure != nil && strings.Contains(f.Failure.Message, "no free account") {
				waited = append(waited, f)
			}
		}
		Expect(waited).To(HaveLen(1), "flows that found no free account")
		Expect(waited[0].Status).To(Equal("errored"))
		Expect(waited[0].Failure.Message).To(MatchRegexp(`^no free account in account pool pool\.csv after 1(\.\d)?s: it has 4 accounts, 4 leased to flows running now`))
		Expect(waited[0].DurationMs).To(BeNumerically(">=", 1000), "it waited --account-wait")
		// No account was signed in to by two runs: each began once.
		for e, evs := range eventsByAccount(served.Err.Contents()) {
			Expect(emails).To(ContainElement(e))
			began := 0
			for _, ev := range evs {
				if ev.what == "signed in second_factor=false" {
					began++
				}
			}
			Expect(began).To(Equal(1), "runs on %s", e)
		}
	}, SpecTimeout(6*time.Minute))
})

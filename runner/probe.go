package runner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// Prober gives `enroll conform` what it needs from the runner: one Chromium for a
// whole conformance run, in which each flow's site is probed through a Probe (see
// Runner.Open). It is a Runner.
//
// Concurrency: Open may be called from several goroutines at once, and the Probes it
// returns may be used at the same time, each from one goroutine at a time: every
// Probe has its own browser context, and on a bundled mock its own mock instance
// (see Probe.Isolated). Probes of a real site share its account.
type Prober = Runner

// NewProber starts the browser, as New does. Of opts, Parallel, ArtifactsDir and
// FlowTimeout are unused by probes.
func NewProber(ctx context.Context, opts Options) (*Prober, error) { return New(ctx, opts) }

// Probe is one flow's site under test: the site (its bundled mock, started with the
// Prober's defects, or the base URL), the flow's account, its authenticator and one
// browser session at a time. It carries out the flow's own steps, or any actions, and
// lets the caller type chosen codes and read what the page says. It takes no
// screenshots. Every text it returns has the flow's secrets replaced by REDACTED,
// except PageText, which is for matching only.
type Probe struct {
	fr      *flowRun
	control *bool // whether the site has the mock control surface, once known
}

// Open starts the flow's site and opens a browser session on it. Close the Probe.
func (p *Prober) Open(ctx context.Context, f *flow.Flow) (*Probe, error) {
	b, err := p.liveBrowser()
	if err != nil {
		return nil, err
	}
	res := newFlowResult(f)
	fr := &flowRun{opts: &p.opts, browser: b, flow: f, res: res}
	if err := fr.setUp(ctx); err != nil {
		fr.tearDown()
		return nil, err
	}
	return &Probe{fr: fr}, nil
}

// Close closes the session and stops the site.
func (pr *Probe) Close() { pr.fr.tearDown() }

// BaseURL is the URL of the site being probed.
func (pr *Probe) BaseURL() string { return pr.fr.site.baseURL }

// Isolated reports whether the probe's site is its own: a bundled mock started for
// this probe alone, so that other probes of the same flow, even at the same time,
// never share its account's state.
func (pr *Probe) Isolated() bool { return pr.fr.site.bundled }

// Skew is the number of time steps either side of now the site is known to accept:
// the bundled mock's, or the flow's site.skew; 0 when nothing says (see WindowKnown).
func (pr *Probe) Skew() int { return pr.fr.site.skew }

// WindowKnown reports whether Skew is the site's known window (a bundled mock's, or
// the flow's site.skew), not 0 for want of knowing it.
func (pr *Probe) WindowKnown() bool { return pr.fr.site.windowKnown }

// Now is the site's time as far as the runner can know it: a bundled mock's clock,
// or the runner's clock for a real site.
func (pr *Probe) Now() time.Time { return pr.fr.site.now() }

// Note tells the progress output about something a person would wonder about (a
// wait for real time). It must carry no secret.
func (pr *Probe) Note(msg string) {
	if p := pr.fr.opts.Progress; p != nil {
		p.Note(pr.fr.res, msg)
	}
}

// Controlled reports whether the site has the bundled mocks' control surface
// (GET /_mock/clock answers), so that its clock moves at once and it can be reset.
func (pr *Probe) Controlled(ctx context.Context) bool {
	if pr.control != nil {
		return *pr.control
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	now, err := pr.siteClock(ctx)
	ok := err == nil
	if ok && !pr.fr.site.bundled {
		// A site served with its control surface (enroll serve --control) keeps its own
		// clock, which conform moves: codes follow it, not the runner's clock.
		pr.follow(now)
	}
	if ctx.Err() == nil {
		pr.control = &ok
	}
	return ok
}

// siteClock reads the time of a site with the control surface (GET /_mock/clock).
func (pr *Probe) siteClock(ctx context.Context) (time.Time, error) { return pr.fr.mock.clock(ctx) }

// follow makes the probe's clock (and its authenticator's) the site's, read as now.
func (pr *Probe) follow(now time.Time) {
	offset := time.Until(now)
	pr.fr.follow(func() time.Time { return time.Now().Add(offset) })
}

// ErrNoControl is returned by Reset for a site without the mock control surface.
var ErrNoControl = errors.New("the site has no mock control surface")

// Reset puts a site with the control surface back to its seeded account (2FA off,
// no sessions, empty inboxes) and makes the probe forget what the flow scanned,
// captured and typed. The site's clock keeps its time. The session is not changed:
// call NewSession for a fresh one.
func (pr *Probe) Reset(ctx context.Context) error {
	if !pr.Controlled(ctx) {
		return ErrNoControl
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := pr.fr.mock.reset(ctx); err != nil {
		return err
	}
	return pr.fr.forget()
}

// Wait lets d pass on the site's clock, like the flow's wait action: a bundled mock's
// clock moves at once; on a real site it waits for real, saying so in the progress.
func (pr *Probe) Wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if err := pr.fr.wait(ctx, d); err != nil {
		return err
	}
	if !pr.fr.site.bundled && pr.control != nil && *pr.control {
		now, err := pr.siteClock(ctx)
		if err != nil {
			return fmt.Errorf("reading the site's clock: %w", err)
		}
		pr.follow(now)
	}
	return nil
}

// NewSession drops the browser session and opens a fresh one: no cookies, no
// trusted device.
func (pr *Probe) NewSession(ctx context.Context) error { return pr.fr.newSession(ctx) }

// stepError is a failure of the flow's own actions while probing, described as a
// run's failure is (describeFailure): where the action is written, which guide step,
// the action and what went wrong, secrets replaced by REDACTED.
type stepError struct{ f *report.Failure }

// Error says where and what: flows/20i.yaml:52:9: step 6 "Finalize": click "Done": ...
func (e *stepError) Error() string {
	if h := e.f.Headline(); h != "" {
		return h + ": " + e.f.Message
	}
	return e.f.Message
}

// Unwrap returns the cause.
func (e *stepError) Unwrap() error { return e.f.Err }

// RunSteps carries out the flow's steps from index from up to, not including, to
// (0-based), as `enroll run` does but without screenshots.
func (pr *Probe) RunSteps(ctx context.Context, from, to int) error {
	steps := pr.fr.flow.Steps
	if from < 0 || to > len(steps) || from > to {
		return fmt.Errorf("steps %d to %d: the flow has %d steps", from+1, to, len(steps))
	}
	for i := from; i < to; i++ {
		if err := pr.RunActions(ctx, i, steps[i].Actions); err != nil {
			return err
		}
	}
	return nil
}

// RunActions carries out actions as part of the flow's step (0-based; -1 for
// actions of no step, such as a conform section's), with the step's deadline.
func (pr *Probe) RunActions(ctx context.Context, step int, actions []flow.Action) error {
	fr := pr.fr
	var timeout time.Duration
	title := ""
	if step >= 0 && step < len(fr.flow.Steps) {
		s := fr.flow.Steps[step]
		fr.step, fr.stepNo, timeout, title = s, step+1, s.Timeout, s.Title
	}
	err := fr.runActions(ctx, actions, timeout)
	if err == nil {
		return nil
	}
	f := fr.describeFailure(err, false)
	f.StepIndex, f.Step = step+1, title
	return &stepError{f}
}

// Use carries out a fragment of the flow (the sign-in).
func (pr *Probe) Use(ctx context.Context, fragment string) error {
	return pr.RunActions(ctx, -1, []flow.Action{&flow.Use{Fragment: fragment}})
}

// Key returns the key of a credential the flow scanned.
func (pr *Probe) Key(cred string) (*otp.Key, error) { return pr.fr.auth.key(cred) }

// LastTyped returns the time step (or HOTP counter) of the last code the flow typed
// for the credential, and whether it typed one.
func (pr *Probe) LastTyped(cred string) (uint64, bool) {
	return pr.fr.auth.lastUsed(cred)
}

// MarkTyped records that a code of the credential's time step was accepted, so the
// flow's own later type-code actions type a later one (a replay-protected site
// refuses it again).
func (pr *Probe) MarkTyped(cred string, step uint64) {
	pr.fr.auth.markUsed(cred, step)
}

// Value returns a named value of the flow (a captured list of recovery codes).
func (pr *Probe) Value(name string) (Value, bool) {
	v, ok := pr.fr.vals.named[name]
	return v, ok
}

// Item returns the i-th string of a value (a list's item); Reveal it only to type it.
func (v Value) Item(i int) Value {
	if i < 0 || i >= len(v.list) {
		return Text("", v.secret)
	}
	return Text(v.list[i], v.secret)
}

// TypeCode types a code chosen by the caller (the right one, a wrong one, a replayed
// one) into the field, or into a row of one-digit boxes with boxes. The code is kept
// out of every text the probe returns.
// A nil into means the focused field, or the only code field on the page.
func (pr *Probe) TypeCode(ctx context.Context, into *flow.Target, boxes bool, code Value) error {
	fr := pr.fr
	fr.extraSec = append(fr.extraSec, code.Reveal())
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(fr.flow.Timeout, defaultActionTimeout))
	defer cancel()
	if err := fr.sess.TypeCode(ctx, optLocator(into), code.Reveal(), boxes); err != nil {
		return fmt.Errorf("type a code: %s", scrub(err.Error(), fr.secrets()))
	}
	return nil
}

// Click clicks the target.
func (pr *Probe) Click(ctx context.Context, t flow.Target) error {
	return pr.RunActions(ctx, -1, []flow.Action{&flow.Click{Common: flow.Common{Pos: t.Pos}, Target: t}})
}

// Press presses a key in the field (the focused element when in is nil).
func (pr *Probe) Press(ctx context.Context, key string, in *flow.Target) error {
	return pr.RunActions(ctx, -1, []flow.Action{&flow.Press{Key: key, In: in}})
}

// Fill types a value (a recovery code) into a field, replacing what it held.
func (pr *Probe) Fill(ctx context.Context, into flow.Target, v Value) error {
	fr := pr.fr
	if v.Secret() {
		fr.extraSec = append(fr.extraSec, v.list...)
	}
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(fr.flow.Timeout, defaultActionTimeout))
	defer cancel()
	if err := fr.sess.Fill(ctx, into.Locator, v.Reveal(), v.Secret()); err != nil {
		return fmt.Errorf("fill %s: %s", into.Describe(), scrub(err.Error(), fr.secrets()))
	}
	return nil
}

// PageText returns the page's visible text, for matching the texts a conform section
// names. It may hold a secret the page shows: never put it in a report (use Scrub).
func (pr *Probe) PageText(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return pr.fr.sess.Text(ctx, browser.Locator{CSS: "body"}, false)
}

// Visible reports whether the target is visible within d.
func (pr *Probe) Visible(ctx context.Context, t flow.Target, d time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return pr.fr.sess.WaitElement(ctx, t.Locator, true) == nil
}

// OnScreen returns up to max labels the page shows (headings, buttons, alerts), for
// evidence, secrets replaced by REDACTED.
func (pr *Probe) OnScreen(ctx context.Context, max int) []string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	labels, err := pr.fr.sess.OnScreen(ctx, max)
	if err != nil {
		return nil
	}
	for i, l := range labels {
		labels[i] = pr.Scrub(l)
	}
	return labels
}

// URL returns the page's address, secrets replaced by REDACTED.
func (pr *Probe) URL(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	u, err := pr.fr.sess.URL(ctx)
	if err != nil {
		return ""
	}
	return pr.Scrub(u)
}

// Scrub replaces every secret the probe has seen (password, TOTP secrets, codes,
// recovery codes) in s by REDACTED.
func (pr *Probe) Scrub(s string) string { return scrub(s, pr.fr.secrets()) }

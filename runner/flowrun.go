package runner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
	"github.com/enroll-dev/enroll/redact"
	"github.com/enroll-dev/enroll/report"
)

// signalGrace is how long a failure that looks like a dead browser waits for a
// signal that may have killed the browser along with the run.
const signalGrace = 300 * time.Millisecond

// defaultActionTimeout is an action's deadline when neither the flow, the step nor
// the action gives one.
const defaultActionTimeout = 10 * time.Second

// flowRun is one flow being carried out in its own browser context.
type flowRun struct {
	opts    *Options
	browser *browser.Browser
	flow    *flow.Flow
	res     *report.Flow
	dir     string          // artifact folder
	runCtx  context.Context // the run's context: done when the user interrupts

	site *site
	sess *browser.Session
	vals *values
	auth *authenticator
	mock *mockControl // the site's control surface, if it has one

	closing sync.WaitGroup // sessions a new-session left, closing in the background

	step     *flow.Step // the guide step being carried out
	stepNo   int
	extraSec []string // secret texts outside vals: TOTP secrets, codes typed
}

// run carries out the flow and fills its result.
func (fr *flowRun) run(ctx context.Context) {
	fr.runCtx = ctx
	ctx, cancel := context.WithTimeout(ctx, fr.opts.FlowTimeout)
	defer cancel()
	fr.res.Started = time.Now()
	fr.res.ArtifactsDir = fr.dir
	if err := clearArtifacts(fr.dir); err != nil {
		fr.opts.Logger.Debug("clearing the flow's artifacts", "dir", fr.dir, "err", err)
	}
	fr.opts.Progress.FlowStarted(fr.res)
	defer func() {
		fr.res.Duration = time.Since(fr.res.Started)
		fr.opts.Progress.FlowFinished(fr.res)
	}()

	// Also after a failed set-up: the mock it started, the account it leased.
	defer fr.tearDown()
	if err := fr.setUp(ctx); err != nil {
		fr.fail(ctx, nil, err)
		return
	}
	defer fr.export() // before tearDown and the flow's progress line

	for i, s := range fr.flow.Steps {
		fr.step, fr.stepNo = s, i+1
		sr := fr.res.Steps[i]
		fr.opts.Progress.StepStarted(fr.res, sr)
		if s.Manual != "" { // done away from the site: shown, not checked
			sr.Status, sr.Manual = report.Skipped, s.Manual
			fr.opts.Progress.StepFinished(fr.res, sr)
			continue
		}
		start := time.Now()
		err := fr.runActions(ctx, s.Actions, s.Timeout)
		sr.Duration = time.Since(start)
		fr.afterStep(ctx, sr)
		if err == nil {
			sr.Status = report.Passed
			if fr.opts.Screenshots == EveryStep {
				sr.Screenshot = fr.screenshot(ctx, stepFile(fr.dir, fr.stepNo, s.Title, ".png"))
			}
		} else {
			fr.fail(ctx, sr, err)
		}
		fr.opts.Progress.StepFinished(fr.res, sr)
		if err != nil {
			for _, rest := range fr.res.Steps[i+1:] {
				rest.Status = report.Skipped
			}
			return
		}
	}
	fr.res.Status = report.Passed
}

// setUp starts the site (a bundled mock unless a base URL is given), resolves the
// account and opens the flow's isolated browser context.
func (fr *flowRun) setUp(ctx context.Context) error {
	s, err := fr.startSite(ctx)
	if err != nil {
		return err
	}
	fr.site = s
	fr.res.BaseURL = s.baseURL
	if s.pooled {
		fr.res.Account = s.account.Email
	}
	fr.vals = newValues()
	if err := fr.resolveAccount(); err != nil {
		return err
	}
	fr.auth = newAuthenticator(s.now, s.skew)
	fr.mock = newMockControl(s.baseURL)
	fr.sess, err = fr.browser.NewSession(ctx)
	if err != nil {
		return fmt.Errorf("%w: opening a browser context: %w", ErrBrowser, err)
	}
	return fr.freezePage(ctx, fr.sess)
}

func (fr *flowRun) tearDown() {
	if fr.sess != nil {
		fr.sess.Close()
	}
	fr.closing.Wait()
	if fr.site != nil {
		fr.site.close()
	}
}

// resolveAccount fills account.email, account.password and account.phone from the
// flow's templates, falling back to the bundled mock's seeded test account; an
// account leased from a pool wins over both.
func (fr *flowRun) resolveAccount() error {
	acc := fr.flow.Account
	fields := []struct {
		name     string
		tmpl     flow.Template
		fallback string
		secret   bool
	}{
		{"email", acc.Email, fr.site.account.Email, false},
		{"password", acc.Password, fr.site.account.Password, true},
		{"phone", acc.Phone, fr.site.account.Phone, false},
	}
	for _, f := range fields {
		v := Text(f.fallback, f.secret)
		if !f.tmpl.IsZero() && !fr.site.pooled {
			got, err := fr.vals.expand(f.tmpl, fr.opts.Getenv)
			switch {
			case err == nil:
				v = Text(got.Reveal(), f.secret)
			case f.fallback == "":
				return fmt.Errorf("account %s: %w", f.name, err)
			}
		}
		fr.vals.set("account."+f.name, v)
	}
	return nil
}

// runActions carries out actions in order; stepTimeout is the step's deadline per
// action, 0 for the flow's default.
func (fr *flowRun) runActions(ctx context.Context, actions []flow.Action, stepTimeout time.Duration) error {
	for _, a := range actions {
		if err := ctx.Err(); err != nil {
			return &actionError{action: a, err: err}
		}
		if use, ok := a.(*flow.Use); ok {
			frag, ok := fr.flow.Fragments[use.Fragment]
			if !ok {
				return &actionError{action: a, err: fmt.Errorf("no fragment %q", use.Fragment)}
			}
			if err := fr.runActions(ctx, frag.Actions, cmp.Or(use.Timeout, stepTimeout)); err != nil {
				return err
			}
			continue
		}
		d := cmp.Or(a.Deadline(), stepTimeout, fr.flow.Timeout, defaultActionTimeout)
		if w, ok := a.(*flow.Wait); ok {
			d += w.For // on a real site the wait itself takes that long
		}
		if tc, ok := a.(*flow.TypeCode); ok && fr.auth != nil {
			if _, wait, err := fr.auth.plan(tc.From); err == nil {
				d += wait // on a real site, the wait for the code's time step (up to a period)
			}
		}
		actx, cancel := context.WithTimeout(ctx, d)
		start := time.Now()
		err := fr.do(actx, a)
		cancel()
		fr.opts.Logger.Debug("action", "flow", fr.res.Name(), "at", a.At().String(), "action", a.Describe(),
			"took", time.Since(start).Round(time.Millisecond), "ok", err == nil)
		if err != nil {
			dl, ok := ctx.Deadline()
			flowBound := ok && dl.Before(start.Add(d))
			return &actionError{action: a, err: err, timeout: d, flowDeadline: flowBound}
		}
	}
	return nil
}

// actionError is a failed action with what it was doing.
type actionError struct {
	action  flow.Action
	err     error
	timeout time.Duration
	// flowDeadline: the flow's deadline (--timeout) came before the action's own.
	flowDeadline bool
}

func (e *actionError) Error() string { return e.action.Describe() + ": " + e.err.Error() }
func (e *actionError) Unwrap() error { return e.err }

// fail records a failure: of the step sr, or of the flow when sr is nil. ctx is the
// flow's context. An interruption of the run (Ctrl-C, SIGTERM) is Interrupted whatever
// error it caused, a dead browser is Errored, anything else Failed. For a failed step
// it saves a screenshot, the page HTML and the console log, and lists what is on
// screen.
func (fr *flowRun) fail(ctx context.Context, sr *report.Step, err error) {
	runCtx := fr.runCtx
	if runCtx == nil {
		runCtx = ctx
	}
	status := report.Failed
	switch {
	case runCtx.Err() != nil:
		// Checked first: the run's context is done before anything its end set off
		// (closing the browser) can make an action fail.
		status = report.Interrupted
	case errors.Is(err, ErrNoFreeAccount):
		status = report.Errored // the run's set-up, not the site or the guide
	case fr.browserFailed(err):
		status = report.Errored
		// Ctrl-C to the process group reaches Chromium too, which may die before the
		// run's context learns of the signal: give the signal a moment to arrive.
		select {
		case <-runCtx.Done():
			status = report.Interrupted
		case <-time.After(signalGrace):
		}
	}
	f := fr.describeFailure(err, status == report.Failed)
	switch status {
	case report.Errored:
		if !errors.Is(err, ErrNoFreeAccount) {
			f.Message = fr.browserFailure(err)
		}
	case report.Interrupted:
		f.Message = "interrupted"
	}
	if sr != nil {
		f.StepIndex, f.Step = sr.Index, sr.Title
		sr.Status, sr.Failure = status, f
		if status == report.Failed {
			fr.evidence(f, sr)
		}
	} else {
		for _, s := range fr.res.Steps {
			if s.Status == report.Pending {
				s.Status = report.Skipped
			}
		}
	}
	fr.res.Status, fr.res.Failure = status, f
}

// describeFailure is the one place a failure is put into words, for the report (fail)
// and for a probe's error: where the failing action is written, the action as a
// reader says it, and what went wrong, every secret the flow knows replaced by
// REDACTED. flowDeadline says the flow's --timeout may be what ran out (a failed
// step's message then says so).
func (fr *flowRun) describeFailure(err error, flowDeadline bool) *report.Failure {
	f := &report.Failure{Err: err}
	secrets := fr.secrets()
	f.Message = scrub(err.Error(), secrets)
	var ae *actionError
	if errors.As(err, &ae) {
		f.Pos = report.Pos(ae.action.At())
		f.Action = ae.action.Describe()
		f.Message = scrub(failureMessage(ae), secrets)
		if flowDeadline && ae.flowDeadline && errors.Is(ae.err, context.DeadlineExceeded) {
			f.Message = scrub(flowDeadlineMessage(ae, fr.opts.FlowTimeout), secrets)
		}
	}
	return f
}

// browserFailed reports whether err comes from the browser itself failing (its
// process died, the connection to it was lost), not from the site or the guide. It is
// asked only while the run goes on, so a cancellation it finds is not the user's.
func (fr *flowRun) browserFailed(err error) bool {
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit), errors.Is(err, browser.ErrClosed), errors.Is(err, ErrBrowser):
		return true
	case errors.Is(err, context.Canceled):
		return true // lost the connection to the browser
	}
	return fr.browser != nil && !processAlive(fr.browser.PID())
}

// browserFailure says how the browser failed, for a failure browserFailed found:
// "the browser died (signal: killed)", or the lost connection's error.
func (fr *flowRun) browserFailure(err error) string {
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return fmt.Sprintf("the browser died (%v)", exit)
	case fr.browser != nil && !processAlive(fr.browser.PID()):
		return "the browser died"
	}
	return "lost the connection to the browser: " + scrub(err.Error(), fr.secrets())
}

// flowDeadlineMessage says that the whole flow's deadline (--timeout) passed during
// the action, rather than the action's own.
//
//	no visible button or link with text "Enable" when the flow's deadline passed (--timeout 3s)
func flowDeadlineMessage(ae *actionError, flowTimeout time.Duration) string {
	msg := ae.err.Error()
	var le *browser.LookupError
	if errors.As(ae.err, &le) {
		msg = le.Problem()
	}
	msg = strings.TrimSuffix(msg, ": "+context.DeadlineExceeded.Error())
	if msg == context.DeadlineExceeded.Error() {
		msg = "not done"
	}
	return fmt.Sprintf("%s when the flow's deadline passed (--timeout %s)", msg, flowTimeout)
}

// failureMessage is what went wrong, said for a doc writer: what was not found, or
// what refused, and for how long it was waited for.
//
//	no visible button or link with text "Enable" after 10s
func failureMessage(ae *actionError) string {
	msg := ae.err.Error()
	var le *browser.LookupError
	if errors.As(ae.err, &le) {
		msg = le.Problem()
	}
	if errors.Is(ae.err, context.DeadlineExceeded) && ae.timeout > 0 {
		msg = strings.TrimSuffix(msg, ": "+context.DeadlineExceeded.Error())
		msg = fmt.Sprintf("%s after %s", msg, ae.timeout)
	}
	return msg
}

// evidence saves what the page showed when the step failed. The action's own
// deadline has passed, so it works under a fresh short one.
func (fr *flowRun) evidence(f *report.Failure, sr *report.Step) {
	if fr.sess == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	secrets := fr.secrets()
	if u, err := fr.sess.URL(ctx); err == nil {
		f.URL = scrub(u, secrets)
	}
	if labels, err := fr.sess.OnScreen(ctx, 12); err == nil {
		for _, l := range labels {
			f.OnScreen = append(f.OnScreen, scrub(l, secrets))
		}
	}
	if wins, err := fr.sess.Windows(ctx); err == nil && len(wins) > 0 {
		// The page went on in a window of its own (window.open): say where, since the
		// screenshot shows the first window, which may look unchanged.
		f.Message += fmt.Sprintf("; a new window is open at %s, and enroll acts in the first window only (follow it with open: and its address)", scrub(wins[len(wins)-1], secrets))
	}
	base := stepFile(fr.dir, sr.Index, sr.Title, ".failure")
	f.Screenshot = fr.screenshot(ctx, base+".png")
	if html, err := fr.sess.HTML(ctx, secrets); err == nil {
		if writeArtifact(base+".html", []byte(scrub(html, secrets))) == nil {
			f.HTML = base + ".html"
		}
	}
	console := ""
	for _, line := range fr.sess.Console() {
		console += line + "\n"
	}
	if writeArtifact(base+".console.txt", []byte(scrub(console, secrets))) == nil {
		f.Console = base + ".console.txt"
	}
}

// screenshot saves a full-page screenshot and returns its path, or "" when it could
// not be taken. The browser masks QR codes, the fields and texts the flow marked,
// anything on the page that shows a secret value the flow knows (a recovery code
// still on screen after its capture, a setup key shown next to the QR code), and any
// text a secret capture's pattern finds (recovery codes shown before the step that
// captures them).
func (fr *flowRun) screenshot(ctx context.Context, path string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	png, err := fr.sess.Screenshot(ctx, fr.secrets())
	if err != nil && ctx.Err() == nil {
		// Once more: a frame between two documents (a form just posted) can make the
		// masking fail for a moment, and a step without its picture is a hole in the
		// guide enroll docs renders.
		png, err = fr.sess.Screenshot(ctx, fr.secrets())
	}
	if err != nil {
		fr.opts.Progress.Note(fr.res, fmt.Sprintf("no screenshot of %s: %s", filepath.Base(path), scrub(err.Error(), fr.secrets())))
		fr.opts.Logger.Debug("screenshot failed", "flow", fr.res.File, "err", err)
		return ""
	}
	if err := writeArtifact(path, png); err != nil {
		fr.opts.Progress.Note(fr.res, fmt.Sprintf("no screenshot of %s: %v", filepath.Base(path), err))
		fr.opts.Logger.Debug("writing screenshot failed", "path", path, "err", err)
		return ""
	}
	return path
}

// secrets is every secret text the flow has seen, and the patterns of its secret
// captures (secretPatterns: also those of steps not run yet), for masking and
// scrubbing.
func (fr *flowRun) secrets() redact.Set {
	set := redact.Set{Values: fr.extraSec, Patterns: secretPatterns(fr.flow)}
	if fr.vals != nil {
		set.Values = append(fr.vals.secrets(), fr.extraSec...)
	}
	return set
}

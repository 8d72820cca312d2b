package conform

import (
	"fmt"
	"strings"

	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// outcome is what a site did with a code typed at its passcode prompt.
type outcome int

const (
	outcomeUnknown   outcome = iota // the page showed none of the conform section's texts
	outcomeAccepted                 // signed in
	outcomeRefused                  // the prompt again, with a refusal
	outcomeThrottled                // refused because of too many wrong codes
	outcomeEither                   // (as what a check wants) accepted or refused: the site's choice
)

func (o outcome) String() string {
	switch o {
	case outcomeAccepted:
		return "accepted"
	case outcomeRefused:
		return "refused"
	case outcomeThrottled:
		return "refused as throttled"
	case outcomeEither:
		return "accepted or refused"
	default:
		return "not recognised"
	}
}

// attempt is one code typed at the passcode prompt and what came of it. It names the
// code by what it is, never by its value.
type attempt struct {
	what string // "the enrollment's code, again at sign-in"
	// want is what the check requires: outcomeAccepted, outcomeRefused, or
	// outcomeThrottled for the checks about throttling, where the right code refused
	// (with or without the throttle's text) is the proof.
	want outcome
	got  outcome
	said string // the text of the conform section the page showed, if any
}

// ok reports whether the site did what the check requires. A throttled refusal is
// what a check about throttling wants, and proves nothing to any other check: the
// site throttled after the wrong codes conform had typed, so whether it would have
// accepted or refused this code is unknown (see judge).
func (a attempt) ok() bool {
	switch a.want {
	case outcomeAccepted:
		return a.got == outcomeAccepted
	case outcomeThrottled:
		return a.got == outcomeRefused || a.got == outcomeThrottled
	case outcomeEither:
		return a.got == outcomeAccepted || a.got == outcomeRefused
	default:
		return a.got == outcomeRefused
	}
}

// line is the attempt as a line of evidence.
func (a attempt) line() string {
	s := fmt.Sprintf("%s: %s", a.what, a.got)
	if a.said != "" {
		s += fmt.Sprintf(" (the page said %q)", a.said)
	}
	switch {
	case a.ok():
		return s + ", as required"
	case a.got == outcomeThrottled:
		return s + ": whether it would be " + a.want.String() + " otherwise is unknown"
	case a.want == outcomeThrottled:
		return s + ", but it must be refused"
	}
	return s + fmt.Sprintf(", but it must be %s", a.want)
}

// throttledReason is the ERROR reason of a check whose code was refused as throttled
// where the check needed to see it accepted or refused on its merits.
func throttledReason(a attempt) string {
	return fmt.Sprintf("could not tell: %s was refused as throttled; the site throttled after the wrong codes conform had typed before (RFC 4226 §7.3 leaves the limit to the site), so the refusal says nothing about this check", a.what)
}

// judge decides a check from its attempts: FAILED at the first attempt that did not go
// as required, PASSED (with the reason passed) when every one did. Every attempt goes
// into the evidence.
func judge(r *report.Check, attempts []attempt, passed string) {
	for _, a := range attempts {
		r.Evidence = append(r.Evidence, a.line())
	}
	for _, a := range attempts {
		if a.ok() {
			continue
		}
		switch a.got {
		case outcomeUnknown:
			decide(r, report.VerdictError, "could not tell: %s: the page showed neither the signed-in text nor a refusal the conform section names", a.what)
		case outcomeThrottled:
			decide(r, report.VerdictError, "%s", throttledReason(a))
		default:
			decide(r, report.VerdictFailed, "%s was %s", a.what, a.got)
		}
		return
	}
	if len(attempts) == 0 {
		decide(r, report.VerdictSkipped, "no code could be tried")
		return
	}
	decide(r, report.VerdictPassed, "%s", passed)
}

// judgeSkew decides skew-window from its attempts (see probing.skew). A code of the
// declared window that the site refused makes a WARNING: the window is narrower than
// the flow declares, which the RFC allows; the flow should say so (site.skew).
func judgeSkew(r *report.Check, attempts []attempt, k uint64, known bool) {
	var narrower []string
	for i, a := range attempts {
		if a.want == outcomeAccepted && a.got == outcomeRefused {
			narrower = append(narrower, a.what)
			attempts[i].want = outcomeEither
		}
	}
	passed := fmt.Sprintf("codes within the declared window of %d step(s) were accepted, codes outside it refused", k)
	if !known {
		passed = "codes of ±2 steps were refused; the site's choice for ±1 is in the evidence"
	}
	if len(narrower) > 0 {
		passed = fmt.Sprintf("codes outside the declared window of %d step(s) were refused", k)
	}
	judge(r, attempts, passed)
	if r.Verdict == report.VerdictPassed && len(narrower) > 0 {
		r.Verdict = report.VerdictWarning
		r.Reason = fmt.Sprintf("the site refused %s, inside the window of %d step(s) the flow declares (site.skew): RFC 6238 §5.2 allows a narrower window; declare the site's own", strings.Join(narrower, " and "), k)
	}
}

// decide sets a check's verdict and reason, unless it is already decided.
func decide(r *report.Check, v report.Verdict, format string, args ...any) {
	if r.Verdict != report.VerdictPending {
		return
	}
	r.Verdict = v
	r.Reason = fmt.Sprintf(format, args...)
}

// evidence adds a line of evidence to a check.
func evidence(r *report.Check, format string, args ...any) {
	r.Evidence = append(r.Evidence, fmt.Sprintf(format, args...))
}

// judgeSecretStrength decides secret-strength from the key's secret: FAILED under
// 128 bits (RFC 4226 §4 R6 MUST), WARNING under the recommended 160, else PASSED.
func judgeSecretStrength(r *report.Check, k *otp.Key) {
	bits := k.Secret.Bits()
	switch {
	case bits < 128:
		decide(r, report.VerdictFailed, "the secret is %d bits; RFC 4226 requires at least 128", bits)
	case bits < 160:
		decide(r, report.VerdictWarning, "the secret is %d bits; RFC 4226 recommends 160", bits)
	default:
		decide(r, report.VerdictPassed, "the secret is %d bits", bits)
	}
}

// judgeURILint decides uri-lint from otp.Lint's findings, leaving out those about the
// secret's length (secret-strength judges them): FAILED on an error, WARNING on a
// warning, else PASSED. Each finding is a line of evidence, with its stable id.
func judgeURILint(r *report.Check, k *otp.Key) {
	worst := otp.SeverityInfo
	var ids []string
	for _, f := range otp.Lint(k) {
		if f.ID == otp.LintSecretTooShort || f.ID == otp.LintSecretShort {
			continue
		}
		evidence(r, "%s (%s, %s): %s", f.ID, f.Severity, f.Ref, f.Message)
		ids = append(ids, f.ID)
		worst = max(worst, f.Severity)
	}
	switch {
	case len(ids) == 0:
		decide(r, report.VerdictPassed, "no findings: %s", describeKey(k))
	case worst == otp.SeverityError:
		decide(r, report.VerdictFailed, "the URI has problems: %s", strings.Join(ids, ", "))
	case worst == otp.SeverityWarning:
		decide(r, report.VerdictWarning, "the URI has findings: %s", strings.Join(ids, ", "))
	default:
		decide(r, report.VerdictPassed, "only informational findings: %s", strings.Join(ids, ", "))
	}
}

// describeKey says what a key is, without its secret: totp, SHA1, 6 digits, 30 s.
func describeKey(k *otp.Key) string {
	s := fmt.Sprintf("%s, %s, %d digits", k.Type, k.Algorithm, k.EffectiveDigits())
	if k.Type == otp.TypeTOTP {
		s += fmt.Sprintf(", %d s period", k.EffectivePeriod())
	}
	return s
}

// judgeFreshSecret decides fresh-secret from two enrollment attempts' keys.
func judgeFreshSecret(r *report.Check, first, second *otp.Key) {
	if first.Secret.Base32() == second.Secret.Base32() {
		decide(r, report.VerdictFailed, "starting enrollment again issued the same secret")
		return
	}
	decide(r, report.VerdictPassed, "each enrollment attempt issued a different secret")
}

// judgeEnrollRequiresCode decides enroll-requires-code after a wrong code was typed at
// enrollment: prompted says whether signing in afterwards asked for a passcode
// (2FA on), added whether the page said the enrollment succeeded.
func judgeEnrollRequiresCode(r *report.Check, prompted, added bool) {
	if added {
		evidence(r, "after the wrong code the page showed the enrollment's success message")
	}
	if prompted {
		decide(r, report.VerdictFailed, "a wrong code switched two-factor authentication on: the next sign-in asked for a passcode")
		return
	}
	decide(r, report.VerdictPassed, "after a wrong code at enrollment, signing in still needs no passcode: two-factor authentication stayed off")
}

// judgeThrottling decides throttling: after wrongs wrong codes (sawThrottle when the
// page said it throttles), the right code must be refused.
func judgeThrottling(r *report.Check, wrongs int, sawThrottle bool, right attempt) {
	r.Evidence = append(r.Evidence, right.line())
	switch {
	case right.ok() && sawThrottle:
		decide(r, report.VerdictPassed, "after %d wrong codes the page said it throttles, and the right code was refused", wrongs)
	case right.ok():
		decide(r, report.VerdictPassed, "after %d wrong codes the right code was refused", wrongs)
	case right.got == outcomeUnknown:
		decide(r, report.VerdictError, "could not tell: after %d wrong codes, the right code led to a page the conform section does not describe", wrongs)
	default:
		decide(r, report.VerdictFailed, "after %d wrong codes in a row the right code still signed in: nothing slows down guessing", wrongs)
	}
}

// judgeDisableConfirmed decides disable-confirmed: clicksBefore is the number of
// clicks of the disable step before its confirming click; prompted whether signing
// in, after everything but the confirmation, still asked for a passcode.
func judgeDisableConfirmed(r *report.Check, clicksBefore int, prompted bool) {
	switch {
	case clicksBefore == 0:
		decide(r, report.VerdictFailed, "the disable step switches two-factor authentication off with a single click, without a confirmation")
	case !prompted:
		decide(r, report.VerdictFailed, "two-factor authentication was off before the confirmation was clicked")
	default:
		decide(r, report.VerdictPassed, "without the confirming click two-factor authentication stayed on")
	}
}

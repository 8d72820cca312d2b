// Package catalog is the one table of `enroll conform`'s checks: each check's id,
// what must hold, the clause it rests on, and the bundled mocks' deliberate defect
// that must make it fail. Package conform carries the checks out; package flow reads
// the ids to validate a conform section's expected-failures; the e2e kill matrix reads
// the defect-to-check pairing. It is data only, so every one of them can import it.
package catalog

// Check describes one conformance check: what `enroll conform` verifies of a site's
// two-factor authentication, and on what it rests.
type Check struct {
	// ID is the check's stable identifier, used in reports and expected-failures files.
	ID string
	// Statement says what must hold, in one line.
	Statement string
	// Clause is the document and section the check rests on.
	Clause string
	// About is whom a failure is about: "site", or "guide" for what the written guide
	// states.
	About string
	// Defect is the bundled mocks' deliberate defect (a kit.Defect) that must make the
	// check fail, and nothing else; "" when no defect breaks it. This table is the one
	// home of the defect-to-check pairing: the kill matrix (e2e) and the tests read it.
	Defect string
	// Needs is what a flow must cover for the check to run, so for its defect to be
	// tried on it: "recovery" (conform: recovery), "disable" (conform: disable), or ""
	// for every flow with a conform section.
	Needs string
}

// The check IDs. They never change meaning.
const (
	ReplayRefused      = "replay-refused"
	ConcurrentReplay   = "concurrent-replay"
	SkewWindow         = "skew-window"
	WrongCodeRefused   = "wrong-code-refused"
	Throttling         = "throttling"
	LockoutRecovers    = "lockout-recovers"
	ThrottleNewSession = "throttle-survives-new-session"
	EnrollRequiresCode = "enroll-requires-code"
	SecretNotReshown   = "secret-not-reshown"
	FreshSecret        = "fresh-secret"
	SecretStrength     = "secret-strength"
	URILint            = "uri-lint"
	RecoverySingleUse  = "recovery-single-use"
	DisableConfirmed   = "disable-confirmed"
	GuideClaims        = "guide-claims"
)

// Checks is every check, in the order reports list them.
var Checks = []Check{
	{ReplayRefused, "a code accepted once is refused the second time, also in a fresh session",
		"RFC 6238 §5.2 (one-time use)", "site", "accept-replay", ""},
	{ConcurrentReplay, "the same right code submitted by two sessions at once signs in at most one of them",
		"RFC 6238 §5.2 (one-time use, also under concurrency: a check-then-set race on used codes)", "site", "racy-replay", ""},
	{SkewWindow, "codes of the previous and next time step are accepted or refused as the site declares; codes two or more steps away are refused",
		"RFC 6238 §5.2, §6", "site", "wide-skew", ""},
	{WrongCodeRefused, "a wrong code never signs in",
		"RFC 4226 §7.2", "site", "master-code", ""},
	{Throttling, "after repeated wrong codes even the right code is refused for a while",
		"RFC 4226 §7.3", "site", "no-throttle", ""},
	{LockoutRecovers, "once the throttle period has passed (on the site's clock), the right code signs in again",
		"RFC 4226 §7.3 (throttling delays guessing, it must not deny the owner for good)", "site", "permanent-lockout", ""},
	{ThrottleNewSession, "the count of wrong codes belongs to the account: signing in again in a fresh session does not reset it",
		"RFC 4226 §7.3 (throttling must bound guessing, also across sessions)", "site", "session-throttle", ""},
	{EnrollRequiresCode, "two-factor authentication is switched on only by a correct code from the new secret",
		"RFC 6238 §5.1; NIST SP 800-63B §6.1 (binding proves possession)", "site", "no-confirm", ""},
	{SecretNotReshown, "once two-factor authentication is on, the page that showed the secret no longer shows it or its QR code, and the QR image's URL no longer answers",
		"RFC 4226 §7.5 (the shared secret is kept from disclosure once provisioned); OWASP MFA Cheat Sheet", "site", "reshown-secret", ""},
	{FreshSecret, "starting enrollment again issues a different secret",
		"RFC 4226 §7.5 (random, unique shared secrets)", "site", "reuse-secret", ""},
	{SecretStrength, "the shared secret is at least 128 bits long (160 recommended)",
		"RFC 4226 §4 R6", "site", "short-secret", ""},
	{URILint, "the otpauth URI says what common authenticator apps need (issuer, account) and keeps to their defaults",
		"Key Uri Format (google-authenticator wiki)", "site", "", ""},
	{RecoverySingleUse, "a recovery code signs in once, never twice",
		"NIST SP 800-63B §5.1.2.2 (look-up secrets are used once)", "site", "multi-use-recovery", "recovery"},
	{DisableConfirmed, "switching two-factor authentication off needs an explicit confirmation",
		"good practice (the guide's own disable steps)", "site", "no-disable-confirm", "disable"},
	{GuideClaims, "what the guide says about the code (its length, how often it changes) matches the key the site issues",
		"RFC 6238 §4 (time step X), RFC 4226 §5.3 (Digit)", "guide", "", ""},
}

// Lookup returns the check with the id.
func Lookup(id string) (Check, bool) {
	for _, c := range Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// IDs lists every check's id in table order.
func IDs() []string {
	ids := make([]string, len(Checks))
	for i, c := range Checks {
		ids[i] = c.ID
	}
	return ids
}

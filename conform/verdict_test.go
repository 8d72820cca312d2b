package conform

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

func testKey(t *testing.T, secretBytes, digits, period int) *otp.Key {
	t.Helper()
	s := make([]byte, secretBytes)
	for i := range s {
		s[i] = byte(i*7 + 1)
	}
	return &otp.Key{Type: otp.TypeTOTP, Issuer: "ACME", Account: "qa@acme.example", Secret: s,
		Algorithm: otp.SHA1, Digits: digits, Period: period}
}

func check(id string) *report.Check {
	c, _ := catalog.Lookup(id)
	return newResult(c)
}

func TestJudge(t *testing.T) {
	t.Parallel()
	refusedOK := attempt{what: "replayed", want: outcomeRefused, got: outcomeRefused, said: "already used"}
	tests := []struct {
		name     string
		attempts []attempt
		want     report.Verdict
		reason   string
	}{
		{"all as required", []attempt{refusedOK, {what: "right", want: outcomeAccepted, got: outcomeAccepted}}, report.VerdictPassed, "fine"},
		{"throttled where a refusal is required: could not tell", []attempt{refusedOK, {what: "a wrong code", want: outcomeRefused, got: outcomeThrottled}}, report.VerdictError, "could not tell: a wrong code was refused as throttled"},
		{"throttled where acceptance is required: could not tell", []attempt{{what: "the previous step's code", want: outcomeAccepted, got: outcomeThrottled}}, report.VerdictError, "could not tell: the previous step's code was refused as throttled"},
		{"a check about throttling: throttled or refused both count", []attempt{{what: "x", want: outcomeThrottled, got: outcomeThrottled}, {what: "y", want: outcomeThrottled, got: outcomeRefused}}, report.VerdictPassed, "fine"},
		{"a check about throttling: accepted fails", []attempt{{what: "the right code", want: outcomeThrottled, got: outcomeAccepted}}, report.VerdictFailed, "the right code was accepted"},
		{"accepted but must be refused", []attempt{refusedOK, {what: "the code again", want: outcomeRefused, got: outcomeAccepted}}, report.VerdictFailed, "the code again was accepted"},
		{"refused but must be accepted", []attempt{{what: "the previous step's code", want: outcomeAccepted, got: outcomeRefused}}, report.VerdictFailed, "the previous step's code was refused"},
		{"outcome not recognised", []attempt{{what: "a wrong code", want: outcomeRefused, got: outcomeUnknown}}, report.VerdictError, "could not tell: a wrong code: the page showed neither"},
		{"nothing tried", nil, report.VerdictSkipped, "no code could be tried"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := check(catalog.ReplayRefused)
			judge(r, tt.attempts, "fine")
			if r.Verdict != tt.want || !strings.HasPrefix(r.Reason, tt.reason) {
				t.Errorf("verdict %s %q, want %s %q…", r.Verdict, r.Reason, tt.want, tt.reason)
			}
			if len(r.Evidence) != len(tt.attempts) {
				t.Errorf("evidence has %d lines, want one per attempt (%d)", len(r.Evidence), len(tt.attempts))
			}
		})
	}
}

func TestDecideKeepsFirst(t *testing.T) {
	t.Parallel()
	r := check(catalog.Throttling)
	decide(r, report.VerdictFailed, "first")
	decide(r, report.VerdictPassed, "second")
	if r.Verdict != report.VerdictFailed || r.Reason != "first" {
		t.Errorf("got %s %q, want the first decision", r.Verdict, r.Reason)
	}
}

func TestJudgeSecretStrength(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		bytes int
		want  report.Verdict
	}{{10, report.VerdictFailed}, {15, report.VerdictFailed}, {16, report.VerdictWarning}, {19, report.VerdictWarning}, {20, report.VerdictPassed}, {32, report.VerdictPassed}} {
		r := check(catalog.SecretStrength)
		judgeSecretStrength(r, testKey(t, tt.bytes, 6, 30))
		if r.Verdict != tt.want {
			t.Errorf("%d-bit secret: %s (%s), want %s", tt.bytes*8, r.Verdict, r.Reason, tt.want)
		}
	}
}

func TestJudgeURILint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  func(*otp.Key)
		want report.Verdict
		ids  string
	}{
		{"defaults", func(*otp.Key) {}, report.VerdictPassed, ""},
		{"short secret is secret-strength's", func(k *otp.Key) { k.Secret = k.Secret[:10] }, report.VerdictPassed, ""},
		{"60 s period", func(k *otp.Key) { k.Period = 60 }, report.VerdictWarning, otp.LintPeriod},
		{"no issuer, 8 digits", func(k *otp.Key) { k.Issuer, k.Digits = "", 8 }, report.VerdictWarning, otp.LintIssuerMissing + ", " + otp.LintDigits},
		{"unusable", func(k *otp.Key) { k.Digits = 3 }, report.VerdictFailed, otp.LintInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k := testKey(t, 20, 6, 30)
			tt.key(k)
			r := check(catalog.URILint)
			judgeURILint(r, k)
			if r.Verdict != tt.want || (tt.ids != "" && !strings.Contains(r.Reason, tt.ids)) {
				t.Errorf("got %s %q, want %s naming %s", r.Verdict, r.Reason, tt.want, tt.ids)
			}
		})
	}
}

func TestJudgeFreshSecret(t *testing.T) {
	t.Parallel()
	a, b := testKey(t, 20, 6, 30), testKey(t, 20, 6, 30)
	r := check(catalog.FreshSecret)
	judgeFreshSecret(r, a, b)
	if r.Verdict != report.VerdictFailed {
		t.Errorf("same secret: %s, want failed", r.Verdict)
	}
	b.Secret = append(otp.Secret(nil), b.Secret...)
	b.Secret[0] ^= 1
	r = check(catalog.FreshSecret)
	judgeFreshSecret(r, a, b)
	if r.Verdict != report.VerdictPassed {
		t.Errorf("different secrets: %s, want passed", r.Verdict)
	}
	if strings.Contains(r.Reason, a.Secret.Base32()) {
		t.Error("the reason shows the secret")
	}
}

func TestJudgeEnrollThrottleDisable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		judge func(r *report.Check)
		want  report.Verdict
	}{
		{"enroll: 2FA stayed off", func(r *report.Check) { judgeEnrollRequiresCode(r, false, false) }, report.VerdictPassed},
		{"enroll: a wrong code switched it on", func(r *report.Check) { judgeEnrollRequiresCode(r, true, true) }, report.VerdictFailed},
		{"throttle: right code refused", func(r *report.Check) {
			judgeThrottling(r, 5, true, attempt{want: outcomeThrottled, got: outcomeThrottled})
		}, report.VerdictPassed},
		{"throttle: right code signed in", func(r *report.Check) {
			judgeThrottling(r, 10, false, attempt{want: outcomeRefused, got: outcomeAccepted})
		}, report.VerdictFailed},
		{"throttle: page not recognised", func(r *report.Check) {
			judgeThrottling(r, 10, false, attempt{want: outcomeRefused, got: outcomeUnknown})
		}, report.VerdictError},
		{"disable: needs confirmation", func(r *report.Check) { judgeDisableConfirmed(r, 1, true) }, report.VerdictPassed},
		{"disable: off before confirming", func(r *report.Check) { judgeDisableConfirmed(r, 1, false) }, report.VerdictFailed},
		{"disable: one click", func(r *report.Check) { judgeDisableConfirmed(r, 0, true) }, report.VerdictFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &report.Check{}
			tt.judge(r)
			if r.Verdict != tt.want {
				t.Errorf("got %s (%s), want %s", r.Verdict, r.Reason, tt.want)
			}
		})
	}
}

func TestWrongCode(t *testing.T) {
	t.Parallel()
	k := testKey(t, 20, 6, 30)
	at := time.Unix(1_800_000_000, 0)
	seen := map[string]bool{}
	cur := k.Step(at)
	for nth := range 12 {
		c := wrongCode(k, at, 8, nth)
		if len(c) != 6 || strings.Trim(c, "0123456789") != "" {
			t.Fatalf("wrong code %q is not 6 digits", c)
		}
		for s := cur - 8; s <= cur+8; s++ {
			if k.CodeAt(s) == c {
				t.Fatalf("wrong code %d is the code of step %+d", nth, int64(s)-int64(cur))
			}
		}
		if seen[c] {
			t.Fatalf("wrong code %d repeats an earlier one", nth)
		}
		seen[c] = true
	}
	if wrongCode(k, at, 8, 3) != wrongCode(k, at, 8, 3) {
		t.Error("wrongCode is not deterministic")
	}
}

// TestWrongCodeSkipsZeros: counting up from a code near "999999" passes "000000",
// which only wrong-code-refused may type (master-code accepts it).
func TestWrongCodeSkipsZeros(t *testing.T) {
	t.Parallel()
	k := testKey(t, 20, 6, 30)
	s := uint64(60_000_000)
	for !strings.HasPrefix(k.CodeAt(s), "44444") { // +5 on every digit: "99999x"
		s++
	}
	at := time.Unix(int64(s)*30, 0)
	for nth := range 12 {
		if c := wrongCode(k, at, 8, nth); c == "000000" {
			t.Fatalf("wrong code %d is the all-zeros code", nth)
		}
	}
}

func TestIncrement(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"000000": "000001", "123999": "124000", "999999": "000000"} {
		c := []byte(in)
		increment(c)
		if string(c) != want {
			t.Errorf("increment(%s) = %s, want %s", in, c, want)
		}
	}
}

func TestContains(t *testing.T) {
	t.Parallel()
	if !contains("That one-time\n  passcode is INCORRECT.", "one-time passcode is incorrect") {
		t.Error("contains must ignore case and runs of white space")
	}
	if contains("anything", "") {
		t.Error("an empty text must match nothing")
	}
}

// TestStopped: when a shared phase fails, one check carries the cause and the checks
// that needed the phase say "not run: <cause>"; only a site that asks for no passcode
// after the whole enrollment is FAILED, once.
func TestStopped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		err   error
		first report.Verdict
		why   string
	}{
		{"environment", errors.New("the page went blank"), report.VerdictError, "could not tell: the page went blank"},
		{"no passcode after enrolling", errNoPrompt, report.VerdictFailed, "after the flow's whole enrollment, " + errNoPrompt.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &probing{results: map[string]*report.Check{}}
			for _, id := range signInChecks {
				p.results[id] = check(id)
			}
			p.stopped(signInChecks, tt.err)
			if r := p.result(signInChecks[0]); r.Verdict != tt.first || r.Reason != tt.why {
				t.Errorf("%s: %s %q, want %s %q", signInChecks[0], r.Verdict, r.Reason, tt.first, tt.why)
			}
			for _, id := range signInChecks[1:] {
				if r := p.result(id); r.Verdict != report.VerdictError || !strings.HasPrefix(r.Reason, "not run: ") {
					t.Errorf("%s: %s %q, want error \"not run: ...\"", id, r.Verdict, r.Reason)
				}
			}
		})
	}
	// A flow that goes on after its enrollment step before it signs in again: the site
	// may switch 2FA on in a later step, so no passcode is no accusation.
	f, err := flow.Parse(os.DirFS("../flows"), "myaccount.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := &probing{f: f, enrollStep: f.StepIndex(f.Conform.Enroll), results: map[string]*report.Check{}}
	for _, id := range signInChecks {
		p.results[id] = check(id)
	}
	p.stopped(signInChecks, errNoPrompt)
	for i, id := range signInChecks {
		r := p.result(id)
		if r.Verdict != report.VerdictError || !strings.Contains(r.Reason, `step 8 "Consider backup codes"`) || (i == 0) != strings.HasPrefix(r.Reason, "could not tell: ") {
			t.Errorf("%s: %s %q, want error naming step 8", id, r.Verdict, r.Reason)
		}
	}
	// Once conform carried out those steps (enabled-by's, or found needed from a side
	// session), no passcode is the site's failure; a step it could not carry out is
	// named, ERROR.
	p = &probing{f: f, enrollStep: f.StepIndex(f.Conform.Enroll), results: map[string]*report.Check{}, switched: true}
	for _, id := range signInChecks {
		p.results[id] = check(id)
	}
	p.stopped(signInChecks, errNoPrompt)
	if r := p.result(signInChecks[0]); r.Verdict != report.VerdictFailed {
		t.Errorf("after the steps that may switch 2FA on: %s %q, want failed", r.Verdict, r.Reason)
	}
	p = &probing{f: f, enrollStep: f.StepIndex(f.Conform.Enroll), results: map[string]*report.Check{},
		switchErr: errors.New(`step 8 "Consider backup codes" could not be carried out`)}
	for _, id := range signInChecks {
		p.results[id] = check(id)
	}
	p.stopped(signInChecks, errNoPrompt)
	if r := p.result(signInChecks[0]); r.Verdict != report.VerdictError || !strings.Contains(r.Reason, "could not be carried out") {
		t.Errorf("a step that may switch 2FA on could not be carried out: %s %q, want error naming it", r.Verdict, r.Reason)
	}
	// The disable step is never one a site switches 2FA on in.
	ld, err := flow.Parse(os.DirFS("../flows"), "leaseweb-disable.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q := &probing{f: ld, c: ld.Conform, enrollStep: ld.StepIndex(ld.Conform.Enroll)}
	if got := q.afterEnroll(); slices.Contains(got, ld.StepIndex(ld.Conform.Disable)) {
		t.Errorf("steps after the enrollment %v include the disable step %d", got, ld.StepIndex(ld.Conform.Disable))
	}
	if got := (&probing{f: f, enrollStep: len(f.Steps) - 2}).afterEnroll(); len(got) != 0 {
		t.Errorf("steps after the step before the last (which signs in again): %v, want none", got)
	}

	p = &probing{results: map[string]*report.Check{catalog.ReplayRefused: check(catalog.ReplayRefused)}}
	p.stopped([]string{catalog.ReplayRefused}, errJudged)
	if v := p.result(catalog.ReplayRefused).Verdict; v != report.VerdictPending {
		t.Errorf("a check already judged was decided again: %s", v)
	}
}

// TestShowsSecret: the secret counts as shown in any case and grouping, with or
// without padding; another secret does not.
func TestShowsSecret(t *testing.T) {
	t.Parallel()
	k := testKey(t, 20, 6, 30)
	b32 := k.Secret.Base32()
	var grouped []string
	for i := 0; i < len(b32); i += 4 {
		grouped = append(grouped, strings.ToLower(b32[i:min(i+4, len(b32))]))
	}
	for _, text := range []string{"Your key: " + b32, "Key\n" + strings.Join(grouped, " "), strings.Join(grouped, "-") + "===="} {
		if !showsSecret(text, k) {
			t.Errorf("%q: the secret not found", text)
		}
	}
	if showsSecret("Two Step Auth is on. Keep your backup codes somewhere safe.", k) {
		t.Error("found a secret in a page without one")
	}
}

// TestJudgeSkew: a code of the declared window the site refused is a WARNING (the RFC
// asks no site to accept it); a code outside the window accepted is FAILED; a window
// nothing declares takes ±1 either way.
func TestJudgeSkew(t *testing.T) {
	t.Parallel()
	in := func(off string, want, got outcome) attempt {
		return attempt{what: "the code of " + off + " time step(s) from now", want: want, got: got}
	}
	tests := []struct {
		name     string
		known    bool
		attempts []attempt
		want     report.Verdict
		reason   string
	}{
		{"declared window kept", true, []attempt{in("-2", outcomeRefused, outcomeRefused), in("-1", outcomeAccepted, outcomeAccepted), in("+1", outcomeAccepted, outcomeAccepted), in("+2", outcomeRefused, outcomeRefused)},
			report.VerdictPassed, "codes within the declared window of 1 step(s) were accepted"},
		{"no code ahead accepted", true, []attempt{in("-2", outcomeRefused, outcomeRefused), in("-1", outcomeAccepted, outcomeAccepted), in("+1", outcomeAccepted, outcomeRefused), in("+2", outcomeRefused, outcomeRefused)},
			report.VerdictWarning, "the site refused the code of +1 time step(s) from now, inside the window of 1 step(s) the flow declares"},
		{"wider than declared", true, []attempt{in("-2", outcomeRefused, outcomeAccepted), in("-1", outcomeAccepted, outcomeRefused)},
			report.VerdictFailed, "the code of -2 time step(s) from now was accepted"},
		{"undeclared, current step only", false, []attempt{in("-2", outcomeRefused, outcomeRefused), in("-1", outcomeEither, outcomeRefused), in("+1", outcomeEither, outcomeRefused), in("+2", outcomeRefused, outcomeRefused)},
			report.VerdictPassed, "codes of ±2 steps were refused"},
		{"undeclared, ±2 accepted", false, []attempt{in("-2", outcomeRefused, outcomeRefused), in("-1", outcomeEither, outcomeAccepted), in("+1", outcomeEither, outcomeAccepted), in("+2", outcomeRefused, outcomeAccepted)},
			report.VerdictFailed, "the code of +2 time step(s) from now was accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := check(catalog.SkewWindow)
			judgeSkew(r, tt.attempts, 1, tt.known)
			if r.Verdict != tt.want || !strings.HasPrefix(r.Reason, tt.reason) {
				t.Errorf("verdict %s %q, want %s %q…", r.Verdict, r.Reason, tt.want, tt.reason)
			}
		})
	}
}

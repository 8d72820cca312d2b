package conform

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// Claim is what a sentence of a guide states about the code: its length in digits,
// how often it changes (the TOTP period, in seconds), or both.
type Claim struct {
	Quote  string // the sentence, as the guide writes it
	Where  string // the guide step's title, or "the guide" for a conform claim
	Digits int    // 0 when the sentence says nothing about the length
	Period int    // seconds; 0 when it says nothing about how often the code changes
}

var (
	sentenceEnd = regexp.MustCompile(`[.!?](\s+|$)|\n\s*\n`)
	digitsRE    = regexp.MustCompile(`(?i)\b(\d|six|seven|eight)[- ]?(digit|figure|number)s?\b`)
	// A period claim needs the code changing and "every ...": "the code changes every
	// minute", "a new code every 30 seconds". "You have 30 seconds" is no claim.
	changeRE = regexp.MustCompile(`(?i)\b(chang\w*|refresh\w*|renew\w*|rotat\w*|regenerat\w*|new)\b`)
	everyRE  = regexp.MustCompile(`(?i)\b(?:every|each)\s+(?:(half a minute|half minute|minute)|(\d+)\s*(seconds?|secs?|s|minutes?|mins?)\b)`)
)

var wordDigits = map[string]int{"six": 6, "seven": 7, "eight": 8}

// ExtractClaims finds the claims about the code in text, one per sentence that makes
// one. where names the text's place in the guide.
func ExtractClaims(text, where string) []Claim {
	var out []Claim
	for _, s := range sentences(text) {
		c := Claim{Quote: s, Where: where}
		if m := digitsRE.FindStringSubmatch(s); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				c.Digits = n
			} else {
				c.Digits = wordDigits[strings.ToLower(m[1])]
			}
		}
		if changeRE.MatchString(s) {
			if m := everyRE.FindStringSubmatch(s); m != nil {
				c.Period = periodOf(m)
			}
		}
		if c.Digits > 0 || c.Period > 0 {
			out = append(out, c)
		}
	}
	return out
}

// periodOf turns everyRE's match into seconds.
func periodOf(m []string) int {
	if m[1] != "" {
		if strings.HasPrefix(strings.ToLower(m[1]), "half") {
			return 30
		}
		return 60
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return 0
	}
	if strings.HasPrefix(strings.ToLower(m[3]), "m") {
		return n * 60
	}
	return n
}

// sentences splits text into trimmed sentences, white space folded.
func sentences(text string) []string {
	var out []string
	for _, s := range sentenceEnd.Split(text, -1) {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// FlowClaims collects the claims of a flow's guide: in the title, in each step's
// sentences, and in the conform section's claims (sentences outside the steps).
func FlowClaims(f *flow.Flow) []Claim {
	out := ExtractClaims(f.Guide.Title, "the guide's title")
	for _, s := range f.Steps {
		out = append(out, ExtractClaims(s.Say, fmt.Sprintf("step %q", s.Title))...)
	}
	if f.Conform != nil {
		for _, q := range f.Conform.Claims {
			out = append(out, ExtractClaims(q, "the guide")...)
		}
	}
	return out
}

// judgeGuideClaims compares the guide's claims with the key the site issued. A
// mismatch is a finding about the guide: FAILED with about "guide", saying what the
// guide says and what the site does.
func judgeGuideClaims(r *report.Check, claims []Claim, k *otp.Key, source string) {
	if len(claims) == 0 {
		decide(r, report.VerdictSkipped, "the guide says nothing about the code's length or how often it changes")
		return
	}
	var wrong []string
	for _, c := range claims {
		if c.Digits > 0 {
			if d := k.EffectiveDigits(); d != c.Digits {
				wrong = append(wrong, fmt.Sprintf("%s says %q (%d digits), but the site issues %d-digit codes", c.Where, c.Quote, c.Digits, d))
			} else {
				evidence(r, "%s says %q: the site issues %d-digit codes, as stated", c.Where, c.Quote, d)
			}
		}
		if c.Period > 0 {
			if p := k.EffectivePeriod(); p != c.Period {
				wrong = append(wrong, fmt.Sprintf("%s says %q (a %d-second period), but the site issues codes with a %d-second period", c.Where, c.Quote, c.Period, p))
			} else {
				evidence(r, "%s says %q: the site's period is %d seconds, as stated", c.Where, c.Quote, p)
			}
		}
	}
	for _, w := range wrong {
		evidence(r, "%s", w)
	}
	if len(wrong) > 0 {
		guide := "the guide"
		if source != "" {
			guide = "guide " + source
		}
		decide(r, report.VerdictFailed, "%s is wrong, not the site: %s", guide, wrong[0])
		return
	}
	decide(r, report.VerdictPassed, "what the guide says about the code matches the key the site issues (%s)", describeKey(k))
}

package otp

import (
	"fmt"
	"strconv"
)

// Severity ranks a Finding.
type Severity int

// Severities, from least to most serious.
const (
	SeverityInfo    Severity = iota // worth knowing; nothing breaks
	SeverityWarning                 // some apps misread the key, or it is weaker than recommended
	SeverityError                   // the key breaks a MUST of the RFCs, or is unusable
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the String form, so reports in JSON read "warning", not 1.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem Lint found in a key.
type Finding struct {
	ID       string   // stable identifier (one of the Lint* constants); checks refer to it
	Severity Severity //
	Message  string   // what is wrong with this key, in a sentence; never the secret
	Ref      string   // the document and section behind the finding
}

// Stable IDs of Lint's findings. Conformance checks and reports use them; they never
// change meaning.
const (
	LintInvalid         = "key-invalid"          // Validate fails: no app can use the key
	LintSecretTooShort  = "secret-too-short"     // under 128 bits: RFC 4226 §4 R6 MUST
	LintSecretShort     = "secret-short"         // 128 to 159 bits: under the recommended 160
	LintSecretPadding   = "secret-padding"       // '=' padding in the secret, which some apps reject
	LintIssuerMissing   = "issuer-missing"       // no issuer parameter
	LintIssuerMismatch  = "issuer-mismatch"      // label prefix and issuer parameter differ
	LintAccountMissing  = "account-missing"      // empty account name in the label
	LintAlgorithm       = "algorithm-nondefault" // not SHA1: ignored by some apps
	LintDigits          = "digits-nondefault"    // not 6: ignored by some apps
	LintPeriod          = "period-nondefault"    // not 30 s: ignored by some apps
	LintHOTP            = "hotp"                 // counter-based: unsupported by some apps
	refKeyURI           = "Key Uri Format, github.com/google/google-authenticator/wiki/Key-Uri-Format"
	refRFC4226R6        = "RFC 4226 §4 R6"
	minSecretBits       = 128
	recommendSecretBits = 160
)

// Lint lists what makes k weak or likely to be misread by common authenticator apps,
// in a fixed order. Findings about how the URI was written (padding, issuer in label
// and parameter) need k.Source, which Parse fills. A key with no findings returns nil.
func Lint(k *Key) []Finding {
	var fs []Finding
	add := func(id string, sev Severity, ref, format string, args ...any) {
		fs = append(fs, Finding{ID: id, Severity: sev, Message: fmt.Sprintf(format, args...), Ref: ref})
	}
	if err := k.Validate(); err != nil {
		add(LintInvalid, SeverityError, refKeyURI, "the key is unusable: %v", err)
	}
	src := k.Source
	if src == nil {
		src = &Source{}
	}

	switch bits := k.Secret.Bits(); {
	case bits > 0 && bits < minSecretBits:
		add(LintSecretTooShort, SeverityError, refRFC4226R6,
			"the secret is %d bits; RFC 4226 requires at least %d (%d recommended)", bits, minSecretBits, recommendSecretBits)
	case bits > 0 && bits < recommendSecretBits:
		add(LintSecretShort, SeverityWarning, refRFC4226R6,
			"the secret is %d bits; RFC 4226 recommends %d", bits, recommendSecretBits)
	}
	if src.SecretPadding {
		add(LintSecretPadding, SeverityWarning, refKeyURI+" (secret)",
			"the secret carries '=' padding, which the Key URI format says to omit and some apps reject")
	}

	switch {
	case k.Issuer == "":
		add(LintIssuerMissing, SeverityWarning, refKeyURI+" (issuer)",
			"the key names no issuer; apps show it without the site's name")
	case k.Source != nil && !src.HasIssuerParam:
		add(LintIssuerMissing, SeverityWarning, refKeyURI+" (issuer)",
			"the issuer is only in the label; the issuer parameter is strongly recommended")
	}
	if src.HasIssuerParam && src.HasLabelIssuer && src.LabelIssuer != src.IssuerParam {
		add(LintIssuerMismatch, SeverityWarning, refKeyURI+" (label)",
			"the label says issuer %s but the issuer parameter says %s; apps differ in which they show",
			strconv.Quote(src.LabelIssuer), strconv.Quote(src.IssuerParam))
	}
	if k.Account == "" {
		add(LintAccountMissing, SeverityWarning, refKeyURI+" (label)",
			"the label has no account name; users with several accounts cannot tell keys apart")
	}

	if k.Type == TypeHOTP {
		add(LintHOTP, SeverityInfo, "RFC 4226 §7.4",
			"the key is counter-based (hotp); some apps only support totp, and counters drift out of sync")
	}
	if k.Algorithm != SHA1 && k.Algorithm.Valid() {
		add(LintAlgorithm, SeverityWarning, refKeyURI+" (algorithm)",
			"algorithm %s: Google Authenticator ignores the algorithm on some platforms and computes SHA1 codes, which the site will refuse", k.Algorithm)
	}
	if d := k.EffectiveDigits(); d != DefaultDigits {
		add(LintDigits, SeverityWarning, refKeyURI+" (digits)",
			"%d digits: Google Authenticator ignores digits on some platforms and shows 6, which the site will refuse", d)
	}
	if p := k.EffectivePeriod(); k.Type == TypeTOTP && p != DefaultPeriod && p > 0 {
		add(LintPeriod, SeverityWarning, refKeyURI+" (period)",
			"period %d s: Google Authenticator ignores the period on some platforms and uses 30 s", p)
	}
	return fs
}

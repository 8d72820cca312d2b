// Package redact is the one home of how enroll keeps a secret (a TOTP secret, a code,
// a recovery code, a password) out of text: the word it prints as, a text type that
// prints as that word through fmt, slog, encoding/json and encoding.TextMarshaler,
// Scrub, which takes known secrets out of a text written by somebody else (a page, a
// browser's error), and Set: known secrets with patterns of secrets not known yet, and
// the rule by which a pattern finds them (set.go). Types that hold secrets in another
// shape (otp.Secret's key bytes, the runner's values) print through Format and Word.
package redact

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Word is what every secret prints as.
const Word = "REDACTED"

// Text is a secret text, such as a password. It prints, logs and marshals as Word, so
// that it cannot leak by accident; Reveal gives the text on purpose (to type it into a
// form).
type Text string

// Reveal returns the text.
func (t Text) Reveal() string { return string(t) }

// String returns Word.
func (Text) String() string { return Word }

// GoString returns Word, also for %#v.
func (Text) GoString() string { return "redact.Text(" + Word + ")" }

// Format writes Word for every verb.
func (t Text) Format(f fmt.State, verb rune) { Format(f, verb, t.GoString()) }

// LogValue returns Word for slog.
func (Text) LogValue() slog.Value { return slog.StringValue(Word) }

// MarshalJSON encodes "REDACTED".
func (Text) MarshalJSON() ([]byte, error) { return []byte(`"` + Word + `"`), nil }

// MarshalText returns Word, for encoders that use encoding.TextMarshaler.
func (Text) MarshalText() ([]byte, error) { return []byte(Word), nil }

// Format is the fmt.Formatter of every secret type: it writes Word for every verb
// (%v, %s, %x, %q, %d, ...), and goString for %#v, so no verb prints the secret.
func Format(f fmt.State, verb rune, goString string) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, goString)
		return
	}
	io.WriteString(f, Word)
}

// MinScrub is the shortest secret Scrub replaces: shorter values would match ordinary
// text, and are no secret.
const MinScrub = 4

// Scrub replaces every occurrence of each secret in s with Word, longest first (so a
// secret that contains another is replaced whole). Secrets shorter than MinScrub are
// left alone.
func Scrub(s string, secrets ...string) string {
	sorted := slices.Clone(secrets)
	slices.SortStableFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, v := range sorted {
		if len(v) >= MinScrub {
			s = strings.ReplaceAll(s, v, Word)
		}
	}
	return s
}

package redact

import (
	"regexp"
	"slices"
	"testing"
)

func TestSetFind(t *testing.T) {
	t.Parallel()
	codes := Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}
	for _, c := range []struct {
		set  Set
		text string
		want []string
	}{
		{codes, "Codes: f3k9q-2mz8x, 7hw2p-k0d9s.", []string{"f3k9q-2mz8x", "7hw2p-k0d9s"}},
		{codes, "<ul><li>f3k9q-2mz8x</li><li>f3k9q-2mz8x</li></ul>", []string{"f3k9q-2mz8x"}},
		{codes, "xf3k9q-2mz8x and f3k9q-2mz8xy are parts of words", nil},
		{codes, "a well-known trade-off", nil},
		{Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`\d{4} \d{4}`)}}, "Backup codes\n8532 1097\n1234 56789", []string{"8532 1097"}},
		{Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`\d{2,}`)}}, "pin 12, code 9876", []string{"9876"}},
		{Set{Patterns: []*regexp.Regexp{regexp.MustCompile(`(?s)^\s*(?:[a-z]{5}\s+){2}[a-z]{5}\s*$`)}}, "\n  abcde\n fghij klmno \n", []string{"abcde\n fghij klmno"}},
		{Set{Values: []string{"f3k9q-2mz8x"}}, "f3k9q-2mz8x", nil},
	} {
		if got := c.set.Find(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestSetScrub(t *testing.T) {
	t.Parallel()
	set := Set{Values: []string{"hunter2-secret"}, Patterns: []*regexp.Regexp{regexp.MustCompile(`[a-z0-9]{5}-[a-z0-9]{5}`)}}
	// A value found once is a secret everywhere in the text, inside words too.
	got := set.Scrub(`<li>f3k9q-2mz8x</li> password hunter2-secret, class="xf3k9q-2mz8x" id="xabcd1-efgh2"`)
	if want := `<li>REDACTED</li> password REDACTED, class="xREDACTED" id="xabcd1-efgh2"`; got != want {
		t.Errorf("Scrub = %q, want %q", got, want)
	}
	if got := (Set{}).Scrub("nothing 123456"); got != "nothing 123456" {
		t.Errorf("empty set: Scrub = %q", got)
	}
}

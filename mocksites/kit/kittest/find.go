package kittest

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	tagRe    = regexp.MustCompile(`(?s)<[^>]*>`)
	spaceRe  = regexp.MustCompile(`\s+`)
	linkRe   = regexp.MustCompile(`(?s)<a [^>]*?href="([^"]+)"[^>]*>(.*?)</a>`)
	formRe   = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)"[^>]*>(.*?)</form>`)
	buttonRe = regexp.MustCompile(`(?s)<button type="submit"[^>]*>(.*?)</button>`)
)

// Visible returns the text a reader sees in an HTML fragment: tags dropped, entities
// decoded, white space collapsed.
func Visible(fragment string) string {
	return strings.TrimSpace(spaceRe.ReplaceAllString(html.UnescapeString(tagRe.ReplaceAllString(fragment, " ")), " "))
}

// Link returns the href of the page's first <a> whose visible text is text, failing
// the test when there is none.
func (p *Page) Link(t testing.TB, text string) string {
	t.Helper()
	for _, m := range linkRe.FindAllStringSubmatch(p.Body, -1) {
		if Visible(m[2]) == text {
			return html.UnescapeString(m[1])
		}
	}
	t.Fatalf("page %s has no link %q; body:\n%s", p.Path, text, p.Body)
	return ""
}

// FormAction returns the action of the page's first POST form with a submit button
// whose visible text is label, failing the test when there is none.
func (p *Page) FormAction(t testing.TB, label string) string {
	t.Helper()
	for _, f := range formRe.FindAllStringSubmatch(p.Body, -1) {
		for _, b := range buttonRe.FindAllStringSubmatch(f[2], -1) {
			if Visible(b[1]) == label {
				return html.UnescapeString(f[1])
			}
		}
	}
	t.Fatalf("page %s has no form with a %q button; body:\n%s", p.Path, label, p.Body)
	return ""
}

// Press submits the last page's form whose submit button reads label, as a click on
// it would, with form's fields (and the page's CSRF token).
func (c *Client) Press(label string, form url.Values) *Page {
	c.t.Helper()
	if c.Last == nil {
		c.t.Fatalf("press %q: no page yet", label)
	}
	return c.Post(c.Last.FormAction(c.t, label), form)
}

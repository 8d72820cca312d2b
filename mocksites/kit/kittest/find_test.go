package kittest_test

import (
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

const findPage = `<nav><a href="/a">Other</a> <a class="x" href="/b?x=1&amp;y=2"><span>Two-Factor</span>
  Authentication</a></nav>
<form method="post" action="/first"><button type="submit">Save</button></form>
<form method="post" action="/second"><fieldset><input name="code"></fieldset>
  <button type="submit" class="primary"><span>App</span></button></form>`

func TestVisible(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"<b>It&#39;s</b>\n  <i>on</i> ", "It's on"},
		{`<svg aria-hidden="true"></svg>`, ""},
	} {
		if got := kittest.Visible(tc.in); got != tc.want {
			t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLinkAndFormAction(t *testing.T) {
	t.Parallel()
	p := &kittest.Page{Path: "/", Body: findPage}
	for _, tc := range []struct{ name, got, want string }{
		{"link", p.Link(t, "Other"), "/a"},
		{"link text over tags and lines", p.Link(t, "Two-Factor Authentication"), "/b?x=1&y=2"},
		{"form", p.FormAction(t, "Save"), "/first"},
		{"form with a fieldset and a wrapped label", p.FormAction(t, "App"), "/second"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// Package kittest drives a mock site built on package kit from tests, the way a browser
// would, with a real HTTP client: a cookie jar, the CSRF token read from the last page's
// form, redirects followed, links and forms found by their visible text, and helpers
// for the control surface (inboxes, clock, issued secrets).
//
//	r := kittest.Start(t, "20i") // clock at T0, control surface on, closed by t.Cleanup
//	c := kittest.NewClient(t, r.URL)
//	c.Get("/login")
//	p := c.Press("Log in", kittest.Form("email", a.Email, "password", a.Password.Reveal()))
//	p.MustContain(t, "Welcome back")
//	c.Get(p.Link(t, "Security Details"))
//	r.Clock.Advance(30 * time.Second)
package kittest

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/otp"
)

// Client is one browser: its own cookie jar, so two Clients are two users' sessions.
type Client struct {
	t    testing.TB
	Base string
	HTTP *http.Client
	// Last is the last page fetched; Post takes its CSRF token.
	Last *Page
}

// NewClient returns a client of the site at base (e.g. Server.URL).
func NewClient(t testing.TB, base string) *Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Client{t: t, Base: strings.TrimSuffix(base, "/"), HTTP: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

// Page is a fetched page after redirects.
type Page struct {
	Status int
	Path   string // final path (after redirects), with query
	Body   string // raw HTML
}

var csrfRe = regexp.MustCompile(`name="` + kit.CSRFField + `" value="([^"]+)"`)

// CSRF returns the CSRF token of the page's first form, or "".
func (p *Page) CSRF() string {
	m := csrfRe.FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// Text returns the body with HTML entities decoded (tags kept), for Contains checks on
// labels with apostrophes and the like.
func (p *Page) Text() string { return html.UnescapeString(p.Body) }

// Contains reports whether the decoded body contains s.
func (p *Page) Contains(s string) bool { return strings.Contains(p.Text(), s) }

// MustContain fails the test unless the page contains every string.
func (p *Page) MustContain(t testing.TB, want ...string) {
	t.Helper()
	for _, s := range want {
		if !p.Contains(s) {
			t.Fatalf("page %s (status %d) does not contain %q; body:\n%s", p.Path, p.Status, s, p.Body)
		}
	}
}

// MustNotContain fails the test if the page contains any of the strings.
func (p *Page) MustNotContain(t testing.TB, unwanted ...string) {
	t.Helper()
	for _, s := range unwanted {
		if p.Contains(s) {
			t.Fatalf("page %s (status %d) contains %q", p.Path, p.Status, s)
		}
	}
}

// Get fetches path and makes it the last page.
func (c *Client) Get(path string) *Page {
	c.t.Helper()
	resp, err := c.HTTP.Get(c.Base + path)
	return c.read(resp, err)
}

// Post submits form to path, adding the last page's CSRF token unless form has one.
func (c *Client) Post(path string, form url.Values) *Page {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form[kit.CSRFField]; !ok && c.Last != nil {
		form.Set(kit.CSRFField, c.Last.CSRF())
	}
	return c.PostRaw(path, form)
}

// PostRaw submits form to path exactly as given (no CSRF token added).
func (c *Client) PostRaw(path string, form url.Values) *Page {
	c.t.Helper()
	resp, err := c.HTTP.PostForm(c.Base+path, form)
	return c.read(resp, err)
}

func (c *Client) read(resp *http.Response, err error) *Page {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	p := &Page{Status: resp.StatusCode, Path: resp.Request.URL.RequestURI(), Body: string(b)}
	c.Last = p
	return p
}

// Code returns the TOTP code of the otpauth URI at t, as the authenticator app would.
func Code(t testing.TB, uri string, at time.Time) string {
	t.Helper()
	k, err := otp.Parse(uri)
	if err != nil {
		t.Fatalf("parse otpauth uri: %v", err)
	}
	return k.Code(at)
}

// WrongCode returns a 6-digit code different from code.
func WrongCode(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}

// Control returns the JSON answer of a control surface GET (path under /_mock/) decoded
// into T.
func Control[T any](c *Client, path string) T {
	c.t.Helper()
	var out T
	resp, err := c.HTTP.Get(c.Base + kit.ControlPrefix + strings.TrimPrefix(path, "/"))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	return out
}

// ControlPost posts a JSON body (or nothing when body is "") to the control surface and
// decodes the answer into T.
func ControlPost[T any](c *Client, path, body string) (T, int) {
	c.t.Helper()
	var out T
	resp, err := c.HTTP.Post(c.Base+kit.ControlPrefix+strings.TrimPrefix(path, "/"), "application/json", strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	return out, resp.StatusCode
}

// Form builds url.Values from name, value pairs: Form("email", e, "password", p).
func Form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

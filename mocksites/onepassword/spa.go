package onepassword

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// With Options.ClientSide the mock behaves like the real 1Password web app, a
// single-page app. The first load of any page is rendered on the server (a deep link or
// a reload works); after that the page script (static/onepassword.js) fetches each page
// as a fragment and swaps it in with history.pushState, and every form is sent by fetch
// to an /api/ path whose JSON answer says where to go next or what went wrong, with a
// real status. The server answers fragments and the API whatever the option.

// Paths of the JSON API the page script calls. Each takes a form body with the
// session's CSRF token (field "csrf") and answers with an apiAnswer.
const (
	PathAPISignIn  = "/api/signin"                   // the sign-in form: 200 next, 401 refused
	PathAPICode    = "/api/signin/code"              // the passcode's six boxes: 200 next, 401 refused, 422 incomplete
	PathAPISignOut = "/api/signout"                  // "Sign Out": 200 next
	PathAPISetUp   = "/api/two-factor/setup"         // "Set Up App": 200 next (the QR page)
	PathAPIConfirm = "/api/two-factor/setup/confirm" // "Confirm": 200 next, 422 wrong or incomplete, 409 no attempt
	PathAPICancel  = "/api/two-factor/setup/cancel"  // "Cancel": 200 next
)

// apiAnswer is the JSON answer of an /api/ call: Next is where the page goes (by
// script), Error the message it shows beside the form. A refusal has a 4xx status.
type apiAnswer struct {
	Next  string `json:"next,omitempty"`
	Error string `json:"error,omitempty"`
}

// fragment is a page as the page script fetches it: the content of <main> and what
// the script changes around it.
type fragment struct {
	Path  string `json:"path"`  // the page's path and query, after redirects
	Title string `json:"title"` // the document title
	Shell string `json:"shell"` // "app" (signed in: top bar, sidebar) or "auth"
	Nav   string `json:"nav"`   // the active sidebar entry
	Main  string `json:"main"`  // the HTML inside <main>
}

// Shells a page is shown in; a move between them is a whole page load.
const (
	shellApp  = "app"
	shellAuth = "auth"
)

// wantsFragment reports whether r is the page script fetching a page: it asks for JSON.
func wantsFragment(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// isAPI reports whether r is a call of the JSON API.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// writeJSON answers with v as JSON and the status, kept out of every cache.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// render shows page name with v: the whole page on a first load, the fragment when the
// page script asks for one.
func (s *site) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	v.ClientSide, v.ShadowMenu = s.o.ClientSide, s.o.ShadowMenu
	if !wantsFragment(r) {
		s.k.Render(w, status, pages, name, v)
		return
	}
	v.Fragment = true
	var buf bufferWriter
	s.k.Render(&buf, status, pages, name, v)
	if buf.status != status { // the kit showed an error page instead
		w.Header().Set("Content-Type", buf.Header().Get("Content-Type"))
		w.WriteHeader(buf.status)
		_, _ = w.Write(buf.body.Bytes())
		return
	}
	shell := shellAuth
	if v.Email != "" {
		shell = shellApp
	}
	w.Header().Set("Vary", "Accept")
	writeJSON(w, status, fragment{Path: r.URL.RequestURI(), Title: v.Title + " | 1Password", Shell: shell, Nav: v.Nav, Main: buf.body.String()})
}

// bufferWriter keeps a rendered page in memory, to be sent inside a fragment.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header {
	if b.header == nil {
		b.header = http.Header{}
	}
	return b.header
}

func (b *bufferWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// api runs a kit handler that answers with a redirect (sign-in, passcode, sign-out) as
// a call of the JSON API: its redirect becomes 200 {"next": location}; its refusals are
// JSON already (the render callbacks see isAPI).
func api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h(&redirectAnswer{ResponseWriter: w}, r)
	}
}

// redirectAnswer turns a redirect into an apiAnswer; other answers pass through.
type redirectAnswer struct {
	http.ResponseWriter
	redirected bool
}

func (a *redirectAnswer) WriteHeader(status int) {
	if status < 300 || status > 399 {
		a.ResponseWriter.WriteHeader(status)
		return
	}
	a.redirected = true
	next := a.Header().Get("Location")
	a.Header().Del("Location")
	writeJSON(a.ResponseWriter, http.StatusOK, apiAnswer{Next: next})
}

func (a *redirectAnswer) Write(p []byte) (int, error) {
	if a.redirected {
		return len(p), nil // the redirect's own body, if any
	}
	return a.ResponseWriter.Write(p)
}

// msgSignedOut answers an API call of a browser that is no longer signed in.
const msgSignedOut = "You are signed out. Sign in again to continue."

// signedIn is kit.RequireSignIn for the API: a call without a signed-in session is
// refused with 401, and the sign-in page as next.
func (s *site) signedIn(h func(http.ResponseWriter, *http.Request, kit.Session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.k.Session(r)
		if !ok || !sess.SignedIn() {
			writeJSON(w, http.StatusUnauthorized, apiAnswer{Next: PathSignIn, Error: msgSignedOut})
			return
		}
		h(w, r, sess)
	}
}

// lead answers an action that succeeded: a call of the API with where the page goes
// next, a posted form with a redirect there.
func lead(w http.ResponseWriter, r *http.Request, next string) {
	if isAPI(r) {
		writeJSON(w, http.StatusOK, apiAnswer{Next: next})
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

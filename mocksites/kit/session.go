package kit

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"time"
)

// CSRFField is the name of the hidden form input that carries the session's CSRF token.
// Every POST form of a site includes it: <input type="hidden" name="csrf" value="...">.
const CSRFField = "csrf"

// SessionTTL is how long an idle session lives on the site's clock.
const SessionTTL = 12 * time.Hour

var tokenEncoding = base64.RawURLEncoding

// ErrNoSession is returned when a request carries no live session.
var ErrNoSession = errors.New("no session")

// Session is a read-only snapshot of a browser's session on a site.
type Session struct {
	// CSRF is the token every POST form of this session must carry in CSRFField.
	CSRF string
	// Email is the signed-in account's email; empty before sign-in completes.
	Email string
	// AwaitingCode is true between a correct password and the second factor.
	AwaitingCode bool
}

// SignedIn reports whether the session belongs to a fully signed-in account.
func (s Session) SignedIn() bool { return s.Email != "" }

type session struct {
	id      string
	csrf    string
	email   string // signed in
	pending string // password accepted, second factor awaited
	seen    time.Time
}

func (s *session) snapshot() Session {
	return Session{CSRF: s.csrf, Email: s.email, AwaitingCode: s.pending != ""}
}

// lookupLocked returns the live session of r, or nil. k.mu must be held.
func (k *Kit) lookupLocked(r *http.Request) *session {
	c, err := r.Cookie(k.cookie)
	if err != nil {
		return nil
	}
	s := k.sessions[c.Value]
	if s == nil {
		return nil
	}
	now := k.clock.Now()
	if now.Sub(s.seen) > SessionTTL {
		delete(k.sessions, s.id)
		return nil
	}
	s.seen = now
	return s
}

// Session returns the request's session, or false when it has none.
func (k *Kit) Session(r *http.Request) (Session, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s := k.lookupLocked(r)
	if s == nil {
		return Session{}, false
	}
	return s.snapshot(), true
}

// EnsureSession returns the request's session, starting an anonymous one (and setting
// its cookie on w) when there is none. Call it on every page that shows a form before
// sign-in, such as the sign-in page, so the form has a CSRF token.
func (k *Kit) EnsureSession(w http.ResponseWriter, r *http.Request) (Session, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s := k.lookupLocked(r); s != nil {
		return s.snapshot(), nil
	}
	s, err := k.newSessionLocked(w)
	if err != nil {
		return Session{}, err
	}
	return s.snapshot(), nil
}

// newSessionLocked starts a session with fresh random id and CSRF token. k.mu must be held.
func (k *Kit) newSessionLocked(w http.ResponseWriter) (*session, error) {
	id, err := k.Token()
	if err != nil {
		return nil, err
	}
	csrf, err := k.Token()
	if err != nil {
		return nil, err
	}
	s := &session{id: id, csrf: csrf, seen: k.clock.Now()}
	k.sessions[id] = s
	http.SetCookie(w, &http.Cookie{
		Name: k.cookie, Value: id, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	return s, nil
}

// rotateLocked replaces r's session (if any) by a new one carrying the given state, so a
// session id known before sign-in is worthless after it. k.mu must be held.
func (k *Kit) rotateLocked(w http.ResponseWriter, r *http.Request, email, pending string) (*session, error) {
	if old := k.lookupLocked(r); old != nil {
		delete(k.sessions, old.id)
	}
	s, err := k.newSessionLocked(w)
	if err != nil {
		return nil, err
	}
	s.email, s.pending = email, pending
	return s, nil
}

// SignOut ends the request's session and clears its cookie.
func (k *Kit) SignOut(w http.ResponseWriter, r *http.Request) {
	k.mu.Lock()
	if s := k.lookupLocked(r); s != nil {
		delete(k.sessions, s.id)
	}
	k.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: k.cookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// RequireSignIn wraps h so that it only runs for a signed-in session; any other request
// is redirected to loginPath (303 See Other).
func (k *Kit) RequireSignIn(loginPath string, h func(w http.ResponseWriter, r *http.Request, s Session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := k.Session(r)
		if !ok || !s.SignedIn() {
			http.Redirect(w, r, loginPath, http.StatusSeeOther)
			return
		}
		h(w, r, s)
	}
}

// checkCSRF reports whether r's form carries its session's CSRF token.
func (k *Kit) checkCSRF(r *http.Request) bool {
	got := r.PostFormValue(CSRFField)
	k.mu.Lock()
	defer k.mu.Unlock()
	s := k.lookupLocked(r)
	if s == nil || got == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.csrf)) == 1
}

package myaccount

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the sign-in pages.
const (
	msgBadPassword = "Incorrect email address or password. Check both and try again."
	msgWrongCode   = "That code is not valid. Enter the current One-time passcode from your authenticator app, or an unused backup code."
	msgReplayed    = "That One-time passcode was already used. Wait for the next code in your authenticator app."
	msgThrottled   = "Too many invalid codes. Log in is locked for 5 minutes; try again after %s."
)

func (s *site) loginPage(w http.ResponseWriter, r *http.Request) {
	sess, err := s.k.EnsureSession(w, r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if sess.SignedIn() {
		http.Redirect(w, r, PathDashboard, http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "login", view{Title: "Log in", CSRF: sess.CSRF})
}

func (s *site) login(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	step, err := s.k.SignIn(w, r, email, r.PostFormValue("password"))
	switch {
	case errors.Is(err, kit.ErrBadPassword):
		sess, _ := s.k.Session(r)
		s.render(w, http.StatusUnauthorized, "login", view{Title: "Log in", CSRF: sess.CSRF, Error: msgBadPassword, Login: email})
	case err != nil:
		s.fail(w, err)
	case step == kit.SignInNeedsCode:
		http.Redirect(w, r, PathCode, http.StatusSeeOther)
	default:
		http.Redirect(w, r, PathDashboard, http.StatusSeeOther)
	}
}

// codePage asks for the One-time passcode; ?backup=1 ("Use a backup code") asks for a
// backup code instead. Both forms post to the same place, which takes either.
func (s *site) codePage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.k.Session(r)
	if !ok || !sess.AwaitingCode {
		http.Redirect(w, r, PathLogin, http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "code", view{Title: "Two Step Authentication", CSRF: sess.CSRF, Backup: r.URL.Query().Get("backup") == "1"})
}

func (s *site) code(w http.ResponseWriter, r *http.Request) {
	err := s.k.SignInCode(w, r, r.PostFormValue("code"))
	if err == nil {
		http.Redirect(w, r, PathDashboard, http.StatusSeeOther)
		return
	}
	if errors.Is(err, kit.ErrNoSession) {
		http.Redirect(w, r, PathLogin, http.StatusSeeOther)
		return
	}
	var msg string
	var throttled *kit.ThrottledError
	switch {
	case errors.As(err, &throttled):
		msg = fmt.Sprintf(msgThrottled, throttled.Until.UTC().Format(time.TimeOnly)+" UTC")
	case errors.Is(err, kit.ErrReplayed):
		msg = msgReplayed
	case errors.Is(err, kit.ErrWrongCode):
		msg = msgWrongCode
	default:
		s.fail(w, err)
		return
	}
	sess, _ := s.k.Session(r)
	s.render(w, http.StatusUnauthorized, "code", view{
		Title: "Two Step Authentication", CSRF: sess.CSRF, Error: msg, Backup: r.PostFormValue("kind") == "backup",
	})
}

func (s *site) logout(w http.ResponseWriter, r *http.Request) {
	s.k.SignOut(w, r)
	http.Redirect(w, r, PathLogin, http.StatusSeeOther)
}

func (s *site) dashboard(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, http.StatusOK, "dashboard", signedIn(sess, "Dashboard"))
}

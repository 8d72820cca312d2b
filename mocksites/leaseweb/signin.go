package leaseweb

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the sign-in pages.
const (
	msgBadPassword  = "Invalid email address or password."
	msgWrongCode    = "The security code is invalid. Check the code in your app or SMS and try again."
	msgReplayed     = "This security code has already been used. Wait for the next code in your app."
	msgTokenRefused = "This recovery token is invalid or has already been used. Each recovery token can be used only once."
	msgThrottled    = "Too many invalid security codes. Your login is blocked for 5 minutes: try again after %s."
	msgRecoverySent = "We sent a security code by SMS to your recovery phone number."
	msgNoRecovery   = "No recovery phone number is set for this account. Use your app or a recovery token."
	msgSignedOut    = "You are logged out."
)

// tokenShape is what a recovery token looks like when typed: the site tells a refused
// token from a refused passcode by its shape only (the kit decides whether it is good).
var tokenShape = regexp.MustCompile(`^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$`)

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
	v := view{Title: "Log in", CSRF: sess.CSRF}
	if r.URL.Query().Get("msg") == "signed-out" {
		v.Notice = msgSignedOut
	}
	s.render(w, http.StatusOK, "login", v)
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

// codePage is the one-time passcode page: a code from the app or an SMS, or a recovery
// token in the same field, and "Trust this device".
func (s *site) codePage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.k.Session(r)
	if !ok || !sess.AwaitingCode {
		http.Redirect(w, r, PathLogin, http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "code", view{Title: "Two-factor authentication", CSRF: sess.CSRF})
}

func (s *site) code(w http.ResponseWriter, r *http.Request) {
	typed := strings.TrimSpace(r.PostFormValue("code"))
	trust := r.PostFormValue("trust") == "on"
	var err error
	if trust {
		err = s.k.SignInCodeAndTrust(w, r, typed)
	} else {
		err = s.k.SignInCode(w, r, typed)
	}
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
	case errors.Is(err, kit.ErrWrongCode) && tokenShape.MatchString(typed):
		msg = msgTokenRefused
	case errors.Is(err, kit.ErrWrongCode):
		msg = msgWrongCode
	default:
		s.fail(w, err)
		return
	}
	sess, _ := s.k.Session(r)
	s.render(w, http.StatusUnauthorized, "code", view{Title: "Two-factor authentication", CSRF: sess.CSRF, Error: msg, TrustChecked: trust})
}

// recoverySMS sends a sign-in code to the recovery phone number (guide 002: "a fallback
// number which you can use to receive an SMS when your primary method is not working").
func (s *site) recoverySMS(w http.ResponseWriter, r *http.Request) {
	err := s.k.SendSignInCode(r, true)
	if errors.Is(err, kit.ErrNoSession) {
		http.Redirect(w, r, PathLogin, http.StatusSeeOther)
		return
	}
	sess, _ := s.k.Session(r)
	v := view{Title: "Two-factor authentication", CSRF: sess.CSRF}
	status := http.StatusOK
	if err != nil {
		// The kit's only other refusal here is "no phone on file".
		v.Error, status = msgNoRecovery, http.StatusConflict
	} else {
		v.Notice = msgRecoverySent
	}
	s.render(w, status, "code", v)
}

func (s *site) logout(w http.ResponseWriter, r *http.Request) {
	s.k.SignOut(w, r)
	http.Redirect(w, r, PathLogin+"?msg=signed-out", http.StatusSeeOther)
}

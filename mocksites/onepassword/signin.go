package onepassword

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the sign-in pages.
const (
	msgBadPassword = "The email, Secret Key or password you entered is incorrect. Check them and try again."
	msgWrongCode   = "That one-time passcode isn't correct. Check your authenticator app and try again."
	msgReplayed    = "That one-time passcode has already been used. Wait for the next code in your authenticator app."
	msgThrottled   = "Too many incorrect one-time passcodes. To protect your account, sign-in is paused for 5 minutes: try again after %s."
	legendPasscode = "One-time passcode"
)

func (s *site) signInPage(w http.ResponseWriter, r *http.Request) {
	sess, err := s.k.EnsureSession(w, r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if sess.SignedIn() {
		http.Redirect(w, r, PathHome, http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "signin", view{Title: "Sign in", CSRF: sess.CSRF, SecretKey: SecretKey.Reveal()})
}

// secretKeyOK compares a typed Secret Key with the account's, ignoring case, spaces and
// the dashes' positions as the real sign-in form does.
func secretKeyOK(typed string) bool {
	clean := func(s string) string {
		return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	}
	return subtle.ConstantTimeCompare([]byte(clean(typed)), []byte(clean(SecretKey.Reveal()))) == 1
}

func (s *site) signIn(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	refuse := func() {
		sess, _ := s.k.Session(r)
		s.render(w, http.StatusUnauthorized, "signin", view{Title: "Sign in", CSRF: sess.CSRF, Error: msgBadPassword,
			Login: email, SecretKey: r.PostFormValue("secret_key")})
	}
	if !secretKeyOK(r.PostFormValue("secret_key")) {
		refuse()
		return
	}
	step, err := s.k.SignIn(w, r, email, r.PostFormValue("password"))
	switch {
	case errors.Is(err, kit.ErrBadPassword):
		refuse()
	case err != nil:
		s.fail(w, err)
	case step == kit.SignInNeedsCode:
		http.Redirect(w, r, PathCode, http.StatusSeeOther)
	default:
		http.Redirect(w, r, PathHome, http.StatusSeeOther)
	}
}

func (s *site) codePage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.k.Session(r)
	if !ok || !sess.AwaitingCode {
		http.Redirect(w, r, PathSignIn, http.StatusSeeOther)
		return
	}
	s.renderCode(w, http.StatusOK, sess, "")
}

func (s *site) renderCode(w http.ResponseWriter, status int, sess kit.Session, msg string) {
	s.render(w, status, "code", view{Title: "One-time passcode", CSRF: sess.CSRF, Error: msg, Boxes: newBoxes(legendPasscode)})
}

// code checks the six boxes of the passcode page. An incomplete entry is refused before
// the kit sees it: it is no attempt at a code and does not count towards throttling.
func (s *site) code(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.k.Session(r)
	if !ok || !sess.AwaitingCode {
		http.Redirect(w, r, PathSignIn, http.StatusSeeOther)
		return
	}
	code, err := joinDigits(r)
	var digits *digitsError
	if errors.As(err, &digits) {
		s.renderCode(w, http.StatusUnprocessableEntity, sess, digits.message())
		return
	}
	err = s.k.SignInCode(w, r, code)
	if err == nil {
		http.Redirect(w, r, PathHome, http.StatusSeeOther)
		return
	}
	if errors.Is(err, kit.ErrNoSession) {
		http.Redirect(w, r, PathSignIn, http.StatusSeeOther)
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
	sess, _ = s.k.Session(r)
	s.renderCode(w, http.StatusUnauthorized, sess, msg)
}

func (s *site) signOut(w http.ResponseWriter, r *http.Request) {
	s.k.SignOut(w, r)
	http.Redirect(w, r, PathSignIn, http.StatusSeeOther)
}

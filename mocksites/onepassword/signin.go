package onepassword

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// legendPasscode names the six boxes of the sign-in passcode page.
const legendPasscode = "One-time passcode"

// messages are the sign-in pages' messages.
var messages = kit.SignInMessages{
	BadPassword: "The email, Secret Key or password you entered is incorrect. Check them and try again.",
	WrongCode:   "That one-time passcode isn't correct. Check your authenticator app and try again.",
	Replayed:    "That one-time passcode has already been used. Wait for the next code in your authenticator app.",
	Throttled:   "Too many incorrect one-time passcodes. To protect your account, sign-in is paused for 5 minutes: try again after %s.",
}

// signInPages are the kit's sign-in handlers with 1Password's paths, words and pages.
// The form posts go through signIn (the Secret Key) and code (the six boxes).
func (s *site) signInPages() *kit.SignInPages {
	return &kit.SignInPages{
		Kit:      s.k,
		Paths:    kit.SignInPaths{Login: PathSignIn, Code: PathCode, Home: PathHome},
		Messages: messages,
		RenderLogin: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			// Prefilled on a fresh page; a refused form keeps what was typed.
			secretKey := SecretKey.Reveal()
			if r.Method == http.MethodPost {
				secretKey = r.PostFormValue("secret_key")
			}
			s.render(w, status, "signin", view{Title: "Sign in", CSRF: f.CSRF, Error: f.Error, Login: f.Email, SecretKey: secretKey})
		},
		RenderCode: func(w http.ResponseWriter, _ *http.Request, status int, f kit.SignInForm) {
			s.renderCode(w, status, f.CSRF, f.Error)
		},
		Fail: s.fail,
	}
}

func (s *site) renderCode(w http.ResponseWriter, status int, csrf, msg string) {
	s.render(w, status, "code", view{Title: "One-time passcode", CSRF: csrf, Error: msg, Boxes: newBoxes(legendPasscode)})
}

// secretKeyOK compares a typed Secret Key with the account's, ignoring case, spaces and
// the dashes' positions as the real sign-in form does.
func secretKeyOK(typed string) bool {
	clean := func(s string) string {
		return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	}
	return subtle.ConstantTimeCompare([]byte(clean(typed)), []byte(clean(SecretKey.Reveal()))) == 1
}

// signIn checks the Secret Key before the kit checks the email and password; a wrong
// one is refused like a wrong password.
func (s *site) signIn(w http.ResponseWriter, r *http.Request) {
	if !secretKeyOK(r.PostFormValue("secret_key")) {
		s.auth.RefusePassword(w, r)
		return
	}
	s.auth.Login(w, r)
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
		s.renderCode(w, http.StatusUnprocessableEntity, sess.CSRF, digits.message())
		return
	}
	s.auth.SubmitCode(w, r, code)
}

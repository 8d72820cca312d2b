package leaseweb

import (
	"errors"
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the sign-in pages.
const (
	msgRecoverySent = "We sent a security code by SMS to your recovery phone number."
	msgNoRecovery   = "No recovery phone number is set for this account. Use your app or a recovery token."
	msgSignedOut    = "You are logged out."
)

// messages are the sign-in pages' refusals. A refused code typed like a recovery token
// gets the token's message.
var messages = kit.SignInMessages{
	BadPassword:       "Invalid email address or password.",
	WrongCode:         "The security code is invalid. Check the code in your app or SMS and try again.",
	WrongRecoveryCode: "This recovery token is invalid or has already been used. Each recovery token can be used only once.",
	Replayed:          "This security code has already been used. Wait for the next code in your app.",
	Throttled:         "Too many invalid security codes. Your login is blocked for 5 minutes: try again after %s.",
}

// signInPages are the kit's sign-in handlers with Leaseweb's paths, words and pages.
// The passcode page takes a code from the app or an SMS, or a recovery token in the
// same field, and has "Trust this device"; logging out says so on the sign-in page.
func (s *site) signInPages() *kit.SignInPages {
	return &kit.SignInPages{
		Kit: s.k,
		Paths: kit.SignInPaths{
			Login: PathLogin, Code: PathCode, Logout: PathLogout, Home: PathDashboard,
			SignedOut: PathLogin + "?msg=signed-out",
		},
		Messages:   messages,
		TrustField: "trust",
		RenderLogin: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			v := view{Title: "Log in", CSRF: f.CSRF, Error: f.Error, Login: f.Email}
			if r.Method == http.MethodGet && r.URL.Query().Get("msg") == "signed-out" {
				v.Notice = msgSignedOut
			}
			s.render(w, status, "login", v)
		},
		RenderCode: func(w http.ResponseWriter, _ *http.Request, status int, f kit.SignInForm) {
			s.render(w, status, "code", view{Title: "Two-factor authentication", CSRF: f.CSRF, Error: f.Error, TrustChecked: f.Trust})
		},
		Fail: s.fail,
	}
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

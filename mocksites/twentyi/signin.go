package twentyi

import (
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// messages are the sign-in pages' messages.
var messages = kit.SignInMessages{
	BadPassword: "The email address or password you entered is incorrect.",
	WrongCode:   "That one-time passcode is incorrect. Check your authenticator app and try again.",
	Replayed:    "That one-time passcode has already been used. Wait for the next code in your authenticator app.",
	Throttled:   "Too many incorrect passcodes. For your security, log in is locked for 5 minutes: try again after %s.",
}

// signInPages are the kit's sign-in handlers with 20i's paths, words and pages.
func (s *site) signInPages() *kit.SignInPages {
	return &kit.SignInPages{
		Kit:      s.k,
		Paths:    kit.SignInPaths{Login: PathLogin, Code: PathCode, Logout: PathLogout, Home: PathHome},
		Messages: messages,
		RenderLogin: func(w http.ResponseWriter, _ *http.Request, status int, f kit.SignInForm) {
			s.render(w, status, "login", view{Title: "Log in", CSRF: f.CSRF, Error: f.Error, Login: f.Email})
		},
		RenderCode: func(w http.ResponseWriter, _ *http.Request, status int, f kit.SignInForm) {
			s.render(w, status, "code", view{Title: "One-time passcode", CSRF: f.CSRF, Error: f.Error})
		},
		Fail: s.fail,
	}
}

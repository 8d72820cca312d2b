package myaccount

import (
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// messages are the sign-in pages' messages.
var messages = kit.SignInMessages{
	BadPassword: "Incorrect email address or password. Check both and try again.",
	WrongCode:   "That code is not valid. Enter the current One-time passcode from your authenticator app, or an unused backup code.",
	Replayed:    "That One-time passcode was already used. Wait for the next code in your authenticator app.",
	Throttled:   "Too many invalid codes. Log in is locked for 5 minutes; try again after %s.",
}

// signInPages are the kit's sign-in handlers with My Account's paths, words and pages.
// The passcode page asks for the One-time passcode; ?backup=1 ("Use a backup code")
// asks for a backup code instead. Both forms post to the same place, which takes
// either, and a refused backup code (kind=backup) shows the backup form again.
func (s *site) signInPages() *kit.SignInPages {
	return &kit.SignInPages{
		Kit:      s.k,
		Paths:    kit.SignInPaths{Login: PathLogin, Code: PathCode, Logout: PathLogout, Home: PathDashboard},
		Messages: messages,
		RenderLogin: func(w http.ResponseWriter, _ *http.Request, status int, f kit.SignInForm) {
			s.render(w, status, "login", view{Title: "Log in", CSRF: f.CSRF, Error: f.Error, Login: f.Email})
		},
		RenderCode: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			backup := r.URL.Query().Get("backup") == "1"
			if r.Method == http.MethodPost {
				backup = r.PostFormValue("kind") == "backup"
			}
			s.render(w, status, "code", view{Title: "Two Step Authentication", CSRF: f.CSRF, Error: f.Error, Backup: backup})
		},
		Fail: s.fail,
	}
}

func (s *site) dashboard(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, http.StatusOK, "dashboard", signedIn(sess, "Dashboard"))
}

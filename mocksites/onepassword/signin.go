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

// signInPages are the kit's sign-in handlers with 1Password's paths, words and pages:
// the sign-in form also asks for the Secret Key, and the passcode is typed into six
// one-digit boxes. Sent to the API (spa.go), a refusal is a JSON answer with the kit's
// status (401, or 422 for an incomplete code) and the page keeps what was typed; posted
// to the page, it is the page again with that status.
func (s *site) signInPages() *kit.SignInPages {
	return &kit.SignInPages{
		Kit:      s.k,
		Paths:    kit.SignInPaths{Login: PathSignIn, Code: PathCode, Logout: PathSignOut, Home: PathHome},
		Messages: messages,
		RenderLogin: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			if isAPI(r) {
				writeJSON(w, status, apiAnswer{Error: f.Error})
				return
			}
			// Prefilled on a fresh page; a refused form keeps what was typed.
			secretKey := SecretKey.Reveal()
			if r.Method == http.MethodPost {
				secretKey = r.PostFormValue("secret_key")
			}
			s.render(w, r, status, "signin", view{Title: "Sign in", CSRF: f.CSRF, Error: f.Error, Login: f.Email, SecretKey: secretKey})
		},
		RenderCode: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			if isAPI(r) {
				writeJSON(w, status, apiAnswer{Error: f.Error})
				return
			}
			s.render(w, r, status, "code", view{Title: "One-time passcode", CSRF: f.CSRF, Error: f.Error, Boxes: newBoxes(legendPasscode)})
		},
		Fail:      s.fail,
		CheckForm: func(r *http.Request) bool { return secretKeyOK(r.PostFormValue("secret_key")) },
		ReadCode:  readBoxes,
	}
}

// secretKeyOK compares a typed Secret Key with the account's, ignoring case, spaces and
// the dashes' positions as the real sign-in form does.
func secretKeyOK(typed string) bool {
	clean := func(s string) string {
		return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	}
	return subtle.ConstantTimeCompare([]byte(clean(typed)), []byte(clean(SecretKey.Reveal()))) == 1
}

// readBoxes joins the six boxes of the passcode page. An incomplete entry is refused
// with its message before the kit sees it: it is no attempt at a code and does not
// count towards throttling.
func readBoxes(r *http.Request) (code, problem string) {
	code, err := joinDigits(r)
	var digits *digitsError
	if errors.As(err, &digits) {
		return "", digits.message()
	}
	return code, ""
}

package onepassword

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the profile and two-factor pages; a ?msg= key on the two-factor page
// shows one after an API call has led there.
const (
	msgEnabled     = "Two-factor authentication is turned on."
	msgSafeguarded = "Your account is safeguarded using Two-Factor Authentication."
	msgCancelled   = "Two-factor authentication setup was cancelled. Nothing was changed."
	msgRestart     = "There is no setup in progress. Click Set Up App to start again."
	msgSetupCode   = "That code isn't correct, so two-factor authentication is still off. Enter the current 6-digit code from your authenticator app."
	legendSetup    = "Enter the 6-digit code from your authenticator app"
)

var notices = map[string]string{"enabled": msgEnabled, "cancelled": msgCancelled}
var errorsByKey = map[string]string{"restart": msgRestart}

func (s *site) home(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, r, http.StatusOK, "home", view{Title: "All Items", CSRF: sess.CSRF, Email: sess.Email, Nav: "home"})
}

// profile is "My Profile", whose "More Options" reveals "Manage Two-Factor
// Authentication".
func (s *site) profile(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile", view{Title: "My Profile", CSRF: sess.CSRF, Email: sess.Email, Nav: "profile", TwoFactor: st})
}

// twoFactor is "Manage Two-Factor Authentication": "Set Up App" while 2FA is off, the
// safeguarded message once it is on.
func (s *site) twoFactor(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	msg := r.URL.Query().Get("msg")
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.render(w, r, http.StatusOK, "twofactor", view{Title: "Two-Factor Authentication", CSRF: sess.CSRF, Email: sess.Email,
		Nav: "profile", TwoFactor: st, Notice: notices[msg], Error: errorsByKey[msg]})
}

// Where the API's answers lead: the two-factor page with a message.
const (
	nextEnabled   = PathTwoFactor + "?msg=enabled"
	nextCancelled = PathTwoFactor + "?msg=cancelled"
	nextRestart   = PathTwoFactor + "?msg=restart"
)

// setUpApp is "Set Up App": a new attempt with a fresh secret, no time limit; the page
// goes on to the QR code.
func (s *site) setUpApp(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	if _, err := s.k.BeginEnrollment(r, 0); err != nil {
		s.fail(w, err)
		return
	}
	lead(w, r, PathSetup)
}

// pending returns the attempt under way, or false when there is none; then it has
// answered (restart).
func (s *site) pending(w http.ResponseWriter, r *http.Request) (kit.Enrollment, bool) {
	e, err := s.k.PendingEnrollment(r)
	switch {
	case err == nil:
		return e, true
	case errors.Is(err, kit.ErrNoEnrollment), errors.Is(err, kit.ErrExpired):
		restart(w, r)
	default:
		s.fail(w, err)
	}
	return kit.Enrollment{}, false
}

// setupPage shows the QR code as an inline <svg> and the same secret as text to save.
func (s *site) setupPage(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	e, ok := s.pending(w, r)
	if !ok {
		return
	}
	svg, err := qr.SVG(e.URI(), qrModulePx)
	if err != nil {
		s.fail(w, err)
		return
	}
	text := e.Key.Secret.Base32()
	v := view{Title: "Set Up App", CSRF: sess.CSRF, Email: sess.Email, Nav: "profile",
		Setup: &setupView{QR: template.HTML(svg), Groups: groupsOf(text, 4), Chars: len(text)}} // #nosec: qr.SVG writes only numbers and fixed markup
	s.render(w, r, http.StatusOK, "setup", v)
}

// groupsOf cuts s into blocks of n characters (the last one may be shorter).
func groupsOf(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// setupCodePage is "Next": the six boxes and "Confirm".
func (s *site) setupCodePage(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	if _, ok := s.pending(w, r); !ok {
		return
	}
	s.renderSetupCode(w, r, http.StatusOK, sess, "")
}

func (s *site) renderSetupCode(w http.ResponseWriter, r *http.Request, status int, sess kit.Session, msg string) {
	s.render(w, r, status, "setupcode", view{Title: "Set Up App", CSRF: sess.CSRF, Email: sess.Email, Nav: "profile",
		Error: msg, Boxes: newBoxes(legendSetup)})
}

// restart answers a step of an attempt that is no longer under way: a call of the API
// is refused with 409, a page or form leads to the two-factor page; both say to start
// again.
func restart(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeJSON(w, http.StatusConflict, apiAnswer{Next: nextRestart, Error: msgRestart})
		return
	}
	http.Redirect(w, r, nextRestart, http.StatusSeeOther)
}

// refuseCode answers a code entry of "Confirm" that switched nothing on, with 422: the
// message for the API, or the six boxes again with it.
func (s *site) refuseCode(w http.ResponseWriter, r *http.Request, sess kit.Session, msg string) {
	if isAPI(r) {
		writeJSON(w, http.StatusUnprocessableEntity, apiAnswer{Error: msg})
		return
	}
	s.renderSetupCode(w, r, http.StatusUnprocessableEntity, sess, msg)
}

// confirm is "Confirm": the six digits joined switch 2FA on when they are the current
// code. An incomplete entry is refused here (422) and checks no code; the code itself
// is the kit's to judge (422 when wrong; the attempt stays open).
func (s *site) confirm(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	code, err := joinDigits(r)
	var digits *digitsError
	if errors.As(err, &digits) {
		if _, ok := s.pending(w, r); ok {
			s.refuseCode(w, r, sess, digits.message())
		}
		return
	}
	err = s.k.ConfirmEnrollment(r, code)
	switch {
	case err == nil:
		lead(w, r, nextEnabled)
	case errors.Is(err, kit.ErrExpired), errors.Is(err, kit.ErrNoEnrollment):
		restart(w, r)
	case errors.Is(err, kit.ErrWrongCode), errors.Is(err, kit.ErrReplayed):
		s.refuseCode(w, r, sess, msgSetupCode)
	default:
		s.fail(w, err)
	}
}

// cancel is "Cancel" on the QR page: the attempt is dropped, 2FA stays as it was.
func (s *site) cancel(w http.ResponseWriter, r *http.Request, _ kit.Session) {
	s.k.CancelEnrollment(r)
	lead(w, r, nextCancelled)
}

package twentyi

import (
	"errors"
	"net/http"
	"strings"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the security pages, shown after a redirect by a ?msg= key.
const (
	msgAdded     = "Success: a two-factor authentication tool has been added to your account."
	msgExpired   = "Time ran out: the setup took longer than 30 seconds. Start again."
	msgCancelled = "Two-factor authentication setup was cancelled. Nothing was changed."
	msgSetupCode = "That code is incorrect, so two-factor authentication has not been turned on. Enter the current code from your app before time runs out."
)

var notices = map[string]string{"added": msgAdded, "cancelled": msgCancelled}
var errorsByKey = map[string]string{"expired": msgExpired}

// qrModulePx is the size of one QR module on the canvas; the quiet zone is 4 modules.
const qrModulePx = 5

func (s *site) home(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, http.StatusOK, "home", view{Title: "My 20i", CSRF: sess.CSRF, Email: sess.Email})
}

func (s *site) details(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, http.StatusOK, "details", view{Title: "Security Details", CSRF: sess.CSRF, Email: sess.Email, Tab: "personal"})
}

// security is the Security tab: the long page whose Two-Factor Authentication section
// is below the fold, with the setup dialog open while an attempt is under way.
func (s *site) security(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	msg := r.URL.Query().Get("msg")
	v := view{Title: "Security", CSRF: sess.CSRF, Email: sess.Email, Tab: "security", Notice: notices[msg], Error: errorsByKey[msg]}
	e, err := s.k.PendingEnrollment(r)
	switch {
	case err == nil:
		if v.Setup, err = s.setupView(e); err != nil {
			s.fail(w, err)
			return
		}
	case errors.Is(err, kit.ErrExpired):
		v.Error = msgExpired
	case !errors.Is(err, kit.ErrNoEnrollment):
		s.fail(w, err)
		return
	}
	s.renderSecurity(w, r, http.StatusOK, v)
}

func (s *site) renderSecurity(w http.ResponseWriter, r *http.Request, status int, v view) {
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	v.TwoFactor = st
	s.render(w, status, "security", v)
}

func (s *site) setupView(e kit.Enrollment) (*setupView, error) {
	code, err := qr.Encode(e.URI())
	if err != nil {
		return nil, err
	}
	rows := make([]string, code.Size())
	var b strings.Builder
	for y := range rows {
		b.Reset()
		for x := 0; x < code.Size(); x++ {
			if code.At(x, y) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		rows[y] = b.String()
	}
	left := int(e.Remaining(s.k.Now()).Seconds())
	return &setupView{Rows: rows, Size: (code.Size() + 8) * qrModulePx, Remaining: left}, nil
}

// start is the dialog's "Continue": a new attempt with a fresh secret and 30 seconds.
func (s *site) start(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	if _, err := s.k.BeginEnrollment(r, SetupTime); err != nil {
		s.fail(w, err)
		return
	}
	http.Redirect(w, r, PathSecurity+"#two-factor", http.StatusSeeOther)
}

// done is "Done": the code typed within the 30 seconds switches 2FA on.
func (s *site) done(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	err := s.k.ConfirmEnrollment(r, r.PostFormValue("code"))
	switch {
	case err == nil:
		http.Redirect(w, r, PathSecurity+"?msg=added#two-factor", http.StatusSeeOther)
	case errors.Is(err, kit.ErrExpired), errors.Is(err, kit.ErrNoEnrollment):
		http.Redirect(w, r, PathSecurity+"?msg=expired#two-factor", http.StatusSeeOther)
	case errors.Is(err, kit.ErrWrongCode), errors.Is(err, kit.ErrReplayed):
		v := view{Title: "Security", CSRF: sess.CSRF, Email: sess.Email, Tab: "security", Error: msgSetupCode}
		e, perr := s.k.PendingEnrollment(r)
		if perr != nil {
			http.Redirect(w, r, PathSecurity+"?msg=expired#two-factor", http.StatusSeeOther)
			return
		}
		if v.Setup, perr = s.setupView(e); perr != nil {
			s.fail(w, perr)
			return
		}
		s.renderSecurity(w, r, http.StatusUnprocessableEntity, v)
	default:
		s.fail(w, err)
	}
}

func (s *site) cancel(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.k.CancelEnrollment(r)
	http.Redirect(w, r, PathSecurity+"?msg=cancelled#two-factor", http.StatusSeeOther)
}

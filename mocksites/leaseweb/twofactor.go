package leaseweb

import (
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the two-factor settings, shown after a redirect by a ?msg= key.
const (
	msgActivated     = "Two-factor authentication is activated. From now on you will be asked for a security code after your regular login."
	msgDisabled      = "Two-factor authentication is disabled. 2-step verification is no longer asked at login."
	msgTokens        = "10 new recovery tokens were generated. Click the Show icon in the Recovery Codes section to view them."
	msgRecoveryAdded = "Your recovery phone number has been added."
	msgAppCode       = "The security code is incorrect, so two-factor authentication has not been activated. Enter the current 6-digit code from your app."
	msgNoAttempt     = "The setup was not started or has ended. Choose a method to start again."
)

var notices = map[string]string{
	"activated": msgActivated, "disabled": msgDisabled, "tokens": msgTokens, "recovery-phone": msgRecoveryAdded,
}

var errorsByKey = map[string]string{"no-attempt": msgNoAttempt}

// qrModulePx is the size of one QR module in the PNG.
const qrModulePx = 5

// settingsView is the view of a settings screen in area a, with the account's status.
func (s *site) settingsView(r *http.Request, sess kit.Session, a area, screen string) (view, error) {
	st, err := s.k.Status(r)
	if err != nil {
		return view{}, err
	}
	nav := "profile"
	if a.Base == PathAuthentication {
		nav = "authentication"
	}
	return view{Title: "Two-Factor Authentication", CSRF: sess.CSRF, Email: sess.Email, Nav: nav, Area: a,
		TFA: tfaView{Screen: screen, Status: st, NativeConfirm: s.v.NativeConfirm && s.k.DisableNeedsConfirm()}}, nil
}

// showScreen shows a settings screen that makes sense only while two-factor
// authentication is on (enabled true) or off; otherwise it goes back to the overview.
func (s *site) showScreen(w http.ResponseWriter, r *http.Request, sess kit.Session, a area, screen string, enabled bool) {
	v, err := s.settingsView(r, sess, a, screen)
	if err != nil {
		s.fail(w, err)
		return
	}
	if v.TFA.Status.Enabled() != enabled {
		http.Redirect(w, r, a.Base, http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, a.Page, v)
}

// settings is the Two-Factor Authentication overview: "Enable" when off; the method,
// "Disable", the recovery phone number and the Recovery Codes when on.
func (s *site) settings(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	v, err := s.settingsView(r, sess, a, "overview")
	if err != nil {
		s.fail(w, err)
		return
	}
	msg := r.URL.Query().Get("msg")
	v.Notice, v.Error = notices[msg], errorsByKey[msg]
	v.TFA.Fresh = msg == "tokens"
	if v.TFA.Tokens, err = s.k.RecoveryCodes(r); err != nil {
		s.fail(w, err)
		return
	}
	s.render(w, http.StatusOK, a.Page, v)
}

// chooseMethod is the screen after "Enable": the App and SMS methods.
func (s *site) chooseMethod(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.showScreen(w, r, sess, a, "choose", false)
}

// startApp is the App icon: a new attempt with a fresh secret.
func (s *site) startApp(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	if st, err := s.k.Status(r); err != nil || st.Enabled() {
		http.Redirect(w, r, a.Base, http.StatusSeeOther)
		return
	}
	if _, err := s.k.BeginEnrollment(r, 0); err != nil {
		s.fail(w, err)
		return
	}
	http.Redirect(w, r, a.Path(subApp), http.StatusSeeOther)
}

// appPage shows the attempt under way: "Activate 2-step verification", the QR code, the
// security code field, "Trust this device" and "Enable".
func (s *site) appPage(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.renderApp(w, r, sess, a, http.StatusOK, "", false)
}

func (s *site) renderApp(w http.ResponseWriter, r *http.Request, sess kit.Session, a area, status int, errMsg string, trust bool) {
	e, err := s.k.PendingEnrollment(r)
	if errors.Is(err, kit.ErrNoEnrollment) || errors.Is(err, kit.ErrExpired) {
		http.Redirect(w, r, a.Path(subEnable), http.StatusSeeOther)
		return
	}
	if err != nil {
		s.fail(w, err)
		return
	}
	v, err := s.settingsView(r, sess, a, "app")
	if err != nil {
		s.fail(w, err)
		return
	}
	png, err := qr.PNG(e.URI(), qrModulePx)
	if err != nil {
		s.fail(w, err)
		return
	}
	// A data: URL built here from our own PNG bytes, so it is safe in src.
	v.TFA.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	v.Error, v.TrustChecked = errMsg, trust
	s.render(w, status, a.Page, v)
}

// enableApp is "Enable" under the QR code: the security code switches 2FA on.
func (s *site) enableApp(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	trust := r.PostFormValue("trust") == "on"
	err := s.k.ConfirmEnrollment(r, r.PostFormValue("code"))
	switch {
	case err == nil:
		if trust {
			if err := s.k.TrustDevice(w, r); err != nil {
				s.fail(w, err)
				return
			}
		}
		http.Redirect(w, r, a.Base+"?msg=activated", http.StatusSeeOther)
	case errors.Is(err, kit.ErrNoEnrollment), errors.Is(err, kit.ErrExpired):
		http.Redirect(w, r, a.Base+"?msg=no-attempt", http.StatusSeeOther)
	case errors.Is(err, kit.ErrWrongCode), errors.Is(err, kit.ErrReplayed):
		s.renderApp(w, r, sess, a, http.StatusUnprocessableEntity, msgAppCode, trust)
	default:
		s.fail(w, err)
	}
}

// generateTokens is "Generate tokens": 10 fresh single-use recovery tokens, replacing
// any earlier ones.
func (s *site) generateTokens(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	if st, err := s.k.Status(r); err != nil || !st.Enabled() {
		http.Redirect(w, r, a.Base, http.StatusSeeOther)
		return
	}
	if _, err := s.k.GenerateRecoveryCodes(r, RecoveryTokens); err != nil {
		s.fail(w, err)
		return
	}
	http.Redirect(w, r, a.Base+"?msg=tokens#recovery-codes", http.StatusSeeOther)
}

// disablePage asks for confirmation: "Confirm you want to disable Two-Factor
// Authentication" and "Disable" again.
func (s *site) disablePage(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	if !s.k.DisableNeedsConfirm() {
		s.disable(w, r, sess, a)
		return
	}
	s.showScreen(w, r, sess, a, "disable", true)
}

// disable is the confirmation's "Disable".
func (s *site) disable(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	if err := s.k.Disable(r); err != nil {
		s.fail(w, err)
		return
	}
	http.Redirect(w, r, a.Base+"?msg=disabled", http.StatusSeeOther)
}

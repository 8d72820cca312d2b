package leaseweb

import (
	"errors"
	"net/http"
	"strings"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Messages of the SMS screens.
const (
	msgBadPhone     = "Enter a mobile phone number in international format, for example +31 6 12345678."
	msgSMSWrongCode = "The security code is incorrect. Enter the 6-digit code from the SMS we sent you."
	msgSMSExpired   = "The security code has expired. Send a new code."
)

// purposeRecoveryPhone is the SMS purpose of the code that proves a recovery phone.
const purposeRecoveryPhone = "recovery-phone"

// normalizePhone keeps a leading + and the digits of a typed phone number; ok is false
// unless it has 8 to 15 digits (E.164).
func normalizePhone(typed string) (phone string, ok bool) {
	var b strings.Builder
	typed = strings.TrimSpace(typed)
	if strings.HasPrefix(typed, "+") {
		b.WriteByte('+')
	}
	n := 0
	for _, c := range typed {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
			n++
		case c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '+':
		default:
			return "", false
		}
	}
	return b.String(), n >= 8 && n <= 15
}

// smsCodeMessage is the message for a refused SMS code.
func smsCodeMessage(err error) string {
	if errors.Is(err, kit.ErrExpired) {
		return msgSMSExpired
	}
	return msgSMSWrongCode
}

// smsPage is the SMS method: the phone number form.
func (s *site) smsPage(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.showScreen(w, r, sess, a, "sms", false)
}

// smsSend sends the code that proves the phone, then asks for it.
func (s *site) smsSend(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.sendPhoneCode(w, r, sess, a, "sms", func(phone string) error { return s.k.StartSMSMethod(r, phone) })
}

// smsEnable is "Enable" on the SMS screen.
func (s *site) smsEnable(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	phone := r.PostFormValue("phone")
	err := s.k.EnableSMSMethod(r, phone, r.PostFormValue("code"))
	switch {
	case err == nil:
		http.Redirect(w, r, a.Base+"?msg=activated", http.StatusSeeOther)
	case errors.Is(err, kit.ErrWrongCode), errors.Is(err, kit.ErrExpired):
		s.renderPhoneCode(w, r, sess, a, "sms", phone, smsCodeMessage(err))
	default:
		s.fail(w, err)
	}
}

// recoveryPhonePage is "Add recovery phone number": the phone number form.
func (s *site) recoveryPhonePage(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.showScreen(w, r, sess, a, "recovery-phone", true)
}

// recoveryPhoneSend sends the code that proves the recovery phone.
func (s *site) recoveryPhoneSend(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	s.sendPhoneCode(w, r, sess, a, "recovery-phone", func(phone string) error {
		return s.k.SendSMSCode(phone, purposeRecoveryPhone, "Your Leaseweb verification code is %s")
	})
}

// recoveryPhoneAdd checks the code and records the recovery phone number.
func (s *site) recoveryPhoneAdd(w http.ResponseWriter, r *http.Request, sess kit.Session, a area) {
	phone := r.PostFormValue("phone")
	if err := s.k.CheckSMSCode(phone, purposeRecoveryPhone, r.PostFormValue("code")); err != nil {
		if !errors.Is(err, kit.ErrWrongCode) && !errors.Is(err, kit.ErrExpired) {
			s.fail(w, err)
			return
		}
		s.renderPhoneCode(w, r, sess, a, "recovery-phone", phone, smsCodeMessage(err))
		return
	}
	if err := s.k.SetRecoveryPhone(r, phone); err != nil {
		s.fail(w, err)
		return
	}
	http.Redirect(w, r, a.Base+"?msg=recovery-phone#recovery-phone", http.StatusSeeOther)
}

// sendPhoneCode validates the typed phone number, sends it a code with send, and shows
// the code field of screen.
func (s *site) sendPhoneCode(w http.ResponseWriter, r *http.Request, sess kit.Session, a area, screen string, send func(phone string) error) {
	v, err := s.settingsView(r, sess, a, screen)
	if err != nil {
		s.fail(w, err)
		return
	}
	if v.TFA.Status.Enabled() == (screen == "sms") {
		http.Redirect(w, r, a.Base, http.StatusSeeOther)
		return
	}
	phone, ok := normalizePhone(r.PostFormValue("phone"))
	if !ok {
		v.Error = msgBadPhone
		s.render(w, http.StatusUnprocessableEntity, a.Page, v)
		return
	}
	if err := send(phone); err != nil {
		s.fail(w, err)
		return
	}
	s.renderPhoneCode(w, r, sess, a, screen, phone, "")
}

// renderPhoneCode shows the code field of an SMS screen for phone.
func (s *site) renderPhoneCode(w http.ResponseWriter, r *http.Request, sess kit.Session, a area, screen, phone, errMsg string) {
	v, err := s.settingsView(r, sess, a, screen)
	if err != nil {
		s.fail(w, err)
		return
	}
	v.TFA.Phone, v.TFA.Sent, v.Error = phone, true, errMsg
	status := http.StatusOK
	if errMsg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, a.Page, v)
}

package myaccount

import (
	"errors"
	"net/http"
	"strings"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// SMS purpose of the phone verification code.
const purposeVerifyPhone = "verify-phone"

// PhoneAttempts is how many wrong phone verification codes the site takes before the
// code is dropped and a new one must be sent.
const PhoneAttempts = 5

// Messages of the My Account pages; notices are shown after a redirect by a ?msg= key.
const (
	msgEmailSent     = "We sent a verification link to your email address. Open it to confirm the address."
	msgEmailVerified = "Your email address is verified."
	msgPhoneSent     = "We sent a 6-digit verification code to your phone by text message. Enter it below."
	msgPhoneVerified = "Your phone number is verified."
	msgOn            = "Two Step Auth is on. Keep your backup codes somewhere safe."
	msgAlreadyOn     = "Two Step Auth is already on."
	msgCancelled     = "Two Step Auth setup was cancelled. Nothing was changed."
	msgRestart       = "The Two Step Auth setup was interrupted. Click Enable to start again."
	msgBadLink       = "This verification link is not valid: it was already used, has expired or is incomplete. Send a new one from My Account."
	msgPhoneWrong    = "That verification code is not right. Check the text message and try again."
	msgPhoneExpired  = "That verification code has expired. Click Verify phone to get a new one."
	msgPhoneTooMany  = "Too many wrong verification codes. Click Verify phone to get a new code."
	msgNoPhoneCode   = "There is no verification code on its way. Click Verify phone first."
)

var notices = map[string]string{
	"email-sent": msgEmailSent, "email-verified": msgEmailVerified,
	"phone-sent": msgPhoneSent, "phone-verified": msgPhoneVerified,
	"on": msgOn, "already-on": msgAlreadyOn, "cancelled": msgCancelled,
}

var errorsByKey = map[string]string{"restart": msgRestart}

// notVerified says why Two Step Auth cannot be enabled yet, naming what is missing.
func notVerified(c contact) string {
	var missing []string
	if !c.EmailVerified {
		missing = append(missing, "your email address")
	}
	if !c.PhoneVerified {
		missing = append(missing, "your phone number")
	}
	return "Two Step Auth cannot be enabled until your account is verified: confirm both your email address and your phone number. Not verified yet: " +
		strings.Join(missing, " and ") + "."
}

// phoneOf returns the phone on file for the account (the seeded account's).
func phoneOf(email string) string {
	if strings.EqualFold(email, Site.Account.Email) {
		return Site.Account.Phone
	}
	return ""
}

// profile is the My Account page: the Account Details navigation and the profile.
func (s *site) profile(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	v := signedIn(sess, "My Account")
	v.Nav = "profile"
	v.Contact = s.st.contact(sess.Email, phoneOf(sess.Email))
	s.render(w, http.StatusOK, "profile", v)
}

// twoStep is "Two Step Auth" in the Account Details navigation: the verification of the
// email address and phone, and "Enable".
func (s *site) twoStep(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	msg := r.URL.Query().Get("msg")
	v := signedIn(sess, "Two Step Auth")
	v.Notice, v.Error = notices[msg], errorsByKey[msg]
	s.renderTwoStep(w, r, sess, http.StatusOK, v)
}

func (s *site) renderTwoStep(w http.ResponseWriter, r *http.Request, sess kit.Session, status int, v view) {
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	v.Nav, v.TwoStep = "two-step", st
	v.Contact = s.st.contact(sess.Email, phoneOf(sess.Email))
	s.render(w, status, "twostep", v)
}

// twoStepError shows the Two Step Auth page with an error.
func (s *site) twoStepError(w http.ResponseWriter, r *http.Request, sess kit.Session, status int, msg string) {
	v := signedIn(sess, "Two Step Auth")
	v.Error = msg
	s.renderTwoStep(w, r, sess, status, v)
}

// verifyEmail is "Verify email": a link to PathEmailLink in the mock mailbox.
func (s *site) verifyEmail(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	token, err := s.k.Token()
	if err != nil {
		s.fail(w, err)
		return
	}
	s.st.addToken(token, sess.Email, s.k.Now().Add(EmailLinkTTL))
	s.st.with(sess.Email, func(p *profile) { p.emailSent = true })
	link := kit.BaseURL(r) + PathEmailLink + "?token=" + token
	s.k.SendMail(sess.Email, "Verify your email address for Northwind Cloud",
		"Hello "+DisplayName+",\n\nConfirm your email address for your Northwind Cloud account by opening this link:\n\n"+
			link+"\n\nThe link works once, within 24 hours. If you did not ask for it, ignore this message.",
		[]string{link})
	http.Redirect(w, r, PathTwoStep+"?msg=email-sent#verify", http.StatusSeeOther)
}

// emailLink is the link in the mail: it verifies the address once, signed in or not.
func (s *site) emailLink(w http.ResponseWriter, r *http.Request) {
	email, ok := s.st.useToken(r.URL.Query().Get("token"), s.k.Now())
	if !ok {
		s.k.Logger().Info("email verification refused", "reason", "token")
		s.render(w, http.StatusBadRequest, "verified", view{Title: "Verification link", Error: msgBadLink, SignInLink: true})
		return
	}
	s.k.Logger().Info("email verified")
	if sess, in := s.k.Session(r); in && strings.EqualFold(sess.Email, email) {
		http.Redirect(w, r, PathTwoStep+"?msg=email-verified#verify", http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "verified", view{Title: "Email address verified", Notice: msgEmailVerified, SignInLink: true})
}

// verifyPhone is "Verify phone": a 6-digit code to the mock SMS inbox.
func (s *site) verifyPhone(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	phone := phoneOf(sess.Email)
	if phone == "" {
		s.fail(w, errors.New("no phone number on file"))
		return
	}
	if err := s.k.SendSMSCode(phone, purposeVerifyPhone, "Your Northwind Cloud verification code is %s. It expires in 10 minutes."); err != nil {
		s.fail(w, err)
		return
	}
	s.st.with(sess.Email, func(p *profile) { p.phoneSent = true })
	http.Redirect(w, r, PathTwoStep+"?msg=phone-sent#verify", http.StatusSeeOther)
}

// confirmPhone checks the code typed into "Verification code".
func (s *site) confirmPhone(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	var sent bool
	s.st.with(sess.Email, func(p *profile) { sent = p.phoneSent })
	if !sent {
		s.twoStepError(w, r, sess, http.StatusConflict, msgNoPhoneCode)
		return
	}
	err := s.k.CheckSMSCode(phoneOf(sess.Email), purposeVerifyPhone, r.PostFormValue("code"))
	if err == nil {
		s.st.with(sess.Email, func(p *profile) { p.phoneVerified, p.phoneSent, p.phoneFailures = true, false, 0 })
		s.k.Logger().Info("phone verified")
		http.Redirect(w, r, PathTwoStep+"?msg=phone-verified#verify", http.StatusSeeOther)
		return
	}
	msg := msgPhoneWrong
	switch {
	case errors.Is(err, kit.ErrExpired):
		msg = msgPhoneExpired
		s.st.with(sess.Email, func(p *profile) { p.phoneSent, p.phoneFailures = false, 0 })
	case errors.Is(err, kit.ErrWrongCode):
		s.st.with(sess.Email, func(p *profile) {
			if p.phoneFailures++; p.phoneFailures >= PhoneAttempts {
				msg, p.phoneSent, p.phoneFailures = msgPhoneTooMany, false, 0
			}
		})
	default:
		s.fail(w, err)
		return
	}
	s.k.Logger().Info("phone verification refused")
	s.twoStepError(w, r, sess, http.StatusUnprocessableEntity, msg)
}

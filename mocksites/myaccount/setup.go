package myaccount

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/mocksites/kit"
)

// device is one of the 4 mobile device options.
type device struct {
	ID, Name, Store, Steps string
}

// Devices are the 4 mobile device options of the setup, in the order shown.
var devices = []device{
	{"android", "Android", "Google Play", "open Google Authenticator, tap the + button, then Scan a QR code"},
	{"iphone", "iPhone", "App Store", "open Google Authenticator, tap +, then Scan a QR code"},
	{"windows-phone", "Windows Phone", "Microsoft Store", "open your authenticator app, tap add (+), then scan"},
	{"blackberry", "BlackBerry", "BlackBerry World", "open your authenticator app, choose Add account, then Scan barcode"},
}

func deviceByID(id string) (device, bool) {
	for _, d := range devices {
		if d.ID == id {
			return d, true
		}
	}
	return device{}, false
}

// Messages of the setup pages.
const (
	msgSuccess    = "Two Step Authentication successful"
	msgVerified   = "Your code is verified. Save your backup codes, then click I have saved my backup codes to turn Two Step Auth on."
	msgNoDevice   = "Select one of the 4 mobile device options for your device, then click Proceed."
	msgSetupWrong = "That code is not valid, so Two Step Auth has not been turned on. Enter the 6-digit code that the app shows for Northwind Cloud, then click Verify and Save."
)

// qrModulePx is the size of one QR module in the PNG.
const qrModulePx = 5

// enable is "Enable": refused until both the email address and the phone are verified;
// otherwise the setup starts for this browser session.
func (s *site) enable(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if st.Enabled() {
		http.Redirect(w, r, PathTwoStep+"?msg=already-on", http.StatusSeeOther)
		return
	}
	c := s.st.contact(sess.Email, phoneOf(sess.Email))
	if !c.EmailVerified || !c.PhoneVerified {
		s.k.Logger().Info("enable refused", "reason", "not verified")
		s.twoStepError(w, r, sess, http.StatusConflict, notVerified(c))
		return
	}
	s.k.CancelEnrollment(r) // an attempt another session left behind
	s.st.with(sess.Email, func(p *profile) { p.setup = &setup{owner: sess.CSRF, stage: stageInstall} })
	http.Redirect(w, r, PathSetup, http.StatusSeeOther)
}

// setupPage shows the setup's current stage to the session that owns it.
func (s *site) setupPage(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	p, ok := s.st.setupOf(sess.Email, sess.CSRF)
	if !ok {
		http.Redirect(w, r, PathTwoStep, http.StatusSeeOther)
		return
	}
	switch p.stage {
	case stageInstall:
		v := signedIn(sess, "Install Google Authenticator")
		v.Nav = "two-step"
		s.render(w, http.StatusOK, "install", v)
	case stageDevice:
		s.renderDevice(w, sess, http.StatusOK, "")
	case stageScan:
		s.renderScan(w, r, sess, http.StatusOK, p, "")
	default:
		http.Redirect(w, r, PathBackup, http.StatusSeeOther)
	}
}

func (s *site) renderDevice(w http.ResponseWriter, sess kit.Session, status int, msg string) {
	v := signedIn(sess, "Select a mobile device option")
	v.Nav, v.Devices, v.Error = "two-step", devices, msg
	s.render(w, status, "device", v)
}

func (s *site) renderScan(w http.ResponseWriter, r *http.Request, sess kit.Session, status int, p setup, msg string) {
	e, err := s.k.PendingEnrollment(r)
	if err != nil {
		s.restart(w, r, sess)
		return
	}
	d, _ := deviceByID(p.device)
	v := signedIn(sess, "Scan the QR Code")
	v.Nav, v.Device, v.Error = "two-step", d, msg
	// The query changes with each attempt, so no cache mixes two attempts' images.
	v.QRSrc = PathQR + "?t=" + strconv.FormatInt(e.Started.UnixNano(), 36)
	s.render(w, status, "scan", v)
}

// restart drops a setup whose enrollment is gone and asks to start again.
func (s *site) restart(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.k.CancelEnrollment(r)
	s.st.with(sess.Email, func(p *profile) { p.setup = nil })
	http.Redirect(w, r, PathTwoStep+"?msg=restart", http.StatusSeeOther)
}

// advance moves the session's setup from stage from to stage to, setting device when
// given. It reports false when the session has no setup at that stage.
func (s *site) advance(sess kit.Session, from, to stage, dev string) bool {
	ok := false
	s.st.with(sess.Email, func(p *profile) {
		if p.setup.ownedBy(sess.CSRF) && p.setup.stage == from {
			p.setup.stage, ok = to, true
			if dev != "" {
				p.setup.device = dev
			}
		}
	})
	return ok
}

// mobile is "Set up in your mobile": on to the 4 mobile device options.
func (s *site) mobile(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.advance(sess, stageInstall, stageDevice, "") // without a setup, PathSetup sends it back
	http.Redirect(w, r, PathSetup, http.StatusSeeOther)
}

// device is "Proceed" under the device options: a device must be chosen; then a fresh
// secret and its QR code.
func (s *site) device(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	if p, ok := s.st.setupOf(sess.Email, sess.CSRF); !ok || p.stage != stageDevice {
		http.Redirect(w, r, PathSetup, http.StatusSeeOther)
		return
	}
	d, ok := deviceByID(r.PostFormValue("device"))
	if !ok {
		s.renderDevice(w, sess, http.StatusUnprocessableEntity, msgNoDevice)
		return
	}
	if _, err := s.k.BeginEnrollment(r, 0); err != nil {
		s.fail(w, err)
		return
	}
	s.advance(sess, stageDevice, stageScan, d.ID)
	http.Redirect(w, r, PathSetup, http.StatusSeeOther)
}

// qrPNG serves the QR code of the enrollment under way, only to the signed-in session
// that started it: 403 for anyone else, 404 when there is no attempt.
func (s *site) qrPNG(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.k.Session(r)
	if !ok || !sess.SignedIn() {
		s.k.Logger().Warn("qr refused", "reason", "not signed in")
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	var owner, exists bool
	s.st.with(sess.Email, func(p *profile) {
		exists = p.setup != nil && p.setup.stage == stageScan
		owner = exists && p.setup.ownedBy(sess.CSRF)
	})
	if exists && !owner {
		s.k.Logger().Warn("qr refused", "reason", "another session")
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	e, err := s.k.PendingEnrollment(r)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	// Without a setup at the QR code's stage there is no code to show, unless the kit
	// still has an attempt under way once Two Step Auth is on (the reshown-secret
	// defect): then the image keeps answering, as a site that never drops it does.
	if !exists {
		if st, err := s.k.Status(r); err != nil || !st.Enabled() {
			http.NotFound(w, r)
			return
		}
	}
	png, err := qr.PNG(e.URI(), qrModulePx)
	if err != nil {
		s.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store, private")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(png)
}

// verify is "Verify and Save": a correct code switches Two Step Auth on and gives the
// backup codes.
func (s *site) verify(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	p, ok := s.st.setupOf(sess.Email, sess.CSRF)
	if !ok || p.stage != stageScan {
		http.Redirect(w, r, PathSetup, http.StatusSeeOther)
		return
	}
	confirm := s.k.ConfirmEnrollment
	if s.v.EnableOnAck {
		confirm = s.k.VerifyEnrollment // on at the backup codes' acknowledgement (finish)
	}
	err := confirm(r, r.PostFormValue("code"))
	switch {
	case err == nil:
		if _, err := s.k.GenerateRecoveryCodes(r, BackupCodes); err != nil {
			s.fail(w, err)
			return
		}
		s.advance(sess, stageScan, stageBackup, "")
		http.Redirect(w, r, PathBackup, http.StatusSeeOther)
	case errors.Is(err, kit.ErrWrongCode), errors.Is(err, kit.ErrReplayed):
		s.renderScan(w, r, sess, http.StatusUnprocessableEntity, p, msgSetupWrong)
	case errors.Is(err, kit.ErrExpired), errors.Is(err, kit.ErrNoEnrollment):
		s.restart(w, r, sess)
	default:
		s.fail(w, err)
	}
}

// cancel drops the setup under way; Two Step Auth stays as it was.
func (s *site) cancel(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	var mine bool
	s.st.with(sess.Email, func(p *profile) {
		if mine = p.setup.ownedBy(sess.CSRF) && p.setup.stage != stageBackup; mine {
			p.setup = nil
		}
	})
	if mine {
		s.k.CancelEnrollment(r)
	}
	http.Redirect(w, r, PathTwoStep+"?msg=cancelled", http.StatusSeeOther)
}

// backupPage shows "Two Step Authentication successful" and the backup codes, once,
// to the session that set Two Step Auth up.
func (s *site) backupPage(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	if p, ok := s.st.setupOf(sess.Email, sess.CSRF); !ok || p.stage != stageBackup {
		http.Redirect(w, r, PathTwoStep, http.StatusSeeOther)
		return
	}
	codes, err := s.k.RecoveryCodes(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	v := signedIn(sess, "Backup codes")
	v.Nav, v.Notice, v.Codes = "two-step", msgSuccess, codes
	if s.v.EnableOnAck {
		v.Notice = msgVerified
	}
	s.render(w, http.StatusOK, "backup", v)
}

// finish is "I have saved my backup codes": the setup is over. In the EnableOnAck
// variant this is what switches Two Step Auth on.
func (s *site) finish(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	mine := false
	s.st.with(sess.Email, func(p *profile) {
		if mine = p.setup.ownedBy(sess.CSRF) && p.setup.stage == stageBackup; mine {
			p.setup = nil
		}
	})
	if mine && s.v.EnableOnAck {
		if err := s.k.ActivateEnrollment(r); err != nil {
			s.restart(w, r, sess)
			return
		}
	}
	http.Redirect(w, r, PathTwoStep+"?msg=on", http.StatusSeeOther)
}

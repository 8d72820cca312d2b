package kit

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Throttling of wrong sign-in codes (RFC 4226 §7.3): after ThrottleAfter wrong codes in
// a row the account refuses every code, right or wrong, for ThrottleFor on the site's
// clock. The NoThrottle defect switches it off.
const (
	ThrottleAfter = 5
	ThrottleFor   = 5 * time.Minute
)

// SMS purpose of the sign-in codes the kit sends itself.
const purposeSignIn = "sign-in"

// ThrottledError is returned by SignInCode while the account is throttled. It wraps
// ErrThrottled.
type ThrottledError struct {
	Until time.Time // site clock time when codes are accepted again
}

// Error says until when, without any code.
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many wrong codes: try again after %s", e.Until.UTC().Format(time.TimeOnly))
}

// Unwrap returns ErrThrottled.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// SignInStep is what a site shows after a correct password.
type SignInStep int

const (
	// SignInDone: the account is signed in (no second factor, or a trusted device).
	SignInDone SignInStep = iota + 1
	// SignInNeedsCode: show the one-time passcode page and call SignInCode.
	SignInNeedsCode
)

// SignIn checks email and password. On success it replaces the request's session by a
// new one (fresh id and CSRF token) that is either signed in or awaiting the second
// factor; for MethodSMS it also sends the sign-in code. A wrong email or password is
// ErrBadPassword.
func (k *Kit) SignIn(w http.ResponseWriter, r *http.Request, email, password string) (SignInStep, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	u := k.users[strings.ToLower(strings.TrimSpace(email))]
	if u == nil || subtle.ConstantTimeCompare([]byte(password), []byte(u.account.Password.Reveal())) != 1 {
		if u != nil {
			k.log.Info("sign-in refused", "reason", "password", u.logAttr())
		} else {
			k.log.Info("sign-in refused", "reason", "password") // an unknown email may be anything typed
		}
		return 0, ErrBadPassword
	}
	if u.method == MethodNone || k.trustedLocked(r, u) {
		if _, err := k.rotateLocked(w, r, u.account.Email, ""); err != nil {
			return 0, err
		}
		k.log.Info("signed in", "second_factor", false, u.logAttr())
		return SignInDone, nil
	}
	if _, err := k.rotateLocked(w, r, "", u.account.Email); err != nil {
		return 0, err
	}
	if k.defects.Has(SessionThrottle) {
		u.failures = 0 // the counter as if it lived in the session: a new one starts at zero
	}
	if u.method == MethodSMS {
		if err := k.sendSignInCodeLocked(u.phone); err != nil {
			return 0, err
		}
	}
	return SignInNeedsCode, nil
}

// SendSignInCode sends a fresh sign-in code by SMS to the recovery phone (recovery true)
// or to the SMS method's phone, for a session awaiting its second factor. SignInCode
// then accepts it.
func (k *Kit) SendSignInCode(r *http.Request, recovery bool) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.pendingUserLocked(r)
	if err != nil {
		return err
	}
	phone := u.phone
	if recovery {
		phone = u.recoveryPhone
	}
	if phone == "" {
		return errors.New("no phone on file")
	}
	return k.sendSignInCodeLocked(phone)
}

func (k *Kit) sendSignInCodeLocked(phone string) error {
	code, err := k.digits(6)
	if err != nil {
		return err
	}
	k.smsCodes[phone+"\x00"+purposeSignIn] = smsCode{code: code, expires: k.clock.Now().Add(SMSCodeTTL)}
	k.sendSMSLocked(phone, fmt.Sprintf("Your %s sign-in code is %s", k.site.Title, code), code)
	return nil
}

func (k *Kit) pendingUserLocked(r *http.Request) (*user, error) {
	s := k.lookupLocked(r)
	if s == nil || s.pending == "" {
		return nil, ErrNoSession
	}
	u := k.users[strings.ToLower(s.pending)]
	if u == nil {
		return nil, ErrNoSession
	}
	return u, nil
}

// SignInCode checks the second factor of a session awaiting it: a TOTP code (MethodApp),
// an SMS code (MethodSMS or the recovery phone), or an unused recovery code. On success
// the session is replaced by a signed-in one. Errors: ErrWrongCode, ErrReplayed (a
// correct code whose time step was already used), *ThrottledError (ErrThrottled),
// ErrNoSession.
func (k *Kit) SignInCode(w http.ResponseWriter, r *http.Request, code string) error {
	return k.signInCode(w, r, code, false)
}

// SignInCodeAndTrust is SignInCode for a form whose "Trust this device" box was ticked:
// on success the browser is also trusted for TrustFor, and SignIn from it skips the
// second factor until then.
func (k *Kit) SignInCodeAndTrust(w http.ResponseWriter, r *http.Request, code string) error {
	return k.signInCode(w, r, code, true)
}

func (k *Kit) signInCode(w http.ResponseWriter, r *http.Request, code string, trust bool) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.pendingUserLocked(r)
	if err != nil {
		return err
	}
	now := k.clock.Now()
	if !k.defects.Has(NoThrottle) && now.Before(u.lockedUntil) {
		k.log.Info("sign-in refused", "reason", "throttled", u.logAttr())
		return &ThrottledError{Until: u.lockedUntil}
	}
	if err := k.checkSecondFactorLocked(u, code, now); err != nil {
		u.failures++
		k.log.Info("sign-in refused", "reason", err.Error(), "failures", u.failures, u.logAttr())
		if u.failures >= ThrottleAfter && !k.defects.Has(NoThrottle) {
			u.failures = 0
			u.lockedUntil = now.Add(ThrottleFor)
			if k.defects.Has(PermanentLockout) {
				u.lockedUntil = now.AddDate(100, 0, 0)
			}
			k.log.Warn("account throttled", "until", u.lockedUntil, u.logAttr())
			return &ThrottledError{Until: u.lockedUntil}
		}
		return err
	}
	u.failures = 0
	if _, err := k.rotateLocked(w, r, u.account.Email, ""); err != nil {
		return err
	}
	k.log.Info("signed in", "second_factor", true, u.logAttr())
	if trust {
		return k.trustLocked(w, u)
	}
	return nil
}

func (k *Kit) checkSecondFactorLocked(u *user, code string, now time.Time) error {
	code = strings.TrimSpace(code)
	if k.useRecoveryLocked(u, code) {
		return nil
	}
	if k.defects.Has(MasterCode) && code != "" && strings.Trim(code, "0") == "" {
		k.log.Warn("signed in with the master code (defect)")
		return nil
	}
	var err error = ErrWrongCode
	if u.method == MethodApp && u.cred != nil {
		verify := k.verifyLocked
		if k.defects.Has(RacyReplay) {
			verify = k.racyVerifyLocked
		}
		if err = verify(u.cred, code, now); err == nil {
			return nil
		}
	}
	for _, phone := range []string{u.phone, u.recoveryPhone} {
		if phone != "" && k.checkSMSCodeLocked(phone, purposeSignIn, code) == nil {
			return nil
		}
	}
	return err
}

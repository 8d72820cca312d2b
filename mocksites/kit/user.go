package kit

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Method is an account's second factor.
type Method string

// The second factors the kit implements.
const (
	MethodNone Method = ""    // 2FA off
	MethodApp  Method = "app" // TOTP authenticator app (RFC 6238)
	MethodSMS  Method = "sms" // a code sent to the phone by SMS
)

// Status is what a site's security page shows about an account's second factor.
type Status struct {
	Method Method
	// Since is when the second factor was switched on (site clock).
	Since time.Time
	// Phone is the phone that receives the sign-in codes (MethodSMS) .
	Phone string
	// RecoveryPhone is the fallback phone, if one was added.
	RecoveryPhone string
	// RecoveryLeft counts the unused recovery codes.
	RecoveryLeft int
	// Enrolling is true while an enrollment attempt is under way.
	Enrolling bool
}

// Enabled reports whether a second factor is on.
func (s Status) Enabled() bool { return s.Method != MethodNone }

type user struct {
	account       Account
	method        Method
	since         time.Time
	cred          *credential // the TOTP credential once MethodApp is on
	phone         string      // MethodSMS phone
	recoveryPhone string
	pending       *pending // enrollment attempt under way
	failures      int      // wrong sign-in codes in a row
	lockedUntil   time.Time
	recovery      []recoveryCode
}

// logAttr names the account in the site's log: its email, never its password. Every
// sign-in and enrollment event carries it, so a log shows which account each flow
// used.
func (u *user) logAttr() slog.Attr { return slog.String("account", u.account.Email) }

// userLocked returns the signed-in user of r. k.mu must be held.
func (k *Kit) userLocked(r *http.Request) (*user, error) {
	s := k.lookupLocked(r)
	if s == nil || s.email == "" {
		return nil, ErrNoSession
	}
	u := k.users[strings.ToLower(s.email)]
	if u == nil {
		return nil, ErrNoSession
	}
	return u, nil
}

// Status returns the signed-in account's second-factor status.
func (k *Kit) Status(r *http.Request) (Status, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return Status{}, err
	}
	st := Status{Method: u.method, Since: u.since, Phone: u.phone, RecoveryPhone: u.recoveryPhone}
	for _, c := range u.recovery {
		if !c.used {
			st.RecoveryLeft++
		}
	}
	st.Enrolling = u.pending != nil && !k.expiredLocked(u.pending)
	return st, nil
}

// DisableNeedsConfirm tells a site whether its "Disable" must ask for confirmation
// before calling Disable: always, unless the NoDisableConfirm defect is on.
func (k *Kit) DisableNeedsConfirm() bool { return !k.defects.Has(NoDisableConfirm) }

// Disable switches the signed-in account's second factor off and drops its recovery
// codes and trusted devices. Asking for confirmation first is the site's job
// (DisableNeedsConfirm).
func (k *Kit) Disable(r *http.Request) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return err
	}
	u.method, u.cred, u.phone, u.since, u.pending, u.recovery = MethodNone, nil, "", time.Time{}, nil, nil
	for tok, t := range k.trusted {
		if strings.EqualFold(t.email, u.account.Email) {
			delete(k.trusted, tok)
		}
	}
	k.log.Info("2fa disabled", u.logAttr())
	return nil
}

// SetRecoveryPhone records a fallback phone for the signed-in account. Sites verify it
// first with SendSMSCode and CheckSMSCode.
func (k *Kit) SetRecoveryPhone(r *http.Request, phone string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return err
	}
	u.recoveryPhone = phone
	return nil
}

package kit

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// Secret sizes: RFC 4226 §4 R6 asks for at least 128 bits and recommends 160; the
// ShortSecret defect issues 80.
const (
	SecretBytes      = 20
	ShortSecretBytes = 10
)

// WideSkewSteps is the window the WideSkew defect accepts either side of now.
const WideSkewSteps = 3

type credential = otp.Credential

// Enrollment is one attempt at turning on the authenticator app: the key whose QR code
// the site shows, and when the attempt started and expires.
type Enrollment struct {
	// Key is the TOTP key of this attempt (issuer = Site.Title, account = the email).
	// Its secret prints as REDACTED; Key.URI() is the otpauth:// URI for the QR code,
	// and Key.Secret.Base32() the text for sites that show it. Never log either.
	Key *otp.Key
	// Started is when the attempt began on the site's clock.
	Started time.Time
	// Expires is when the attempt stops being accepted; zero means never.
	Expires time.Time
}

// URI returns the otpauth:// URI of the attempt's key (it contains the secret).
func (e Enrollment) URI() string { return e.Key.URI() }

// Remaining returns how long the attempt has left at now (0 when expired), or -1 when it
// never expires.
func (e Enrollment) Remaining(now time.Time) time.Duration {
	if e.Expires.IsZero() {
		return -1
	}
	return max(e.Expires.Sub(now), 0)
}

type pending struct {
	cred     credential
	started  time.Time
	expires  time.Time
	verified bool // VerifyEnrollment accepted its code; ActivateEnrollment switches it on
}

func (p *pending) enrollment() Enrollment {
	key := *p.cred.Key // a copy: the site may not change the attempt's key
	return Enrollment{Key: &key, Started: p.started, Expires: p.expires}
}

func (k *Kit) expiredLocked(p *pending) bool {
	return !p.expires.IsZero() && !k.clock.Now().Before(p.expires)
}

// BeginEnrollment starts a new authenticator-app enrollment for the signed-in account
// with a fresh random 160-bit secret (replacing any attempt under way). ttl limits the
// attempt on the site's clock (20i: 30 seconds); 0 means no limit.
func (k *Kit) BeginEnrollment(r *http.Request, ttl time.Duration) (Enrollment, error) {
	n := SecretBytes
	if k.defects.Has(ShortSecret) {
		n = ShortSecretBytes
	}
	secret, err := otp.GenerateSecret(lockedReader{k}, n)
	if err != nil {
		return Enrollment{}, fmt.Errorf("begin enrollment: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return Enrollment{}, err
	}
	if k.defects.Has(ReuseSecret) {
		if k.reused == nil {
			k.reused = secret
		}
		secret = k.reused
	}
	key := &otp.Key{
		Type: otp.TypeTOTP, Issuer: k.site.Title, Account: u.account.Email, Secret: secret,
		Algorithm: otp.SHA1, Digits: otp.DefaultDigits, Period: otp.DefaultPeriod,
	}
	now := k.clock.Now()
	p := &pending{cred: credential{Key: key}, started: now}
	if ttl > 0 {
		p.expires = now.Add(ttl)
	}
	u.pending = p
	k.issued.add(&k.issued.secrets, secret.Base32())
	k.log.Info("enrollment started", "secret_bits", secret.Bits(), "ttl", ttl, u.logAttr())
	return p.enrollment(), nil
}

// PendingEnrollment returns the signed-in account's attempt under way. It returns
// ErrNoEnrollment when there is none, and ErrExpired (once, dropping the attempt) when
// its time ran out.
func (k *Kit) PendingEnrollment(r *http.Request) (Enrollment, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return Enrollment{}, err
	}
	if u.pending == nil {
		return Enrollment{}, ErrNoEnrollment
	}
	if k.expiredLocked(u.pending) {
		u.pending = nil
		return Enrollment{}, ErrExpired
	}
	return u.pending.enrollment(), nil
}

// CancelEnrollment drops the attempt under way, if any.
func (k *Kit) CancelEnrollment(r *http.Request) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if u, err := k.userLocked(r); err == nil {
		u.pending = nil
	}
}

// ConfirmEnrollment checks the code typed for the attempt under way. A correct code
// switches the authenticator app on (MethodApp) and counts as used: the same step is
// refused at the next sign-in. A wrong code leaves 2FA as it was and the attempt open.
// Errors: ErrWrongCode, ErrNoEnrollment, ErrExpired (the attempt is dropped: start
// again). The NoConfirm defect accepts any code.
func (k *Kit) ConfirmEnrollment(r *http.Request, code string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, p, err := k.checkEnrollmentLocked(r, code)
	if err != nil {
		return err
	}
	k.switchOnLocked(u, p)
	return nil
}

// VerifyEnrollment is the first half of a two-stage enrollment, for a site that
// switches 2FA on only once the user acknowledges the recovery codes (GitHub's "I
// have saved my recovery codes"): it checks the code as ConfirmEnrollment does and, when
// it is right, marks the attempt verified (the code's step counts as used) but leaves
// 2FA off. ActivateEnrollment then switches it on; until then signing in asks for no
// passcode, and a new BeginEnrollment starts over. Errors as ConfirmEnrollment's.
func (k *Kit) VerifyEnrollment(r *http.Request, code string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, p, err := k.checkEnrollmentLocked(r, code)
	if err != nil {
		return err
	}
	p.verified = true
	k.log.Info("enrollment verified", "method", MethodApp, u.logAttr())
	return nil
}

// ActivateEnrollment switches on the attempt VerifyEnrollment verified (the second half
// of a two-stage enrollment). ErrNotVerified when the attempt under way (if any) was
// not verified; ErrNoEnrollment when there is none.
func (k *Kit) ActivateEnrollment(r *http.Request) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return err
	}
	switch p := u.pending; {
	case p == nil:
		return ErrNoEnrollment
	case !p.verified:
		return ErrNotVerified
	default:
		k.switchOnLocked(u, p)
		return nil
	}
}

// ErrNotVerified is returned by ActivateEnrollment for an attempt whose code was not
// verified yet.
var ErrNotVerified = errors.New("enrollment not verified")

// checkEnrollmentLocked checks the code typed for the signed-in account's attempt
// under way (a verified attempt needs none). k.mu must be held.
func (k *Kit) checkEnrollmentLocked(r *http.Request, code string) (*user, *pending, error) {
	u, err := k.userLocked(r)
	if err != nil {
		return nil, nil, err
	}
	p := u.pending
	if p == nil {
		return nil, nil, ErrNoEnrollment
	}
	if p.verified {
		return u, p, nil
	}
	if k.expiredLocked(p) {
		u.pending = nil
		k.log.Info("enrollment refused", "reason", "expired", u.logAttr())
		return nil, nil, ErrExpired
	}
	if err := k.verifyLocked(&p.cred, code, k.clock.Now()); err != nil {
		if !k.defects.Has(NoConfirm) {
			k.log.Info("enrollment refused", "reason", err.Error(), u.logAttr())
			return nil, nil, err
		}
	}
	return u, p, nil
}

// switchOnLocked makes the attempt p the account's authenticator app. Under the
// ReshownSecret defect the attempt stays reachable as if still under way, never
// expiring, so pages and images that show an attempt's secret keep showing it. k.mu
// must be held.
func (k *Kit) switchOnLocked(u *user, p *pending) {
	cred := p.cred
	u.method, u.cred, u.since, u.pending, u.failures = MethodApp, &cred, k.clock.Now(), nil, 0
	if k.defects.Has(ReshownSecret) {
		u.pending = &pending{cred: credential{Key: p.cred.Key}, started: p.started}
	}
	k.log.Info("2fa enabled", "method", MethodApp, u.logAttr())
}

// verifyLocked checks a TOTP code with the site's window and replay rule, and records
// an accepted code in the issued log. k.mu must be held.
func (k *Kit) verifyLocked(c *credential, code string, now time.Time) error {
	v := otp.Verifier{Skew: k.site.Skew}
	if k.defects.Has(WideSkew) {
		v.Skew = WideSkewSteps
	}
	target := c
	var probe credential
	if k.defects.Has(AcceptReplay) {
		probe = credential{Key: c.Key} // forget the last step, then keep the highest
		target = &probe
	}
	step, err := v.Verify(target, code, now)
	if err != nil {
		if !errors.Is(err, otp.ErrWrongCode) && !errors.Is(err, otp.ErrReplayed) {
			return fmt.Errorf("verify code: %w", err)
		}
		return err
	}
	if target != c && (!c.Accepted || step > c.LastStep) {
		c.LastStep, c.Accepted = step, true
	}
	k.issued.add(&k.issued.codes, c.Key.CodeAt(step))
	return nil
}

// lockedReader reads the Kit's random source under its lock.
type lockedReader struct{ k *Kit }

func (l lockedReader) Read(p []byte) (int, error) {
	b, err := l.k.randomBytes(len(p))
	if err != nil {
		return 0, err
	}
	return copy(p, b), nil
}

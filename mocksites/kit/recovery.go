package kit

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// RecoveryAlphabet is the alphabet of recovery codes: lower-case letters and digits
// without the look-alikes 0/o, 1/l/i.
const RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// RecoveryCode is one recovery (backup) code and whether it has been used.
type RecoveryCode struct {
	Code string // "xxxxx-xxxxx"
	Used bool
}

type recoveryCode struct {
	code string // normalized: no dash, lower-case
	used bool
}

// GenerateRecoveryCodes replaces the signed-in account's recovery codes by n fresh ones
// (10 when n <= 0) and returns them for the site to show. Each signs in once in place of
// the passcode (SignInCode); the MultiUseRecovery defect lets them sign in again.
func (k *Kit) GenerateRecoveryCodes(r *http.Request, n int) ([]RecoveryCode, error) {
	if n <= 0 {
		n = 10
	}
	codes := make([]recoveryCode, n)
	for i := range codes {
		b, err := k.randomBytes(10)
		if err != nil {
			return nil, err
		}
		for j := range b {
			b[j] = RecoveryAlphabet[int(b[j])%len(RecoveryAlphabet)]
		}
		codes[i] = recoveryCode{code: string(b)}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return nil, err
	}
	u.recovery = codes
	out := make([]RecoveryCode, n)
	for i, c := range codes {
		out[i] = RecoveryCode{Code: display(c.code)}
		k.issued.add(&k.issued.recovery, out[i].Code)
	}
	k.log.Info("recovery codes generated", "count", n)
	return out, nil
}

// RecoveryCodes returns the signed-in account's recovery codes, used ones included.
func (k *Kit) RecoveryCodes(r *http.Request) ([]RecoveryCode, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return nil, err
	}
	out := make([]RecoveryCode, len(u.recovery))
	for i, c := range u.recovery {
		out[i] = RecoveryCode{Code: display(c.code), Used: c.used}
	}
	return out, nil
}

// useRecoveryLocked reports whether typed is one of u's unused recovery codes, and uses
// it up (unless MultiUseRecovery). k.mu must be held.
func (k *Kit) useRecoveryLocked(u *user, typed string) bool {
	norm := strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(typed))
	if len(norm) != 10 {
		return false
	}
	for i := range u.recovery {
		c := &u.recovery[i]
		if subtle.ConstantTimeCompare([]byte(norm), []byte(c.code)) == 1 {
			if c.used && !k.defects.Has(MultiUseRecovery) {
				return false
			}
			c.used = true
			k.log.Info("recovery code used")
			return true
		}
	}
	return false
}

func display(c string) string { return c[:5] + "-" + c[5:] }

package kit

import (
	"net/http"
	"strings"
	"time"
)

// TrustFor is how long a trusted device skips the passcode (Leaseweb: 30 days).
const TrustFor = 30 * 24 * time.Hour

type trust struct {
	email string
	until time.Time
}

func (k *Kit) trustCookie() string { return strings.TrimSuffix(k.cookie, "_session") + "_trusted" }

// trustLocked remembers the browser w answers for u for TrustFor: the next SignIn from
// it skips the second factor. k.mu must be held.
func (k *Kit) trustLocked(w http.ResponseWriter, u *user) error {
	tok, err := k.Token()
	if err != nil {
		return err
	}
	k.trusted[tok] = trust{email: u.account.Email, until: k.clock.Now().Add(TrustFor)}
	http.SetCookie(w, &http.Cookie{
		Name: k.trustCookie(), Value: tok, Path: "/", MaxAge: int(TrustFor / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	k.log.Info("device trusted")
	return nil
}

// trustedLocked reports whether r comes from a device trusted for u. k.mu must be held.
func (k *Kit) trustedLocked(r *http.Request, u *user) bool {
	c, err := r.Cookie(k.trustCookie())
	if err != nil {
		return false
	}
	t, ok := k.trusted[c.Value]
	if !ok || !strings.EqualFold(t.email, u.account.Email) {
		return false
	}
	if k.clock.Now().After(t.until) {
		delete(k.trusted, c.Value)
		return false
	}
	return true
}

// TrustDevice trusts the browser of r's signed-in session for TrustFor, as a "Trust
// this device" box ticked while switching two-factor authentication on does: the next
// SignIn from this browser skips the second factor; other browsers are still asked.
func (k *Kit) TrustDevice(w http.ResponseWriter, r *http.Request) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return err
	}
	return k.trustLocked(w, u)
}

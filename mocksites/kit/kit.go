package kit

import (
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// Kit is the shared machinery of one running mock site: its clock, accounts, sessions,
// 2FA state, inboxes and control surface. A site package builds one with New, routes its
// own pages on an http.ServeMux that call the Kit's methods, and serves Kit.Handler(mux).
// All state is in memory, per Kit, guarded by one mutex; every method is safe for
// concurrent use.
type Kit struct {
	site     Site
	accounts []Account // the seeded accounts, site.Account first
	clock    *siteClock
	log      *slog.Logger
	defects  Defects
	control  bool
	cookie   string // session cookie name, per site: cookies are shared across ports

	randMu sync.Mutex
	rand   io.Reader

	mu       sync.Mutex
	users    map[string]*user    // by lower-case email
	sessions map[string]*session // by session id
	trusted  map[string]trust    // by device token
	sms      []SMS
	mail     []Mail
	smsCodes map[string]smsCode       // by phone + "\x00" + purpose
	racing   map[string]chan struct{} // RacyReplay: codes held between check and set (racy.go)
	issued   issued
	reused   otp.Secret // the one secret every attempt gets under ReuseSecret
	onReset  []func()
}

// New returns the Kit of one site instance, seeded with site.Account (and its
// siblings, Options.Accounts). It fails on an unknown defect name, an invalid site
// description or too many accounts.
func New(site Site, opts Options) (*Kit, error) {
	if site.Name == "" || site.Account.Email == "" || site.Account.Password == "" {
		return nil, fmt.Errorf("kit: site %q needs a name and an account email and password", site.Name)
	}
	defects, err := ParseDefects(opts.Defects)
	if err != nil {
		return nil, fmt.Errorf("site %s: %w", site.Name, err)
	}
	if opts.Accounts < 0 || opts.Accounts > MaxAccounts {
		return nil, fmt.Errorf("site %s: %d accounts: want at most %d", site.Name, opts.Accounts, MaxAccounts)
	}
	if site.Skew <= 0 {
		site.Skew = 1
	}
	base := opts.Clock
	if base == nil {
		base = realClock{}
	}
	r := opts.Rand
	if r == nil {
		r = rand.Reader
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	k := &Kit{
		site:     site,
		accounts: site.Seeded(opts.Accounts),
		clock:    &siteClock{base: base},
		log:      log.With("site", site.Name),
		defects:  defects,
		control:  opts.Control,
		cookie:   "mock_" + cookieSafe.ReplaceAllString(strings.ToLower(site.Name), "_") + "_session",
		rand:     r,
	}
	k.resetLocked()
	return k, nil
}

var cookieSafe = regexp.MustCompile(`[^a-z0-9]`)

// Site returns the site description the Kit was built with.
func (k *Kit) Site() Site { return k.site }

// Now returns the site's time: the configured clock plus the control surface's offset.
func (k *Kit) Now() time.Time { return k.clock.Now() }

// Logger returns the site's logger (never nil). Never log secrets, codes or passwords.
func (k *Kit) Logger() *slog.Logger { return k.log }

// Has reports whether the defect d is switched on for this site.
func (k *Kit) Has(d Defect) bool { return k.defects.Has(d) }

// OnReset registers f to run on every reset (POST /_mock/reset), after the kit's own
// state is back to the seeded account. Sites with state of their own (verified flags,
// chosen methods) clear it there. f runs without the Kit's lock held.
func (k *Kit) OnReset(f func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.onReset = append(k.onReset, f)
}

// Accounts returns the seeded test accounts, the site's Account first.
func (k *Kit) Accounts() []Account { return append([]Account(nil), k.accounts...) }

// Reset puts the site back to its seeded state: accounts, sessions, trusted devices and
// inboxes. The clock and the issued log are kept.
func (k *Kit) Reset() {
	k.mu.Lock()
	k.resetLocked()
	hooks := append([]func(){}, k.onReset...)
	k.mu.Unlock()
	for _, f := range hooks {
		f()
	}
	k.log.Info("reset")
}

func (k *Kit) resetLocked() {
	k.users = map[string]*user{}
	for _, a := range k.accounts {
		k.users[strings.ToLower(a.Email)] = &user{account: a}
		k.issued.add(&k.issued.passwords, a.Password.Reveal())
	}
	k.sessions = map[string]*session{}
	k.trusted = map[string]trust{}
	k.smsCodes = map[string]smsCode{}
	k.sms = nil
	k.mail = nil
}

// randomBytes reads n bytes from the site's random source.
func (k *Kit) randomBytes(n int) ([]byte, error) {
	b := make([]byte, n)
	k.randMu.Lock()
	defer k.randMu.Unlock()
	if _, err := io.ReadFull(k.rand, b); err != nil {
		return nil, fmt.Errorf("read random bytes: %w", err)
	}
	return b, nil
}

// Token returns a fresh random URL-safe token (for links in mails and the like).
func (k *Kit) Token() (string, error) {
	b, err := k.randomBytes(18)
	if err != nil {
		return "", err
	}
	return tokenEncoding.EncodeToString(b), nil
}

// BaseURL returns the scheme and host the request came to, e.g. "http://127.0.0.1:4711",
// to build absolute links (mails).
func BaseURL(r *http.Request) string { return "http://" + r.Host }

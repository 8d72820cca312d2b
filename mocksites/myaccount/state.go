package myaccount

import (
	"crypto/subtle"
	"strings"
	"sync"
	"time"
)

// EmailLinkTTL is how long a verification link stays valid on the site's clock.
const EmailLinkTTL = 24 * time.Hour

// stage is where an account's Two Step Auth setup stands.
type stage int

const (
	stageInstall stage = iota + 1 // "Enable" was clicked: suggest Google Authenticator
	stageDevice                   // "Set up in your mobile": the 4 device options
	stageScan                     // a device was chosen: the QR code, "Code", "Verify and Save"
	stageBackup                   // "Two Step Authentication successful": the backup codes
)

// setup is one Two Step Auth setup under way. It belongs to the browser session that
// clicked "Enable" (owner is that session's CSRF token, unique per session): another
// session of the same account neither sees its pages nor fetches its QR code.
type setup struct {
	owner  string
	stage  stage
	device string
}

func (p *setup) ownedBy(csrf string) bool {
	return p != nil && csrf != "" && subtle.ConstantTimeCompare([]byte(p.owner), []byte(csrf)) == 1
}

// profile is the site's own state of one account, beside the kit's.
type profile struct {
	emailVerified, phoneVerified bool
	emailSent, phoneSent         bool
	phoneFailures                int // wrong phone verification codes in a row
	setup                        *setup
}

// emailToken is a verification link's token: whose address it proves, until when.
type emailToken struct {
	email   string
	expires time.Time
}

// state is the site's own state: verification flags, setups under way and the tokens of
// verification links. It is cleared by the control surface's reset.
type state struct {
	mu       sync.Mutex
	profiles map[string]*profile   // by lower-case email
	tokens   map[string]emailToken // by token
}

func newState() *state {
	st := &state{}
	st.reset()
	return st
}

func (st *state) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.profiles = map[string]*profile{}
	st.tokens = map[string]emailToken{}
}

// with runs f on the profile of email under the state's lock.
func (st *state) with(email string, f func(p *profile)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	key := strings.ToLower(email)
	p := st.profiles[key]
	if p == nil {
		p = &profile{}
		st.profiles[key] = p
	}
	f(p)
}

// contact returns the verification state of the account's email address and phone.
func (st *state) contact(email, phone string) contact {
	var c contact
	st.with(email, func(p *profile) {
		c = contact{
			Email: email, Phone: phone,
			EmailVerified: p.emailVerified, PhoneVerified: p.phoneVerified,
			EmailSent: p.emailSent, PhoneSent: p.phoneSent,
		}
	})
	return c
}

// setupOf returns a copy of the setup of email owned by the session csrf, if any.
func (st *state) setupOf(email, csrf string) (setup, bool) {
	var out setup
	var ok bool
	st.with(email, func(p *profile) {
		if p.setup.ownedBy(csrf) {
			out, ok = *p.setup, true
		}
	})
	return out, ok
}

// addToken remembers a verification link's token for email.
func (st *state) addToken(token, email string, expires time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.tokens[token] = emailToken{email: email, expires: expires}
}

// useToken verifies the email address whose link carries token, once. It returns the
// address, or false when the token is unknown, used or expired.
func (st *state) useToken(token string, now time.Time) (string, bool) {
	st.mu.Lock()
	t, ok := st.tokens[token]
	delete(st.tokens, token)
	st.mu.Unlock()
	if !ok || !now.Before(t.expires) {
		return "", false
	}
	st.with(t.email, func(p *profile) { p.emailVerified, p.emailSent = true, false })
	return t.email, true
}

package kit

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// SignInPages are the handlers every site's sign-in has in common: the sign-in page and
// its form, the one-time passcode page and its form, sign-out, and the root path that
// leads to the sign-in page or home. The site gives its paths, its own wording and a
// render callback per page, so each keeps its look and labels; Route mounts them. A
// site with more on these forms says so with CheckForm and ReadCode.
type SignInPages struct {
	// Kit is the site's kit.
	Kit *Kit
	// Paths are the site's sign-in routes.
	Paths SignInPaths
	// Messages are the site's wording of the refusals.
	Messages SignInMessages
	// TrustField is the name of the passcode form's "Trust this device" checkbox, ""
	// when the site has none. Ticked ("on"), a right code also trusts the browser
	// (SignInCodeAndTrust).
	TrustField string
	// RenderLogin shows the sign-in page with status: 200, or 401 after a refused
	// password. r is the request being answered (the GET, or the refused POST).
	RenderLogin func(w http.ResponseWriter, r *http.Request, status int, f SignInForm)
	// RenderCode shows the passcode page with status: 200, or 401 after a refused code.
	RenderCode func(w http.ResponseWriter, r *http.Request, status int, f SignInForm)
	// Fail answers an unexpected error, usually with Kit.Fail.
	Fail func(w http.ResponseWriter, err error)

	// CheckForm, when set, checks what the sign-in form asks for besides the email and
	// password (1Password's Secret Key), before the password: false refuses the
	// sign-in like a wrong password.
	CheckForm func(r *http.Request) bool
	// ReadCode, when set, reads the code from a passcode form that is not one field
	// named "code" (1Password's six one-digit boxes). A problem (the site's message,
	// such as a missing digit) shows the passcode page again with 422 and checks no
	// code: it is no attempt at one and does not count towards throttling.
	ReadCode func(r *http.Request) (code, problem string)
}

// SignInPaths are the paths of a site's sign-in pages.
type SignInPaths struct {
	Login  string // the sign-in page: GET shows it, POST checks the password
	Code   string // the passcode page: GET shows it, POST checks the code
	Home   string // where a signed-in account lands
	Logout string // POST signs out
	// SignedOut is where sign-out leads; "" means Login.
	SignedOut string
}

// SignInMessages are a site's messages for the refusals of its sign-in pages.
type SignInMessages struct {
	BadPassword string // wrong email or password (ErrBadPassword)
	WrongCode   string // wrong code (ErrWrongCode)
	// WrongRecoveryCode, when set, replaces WrongCode for a refused code typed in the
	// shape of a recovery code.
	WrongRecoveryCode string
	Replayed          string // right code, already used (ErrReplayed)
	// Throttled is a fmt format with one %s: the site-clock time when codes are
	// accepted again, such as "10:06:05 UTC" (*ThrottledError).
	Throttled string
}

// SignInForm is what a sign-in page shows besides the site's own content.
type SignInForm struct {
	CSRF  string // the session's token for the form's CSRFField input
	Error string // the refusal's message, "" on a fresh page
	Email string // the email typed, kept after a refused password
	Trust bool   // the refused code's form had "Trust this device" ticked
}

// recoveryShape is what a recovery code looks like when typed: five letters or digits,
// an optional dash, five more. It tells a refused recovery code from a refused passcode
// by its shape only (SignInCode decides whether a code is good).
var recoveryShape = regexp.MustCompile(`^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$`)

// Route registers the handlers on mux: GET / (Root), GET and POST Paths.Login
// (LoginPage, Login), GET and POST Paths.Code (CodePage, Code) and POST Paths.Logout
// (Logout).
func (p *SignInPages) Route(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", p.Root)
	mux.HandleFunc("GET "+p.Paths.Login, p.LoginPage)
	mux.HandleFunc("POST "+p.Paths.Login, p.Login)
	mux.HandleFunc("GET "+p.Paths.Code, p.CodePage)
	mux.HandleFunc("POST "+p.Paths.Code, p.Code)
	mux.HandleFunc("POST "+p.Paths.Logout, p.Logout)
}

// Root sends the site's root path to home when signed in, else to the sign-in page.
func (p *SignInPages) Root(w http.ResponseWriter, r *http.Request) {
	if sess, ok := p.Kit.Session(r); ok && sess.SignedIn() {
		http.Redirect(w, r, p.Paths.Home, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, p.Paths.Login, http.StatusSeeOther)
}

// LoginPage shows the sign-in page with a session (and so a CSRF token), or sends a
// signed-in browser home.
func (p *SignInPages) LoginPage(w http.ResponseWriter, r *http.Request) {
	sess, err := p.Kit.EnsureSession(w, r)
	if err != nil {
		p.Fail(w, err)
		return
	}
	if sess.SignedIn() {
		http.Redirect(w, r, p.Paths.Home, http.StatusSeeOther)
		return
	}
	p.RenderLogin(w, r, http.StatusOK, SignInForm{CSRF: sess.CSRF})
}

// Login checks the posted form (CheckForm, then email and password): home when signed
// in, the passcode page when a second factor is on, the sign-in page again (401) with
// Messages.BadPassword and the email typed when refused.
func (p *SignInPages) Login(w http.ResponseWriter, r *http.Request) {
	if p.CheckForm != nil && !p.CheckForm(r) {
		p.refusePassword(w, r)
		return
	}
	step, err := p.Kit.SignIn(w, r, r.PostFormValue("email"), r.PostFormValue("password"))
	switch {
	case errors.Is(err, ErrBadPassword):
		p.refusePassword(w, r)
	case err != nil:
		p.Fail(w, err)
	case step == SignInNeedsCode:
		http.Redirect(w, r, p.Paths.Code, http.StatusSeeOther)
	default:
		http.Redirect(w, r, p.Paths.Home, http.StatusSeeOther)
	}
}

func (p *SignInPages) refusePassword(w http.ResponseWriter, r *http.Request) {
	sess, _ := p.Kit.Session(r)
	p.RenderLogin(w, r, http.StatusUnauthorized, SignInForm{CSRF: sess.CSRF, Error: p.Messages.BadPassword, Email: r.PostFormValue("email")})
}

// CodePage shows the passcode page to a session awaiting its second factor and sends
// any other to the sign-in page.
func (p *SignInPages) CodePage(w http.ResponseWriter, r *http.Request) {
	sess, ok := p.Kit.Session(r)
	if !ok || !sess.AwaitingCode {
		http.Redirect(w, r, p.Paths.Login, http.StatusSeeOther)
		return
	}
	p.RenderCode(w, r, http.StatusOK, SignInForm{CSRF: sess.CSRF})
}

// Code checks the posted code (the field "code", or ReadCode) as the second factor of
// the request's session, with the trust box when TrustField is set: home when right,
// the sign-in page when no session awaits a code, else the passcode page again (401)
// with the site's message for the refusal.
func (p *SignInPages) Code(w http.ResponseWriter, r *http.Request) {
	code := r.PostFormValue("code")
	if p.ReadCode != nil {
		sess, ok := p.Kit.Session(r)
		if !ok || !sess.AwaitingCode {
			http.Redirect(w, r, p.Paths.Login, http.StatusSeeOther)
			return
		}
		var problem string
		if code, problem = p.ReadCode(r); problem != "" {
			p.RenderCode(w, r, http.StatusUnprocessableEntity, SignInForm{CSRF: sess.CSRF, Error: problem})
			return
		}
	}
	code = strings.TrimSpace(code)
	trust := p.TrustField != "" && r.PostFormValue(p.TrustField) == "on"
	var err error
	if trust {
		err = p.Kit.SignInCodeAndTrust(w, r, code)
	} else {
		err = p.Kit.SignInCode(w, r, code)
	}
	if err == nil {
		http.Redirect(w, r, p.Paths.Home, http.StatusSeeOther)
		return
	}
	if errors.Is(err, ErrNoSession) {
		http.Redirect(w, r, p.Paths.Login, http.StatusSeeOther)
		return
	}
	msg, ok := p.Messages.refused(err, code)
	if !ok {
		p.Fail(w, err)
		return
	}
	sess, _ := p.Kit.Session(r)
	p.RenderCode(w, r, http.StatusUnauthorized, SignInForm{CSRF: sess.CSRF, Error: msg, Trust: trust})
}

// refused returns the message for a refused code, or false for an error that is no
// refusal.
func (m SignInMessages) refused(err error, code string) (string, bool) {
	var throttled *ThrottledError
	switch {
	case errors.As(err, &throttled):
		return fmt.Sprintf(m.Throttled, throttled.Until.UTC().Format(time.TimeOnly)+" UTC"), true
	case errors.Is(err, ErrReplayed):
		return m.Replayed, true
	case errors.Is(err, ErrWrongCode) && m.WrongRecoveryCode != "" && recoveryShape.MatchString(code):
		return m.WrongRecoveryCode, true
	case errors.Is(err, ErrWrongCode):
		return m.WrongCode, true
	}
	return "", false
}

// Logout signs the browser out and sends it to Paths.SignedOut (or the sign-in page).
func (p *SignInPages) Logout(w http.ResponseWriter, r *http.Request) {
	p.Kit.SignOut(w, r)
	to := p.Paths.SignedOut
	if to == "" {
		to = p.Paths.Login
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

package kit_test

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

// testSite is the smallest site on the kit: every kit feature behind one route, each
// page a line of text plus the CSRF field. It tests the kit without any site's look.
var testSite = kit.Site{
	Name: "kit-test", Title: "Kit Test",
	Account: kit.Account{Email: "user@kit.example", Password: "correct horse", Phone: "+31612345678"},
	Skew:    1,
}

var t0 = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// harness is a running test site, its clock and a client signed in or not.
type harness struct {
	k     *kit.Kit
	clock *kit.FixedClock
	url   string
}

// startTestSite starts the test site; each signIn function may change its SignInPages
// before they are routed.
func startTestSite(t *testing.T, opts kit.Options, signIn ...func(*kit.SignInPages)) *harness {
	t.Helper()
	h := &harness{clock: kit.NewFixedClock(t0)}
	if opts.Clock == nil {
		opts.Clock = h.clock
	}
	k, err := kit.New(testSite, opts)
	if err != nil {
		t.Fatal(err)
	}
	h.k = k
	srv := httptest.NewServer(k.Handler(testMux(k, signIn...)))
	t.Cleanup(srv.Close)
	h.url = srv.URL
	return h
}

func write(w http.ResponseWriter, status int, csrf, text string) {
	w.WriteHeader(status)
	fmt.Fprintf(w, "<p>%s</p><form><input type=\"hidden\" name=\"csrf\" value=\"%s\"></form>", html.EscapeString(text), csrf)
}

func testMux(k *kit.Kit, signIn ...func(*kit.SignInPages)) *http.ServeMux {
	mux := http.NewServeMux()
	csrf := func(r *http.Request) string { s, _ := k.Session(r); return s.CSRF }
	status := func(err error) int {
		switch {
		case err == nil:
			return http.StatusOK
		case errors.Is(err, kit.ErrThrottled):
			return http.StatusTooManyRequests
		case errors.Is(err, kit.ErrExpired):
			return http.StatusGone
		default:
			return http.StatusUnauthorized
		}
	}
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		s, err := k.EnsureSession(w, r)
		if err != nil {
			write(w, 500, "", err.Error())
			return
		}
		write(w, 200, s.CSRF, "login")
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		step, err := k.SignIn(w, r, r.PostFormValue("email"), r.PostFormValue("password"))
		if err != nil {
			write(w, status(err), csrf(r), "error: "+err.Error())
			return
		}
		http.Redirect(w, r, map[kit.SignInStep]string{kit.SignInDone: "/home", kit.SignInNeedsCode: "/code"}[step], http.StatusSeeOther)
	})
	mux.HandleFunc("GET /code", func(w http.ResponseWriter, r *http.Request) { write(w, 200, csrf(r), "code please") })
	mux.HandleFunc("POST /code", func(w http.ResponseWriter, r *http.Request) {
		sign := k.SignInCode
		if r.PostFormValue("trust") != "" {
			sign = k.SignInCodeAndTrust
		}
		if err := sign(w, r, r.PostFormValue("code")); err != nil {
			write(w, status(err), csrf(r), "error: "+err.Error())
			return
		}
		http.Redirect(w, r, "/home", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /home", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		st, _ := k.Status(r)
		write(w, 200, s.CSRF, fmt.Sprintf("home of %s method=%q recovery=%d", s.Email, st.Method, st.RecoveryLeft))
	}))
	mux.HandleFunc("GET /disable", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		if k.DisableNeedsConfirm() {
			write(w, 200, s.CSRF, "confirm you want to disable")
			return
		}
		err := k.Disable(r)
		write(w, status(err), s.CSRF, fmt.Sprintf("disable: %v", err))
	}))
	mux.HandleFunc("POST /enroll", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		ttl, _ := time.ParseDuration(r.PostFormValue("ttl"))
		e, err := k.BeginEnrollment(r, ttl)
		if err != nil {
			write(w, 500, s.CSRF, err.Error())
			return
		}
		write(w, 200, s.CSRF, "uri="+e.URI()+" bits="+fmt.Sprint(e.Key.Secret.Bits()))
	}))
	mux.HandleFunc("POST /confirm", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		err := k.ConfirmEnrollment(r, r.PostFormValue("code"))
		write(w, status(err), s.CSRF, fmt.Sprintf("confirm: %v", err))
	}))
	mux.HandleFunc("POST /verify", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		err := k.VerifyEnrollment(r, r.PostFormValue("code"))
		write(w, status(err), s.CSRF, fmt.Sprintf("verify: %v", err))
	}))
	mux.HandleFunc("POST /activate", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		err := k.ActivateEnrollment(r)
		write(w, status(err), s.CSRF, fmt.Sprintf("activate: %v", err))
	}))
	// The attempt under way, as a setup page shows it (its QR code's URI).
	mux.HandleFunc("GET /setup", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		e, err := k.PendingEnrollment(r)
		if err != nil {
			write(w, http.StatusNotFound, s.CSRF, "no attempt")
			return
		}
		write(w, 200, s.CSRF, "uri="+e.URI()+" ")
	}))
	mux.HandleFunc("POST /recovery", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		codes, err := k.GenerateRecoveryCodes(r, 0)
		if err != nil {
			write(w, 500, s.CSRF, err.Error())
			return
		}
		var b strings.Builder
		for _, c := range codes {
			b.WriteString("code=" + c.Code + " ")
		}
		write(w, 200, s.CSRF, b.String())
	}))
	mux.HandleFunc("POST /sms/start", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		err := k.StartSMSMethod(r, r.PostFormValue("phone"))
		write(w, status(err), s.CSRF, fmt.Sprintf("sms start: %v", err))
	}))
	mux.HandleFunc("POST /sms/enable", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		err := k.EnableSMSMethod(r, r.PostFormValue("phone"), r.PostFormValue("code"))
		write(w, status(err), s.CSRF, fmt.Sprintf("sms enable: %v", err))
	}))
	mux.HandleFunc("POST /mail", k.RequireSignIn("/login", func(w http.ResponseWriter, r *http.Request, s kit.Session) {
		k.SendMail(s.Email, "Verify", "Click the link", []string{kit.BaseURL(r) + "/verify?t=1"})
		write(w, 200, s.CSRF, "mail sent")
	}))
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) {
		k.SignOut(w, r)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
	pages := signInPages(k)
	for _, f := range signIn {
		f(pages)
	}
	pages.Route(mux)
	return mux
}

// signInMessages are the test site's words for the refusals of its sign-in pages.
var signInMessages = kit.SignInMessages{
	BadPassword:       "bad password",
	WrongCode:         "bad code",
	WrongRecoveryCode: "bad recovery code",
	Replayed:          "used code",
	Throttled:         "locked until %s",
}

// signInPages are the kit's sign-in pages on the test site, under /signin, each page
// a line of text.
func signInPages(k *kit.Kit) *kit.SignInPages {
	return &kit.SignInPages{
		Kit:        k,
		Paths:      kit.SignInPaths{Login: "/signin", Code: "/signin/code", Logout: "/signout", Home: "/home", SignedOut: "/signin?bye"},
		Messages:   signInMessages,
		TrustField: "trust",
		RenderLogin: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			write(w, status, f.CSRF, fmt.Sprintf("sign-in page (%s) error=%q email=%q", r.Method, f.Error, f.Email))
		},
		RenderCode: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
			write(w, status, f.CSRF, fmt.Sprintf("code page (%s) error=%q trust=%v", r.Method, f.Error, f.Trust))
		},
		Fail: func(w http.ResponseWriter, err error) { k.Fail(w, "Kit Test", err) },
	}
}

// signIn signs c in with the seeded password; the code step is left to the caller when
// 2FA is on. It returns the page after the password.
func (h *harness) signIn(t *testing.T, c *kittest.Client) *kittest.Page {
	t.Helper()
	c.Get("/login")
	return c.Post("/login", kittest.Form("email", testSite.Account.Email, "password", testSite.Account.Password.Reveal()))
}

// enroll signs a fresh client in, enrolls the authenticator at the clock's now and
// returns the client (signed in) and the otpauth URI.
func (h *harness) enroll(t *testing.T) (*kittest.Client, string) {
	t.Helper()
	c := kittest.NewClient(t, h.url)
	h.signIn(t, c).MustContain(t, "home of")
	uri := h.begin(t, c, "")
	p := c.Post("/confirm", kittest.Form("code", kittest.Code(t, uri, h.clock.Now())))
	p.MustContain(t, "confirm: <nil>")
	return c, uri
}

func (h *harness) begin(t *testing.T, c *kittest.Client, ttl string) string {
	t.Helper()
	p := c.Post("/enroll", kittest.Form("ttl", ttl))
	_, rest, ok := strings.Cut(p.Text(), "uri=")
	if !ok {
		t.Fatalf("no uri in %s", p.Body)
	}
	uri, _, _ := strings.Cut(rest, " ")
	return uri
}

package twentyi

import (
	"embed"
	"net/http"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Site describes the 20i mock and its seeded test account.
var Site = kit.Site{
	Name:  "20i",
	Title: "20i",
	Account: kit.Account{
		Email:    "tester@20i.example",
		Password: "Purple-Teal-2026!",
		Phone:    "+447700900020",
	},
	Skew: 1,
}

// SetupTime is how long a setup attempt lasts on the site's clock, from "Continue" to
// "Done": the guide's "You will have only 30 seconds".
const SetupTime = 30 * time.Second

// Paths of the pages the guide walks through.
const (
	PathLogin    = "/login"
	PathCode     = "/login/code"
	PathHome     = "/home"
	PathDetails  = "/security-details"
	PathSecurity = "/security-details/security"
	PathStart    = "/security-details/security/2fa/start"
	PathDone     = "/security-details/security/2fa/done"
	PathCancel   = "/security-details/security/2fa/cancel"
	PathLogout   = "/logout"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
var pages = kit.MustParsePages(templateFS, nil, []string{"layout"}, "login", "code", "home", "details", "security")

// site is one running 20i mock.
type site struct {
	k *kit.Kit
}

// New returns the 20i mock site's handler. It fails on an unknown defect name.
func New(opts kit.Options) (http.Handler, error) {
	k, err := kit.New(Site, opts)
	if err != nil {
		return nil, err
	}
	s := &site{k: k}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.FileServerFS(staticFS))
	s.signInPages().Route(mux)
	mux.HandleFunc("GET "+PathHome, k.RequireSignIn(PathLogin, s.home))
	mux.HandleFunc("GET "+PathDetails, k.RequireSignIn(PathLogin, s.details))
	mux.HandleFunc("GET "+PathSecurity, k.RequireSignIn(PathLogin, s.security))
	mux.HandleFunc("POST "+PathStart, k.RequireSignIn(PathLogin, s.start))
	mux.HandleFunc("POST "+PathDone, k.RequireSignIn(PathLogin, s.done))
	mux.HandleFunc("POST "+PathCancel, k.RequireSignIn(PathLogin, s.cancel))
	return k.Handler(mux), nil
}

// view is the data of every page; each page uses the fields it needs.
type view struct {
	Title  string
	CSRF   string
	Email  string // signed-in account, empty on the sign-in pages
	Error  string
	Notice string
	Tab    string // the active top tab of the security details pages
	Login  string // the email typed, kept after a wrong password

	TwoFactor kit.Status
	Setup     *setupView // the setup dialog, when an attempt is under way
}

// setupView is the QR step of the setup dialog.
type setupView struct {
	Rows      []string // QR modules, one string of 0/1 per row, drawn on the canvas by script
	Size      int      // canvas size in pixels
	Remaining int      // seconds left on the site's clock
}

func (s *site) render(w http.ResponseWriter, status int, name string, v view) {
	s.k.Render(w, status, pages, name, v)
}

func (s *site) fail(w http.ResponseWriter, err error) {
	s.k.Fail(w, "The 20i control panel", err)
}

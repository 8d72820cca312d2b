package leaseweb

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Site describes the Leaseweb mock and its seeded test account.
var Site = kit.Site{
	Name:  "leaseweb",
	Title: "Leaseweb",
	Account: kit.Account{
		Email:    "tester@leaseweb.example",
		Password: "Orange-Rack-2026!",
		Phone:    "+31612345678",
	},
	Skew: 1,
}

// RecoveryTokens is how many recovery tokens "Generate tokens" creates (guide 002: "A
// list with 10 security tokens").
const RecoveryTokens = 10

// Paths of the pages outside the two-factor settings.
const (
	PathLogin       = "/login"
	PathCode        = "/login/code"
	PathRecoverySMS = "/login/code/recovery-phone"
	PathLogout      = "/logout"
	PathDashboard   = "/dashboard"
	PathProfile     = "/profile"
)

// The two ways to the two-factor settings (guide 000, step 2): the Profile Dashboard's
// left menu item "Two-Factor Authentication", and the authentication dashboard. Both
// serve the same settings under their own base path.
const (
	PathProfileTwoFactor = "/profile/two-factor-authentication"
	PathAuthentication   = "/authentication"
)

// Sub-paths of the two-factor settings, after either base path.
const (
	subEnable         = "/enable"
	subApp            = "/app"
	subAppEnable      = "/app/enable"
	subSMS            = "/sms"
	subSMSEnable      = "/sms/enable"
	subRecoveryPhone  = "/recovery-phone"
	subRecoveryAdd    = "/recovery-phone/add"
	subRecoveryTokens = "/recovery-tokens"
	subDisable        = "/disable"
)

// area is one of the two routes to the settings: its base path and the page chrome
// around the settings.
type area struct {
	Base string // PathProfileTwoFactor or PathAuthentication
	Page string // template set: "profile" or "authentication"
}

// Path returns the area's base path followed by sub.
func (a area) Path(sub string) string { return a.Base + sub }

var areas = []area{
	{Base: PathProfileTwoFactor, Page: "profile"},
	{Base: PathAuthentication, Page: "authentication"},
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout; the settings
// pages also carry the two-factor screens.
var pages = func() *kit.Pages {
	p := kit.MustParsePages(templateFS, nil, []string{"layout"}, "login", "code", "dashboard")
	for _, a := range areas {
		p.MustAdd(a.Page, "twofactor", "twofactor-setup")
	}
	return p
}()

// site is one running Leaseweb mock.
type site struct {
	k *kit.Kit
	v Variant
}

// Variant is how this mock differs from the portal it copies, for tests of patterns
// other portals use. The zero value is the Leaseweb portal.
type Variant struct {
	// NativeConfirm asks for the disable confirmation with the browser's own
	// confirm() dialog ("Confirm you want to disable Two-Factor Authentication.")
	// when "Disable" is clicked on the settings, instead of on a page of its own.
	NativeConfirm bool
}

// New returns the Leaseweb mock site's handler. It fails on an unknown defect name.
func New(opts kit.Options) (http.Handler, error) { return NewVariant(opts, Variant{}) }

// NewVariant returns the handler of a variant of the Leaseweb mock site.
func NewVariant(opts kit.Options, v Variant) (http.Handler, error) {
	k, err := kit.New(Site, opts)
	if err != nil {
		return nil, err
	}
	s := &site{k: k, v: v}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.FileServerFS(staticFS))
	s.signInPages().Route(mux)
	mux.HandleFunc("POST "+PathRecoverySMS, s.recoverySMS)
	mux.HandleFunc("GET "+PathDashboard, k.RequireSignIn(PathLogin, s.dashboard))
	mux.HandleFunc("GET "+PathProfile, k.RequireSignIn(PathLogin, s.profile))
	for _, a := range areas {
		s.routeSettings(mux, a)
	}
	return k.Handler(mux), nil
}

// routeSettings serves the two-factor settings under one area's base path.
func (s *site) routeSettings(mux *http.ServeMux, a area) {
	on := func(pattern string, h func(http.ResponseWriter, *http.Request, kit.Session, area)) {
		mux.HandleFunc(pattern, s.k.RequireSignIn(PathLogin, func(w http.ResponseWriter, r *http.Request, sess kit.Session) {
			h(w, r, sess, a)
		}))
	}
	on("GET "+a.Base, s.settings)
	on("GET "+a.Path(subEnable), s.chooseMethod)
	on("POST "+a.Path(subApp), s.startApp)
	on("GET "+a.Path(subApp), s.appPage)
	on("POST "+a.Path(subAppEnable), s.enableApp)
	on("GET "+a.Path(subSMS), s.smsPage)
	on("POST "+a.Path(subSMS), s.smsSend)
	on("POST "+a.Path(subSMSEnable), s.smsEnable)
	on("GET "+a.Path(subRecoveryPhone), s.recoveryPhonePage)
	on("POST "+a.Path(subRecoveryPhone), s.recoveryPhoneSend)
	on("POST "+a.Path(subRecoveryAdd), s.recoveryPhoneAdd)
	on("POST "+a.Path(subRecoveryTokens), s.generateTokens)
	on("GET "+a.Path(subDisable), s.disablePage)
	on("POST "+a.Path(subDisable), s.disable)
}

// view is the data of every page; each page uses the fields it needs.
type view struct {
	Title  string
	CSRF   string
	Email  string // signed-in account, empty on the sign-in pages
	Nav    string // the active item of the main menu
	Error  string
	Notice string
	Login  string // the email typed, kept after a wrong password

	TrustChecked bool // the passcode page's "Trust this device" starts ticked

	Area area
	TFA  tfaView
}

// tfaView is the two-factor part of a settings page.
type tfaView struct {
	// Screen is which screen of the settings shows: "overview", "choose", "app", "sms",
	// "recovery-phone" or "disable".
	Screen string
	Status kit.Status
	QR     template.URL // the App screen's QR code as a data: PNG
	Phone  string       // the phone a code was sent to (SMS and recovery phone screens)
	Sent   bool         // a code was sent: show the code field
	Tokens []kit.RecoveryCode
	Fresh  bool // the tokens were generated just now
	// NativeConfirm makes the overview's "Disable" a form that asks the browser's
	// confirm() first (Variant.NativeConfirm, unless the site skips confirmations).
	NativeConfirm bool
}

func (s *site) render(w http.ResponseWriter, status int, name string, v view) {
	s.k.Render(w, status, pages, name, v)
}

func (s *site) fail(w http.ResponseWriter, err error) {
	s.k.Fail(w, "The Leaseweb Customer Portal", err)
}

func (s *site) dashboard(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	st, err := s.k.Status(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.render(w, http.StatusOK, "dashboard", view{Title: "Dashboard", CSRF: sess.CSRF, Email: sess.Email, Nav: "dashboard",
		TFA: tfaView{Status: st}})
}

// profile is the Profile Dashboard: personal details, with the left side menu that
// leads to Two-Factor Authentication.
func (s *site) profile(w http.ResponseWriter, r *http.Request, sess kit.Session) {
	s.render(w, http.StatusOK, "profile", view{Title: "Profile Dashboard", CSRF: sess.CSRF, Email: sess.Email, Nav: "profile",
		Area: areas[0], TFA: tfaView{Screen: "details"}})
}

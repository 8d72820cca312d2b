package onepassword

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Site describes the 1Password mock and its seeded test account.
var Site = kit.Site{
	Name:  "1password",
	Title: "1Password",
	Account: kit.Account{
		Email:    "tester@1password.example",
		Password: "Blue-Keyhole-2026!",
		Phone:    "+14155550104",
	},
	Skew: 1,
}

// SecretKey is the seeded account's Secret Key. Real 1Password asks for it (with the
// email and password) on a device it does not know yet; the mock shows it prefilled, as
// on a device that has signed in before, and refuses a sign-in whose Secret Key differs.
const SecretKey kit.Password = "A3-5MQ7KD-X4PE2R-9TWHB-6NJ3C-RLY8V-2FGQA"

// Paths of the pages the guide walks through, and of their forms when the pages are
// not client-side (Options.ClientSide); client-side pages send them to the API (spa.go).
const (
	PathSignIn    = "/signin"
	PathCode      = "/signin/code"
	PathSignOut   = "/signout"
	PathHome      = "/home"
	PathProfile   = "/profile"
	PathTwoFactor = "/profile/two-factor"
	PathSetup     = "/profile/two-factor/setup"         // POST: "Set Up App"; GET: the QR code
	PathSetupCode = "/profile/two-factor/setup/code"    // "Next": the six boxes
	PathConfirm   = "/profile/two-factor/setup/confirm" // "Confirm"
	PathCancel    = "/profile/two-factor/setup/cancel"
)

// qrModulePx is the size of one QR module in the inline SVG, in CSS pixels.
const qrModulePx = 5

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout and the six-box
// code entry.
var pages = kit.MustParsePages(templateFS, nil, []string{"layout", "boxes"},
	"signin", "code", "home", "profile", "twofactor", "setup", "setupcode")

// site is one running 1Password mock.
type site struct {
	k *kit.Kit
	o Options
}

// Options are the 1Password mock's own options, beyond the kit's; New says which the
// bundled flows run against.
type Options struct {
	// ClientSide makes the pages a single-page app, as the real web app is: after the
	// first page (rendered on the server, so deep links and reloads work) links fetch
	// the next page and show it with history.pushState, back and forward work by
	// popstate, and forms are sent by fetch to the JSON API (spa.go), which answers
	// refusals with 4xx statuses; signing in, out and the passcode then load the next
	// page by script. Off, the forms post to the pages' paths and are answered with
	// redirects and whole pages. The server answers both ways either way.
	ClientSide bool
	// ShadowMenu puts the account icon and its menu ("My Profile", "Preferences",
	// "Sign Out") in the open shadow root of an <op-account-menu> element, as design
	// systems' web components do; the script attaches the root from the element's
	// <template> child. Off, they are in the page itself.
	ShadowMenu bool
}

// New returns the 1Password mock site's handler as the registry serves it, as the
// real web app is: client-side pages and the account menu in a shadow root (Options).
// It fails on an unknown defect name.
func New(opts kit.Options) (http.Handler, error) {
	return NewSite(opts, Options{ClientSide: true, ShadowMenu: true})
}

// NewSite returns the 1Password mock site's handler with the site's own options o.
func NewSite(opts kit.Options, o Options) (http.Handler, error) {
	k, err := kit.New(Site, opts)
	if err != nil {
		return nil, err
	}
	s := &site{k: k, o: o}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.FileServerFS(staticFS))
	in := s.signInPages()
	in.Route(mux)
	mux.HandleFunc("POST "+PathAPISignIn, api(in.Login))
	mux.HandleFunc("POST "+PathAPICode, api(in.Code))
	mux.HandleFunc("POST "+PathAPISignOut, api(in.Logout))
	page := func(h func(http.ResponseWriter, *http.Request, kit.Session)) http.HandlerFunc {
		return k.RequireSignIn(PathSignIn, h)
	}
	mux.HandleFunc("GET "+PathHome, page(s.home))
	mux.HandleFunc("GET "+PathProfile, page(s.profile))
	mux.HandleFunc("GET "+PathTwoFactor, page(s.twoFactor))
	mux.HandleFunc("GET "+PathSetup, page(s.setupPage))
	mux.HandleFunc("GET "+PathSetupCode, page(s.setupCodePage))
	mux.HandleFunc("POST "+PathSetup, page(s.setUpApp))
	mux.HandleFunc("POST "+PathConfirm, page(s.confirm))
	mux.HandleFunc("POST "+PathCancel, page(s.cancel))
	mux.HandleFunc("POST "+PathAPISetUp, s.signedIn(s.setUpApp))
	mux.HandleFunc("POST "+PathAPIConfirm, s.signedIn(s.confirm))
	mux.HandleFunc("POST "+PathAPICancel, s.signedIn(s.cancel))
	return k.Handler(mux), nil
}

// view is the data of every page; each page uses the fields it needs.
type view struct {
	Fragment   bool // only the content of <main>, for the page script (spa.go)
	ClientSide bool // Options.ClientSide: the forms go to the API by script
	ShadowMenu bool // Options.ShadowMenu: the account menu in a shadow root

	Title  string
	CSRF   string
	Email  string // signed-in account, empty on the sign-in pages
	Error  string
	Notice string
	Nav    string // the active sidebar entry

	Login     string // the email typed, kept after a refused sign-in
	SecretKey string // the Secret Key prefilled on the sign-in page

	TwoFactor kit.Status
	Setup     *setupView // the QR step of "Set Up App"
	Boxes     boxesView  // the six one-digit boxes of a code page
}

// setupView is the QR code and the secret as text to save.
type setupView struct {
	QR     template.HTML // inline <svg> from internal/qr, safe by construction
	Groups []string      // the base32 secret in blocks of 4 characters
	Chars  int           // how many characters the secret has
}

func (s *site) fail(w http.ResponseWriter, err error) {
	s.k.Fail(w, "1Password", err)
}

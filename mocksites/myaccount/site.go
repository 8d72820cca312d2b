package myaccount

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// Site describes the My Account mock and its seeded test account. The guide lost the
// service's name, so the mock calls it "Northwind Cloud", a neutral name of its own.
var Site = kit.Site{
	Name:  "myaccount",
	Title: "Northwind Cloud",
	Account: kit.Account{
		Email:    "tester@northwind.example",
		Password: "Green-Grey-2026!",
		Phone:    "+12025550142",
	},
	Skew: 1,
}

// AckSite describes the variant of the My Account mock that switches Two Step Auth on
// only once the user acknowledges the backup codes (Variant.EnableOnAck), registered
// as its own bundled site so that a flow can name it.
var AckSite = func() kit.Site {
	s := Site
	s.Name = "myaccount-ack"
	return s
}()

// Variant is how a My Account mock differs from the one the guide describes.
type Variant struct {
	// EnableOnAck verifies the code at "Verify and Save" but switches Two Step Auth on
	// only at "I have saved my backup codes", as GitHub does with its recovery codes
	// (the kit's two-stage enrollment: VerifyEnrollment, then ActivateEnrollment).
	// Until then signing in asks for no passcode.
	EnableOnAck bool
}

// DisplayName is the seeded account holder's name, shown with an avatar of its
// initials in the header's dropdown menu.
const DisplayName = "Alex Morgan"

// BackupCodes is how many backup codes the site gives after a successful setup.
const BackupCodes = 10

// Paths of the pages the guide walks through, and of the actions on them.
const (
	PathLogin        = "/login"
	PathCode         = "/login/code"
	PathLogout       = "/logout"
	PathDashboard    = "/dashboard"
	PathAccount      = "/my-account"
	PathTwoStep      = "/my-account/two-step-auth"
	PathVerifyEmail  = "/my-account/verify-email"
	PathEmailLink    = "/verify-email"
	PathVerifyPhone  = "/my-account/verify-phone"
	PathConfirmPhone = "/my-account/verify-phone/confirm"
	PathEnable       = "/my-account/two-step-auth/enable"
	PathSetup        = "/my-account/two-step-auth/setup"
	PathMobile       = "/my-account/two-step-auth/setup/mobile"
	PathDevice       = "/my-account/two-step-auth/setup/device"
	PathVerify       = "/my-account/two-step-auth/setup/verify"
	PathCancel       = "/my-account/two-step-auth/setup/cancel"
	PathBackup       = "/my-account/two-step-auth/backup-codes"
	PathFinish       = "/my-account/two-step-auth/backup-codes/saved"
	// PathQR is the QR code's PNG, served only to the signed-in session that started
	// the enrollment.
	PathQR = "/two-step-auth/qr.png"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page: the signed-out pages on the "card" layout,
// the others on the "app" layout with the top bar and its dropdown menu.
var pages = kit.MustParsePages(templateFS, funcs, []string{"layout"},
	"login", "code", "verified", "dashboard", "profile", "twostep",
	"install", "device", "scan", "backup")

// site is one running My Account mock: the kit, the variant and the site's own state.
type site struct {
	k  *kit.Kit
	v  Variant
	st *state
}

// New returns the My Account mock site's handler. It fails on an unknown defect name.
func New(opts kit.Options) (http.Handler, error) { return NewVariant(opts, Variant{}) }

// NewAck returns the handler of the variant that switches Two Step Auth on at the
// backup codes' acknowledgement (AckSite).
func NewAck(opts kit.Options) (http.Handler, error) {
	return NewVariant(opts, Variant{EnableOnAck: true})
}

// NewVariant returns the handler of a variant of the My Account mock site.
func NewVariant(opts kit.Options, v Variant) (http.Handler, error) {
	desc := Site
	if v.EnableOnAck {
		desc = AckSite
	}
	k, err := kit.New(desc, opts)
	if err != nil {
		return nil, err
	}
	s := &site{k: k, v: v, st: newState()}
	k.OnReset(s.st.reset)
	in := func(h func(http.ResponseWriter, *http.Request, kit.Session)) http.HandlerFunc {
		return k.RequireSignIn(PathLogin, h)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.FileServerFS(staticFS))
	s.signInPages().Route(mux)
	mux.HandleFunc("GET "+PathEmailLink, s.emailLink)
	mux.HandleFunc("GET "+PathDashboard, in(s.dashboard))
	mux.HandleFunc("GET "+PathAccount, in(s.profile))
	mux.HandleFunc("GET "+PathTwoStep, in(s.twoStep))
	mux.HandleFunc("POST "+PathVerifyEmail, in(s.verifyEmail))
	mux.HandleFunc("POST "+PathVerifyPhone, in(s.verifyPhone))
	mux.HandleFunc("POST "+PathConfirmPhone, in(s.confirmPhone))
	mux.HandleFunc("POST "+PathEnable, in(s.enable))
	mux.HandleFunc("GET "+PathSetup, in(s.setupPage))
	mux.HandleFunc("POST "+PathMobile, in(s.mobile))
	mux.HandleFunc("POST "+PathDevice, in(s.device))
	mux.HandleFunc("GET "+PathQR, s.qrPNG)
	mux.HandleFunc("POST "+PathVerify, in(s.verify))
	mux.HandleFunc("POST "+PathCancel, in(s.cancel))
	mux.HandleFunc("GET "+PathBackup, in(s.backupPage))
	mux.HandleFunc("POST "+PathFinish, in(s.finish))
	return k.Handler(mux), nil
}

// view is the data of every page; each page uses the fields it needs.
type view struct {
	Title  string
	CSRF   string
	Email  string // signed-in account; empty on the signed-out pages
	Name   string // the account holder's display name, for the dropdown menu
	Error  string
	Notice string
	Login  string // the email typed, kept after a wrong password
	Nav    string // the active item of the Account Details navigation

	Backup     bool       // the passcode page asks for a backup code
	Contact    contact    // verification state of the email address and phone
	TwoStep    kit.Status // second-factor state
	Devices    []device   // the 4 mobile device options
	Device     device     // the chosen device (QR page)
	Codes      []kit.RecoveryCode
	QRSrc      string // the QR image's URL, with a per-attempt query so no cache mixes attempts
	SignInLink bool   // the email-verified page offers a sign-in link
}

// contact is what the site knows of the account's email address and phone.
type contact struct {
	Email, Phone                 string
	EmailVerified, PhoneVerified bool
	EmailSent, PhoneSent         bool // a link or a code is on its way
}

// initials returns the avatar's letters for name ("Alex Morgan" -> "AM").
func initials(name string) string {
	var out []rune
	start := true
	for _, r := range name {
		if r == ' ' {
			start = true
			continue
		}
		if start {
			out = append(out, r)
			start = false
		}
	}
	return string(out)
}

var funcs = template.FuncMap{"initials": initials}

func (s *site) render(w http.ResponseWriter, status int, name string, v view) {
	s.k.Render(w, status, pages, name, v)
}

// signedIn returns the view fields every signed-in page shares.
func signedIn(sess kit.Session, title string) view {
	return view{Title: title, CSRF: sess.CSRF, Email: sess.Email, Name: DisplayName}
}

func (s *site) fail(w http.ResponseWriter, err error) {
	s.k.Fail(w, "Northwind Cloud", err)
}

// Package kit is what every bundled mock site is built on: the site's clock, the seeded
// account, sign-in with sessions and CSRF, the one-time passcode step with throttling,
// TOTP enrollment verified with package otp, recovery codes, SMS codes, trusted
// devices, the mock SMS inbox and mailbox, the test-only control surface under /_mock/,
// and the deliberate defects of `enroll conform`. A site package keeps only its look:
// its pages, labels and routes.
//
// # Building a site
//
// A site package exports its description and a constructor, and the registry in package
// mocksites lists it (one line in registry.go):
//
//	package example
//
//	var Site = kit.Site{
//		Name: "example", Title: "Example",
//		Account: kit.Account{Email: "tester@example.test", Password: "Secret-1", Phone: "+31612345678"},
//		Skew: 1,
//	}
//
//	type site struct{ k *kit.Kit }
//
//	func New(opts kit.Options) (http.Handler, error) {
//		k, err := kit.New(Site, opts) // fails on an unknown defect name
//		if err != nil {
//			return nil, err
//		}
//		s := &site{k: k}
//		mux := http.NewServeMux()
//		s.signInPages().Route(mux) // /, /login, /login/code, /logout
//		mux.HandleFunc("GET /settings", k.RequireSignIn("/login", s.settings))
//		mux.HandleFunc("POST /2fa/start", k.RequireSignIn("/login", s.start))
//		mux.HandleFunc("POST /2fa/confirm", k.RequireSignIn("/login", s.confirm))
//		// Handler adds the CSRF check on every POST, /_mock/ when opts.Control,
//		// request logging and a 500 page instead of a panic.
//		return k.Handler(mux), nil
//	}
//
// A site's pages are html/template files embedded under templates/: a layout that
// defines "layout" and one file per page. Pages holds one template set per page, Render
// shows one (HTML, never cached) and Fail is the 500 page for an unexpected error:
//
//	//go:embed templates/*.html
//	var templateFS embed.FS
//
//	var pages = kit.MustParsePages(templateFS, nil, []string{"layout"}, "login", "code", "settings")
//
//	func (s *site) render(w http.ResponseWriter, status int, name string, v view) {
//		s.k.Render(w, status, pages, name, v)
//	}
//
//	func (s *site) fail(w http.ResponseWriter, err error) { s.k.Fail(w, "Example", err) }
//
// Every page with a form puts the session's token in a hidden input named CSRFField.
// SignInPages are the sign-in handlers every site shares (sign-in page and form,
// passcode page and form, sign-out, root); the site gives its paths, its own messages
// and one render callback per page, and Route mounts them:
//
//	func (s *site) signInPages() *kit.SignInPages {
//		return &kit.SignInPages{
//			Kit:   s.k,
//			Paths: kit.SignInPaths{Login: "/login", Code: "/login/code", Logout: "/logout", Home: "/settings"},
//			Messages: kit.SignInMessages{
//				BadPassword: "Wrong email or password.",
//				WrongCode:   "That code is not right.",
//				Replayed:    "That code was used already.",
//				Throttled:   "Too many wrong codes: try again after %s.",
//			},
//			TrustField: "trust", // optional "Trust this device" checkbox
//			RenderLogin: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
//				// <input type="hidden" name="csrf" value="{{.CSRF}}">
//				s.render(w, status, "login", view{CSRF: f.CSRF, Error: f.Error, Email: f.Email})
//			},
//			RenderCode: func(w http.ResponseWriter, r *http.Request, status int, f kit.SignInForm) {
//				s.render(w, status, "code", view{CSRF: f.CSRF, Error: f.Error, Trust: f.Trust})
//			},
//			Fail: s.fail,
//		}
//	}
//
// Underneath, EnsureSession gives the sign-in page a session (and so a token), SignIn
// checks the password and SignInCode the second factor (TOTP, SMS or recovery code;
// ErrWrongCode, ErrReplayed, *ThrottledError). A site with more on these forms says so
// in SignInPages: CheckForm checks another field before the password (1Password's
// Secret Key), ReadCode reads a code typed into something else than one field "code"
// (1Password's six one-digit boxes).
//
// Enrollment is BeginEnrollment (a fresh 160-bit secret; ttl 0 = no time limit), a QR
// code of Enrollment.URI() drawn the site's own way (internal/qr), then
// ConfirmEnrollment with the typed code:
//
//	func (s *site) start(w http.ResponseWriter, r *http.Request, sess kit.Session) {
//		e, err := s.k.BeginEnrollment(r, 0)
//		...
//		png, err := qr.PNG(e.URI(), 4) // or qr.SVG, qr.Modules for a canvas
//	}
//
//	func (s *site) confirm(w http.ResponseWriter, r *http.Request, sess kit.Session) {
//		switch err := s.k.ConfirmEnrollment(r, r.PostFormValue("code")); {
//		case err == nil: // 2FA is on; the code's step counts as used
//		case errors.Is(err, kit.ErrWrongCode): // 2FA stays off, the attempt stays open
//		case errors.Is(err, kit.ErrExpired), errors.Is(err, kit.ErrNoEnrollment): // start again
//		}
//	}
//
// A site that switches 2FA on only once the user acknowledges the recovery codes
// (GitHub's "I have saved my recovery codes") enrolls in two stages instead:
// VerifyEnrollment checks the code (its step counts as used, 2FA stays off), and
// ActivateEnrollment, at the acknowledgement, switches it on.
//
// Status tells a settings page what is on; Disable switches it off (the confirmation is
// the site's page). GenerateRecoveryCodes and RecoveryCodes give single-use codes that
// SignInCode accepts in place of the passcode. StartSMSMethod and EnableSMSMethod turn
// on SMS as the second factor; SendSMSCode and CheckSMSCode verify a phone for a site's
// own purpose; SetRecoveryPhone and SendSignInCode give an SMS fallback at sign-in.
// SignInCodeAndTrust remembers the browser for TrustFor. SendMail puts a message with
// links into the mailbox (BaseURL builds absolute links; Token makes a link token).
// Sites with state of their own clear it in an OnReset hook.
//
// # Time, randomness, logs
//
// Every expiry (throttle, enrollment ttl, SMS codes, sessions, trusted devices) is on the
// site's clock: Options.Clock (a FixedClock in tests) plus the offset that POST
// /_mock/clock moves. Tests move the clock; they never sleep. Options.Rand feeds every
// secret. Options.Logger gets events without secrets, codes or passwords.
//
// # Defects
//
// Options.Defects switches on the defects of AllDefects by name; the kit implements each
// one, so a site gets them all for free. Sites must not second-guess the kit's answers
// (for example by checking a code themselves), or the defects stop being visible.
//
// # Testing a site
//
// Package kittest drives a site like a browser (cookie jar, CSRF token from the last
// page, control surface helpers); see mocksites/twentyi's tests for a full enrollment.
package kit

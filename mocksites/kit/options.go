package kit

import (
	"io"
	"log/slog"

	"github.com/enroll-dev/enroll/redact"
)

// Options configure one running mock site. The zero value is a correct site on the wall
// clock, with crypto/rand, no control surface, no defects and no logging.
type Options struct {
	// Clock is the site's clock; nil means the wall clock. The control surface moves the
	// site's time by an offset on top of it.
	Clock Clock
	// Control mounts the test-only control surface under /_mock/ (inboxes, reset, clock,
	// issued secrets). Off by default: a site never exposes it unless asked.
	Control bool
	// Defects are the names of deliberate security defects to switch on (see Defect).
	// An unknown name is an error from New.
	Defects []string
	// Rand is the source of every secret the site issues (TOTP secrets, session ids,
	// CSRF tokens, recovery and SMS codes); nil means crypto/rand.Reader.
	Rand io.Reader
	// Logger receives request and event logs; nil discards them. Secrets, codes and
	// passwords are never logged.
	Logger *slog.Logger
}

// Site describes a bundled mock site: what the registry lists and what `enroll serve`
// prints. Each site package exports one as its Site variable.
type Site struct {
	// Name is the registry key and the flow's `site.mock` value ("20i", "leaseweb", ...).
	Name string
	// Title is the service's display name.
	Title string
	// Account is the seeded test account that exists after every start and reset.
	Account Account
	// Skew is the number of 30-second steps either side of now that the site accepts
	// (RFC 6238 §5.2); 1 for every bundled site. The wide-skew defect widens it to 3
	// without changing this declaration.
	Skew int
}

// Account is a test account: the sign-in email and password and the phone that receives
// the mock SMS.
type Account struct {
	Email    string
	Password Password
	Phone    string
}

// Password is a password: it prints as REDACTED in logs, errors and JSON; Reveal gives
// the text on purpose (to type it into a form).
type Password = redact.Text

package kit

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

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
	// passwords are never logged; sign-ins and enrollments name the account's email.
	Logger *slog.Logger
	// Accounts is how many test accounts the site seeds (Site.Seeded): 0 or 1, the
	// site's Account alone; n, also n-1 numbered siblings of it, so that n flows can
	// run against one site at once, each on an account of its own. At most
	// MaxAccounts.
	Accounts int
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

// MaxAccounts is the most test accounts a site seeds.
const MaxAccounts = 99

// Seeded returns the first n test accounts of the site (at least one): its Account,
// then numbered siblings of it. Sibling i (2, 3, ...) has the email with +i before the
// @, the password with -i after it, and the phone with its last two digits moved on
// by i-1, so that every account has an SMS inbox of its own:
//
//	tester@20i.example    Purple-Teal-2026!    +447700900020
//	tester+2@20i.example  Purple-Teal-2026!-2  +447700900021
func (s Site) Seeded(n int) []Account {
	out := []Account{s.Account}
	local, domain, _ := strings.Cut(s.Account.Email, "@")
	for i := 2; i <= min(n, MaxAccounts); i++ {
		out = append(out, Account{
			Email:    fmt.Sprintf("%s+%d@%s", local, i, domain),
			Password: Password(fmt.Sprintf("%s-%d", s.Account.Password.Reveal(), i)),
			Phone:    siblingPhone(s.Account.Phone, i),
		})
	}
	return out
}

// siblingPhone is phone with its last two digits moved on by i-1 (wrapping at 100):
// distinct for every i up to MaxAccounts.
func siblingPhone(phone string, i int) string {
	if len(phone) < 2 {
		return phone
	}
	head, tail := phone[:len(phone)-2], phone[len(phone)-2:]
	n, err := strconv.Atoi(tail)
	if err != nil {
		return phone
	}
	return fmt.Sprintf("%s%02d", head, (n+i-1)%100)
}

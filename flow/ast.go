package flow

import (
	"fmt"
	"github.com/enroll-dev/enroll/locator"
	"regexp"
	"time"
)

// Version is the flow format version this package reads (the `enroll:` key).
const Version = 1

// Pos is a position in a flow file: the file name and the 1-based line and column.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the prefix of every error about a flow.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Flow is one guide written as a sequence of steps. It is a pure typed tree: it holds
// what the file says and where it says it, and imports no browser code.
type Flow struct {
	Pos     Pos
	Version int
	Guide   Guide
	Site    Site
	Account Account
	// Timeout is the default deadline of every action; 10s when the file gives none.
	Timeout time.Duration
	// Imports are the fragment files read for the flow (its imports and theirs), as
	// names in the file system it was parsed from, sorted.
	Imports []string
	// Fragments are the reusable action lists of this file and of its imports, by name.
	// Every `use:` in the flow names one of them (Parse checks).
	Fragments map[string]*Fragment
	Steps     []*Step
	// Conform is what `enroll conform` needs beyond the steps; nil when the file has
	// no conform section (see conform.go).
	Conform *Conform
}

// Guide says which written guide the flow follows.
type Guide struct {
	Title  string
	Source string // guide file name or URL
}

// Site says where the flow runs: a bundled mock by name (the default target) and/or
// the base URL of a real or staging site. --base-url on the command line wins over both.
type Site struct {
	Pos     Pos
	Mock    string // bundled mock site name: leaseweb, myaccount, 20i, 1password
	BaseURL string
	// Skew is the number of time steps either side of now that the site accepts (the
	// RFC 6238 §5.2 window). The runner uses it to sign in again right after enrolling
	// with the next step's code instead of waiting. Default 1.
	Skew int
	// SkewGiven says the flow gives skew. For a site the flow does not name a bundled
	// mock of, the window is then known; else the runner types no code ahead of the
	// site's time step (pyotp and speakeasy accept none by default).
	SkewGiven bool
}

// Account is the account the flow signs in with. Each value is a template, so it can
// come from the environment (`${env.NAME}`); empty values fall back to the bundled
// mock's seeded test account. The password is always secret.
//
// Instead of one account, a flow may name a pool of them (pool.go): each run then
// leases one, so flows running at once against one site never share an account.
type Account struct {
	Email    Template
	Password Template
	Phone    Template
	// Pool is where the flow's pool of accounts is; nil when it names one account.
	Pool *PoolSource
}

// Fragment is a named, reusable list of actions (sign-in is written once per site).
type Fragment struct {
	Pos     Pos
	Name    string
	Actions []Action
}

// Step is one step of the guide: its own heading and sentences, and the actions that
// carry it out.
type Step struct {
	Pos     Pos
	Title   string        // the guide's heading, word for word
	Say     string        // the guide's sentence(s), word for word
	Timeout time.Duration // overrides Flow.Timeout for this step's actions; 0 = inherit
	Actions []Action      // at least one, unless Manual
	// Manual, instead of actions, says why the step has none: the reader does it away
	// from the site ("install an authenticator app"). Reports show it; it never passes.
	Manual string
}

// Action is one thing a reader does on the page. The concrete types below are the
// whole vocabulary; the runner handles them in one exhaustive type switch. Parsed
// flows hold pointers to them (*Click, *Fill, ...).
type Action interface {
	// Kind is the action's key in the file (click, fill, scan-qr, ...).
	Kind() Kind
	// At is where the action is written.
	At() Pos
	// Deadline is the action's own timeout, 0 to inherit the step's or the flow's.
	Deadline() time.Duration
	// Describe says what the action does, in the words of a failure's headline
	// (describe.go): click "Enable". Never a secret value.
	Describe() string
}

// Kind names an action kind as it is written in a flow file.
type Kind string

// Common holds what every action has: its position and an optional deadline.
type Common struct {
	Pos     Pos
	Timeout time.Duration // 0 = the step's or the flow's default
}

// At returns the action's position.
func (c Common) At() Pos { return c.Pos }

// Deadline returns the action's own timeout, 0 when it inherits one.
func (c Common) Deadline() time.Duration { return c.Timeout }

// Target finds an element the way a reader does: a locator.Locator (exactly one
// of Text, Label, Placeholder, Name or CSS, with Role, Within and Exact to narrow;
// the one type the browser finds), where the flow says it, and whether the guide
// quotes it. The one-line form `click: Enable` sets Text.
type Target struct {
	Pos Pos
	locator.Locator
	// OffGuide marks a label the guide does not quote, with the reason (a popup's button
	// the guide does not name). The faithfulness test accepts marked labels only.
	OffGuide string
}

// Describe says what the target looks for, in words a doc writer reads in an error:
// `"Enable"`, `field labelled "Code"`, `tab "Security" in "Navigation"`.
func (t Target) Describe() string { return t.Locator.String() }

// Open navigates to a path (relative to the site's base URL) or an absolute URL.
type Open struct {
	Common
	URL Template
}

// Click clicks the target.
type Click struct {
	Common
	Target Target
}

// Hover moves the pointer over the target (to open a menu).
type Hover struct {
	Common
	Target Target
}

// Fill types a value into a field, replacing what it held.
type Fill struct {
	Common
	Into  Target
	Value Template
}

// Select picks an option, by its visible text, in a <select> or a group of radio buttons.
type Select struct {
	Common
	From   Target
	Option Template
}

// Check ticks (or, with Off, unticks) a checkbox found by its label.
type Check struct {
	Common
	Target Target
	Off    bool // written as `uncheck:`
}

// Press presses a key (Enter, Tab, Escape, ...), in a field when In is set.
type Press struct {
	Common
	Key string
	In  *Target
}

// Expect waits until the page shows something, or with Absent until it no longer does.
// Exactly one of Text, Element or URL is set.
type Expect struct {
	Common
	Text    string  // text anywhere on the page
	Element *Target // an element, visible
	URL     string  // the page URL contains this
	Absent  bool    // written as `expect-not:`
}

// Capture reads text from the page into a named value; with Many, every match (the
// recovery codes) into a list. Pattern, a regular expression, picks the values out of
// the text; Secret keeps the values out of every log and report. Parse sets Secret
// when Many is set and the file does not say `secret: false`, since lists captured
// from 2FA pages are recovery codes.
type Capture struct {
	Common
	As      string
	From    Target
	Pattern string
	Regexp  *regexp.Regexp // Pattern compiled; nil without one
	Many    bool
	Secret  bool
}

// ScanQR finds the QR code on the page (img, canvas or svg), decodes its otpauth://
// URI and keeps it as the named credential, checking any expectations.
type ScanQR struct {
	Common
	As     string
	Within *Target // optional: the region that holds the code
	Expect QRExpect
}

// QRExpect is what the scanned key must say; zero fields are not checked.
type QRExpect struct {
	Issuer    string
	Account   string
	Digits    int
	Period    int    // seconds
	Algorithm string // SHA1, SHA256 or SHA512, as the Algorithms table spells it
}

// ReadSecret reads a secret shown as text (to save in a password manager) and checks
// that it equals the secret of the credential scanned from the QR code.
type ReadSecret struct {
	Common
	Of   string // the credential it must equal
	From Target
}

// TypeCode types the credential's current TOTP code into a field, or into a row of
// one-digit boxes when Boxes is set or the field found is one of such a row.
type TypeCode struct {
	Common
	From  string
	Into  *Target // nil: the focused field, or the only code field on the page
	Boxes bool
}

// SMSCode waits for a text message to the account's phone in a bundled mock's SMS
// inbox and keeps the code in it as a secret named value.
type SMSCode struct {
	Common
	As string
	To Template // phone number; default the account's phone
}

// MailLink waits for a message in a bundled mock's mailbox and opens the first link in it.
type MailLink struct {
	Common
	Subject string // optional: the message's subject contains this
}

// Dialog says how the next native dialog (alert, confirm, prompt, beforeunload) is
// answered and what its message must contain. It is written before the action that
// opens the dialog and applies to one dialog; several in a row answer the next
// dialogs in order. The step fails if no dialog opens by its end, or if the message
// does not contain Expect (the dialog is still answered as asked). Without a Dialog
// every dialog is accepted.
type Dialog struct {
	Common
	Cancel bool     // answer Cancel (written `answer: cancel`); default OK
	Expect string   // text the message must contain, case and white space ignored; "" for any
	Text   Template // typed into a prompt before it is accepted; zero for none
	// OffGuide marks an Expect the guide does not quote, with the reason.
	OffGuide string
}

// Answer names the answer as the file writes it: accept or cancel.
func (d Dialog) Answer() string {
	if d.Cancel {
		return "cancel"
	}
	return "accept"
}

// NewSession drops the browser context (cookies, storage) and starts a fresh one, as
// if the reader came back on another browser.
type NewSession struct {
	Common
}

// Wait lets time pass on the site's clock: on a bundled mock the runner moves the
// mock's clock through its control surface at once; on a real site it waits for real.
// It is how a flow shows what happens when the reader is slow (20i's 30-second limit).
type Wait struct {
	Common
	For time.Duration
}

// Use runs a fragment's actions in place. Its Timeout, when set, is the default
// deadline of the fragment's actions.
type Use struct {
	Common
	Fragment string
}

func (Open) Kind() Kind   { return "open" }
func (Click) Kind() Kind  { return "click" }
func (Hover) Kind() Kind  { return "hover" }
func (Fill) Kind() Kind   { return "fill" }
func (Select) Kind() Kind { return "select" }
func (c Check) Kind() Kind {
	if c.Off {
		return "uncheck"
	}
	return "check"
}
func (Press) Kind() Kind { return "press" }
func (e Expect) Kind() Kind {
	if e.Absent {
		return "expect-not"
	}
	return "expect"
}
func (Capture) Kind() Kind    { return "capture" }
func (ScanQR) Kind() Kind     { return "scan-qr" }
func (ReadSecret) Kind() Kind { return "read-secret" }
func (TypeCode) Kind() Kind   { return "type-code" }
func (SMSCode) Kind() Kind    { return "sms-code" }
func (MailLink) Kind() Kind   { return "mail-link" }
func (Dialog) Kind() Kind     { return "dialog" }
func (NewSession) Kind() Kind { return "new-session" }
func (Wait) Kind() Kind       { return "wait" }
func (Use) Kind() Kind        { return "use" }

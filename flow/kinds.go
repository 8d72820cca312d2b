package flow

import "github.com/enroll-dev/enroll/internal/keys"

// KindInfo describes one action kind: the one table that drives validation, the
// messages that name fields, `enroll help steps` and the JSON Schema.
type KindInfo struct {
	Name    Kind
	Summary string // one line, what a reader does
	// Shorthand is the field that the one-line form (`click: Done`) sets; "" when the
	// kind has no one-line form.
	Shorthand string
	// Bare kinds may be written alone, with no value: `- new-session`.
	Bare bool
	// OneOf lists fields of which exactly one must be given (the ways to find a
	// target, or what expect waits for).
	OneOf   []string
	Fields  []Field // in the order help lists them; timeout is last
	Example string  // YAML action list items, one line per form
	build   func(b *builder) Action
}

// Field is one key of a mapping in a flow file.
type Field struct {
	Name     string
	Type     FieldType
	Required bool
	Doc      string
	Enum     []string // the allowed values of a TypeEnum field
}

// field returns the kind's field by name.
func (k *KindInfo) field(name string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// LookupKind returns the description of the action kind name, if there is one.
func LookupKind(name string) (*KindInfo, bool) {
	for i := range Kinds {
		if string(Kinds[i].Name) == name {
			return &Kinds[i], true
		}
	}
	return nil, false
}

// KindNames returns the names of every action kind, in table order.
func KindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k.Name)
	}
	return names
}

// timeoutField is the optional per-action deadline every kind accepts.
var timeoutField = Field{Name: "timeout", Type: TypeDuration,
	Doc: "deadline of this action (a Go duration: 500ms, 10s, 1m); default the step's or the flow's"}

// withTimeout appends the timeout field to a kind's own fields.
func withTimeout(fields ...Field) []Field { return append(fields, timeoutField) }

// Kinds is every action kind a flow may use, in the order `enroll help steps` lists them.
var Kinds = []KindInfo{
	{
		Name: "open", Summary: "go to a page: a path on the site, or a full URL",
		Shorthand: "url",
		Fields: withTimeout(
			Field{Name: "url", Type: TypeTemplate, Required: true, Doc: "a path relative to the site's base URL (/login) or an absolute URL"},
		),
		Example: "- open: /login",
		build:   buildOpen,
	},
	{
		Name: "click", OneOf: targetWhich, Summary: "click a button, link, tab or menu item by what it says",
		Shorthand: "text",
		Fields:    withTimeout(targetFields...),
		Example: "- click: Security Details\n" +
			"- click: { text: Security, role: tab, within: Navigation }\n" +
			"- click: { text: Continue, off-guide: the popup's button is not named in the guide }",
		build: buildClick,
	},
	{
		Name: "hover", OneOf: targetWhich, Summary: "move the pointer over an element (to open a menu)",
		Shorthand: "text",
		Fields:    withTimeout(targetFields...),
		Example:   "- hover: { name: Account }",
		build:     buildHover,
	},
	{
		Name: "fill", Summary: "type a value into a form field, replacing what it held",
		Fields: withTimeout(
			Field{Name: "into", Type: TypeFieldTarget, Required: true, Doc: "the field: its label as a string, or a target mapping"},
			Field{Name: "value", Type: TypeTemplate, Required: true, Doc: "what to type; ${account.email}, ${env.NAME} and captured ${names} are replaced"},
		),
		Example: "- fill: { into: Email, value: \"${account.email}\" }\n" +
			"- fill: { into: { placeholder: Phone number }, value: \"${account.phone}\" }",
		build: buildFill,
	},
	{
		Name: "select", Summary: "pick an option by its visible text, in a drop-down or a group of radio buttons",
		Fields: withTimeout(
			Field{Name: "from", Type: TypeFieldTarget, Required: true, Doc: "the drop-down or radio group: its label as a string, or a target mapping"},
			Field{Name: "option", Type: TypeTemplate, Required: true, Doc: "the visible text of the option"},
		),
		Example: "- select: { from: Device, option: Android }",
		build:   buildSelect,
	},
	{
		Name: "check", OneOf: targetWhich, Summary: "tick a checkbox found by its label",
		Shorthand: "label",
		Fields:    withTimeout(targetFields...),
		Example:   "- check: Trust this device",
		build:     buildCheck,
	},
	{
		Name: "uncheck", OneOf: targetWhich, Summary: "untick a checkbox found by its label",
		Shorthand: "label",
		Fields:    withTimeout(targetFields...),
		Example:   "- uncheck: Remember me",
		build:     buildUncheck,
	},
	{
		Name: "press", Summary: "press a key, in a field when `in` is given",
		Shorthand: "key",
		Fields: withTimeout(
			Field{Name: "key", Type: TypeString, Required: true, Doc: "the key: Enter, Tab, Escape, Backspace, an arrow, or a single character"},
			Field{Name: "in", Type: TypeFieldTarget, Doc: "the field to press it in: its label, or a target mapping; default the focused element"},
		),
		Example: "- press: Enter\n- press: { key: Enter, in: Code }",
		build:   buildPress,
	},
	{
		Name: "expect", OneOf: expectWhich, Summary: "wait until the page shows a text, an element or a URL",
		Shorthand: "text",
		Fields:    withTimeout(expectFields...),
		Example: "- expect: two-factor authentication tool has been added\n" +
			"- expect: { element: { text: only have 30 seconds, role: dialog } }\n" +
			"- expect: { url: /dashboard }",
		build: buildExpect,
	},
	{
		Name: "expect-not", OneOf: expectWhich, Summary: "wait until the page no longer shows a text, an element or a URL",
		Shorthand: "text",
		Fields:    withTimeout(expectFields...),
		Example:   "- expect-not: Enter your one-time passcode",
		build:     buildExpectNot,
	},
	{
		Name: "capture", Summary: "read text from the page into a named value (recovery codes)",
		Fields: withTimeout(
			Field{Name: "as", Type: TypeName, Required: true, Doc: "the name later actions use: ${codes}, ${codes[0]}"},
			Field{Name: "from", Type: TypeTarget, Required: true, Doc: "the element whose text is read"},
			Field{Name: "pattern", Type: TypeRegexp, Doc: "a regular expression (Go RE2 syntax) that picks the value(s) out of the text; default the whole text. A secret capture's pattern also masks what it finds (as whole tokens) in every screenshot and saved page from the first step on, before the capture: write the pattern of the codes, not of any text"},
			Field{Name: "many", Type: TypeBool, Doc: "keep every match as a list (needs pattern)"},
			Field{Name: "secret", Type: TypeBool, Doc: "keep the value(s) out of logs and reports; default true with many, false otherwise"},
		),
		Example: "- capture: { as: codes, from: { css: \".codes\" }, pattern: \"[0-9a-z]{4}-[0-9a-z]{4}\", many: true }",
		build:   buildCapture,
	},
	{
		Name: "scan-qr", Summary: "scan the QR code on the page, like the authenticator app, and keep it as a credential",
		Shorthand: "as",
		Fields: withTimeout(
			Field{Name: "as", Type: TypeName, Required: true, Doc: "the credential's name, for type-code and read-secret"},
			Field{Name: "within", Type: TypeTarget, Doc: "the region of the page that holds the code; default the whole page"},
			Field{Name: "expect", Type: TypeQRExpect, Doc: "what the otpauth:// URI must say: issuer, account, digits, period, algorithm"},
		),
		Example: "- scan-qr: app\n" +
			"- scan-qr: { as: app, expect: { issuer: 20i, digits: 6, period: 30, algorithm: SHA1 } }",
		build: buildScanQR,
	},
	{
		Name: "read-secret", Summary: "read the secret shown as text and check it is the one in the QR code",
		Fields: withTimeout(
			Field{Name: "of", Type: TypeRef, Required: true, Doc: "the credential scanned earlier that the text must match"},
			Field{Name: "from", Type: TypeTarget, Required: true, Doc: "the element that shows the secret, in blocks or not, in either case, with words around it or not (\"Setup key: JBSW Y3DP ...\")"},
		),
		Example: "- read-secret: { of: app, from: { css: \"#secret\" } }",
		build:   buildReadSecret,
	},
	{
		Name: "type-code", Summary: "type the credential's current code into a field, like a reader copying it from the app",
		Shorthand: "from",
		Fields: withTimeout(
			Field{Name: "from", Type: TypeRef, Required: true, Doc: "the credential scanned earlier"},
			Field{Name: "into", Type: TypeFieldTarget, Doc: "the field: its label, or a target mapping; default the focused or only code field"},
			Field{Name: "boxes", Type: TypeBool, Doc: "the code goes into a row of one-digit boxes"},
		),
		Example: "- type-code: app\n- type-code: { from: app, into: Code }\n- type-code: { from: app, boxes: true }",
		build:   buildTypeCode,
	},
	{
		Name: "sms-code", Summary: "wait for a text message in the bundled mock's SMS inbox and keep its code",
		Shorthand: "as",
		Fields: withTimeout(
			Field{Name: "as", Type: TypeName, Required: true, Doc: "the name of the code, a secret value: ${sms}"},
			Field{Name: "to", Type: TypeTemplate, Doc: "the phone number; default ${account.phone}"},
		),
		Example: "- sms-code: sms\n- sms-code: { as: sms, to: \"${account.phone}\" }",
		build:   buildSMSCode,
	},
	{
		Name: "mail-link", Summary: "wait for an email in the bundled mock's mailbox and open the first link in it",
		Shorthand: "subject", Bare: true,
		Fields: withTimeout(
			Field{Name: "subject", Type: TypeString, Doc: "the message's subject contains this; default the newest message"},
		),
		Example: "- mail-link: { subject: Verify }\n- mail-link",
		build:   buildMailLink,
	},
	{
		Name: "dialog", Summary: "answer the next native dialog (alert, confirm, prompt, leave page) and check what it says; written before the action that opens it",
		Shorthand: "answer",
		Fields: withTimeout(
			Field{Name: "answer", Type: TypeEnum, Enum: DialogAnswers, Doc: "accept (OK, Leave) or cancel; default accept"},
			Field{Name: "expect", Type: TypeString, Doc: "text the dialog's message must contain (case and white space ignored)"},
			Field{Name: "text", Type: TypeTemplate, Doc: "what to type into a prompt before accepting it"},
			Field{Name: "off-guide", Type: TypeString, Doc: "why the expected message is not quoted in the guide"},
		),
		Example: "- dialog: { expect: Are you sure, answer: cancel }\n" +
			"- dialog: accept\n" +
			"- dialog: { expect: Your phone number, text: \"${account.phone}\" }",
		build: buildDialog,
	},
	{
		Name: "new-session", Summary: "forget cookies and storage, as if the reader came back on another browser",
		Bare:    true,
		Fields:  withTimeout(),
		Example: "- new-session",
		build:   buildNewSession,
	},
	{
		Name: "wait", Summary: "let time pass on the site's clock: at once on a bundled mock (its clock moves), for real on a real site",
		Shorthand: "for",
		Fields: withTimeout(
			Field{Name: "for", Type: TypeDuration, Required: true, Doc: "how long: 31s, 5m"},
		),
		Example: "- wait: 31s\n- wait: { for: 31s }",
		build:   buildWait,
	},
	{
		Name: "use", Summary: "run a fragment's actions in place (sign-in is written once per site)",
		Shorthand: "fragment",
		Fields: withTimeout(
			Field{Name: "fragment", Type: TypeString, Required: true, Doc: "a fragment of this file or of a file it imports"},
		),
		Example: "- use: sign-in",
		build:   buildUse,
	},
}

// expectFields are the fields of expect and expect-not: exactly one of them but timeout.
var expectFields = []Field{
	{Name: "text", Type: TypeString, Doc: "text anywhere on the page (case-insensitive substring)"},
	{Name: "element", Type: TypeTarget, Doc: "an element that is visible: its text as a string, or a target mapping"},
	{Name: "url", Type: TypeString, Doc: "the page's URL contains this"},
}

// expectWhich are what expect and expect-not wait for, exactly one.
var expectWhich = []string{"text", "element", "url"}

// DialogAnswers are the answers dialog's answer may name.
var DialogAnswers = []string{"accept", "cancel"}

// keyNames are the named keys press accepts (internal/keys is their one home); a
// single character is accepted too.
var keyNames = keys.Names()

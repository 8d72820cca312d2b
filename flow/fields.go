package flow

// FieldType is the type of a field's value in a flow file.
type FieldType int

// The field types. The first group are values; the rest are the file's structure.
const (
	TypeString      FieldType = iota + 1 // plain text
	TypeTemplate                         // text with ${references}
	TypeDuration                         // a Go duration: 500ms, 10s, 1m30s
	TypeInt                              // a whole number
	TypeBool                             // true or false
	TypeName                             // a new name for a value or credential: letters, digits, - and _
	TypeRef                              // the name of a credential scanned earlier
	TypeEnum                             // one of Field.Enum
	TypeRegexp                           // a Go (RE2) regular expression
	TypeTarget                           // an element: a string is its visible text, or a target mapping
	TypeFieldTarget                      // a form field: a string is its label, or a target mapping
	TypeQRExpect                         // the mapping of scan-qr's expect
	TypeGuide                            // the guide mapping
	TypeSite                             // a bundled site name, or the site mapping
	TypeAccount                          // the account mapping
	TypeImports                          // a list of fragment files
	TypeFragments                        // a mapping of fragment names to action lists
	TypeSteps                            // the list of steps
	TypeActions                          // a list of actions
	TypeTexts                            // one text or a list of texts
	TypeConform                          // the conform mapping (conform.go)
	TypeReasons                          // a mapping of names to texts (conform's expected-failures)
)

// String names the type as help and error messages do.
func (t FieldType) String() string {
	switch t {
	case TypeString:
		return "text"
	case TypeTemplate:
		return "template"
	case TypeDuration:
		return "duration"
	case TypeInt:
		return "number"
	case TypeBool:
		return "true/false"
	case TypeName:
		return "name"
	case TypeRef:
		return "credential"
	case TypeEnum:
		return "choice"
	case TypeRegexp:
		return "pattern"
	case TypeTarget:
		return "target"
	case TypeFieldTarget:
		return "field"
	case TypeQRExpect, TypeGuide, TypeAccount:
		return "mapping"
	case TypeSite:
		return "site"
	case TypeImports:
		return "list of files"
	case TypeFragments:
		return "fragments"
	case TypeSteps:
		return "list of steps"
	case TypeActions:
		return "list of actions"
	case TypeTexts:
		return "text or list of texts"
	case TypeConform:
		return "conform"
	case TypeReasons:
		return "mapping of names to reasons"
	default:
		return "value"
	}
}

// Roles are the values a target's role may take.
var Roles = []string{"button", "link", "tab", "menuitem", "checkbox", "field", "dialog"}

// Algorithms are the HMAC algorithms scan-qr's expect may name.
var Algorithms = []string{"SHA1", "SHA256", "SHA512"}

// BundledSites are the names of the bundled mock sites a flow's site may name.
var BundledSites = []string{"leaseweb", "myaccount", "myaccount-ack", "20i", "1password"}

// targetWhich are the target fields of which exactly one must be given.
var targetWhich = []string{"text", "label", "placeholder", "name", "css"}

// targetFields are the keys of a target mapping.
var targetFields = []Field{
	{Name: "text", Type: TypeString, Doc: "visible text of a button, link, tab, menu item or other element"},
	{Name: "label", Type: TypeString, Doc: "a form field or checkbox by its <label> text (or aria-label)"},
	{Name: "placeholder", Type: TypeString, Doc: "a form field by its placeholder"},
	{Name: "name", Type: TypeString, Doc: "accessible name (aria-label or title), for icon buttons"},
	{Name: "css", Type: TypeString, Doc: "a CSS selector, for what has no words"},
	{Name: "role", Type: TypeEnum, Enum: Roles, Doc: "only elements of this role"},
	{Name: "within", Type: TypeString, Doc: "only inside the element whose visible text or accessible name contains this"},
	{Name: "exact", Type: TypeBool, Doc: "match the whole text instead of a part (case-insensitive either way)"},
	{Name: "off-guide", Type: TypeString, Doc: "why this label is not quoted in the guide (a popup's button the guide does not name)"},
}

// qrFields are the keys of scan-qr's expect.
var qrFields = []Field{
	{Name: "issuer", Type: TypeString, Doc: "the issuer, in the label prefix and the issuer parameter"},
	{Name: "account", Type: TypeString, Doc: "the account name in the label"},
	{Name: "digits", Type: TypeInt, Doc: "code length: 6, 7 or 8"},
	{Name: "period", Type: TypeInt, Doc: "seconds per code, 30 for most sites"},
	{Name: "algorithm", Type: TypeEnum, Enum: Algorithms, Doc: "the HMAC algorithm: SHA1, SHA256 or SHA512"},
}

// fileFields are the top-level keys of a flow file.
var fileFields = []Field{
	{Name: "enroll", Type: TypeInt, Required: true, Doc: "the format version: 1"},
	{Name: "guide", Type: TypeGuide, Required: true, Doc: "the written guide the flow follows: title and source"},
	{Name: "site", Type: TypeSite, Required: true, Doc: "a bundled mock site's name, or { mock, base-url, skew }"},
	{Name: "account", Type: TypeAccount, Doc: "email, password and phone to sign in with, or a pool of accounts; empty values fall back to the bundled mock's test account"},
	{Name: "timeout", Type: TypeDuration, Doc: "the default deadline of every action; 10s"},
	{Name: "import", Type: TypeImports, Doc: "fragment files, relative to this file"},
	{Name: "fragments", Type: TypeFragments, Doc: "named action lists that `use:` runs in place"},
	{Name: "steps", Type: TypeSteps, Required: true, Doc: "the guide's steps, in order"},
	{Name: "conform", Type: TypeConform, Doc: "what `enroll conform` needs beyond the steps: the enrollment step, the passcode prompt at sign-in and its messages"},
}

// fragmentFileFields are the top-level keys of a fragment file (flows/sites/*.yaml).
var fragmentFileFields = []Field{
	{Name: "enroll", Type: TypeInt, Required: true, Doc: "the format version: 1"},
	{Name: "import", Type: TypeImports, Doc: "other fragment files, relative to this file"},
	{Name: "fragments", Type: TypeFragments, Required: true, Doc: "named action lists that `use:` runs in place"},
}

// guideFields are the keys of guide.
var guideFields = []Field{
	{Name: "title", Type: TypeString, Required: true, Doc: "the guide's title, word for word"},
	{Name: "source", Type: TypeString, Required: true, Doc: "the guide's file name or URL"},
}

// siteFields are the keys of the site mapping.
var siteFields = []Field{
	{Name: "mock", Type: TypeEnum, Enum: BundledSites, Doc: "the bundled mock site to run against"},
	{Name: "base-url", Type: TypeString, Doc: "the base URL of a real or staging site (http or https)"},
	{Name: "skew", Type: TypeInt, Doc: "time steps either side of now the site accepts (RFC 6238 §5.2); default 1 for a bundled mock's site; for another site, without it enroll types no code ahead of the site's time step (it waits for it) and conform takes the window as unknown"},
}

// accountFields are the keys of account.
var accountFields = []Field{
	{Name: "email", Type: TypeTemplate, Doc: "sign-in email, e.g. ${env.ENROLL_20I_EMAIL}"},
	{Name: "password", Type: TypeTemplate, Doc: "sign-in password, always secret"},
	{Name: "phone", Type: TypeTemplate, Doc: "phone number for SMS codes"},
	{Name: "pool", Type: TypeString, Doc: "instead of email, password and phone: a pool file (relative to this file, YAML or CSV lines email,password,phone); each run leases one of its accounts"},
	{Name: "pool-env", Type: TypeString, Doc: "instead of email, password and phone: an environment variable holding the pool as CSV lines email,password,phone"},
}

// stepFields are the keys of a step.
var stepFields = []Field{
	{Name: "step", Type: TypeString, Required: true, Doc: "the guide's heading, word for word"},
	{Name: "say", Type: TypeString, Doc: "the guide's sentence(s), word for word"},
	{Name: "timeout", Type: TypeDuration, Doc: "the default deadline of this step's actions"},
	{Name: "do", Type: TypeActions, Doc: "the actions that carry the step out: at least one, unless the step is manual"},
	{Name: "manual", Type: TypeString, Doc: "instead of do: why the step has no actions, done away from the site (installing an app); reports show it"},
}

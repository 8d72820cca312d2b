package flow

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/enroll-dev/enroll/conform/catalog"
)

// DefaultSignIn is the fragment a conform section signs in with when it names none.
const DefaultSignIn = "sign-in"

// Conform is what `enroll conform` needs to know about a flow beyond its steps, so
// that its checks can reuse the flow's own steps (sign-in, enrollment, code entry)
// instead of a script per site. It is written as the flow file's `conform:` mapping:
//
//	conform:
//	  enroll: Finalize
//	  code: One-time passcode
//	  submit: Verify
//	  signed-in: Welcome back
//	  refused: [is incorrect, has already been used]
//	  throttled: Too many incorrect passcodes
type Conform struct {
	Pos Pos
	// Enroll is the title of the step whose type-code switches 2FA on; EnrollPos is
	// where the title is written in the conform section.
	Enroll    string
	EnrollPos Pos
	// EnabledBy is the title of a later step that switches 2FA on when the enrollment
	// code only verifies the new secret (an "I have saved my recovery codes"
	// acknowledgement, as GitHub has); "" when the enroll step's code does.
	// EnabledByPos is where it is written.
	EnabledBy    string
	EnabledByPos Pos
	// SignIn is the fragment that signs in with email and password (DefaultSignIn).
	SignIn string
	// Code is the field the passcode goes in at sign-in; Boxes when it is a row of
	// one-digit boxes.
	Code  Target
	Boxes bool
	// Submit is the button that sends the passcode; nil means pressing Enter.
	Submit *Target
	// SignedIn is a text the page shows once signed in.
	SignedIn string
	// Refused are texts the page shows when it refuses a passcode (any one of them).
	Refused []string
	// Throttled is a text the page shows when it refuses passcodes for a while after
	// too many wrong ones; "" when the flow does not say.
	Throttled string
	// Recovery names the list of recovery codes a step captures; "" when the flow
	// captures none.
	Recovery string
	// Disable is the title of the step that switches 2FA off; "" when the flow does not
	// cover disabling. Confirm is the click in that step that confirms it (nil: the
	// step's last click).
	Disable string
	Confirm *Target
	// Claims are sentences of the guide outside its steps that state something about
	// the code: its length ("a 6-digit code") or how often it changes ("every minute").
	Claims []string
	// ExpectedFailures are the checks known to fail for this flow, each with the
	// reason (a finding about the guide, such as guide 002's period); they do not
	// fail `enroll conform`.
	ExpectedFailures []ExpectedFailure
}

// ExpectedFailure is a conformance check known to fail, and why.
type ExpectedFailure struct {
	Pos    Pos
	Check  string // one of ConformChecks
	Reason string
}

// ConformChecks are the ids of `enroll conform`'s checks, which expected-failures may
// name (the conform checks' catalog is their one home).
var ConformChecks = catalog.IDs()

// conformFields are the keys of the conform mapping.
var conformFields = []Field{
	{Name: "enroll", Type: TypeString, Required: true, Doc: "the title of the step whose type-code switches two-factor authentication on"},
	{Name: "enabled-by", Type: TypeString, Doc: "the title of a later step that switches two-factor authentication on, when the enroll step's code only verifies the secret (an \"I have saved my recovery codes\" acknowledgement); default the enroll step"},
	{Name: "sign-in", Type: TypeString, Doc: "the fragment that signs in with email and password; default sign-in"},
	{Name: "code", Type: TypeFieldTarget, Required: true, Doc: "the field the passcode goes in at sign-in"},
	{Name: "boxes", Type: TypeBool, Doc: "the passcode goes into a row of one-digit boxes"},
	{Name: "submit", Type: TypeTarget, Doc: "the button that sends the passcode; default pressing Enter in the field"},
	{Name: "signed-in", Type: TypeString, Required: true, Doc: "a text the page shows once signed in"},
	{Name: "refused", Type: TypeTexts, Required: true, Doc: "text(s) the page shows when it refuses a passcode"},
	{Name: "throttled", Type: TypeString, Doc: "a text the page shows when it refuses passcodes after too many wrong ones"},
	{Name: "recovery", Type: TypeRef, Doc: "the list of recovery codes a step captures (capture with many)"},
	{Name: "disable", Type: TypeString, Doc: "the title of the step that switches two-factor authentication off"},
	{Name: "confirm", Type: TypeTarget, Doc: "the click of the disable step that confirms it; default the step's last click"},
	{Name: "claims", Type: TypeTexts, Doc: "sentences of the guide, outside its steps, about the code's length or how often it changes"},
	{Name: "expected-failures", Type: TypeReasons, Doc: "checks known to fail for this flow, each with its reason: { guide-claims: the guide says ... }"},
}

// conform decodes the conform mapping and checks it against the flow's steps and
// fragments (decoded before it).
func (d *decoder) conform(v *fieldValue, f *Flow) *Conform {
	n := v.node
	if n == nil || isNull(n) || skip(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "conform must be a mapping with %s, not %s", strings.Join(fieldNames(conformFields), ", "), describeNode(n))
		return nil
	}
	fs := d.fields(n, conformFields, "conform")
	c := &Conform{
		Pos:       fs.at,
		Enroll:    fs.get("enroll").str,
		EnrollPos: fs.get("enroll").pos,
		EnabledBy: fs.get("enabled-by").str,
		SignIn:    DefaultSignIn,
		Boxes:     fs.get("boxes").on,
		Submit:    fs.get("submit").target,
		SignedIn:  fs.get("signed-in").str,
		Refused:   d.texts(fs.get("refused"), "refused"),
		Throttled: fs.get("throttled").str,
		Recovery:  fs.get("recovery").str,
		Disable:   fs.get("disable").str,
		Confirm:   fs.get("confirm").target,
		Claims:    d.texts(fs.get("claims"), "claims"),
	}
	c.ExpectedFailures = d.reasons(fs.get("expected-failures"))
	if t := fs.get("code").target; t != nil {
		c.Code = *t
	}
	if s := fs.get("sign-in"); s.ok {
		c.SignIn = s.str
		if _, ok := f.Fragments[s.str]; !ok {
			d.errorf(s.pos, "conform sign-in: unknown fragment %q%s", s.str, suggest(s.str, fragmentNames(f)))
		}
	} else if fs.has("enroll") {
		if _, ok := f.Fragments[DefaultSignIn]; !ok {
			d.errorf(fs.at, "conform needs sign-in: the flow has no fragment %q", DefaultSignIn)
		}
	}
	if e := fs.get("enroll"); e.ok {
		s := f.StepNamed(c.Enroll)
		switch {
		case s == nil:
			d.errorf(e.pos, "conform enroll: no step titled %q%s", c.Enroll, suggest(c.Enroll, stepTitles(f)))
		case firstTypeCode(s) < 0:
			d.errorf(e.pos, "conform enroll: step %q has no type-code; name the step that types the code switching 2FA on", c.Enroll)
		}
	}
	if e := fs.get("enabled-by"); e.ok {
		c.EnabledByPos = e.pos
		at, enroll := f.StepIndex(c.EnabledBy), f.StepIndex(c.Enroll)
		switch {
		case at < 0:
			d.errorf(e.pos, "conform enabled-by: no step titled %q%s", c.EnabledBy, suggest(c.EnabledBy, stepTitles(f)))
		case enroll >= 0 && at <= enroll:
			d.errorf(e.pos, "conform enabled-by: step %q does not come after the enroll step %q; name the later step that switches 2FA on", c.EnabledBy, c.Enroll)
		}
	}
	if e := fs.get("disable"); e.ok && f.StepNamed(c.Disable) == nil {
		d.errorf(e.pos, "conform disable: no step titled %q%s", c.Disable, suggest(c.Disable, stepTitles(f)))
	}
	if e := fs.get("confirm"); e.ok && !fs.has("disable") {
		d.errorf(e.pos, "conform confirm needs disable: the step that switches two-factor authentication off")
	}
	if c.Confirm != nil {
		if s := f.StepNamed(c.Disable); s != nil && ConfirmIndex(s, c.Confirm) < 0 {
			d.errorf(c.Confirm.Pos, "conform confirm: step %q has no click on %s", c.Disable, c.Confirm.Describe())
		}
	}
	if e := fs.get("recovery"); e.ok {
		if _, ok := f.CaptureOf(c.Recovery); !ok {
			d.errorf(e.pos, "conform recovery: no step captures a list named %q (capture with many: true)", c.Recovery)
		}
	}
	return c
}

// texts decodes a TypeTexts value: one text or a non-empty list of texts.
func (d *decoder) texts(v *fieldValue, name string) []string {
	n := v.node
	if n == nil || skip(n) {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
		if len(items) == 0 {
			d.nodeErrorf(n, "%s is an empty list", name)
		}
	}
	var out []string
	for _, it := range items {
		if skip(it) {
			continue
		}
		if it.Kind != yaml.ScalarNode || isNull(it) || strings.TrimSpace(it.Value) == "" {
			d.nodeErrorf(it, "%s must be text or a list of texts, not %s", name, describeNode(it))
			continue
		}
		out = append(out, it.Value)
	}
	return out
}

// reasons decodes expected-failures: a mapping of check ids to reasons.
func (d *decoder) reasons(v *fieldValue) []ExpectedFailure {
	n := v.node
	if n == nil || isNull(n) || skip(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "expected-failures must be a mapping of check ids to reasons, not %s", describeNode(n))
		return nil
	}
	var out []ExpectedFailure
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, r := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode || !slices.Contains(ConformChecks, k.Value):
			d.nodeErrorf(k, "unknown check %s%s; checks: %s", describeNode(k), suggest(k.Value, ConformChecks), strings.Join(ConformChecks, ", "))
		case seen[k.Value]:
			d.nodeErrorf(k, "check %q is listed twice", k.Value)
		case r.Kind != yaml.ScalarNode || isNull(r) || strings.TrimSpace(r.Value) == "":
			d.nodeErrorf(r, "expected failure %q needs a reason", k.Value)
		default:
			seen[k.Value] = true
			out = append(out, ExpectedFailure{Pos: d.pos(k), Check: k.Value, Reason: strings.Join(strings.Fields(r.Value), " ")})
		}
	}
	return out
}

// StepNamed returns the step with the title (compared ignoring case), or nil.
func (f *Flow) StepNamed(title string) *Step {
	for _, s := range f.Steps {
		if strings.EqualFold(s.Title, title) {
			return s
		}
	}
	return nil
}

// StepIndex returns the 0-based index of the step with the title, or -1.
func (f *Flow) StepIndex(title string) int {
	for i, s := range f.Steps {
		if strings.EqualFold(s.Title, title) {
			return i
		}
	}
	return -1
}

// CaptureOf returns the 0-based index of the step that captures the list name (a
// capture with many), and whether there is one.
func (f *Flow) CaptureOf(name string) (int, bool) {
	for i, s := range f.Steps {
		for _, a := range s.Actions {
			if c, ok := a.(*Capture); ok && c.Many && c.As == name {
				return i, true
			}
		}
	}
	return -1, false
}

// firstTypeCode is the index of the step's first type-code action, or -1.
func firstTypeCode(s *Step) int {
	for i, a := range s.Actions {
		if _, ok := a.(*TypeCode); ok {
			return i
		}
	}
	return -1
}

// EnrollCode returns the index, in the step's actions, of the type-code that
// confirms enrollment (its first), or -1.
func (s *Step) EnrollCode() int { return firstTypeCode(s) }

// ConfirmIndex returns the index, in the step's actions, of the click that confirms
// switching 2FA off: the click on confirm, or with confirm nil the step's last click.
// It returns -1 when there is none.
func ConfirmIndex(s *Step, confirm *Target) int {
	last := -1
	for i, a := range s.Actions {
		c, ok := a.(*Click)
		if !ok {
			continue
		}
		if confirm != nil && sameTarget(c.Target, *confirm) {
			return i
		}
		last = i
	}
	if confirm != nil {
		return -1
	}
	return last
}

// BeforeConfirm returns the actions of the disable step s that a reader carries out
// without confirming, confirm being ConfirmIndex's: the actions before the confirming
// click; or, when a `dialog:` that accepts is armed for that click (the confirmation
// is a native confirm() the click opens), the actions up to and including the click
// with that dialog answered Cancel. The step's own actions are not changed.
func BeforeConfirm(s *Step, confirm int) []Action {
	if confirm < 0 || confirm >= len(s.Actions) {
		return nil
	}
	before := slices.Clone(s.Actions[:confirm])
	for i := confirm - 1; i >= 0; i-- {
		switch a := s.Actions[i].(type) {
		case *Click:
			return before // the dialogs before it are that click's
		case *Dialog:
			if a.Cancel {
				continue
			}
			cancel := *a
			cancel.Cancel, cancel.Text = true, Template{}
			before[i] = &cancel
			return append(before, s.Actions[confirm])
		}
	}
	return before
}

// sameTarget reports whether two targets look for the same element, wherever written.
func sameTarget(a, b Target) bool {
	a.Pos, b.Pos, a.OffGuide, b.OffGuide = Pos{}, Pos{}, "", ""
	return a == b
}

func stepTitles(f *Flow) []string {
	out := make([]string, len(f.Steps))
	for i, s := range f.Steps {
		out[i] = s.Title
	}
	return out
}

func fragmentNames(f *Flow) []string {
	out := make([]string, 0, len(f.Fragments))
	for n := range f.Fragments {
		out = append(out, n)
	}
	sortStrings(out)
	return out
}

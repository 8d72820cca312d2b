package runner

import (
	"fmt"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
)

// locator turns a flow's target into the browser's locator: the same words, read the
// same way a reader reads the page.
func locator(t flow.Target) browser.Locator {
	return browser.Locator{
		Text:        t.Text,
		Label:       t.Label,
		Placeholder: t.Placeholder,
		Name:        t.Name,
		CSS:         t.CSS,
		Role:        t.Role,
		Within:      t.Within,
		Exact:       t.Exact,
	}
}

func optLocator(t *flow.Target) *browser.Locator {
	if t == nil {
		return nil
	}
	l := locator(*t)
	return &l
}

// describe says what an action does in the words of a failure's headline:
// click "Enable", fill field labelled "Email" with ${account.email}. It names values
// by their reference, never by their text.
func describe(a flow.Action) string {
	switch a := a.(type) {
	case *flow.Open:
		return fmt.Sprintf("open %q", a.URL.Raw)
	case *flow.Click:
		return "click " + a.Target.Describe()
	case *flow.Hover:
		return "hover " + a.Target.Describe()
	case *flow.Fill:
		return fmt.Sprintf("fill %s with %s", a.Into.Describe(), a.Value.Raw)
	case *flow.Select:
		return fmt.Sprintf("select %q in %s", a.Option.Raw, a.From.Describe())
	case *flow.Check:
		return string(a.Kind()) + " " + a.Target.Describe()
	case *flow.Press:
		if a.In != nil {
			return fmt.Sprintf("press %s in %s", a.Key, a.In.Describe())
		}
		return "press " + a.Key
	case *flow.Expect:
		what := ""
		switch {
		case a.Element != nil:
			what = a.Element.Describe()
		case a.URL != "":
			what = fmt.Sprintf("URL containing %q", a.URL)
		default:
			what = fmt.Sprintf("%q", a.Text)
		}
		return string(a.Kind()) + " " + what
	case *flow.Capture:
		return fmt.Sprintf("capture %s from %s", a.As, a.From.Describe())
	case *flow.ScanQR:
		return fmt.Sprintf("scan the QR code as %s", a.As)
	case *flow.ReadSecret:
		return fmt.Sprintf("read the secret of %s from %s", a.Of, a.From.Describe())
	case *flow.TypeCode:
		if a.Into != nil {
			return fmt.Sprintf("type the code of %s into %s", a.From, a.Into.Describe())
		}
		return fmt.Sprintf("type the code of %s", a.From)
	case *flow.SMSCode:
		return fmt.Sprintf("read the SMS code as %s", a.As)
	case *flow.MailLink:
		if a.Subject != "" {
			return fmt.Sprintf("open the link in the e-mail %q", a.Subject)
		}
		return "open the link in the e-mail"
	case *flow.Dialog:
		what := "answer the next dialog with " + a.Answer()
		if a.Expect != "" {
			what += fmt.Sprintf(", expecting %q", a.Expect)
		}
		if !a.Text.IsZero() {
			what += ", typing " + a.Text.Raw
		}
		return what
	case *flow.NewSession:
		return "start a new browser session"
	case *flow.Wait:
		return fmt.Sprintf("wait %s", a.For)
	case *flow.Use:
		return "use " + a.Fragment
	default:
		return string(a.Kind())
	}
}

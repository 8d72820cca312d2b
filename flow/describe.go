package flow

import "fmt"

// The words of a failure's headline and of the logs, one method per action kind
// (the Action interface requires it, so a new kind cannot go without): click
// "Enable", fill field labelled "Email" with ${account.email}. Values are named by
// their reference as written in the flow, never by their text.

func (a *Open) Describe() string  { return fmt.Sprintf("open %q", a.URL.Raw) }
func (a *Click) Describe() string { return "click " + a.Target.Describe() }
func (a *Hover) Describe() string { return "hover " + a.Target.Describe() }
func (a *Fill) Describe() string {
	return fmt.Sprintf("fill %s with %s", a.Into.Describe(), a.Value.Raw)
}
func (a *Select) Describe() string {
	return fmt.Sprintf("select %q in %s", a.Option.Raw, a.From.Describe())
}
func (a *Check) Describe() string { return string(a.Kind()) + " " + a.Target.Describe() }

func (a *Press) Describe() string {
	if a.In != nil {
		return fmt.Sprintf("press %s in %s", a.Key, a.In.Describe())
	}
	return "press " + a.Key
}

func (a *Expect) Describe() string {
	var what string
	switch {
	case a.Element != nil:
		what = a.Element.Describe()
	case a.URL != "":
		what = fmt.Sprintf("URL containing %q", a.URL)
	default:
		what = fmt.Sprintf("%q", a.Text)
	}
	return string(a.Kind()) + " " + what
}

func (a *Capture) Describe() string {
	return fmt.Sprintf("capture %s from %s", a.As, a.From.Describe())
}
func (a *ScanQR) Describe() string { return fmt.Sprintf("scan the QR code as %s", a.As) }
func (a *ReadSecret) Describe() string {
	return fmt.Sprintf("read the secret of %s from %s", a.Of, a.From.Describe())
}

func (a *TypeCode) Describe() string {
	if a.Into != nil {
		return fmt.Sprintf("type the code of %s into %s", a.From, a.Into.Describe())
	}
	return fmt.Sprintf("type the code of %s", a.From)
}

func (a *SMSCode) Describe() string { return fmt.Sprintf("read the SMS code as %s", a.As) }

func (a *MailLink) Describe() string {
	if a.Subject != "" {
		return fmt.Sprintf("open the link in the e-mail %q", a.Subject)
	}
	return "open the link in the e-mail"
}

func (a *Dialog) Describe() string {
	what := "answer the next dialog with " + a.Answer()
	if a.Expect != "" {
		what += fmt.Sprintf(", expecting %q", a.Expect)
	}
	if !a.Text.IsZero() {
		what += ", typing " + a.Text.Raw
	}
	return what
}

func (a *NewSession) Describe() string { return "start a new browser session" }
func (a *Wait) Describe() string       { return fmt.Sprintf("wait %s", a.For) }
func (a *Use) Describe() string        { return "use " + a.Fragment }

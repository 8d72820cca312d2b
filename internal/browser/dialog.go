package browser

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/page"
)

// ErrDialog is wrapped by the error of a native dialog that did not go as
// the flow said: its message lacked the expected text, or none opened.
var ErrDialog = errors.New("dialog")

// DialogAnswer says how the next native dialog (alert, confirm, prompt,
// beforeunload) is answered and what its message must contain. A page's
// dialog blocks it until answered, so every dialog is answered, armed or not.
type DialogAnswer struct {
	Cancel bool   // press Cancel (Stay on a beforeunload); default OK
	Expect string // the message contains this, case and white space ignored; "" for any
	// Text is typed into a prompt before it is accepted. It may be a secret:
	// it is never logged or shown.
	Text    string
	HasText bool   // Text is given (an empty prompt answer is an answer)
	From    string // where the answer was written (file:line:col), for messages
}

// Dialog is a native dialog the page opened and how it was answered.
type Dialog struct {
	Type     string // alert, confirm, prompt or beforeunload
	Message  string
	Accepted bool
	// Armed is the answer a flow gave for it; nil when it was accepted by
	// default.
	Armed *DialogAnswer
	// Problem says how the dialog differed from what was armed (its
	// message lacked the expected text, text was given for a dialog that is
	// not a prompt); "" when it did not.
	Problem string
}

// String says the dialog and its answer in one line for a report:
// `confirm "Are you sure?" answered cancel`. A prompt's typed text is not
// shown.
func (d Dialog) String() string {
	answer := "cancel"
	if d.Accepted {
		answer = "accept"
	}
	s := fmt.Sprintf("%s %q answered %s", d.Type, d.Message, answer)
	switch {
	case d.Armed == nil:
		s += " (by default)"
	case d.Accepted && d.Armed.HasText:
		s += " with the flow's text"
	}
	return s
}

// Err returns the dialog's problem as an error wrapping ErrDialog, nil when
// it went as armed.
func (d Dialog) Err() error {
	if d.Problem == "" {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrDialog, d.Problem)
}

// dialogs is a session's armed answers, in the order they answer dialogs,
// and the dialogs answered since the caller last took them.
type dialogs struct {
	mu       sync.Mutex
	armed    []DialogAnswer
	answered []Dialog
}

// ArmDialog says how the next dialog not yet armed for is answered: answers
// armed in a row apply to the next dialogs in order. Without one, a dialog
// is accepted.
func (s *Session) ArmDialog(a DialogAnswer) {
	d := &s.dialogs
	d.mu.Lock()
	defer d.mu.Unlock()
	d.armed = append(d.armed, a)
}

// Dialogs returns the dialogs answered since the last call, oldest first,
// and forgets them.
func (s *Session) Dialogs() []Dialog {
	d := &s.dialogs
	d.mu.Lock()
	defer d.mu.Unlock()
	out := d.answered
	d.answered = nil
	return out
}

// WaitDialogs waits until every armed answer has answered a dialog. When
// ctx ends first it forgets the answers left and returns an error wrapping
// ErrDialog and ctx's error: no dialog opened.
func (s *Session) WaitDialogs(ctx context.Context) error {
	ctx, done := s.step(ctx)
	defer done()
	d := &s.dialogs
	var first DialogAnswer
	err := until(ctx, func() (bool, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if len(d.armed) == 0 {
			return true, nil
		}
		first = d.armed[0]
		return false, nil
	})
	if err == nil {
		return nil
	}
	d.mu.Lock()
	left := len(d.armed)
	d.armed = nil
	d.mu.Unlock()
	if left == 0 {
		return nil // the last one opened as the wait ended
	}
	what := "no dialog opened"
	if left > 1 {
		what = fmt.Sprintf("%d of the dialogs armed did not open", left)
	}
	if first.Expect != "" {
		what += fmt.Sprintf(" (expected one saying %q)", first.Expect)
	}
	return fmt.Errorf("%w: %s: %w", ErrDialog, what, err)
}

// answer decides the answer to a dialog that opened, records it, and
// returns the parameters that answer it.
func (d *dialogs) answer(ev *page.EventJavascriptDialogOpening) (Dialog, *page.HandleJavaScriptDialogParams) {
	d.mu.Lock()
	defer d.mu.Unlock()
	dl := Dialog{Type: string(ev.Type), Message: ev.Message, Accepted: true}
	params := &page.HandleJavaScriptDialogParams{Accept: true}
	if len(d.armed) > 0 {
		a := d.armed[0]
		d.armed = d.armed[1:]
		dl.Armed = &a
		dl.Accepted = !a.Cancel
		params.Accept = !a.Cancel
		if a.HasText && !a.Cancel {
			params.PromptText = a.Text
		}
		dl.Problem = mismatch(dl, a)
	}
	d.answered = append(d.answered, dl)
	return dl, params
}

// mismatch says how a dialog differs from the answer armed for it, "" when
// it does not.
func mismatch(dl Dialog, a DialogAnswer) string {
	var where string
	if a.From != "" {
		where = " (dialog at " + a.From + ")"
	}
	if a.Expect != "" && !strings.Contains(fold(dl.Message), fold(a.Expect)) {
		return fmt.Sprintf("the %s dialog says %q, not %q%s; answered %s", dl.Type, dl.Message, a.Expect, where, answerWord(dl.Accepted))
	}
	if a.HasText && dl.Type != string(page.DialogTypePrompt) {
		return fmt.Sprintf("the %s dialog %q takes no text, it is not a prompt%s; answered %s", dl.Type, dl.Message, where, answerWord(dl.Accepted))
	}
	return ""
}

func answerWord(accepted bool) string {
	if accepted {
		return "accept"
	}
	return "cancel"
}

// fold lower-cases s and collapses its white space, as a reader compares text.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

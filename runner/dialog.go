package runner

import (
	"context"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/internal/browser"
)

// armDialog says how the next native dialog is answered: the browser answers it
// when it opens, during the action that opens it.
func (fr *flowRun) armDialog(a *flow.Dialog) error {
	ans := browser.DialogAnswer{Cancel: a.Cancel, Expect: a.Expect, From: a.Pos.String()}
	if !a.Text.IsZero() {
		v, err := fr.expand(a.Text)
		if err != nil {
			return err
		}
		ans.Text, ans.HasText = v.Reveal(), true
	}
	fr.sess.ArmDialog(ans)
	return nil
}

// settleDialogs runs after each action, err being the action's: it records the
// dialogs the action saw (in the session it began in and, after new-session, the new
// one), fails on a dialog that did not say what the flow expected, and at the end of
// the step waits, under the last action's deadline, for the dialogs the step armed
// but that have not opened yet (a confirmation after a fetch).
func (fr *flowRun) settleDialogs(ctx context.Context, began *browser.Session, a flow.Action, err error) error {
	if began == nil {
		return err
	}
	sessions := []*browser.Session{began}
	if fr.sess != nil && fr.sess != began {
		sessions = append(sessions, fr.sess)
	}
	for _, s := range sessions {
		if derr := fr.noteDialogs(s.Dialogs()); err == nil {
			err = derr
		}
	}
	if err != nil || fr.sess == nil || !fr.endsStep(a) {
		return err
	}
	err = fr.sess.WaitDialogs(ctx)
	if derr := fr.noteDialogs(fr.sess.Dialogs()); err == nil {
		err = derr
	}
	return err
}

// noteDialogs keeps the dialogs in the step's evidence and returns the first one's
// problem.
func (fr *flowRun) noteDialogs(ds []browser.Dialog) error {
	var first error
	for _, d := range ds {
		line := scrub(d.String(), fr.secrets())
		fr.opts.Logger.Debug("dialog", "flow", fr.res.Name(), "step", fr.stepNo, "dialog", line)
		if fr.stepNo >= 1 && fr.stepNo <= len(fr.res.Steps) {
			sr := fr.res.Steps[fr.stepNo-1]
			sr.Dialogs = append(sr.Dialogs, line)
		}
		if err := d.Err(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// endsStep reports whether a is the last action of the step being carried out,
// fragments used at its end expanded.
func (fr *flowRun) endsStep(a flow.Action) bool {
	if fr.step == nil {
		return false
	}
	actions := fr.step.Actions
	for len(actions) > 0 {
		last := actions[len(actions)-1]
		u, ok := last.(*flow.Use)
		if !ok {
			return last == a
		}
		f := fr.flow.Fragments[u.Fragment]
		if f == nil {
			return false
		}
		actions = f.Actions
	}
	return false
}

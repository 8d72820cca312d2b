package browser

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// dialogPages are fixture pages that open native dialogs the way real
// products do: a confirmation before a destructive change, an alert after
// it, a prompt, a confirmation after a fetch, and a page that asks before it
// is left.
var dialogPages = map[string]string{
	"/confirm": `<!doctype html><title>Confirm</title>
<button onclick="document.getElementById('out').textContent =
  confirm('Are you sure you want to disable two-factor authentication?') ? 'disabled' : 'kept'">Disable</button>
<p id=out>waiting</p>`,
	"/alert": `<!doctype html><title>Alert</title>
<button onclick="alert('Your settings were saved.'); document.getElementById('out').textContent = 'after alert'">Save</button>
<p id=out>waiting</p>`,
	"/prompt": `<!doctype html><title>Prompt</title>
<button onclick="const v = prompt('What is your name?');
  document.getElementById('out').textContent = v === null ? 'no answer' : 'hello ' + v">Name</button>
<p id=out>waiting</p>`,
	"/chain": `<!doctype html><title>Chain</title>
<button onclick="if (confirm('Remove the device?')) { alert('Device removed'); document.getElementById('out').textContent = 'removed' }">Remove</button>
<p id=out>waiting</p>`,
	"/later": `<!doctype html><title>Later</title>
<button onclick="fetch('/ping').then(() => { document.getElementById('out').textContent =
  confirm('Sign out of every device?') ? 'signed out' : 'stayed' })">Sign out</button>
<p id=out>waiting</p>`,
	"/ping": `ok`,
	"/leave": `<!doctype html><title>Leave</title>
<script>addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = '' })</script>
<button onclick="location.href = '/alert'">Go on</button>
<button onclick="document.getElementById('out').textContent = 'touched'">Touch</button>
<p id=out>waiting</p>`,
}

func TestDialogs(t *testing.T) {
	t.Parallel()
	ts := serve(t, dialogPages)
	tests := []struct {
		name    string
		page    string
		arm     []DialogAnswer
		click   string
		script  string // run after the click: a navigation by script
		end     string // the page it ends on; "" for the page itself
		want    string // text on the page after the click
		dialogs []string
		problem string // a part of the first dialog's problem; "" for none
	}{{
		name: "confirm accepted by default", page: "/confirm", click: "Disable", want: "disabled",
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered accept (by default)`},
	}, {
		name: "confirm cancelled", page: "/confirm", click: "Disable", want: "kept",
		arm:     []DialogAnswer{{Cancel: true, Expect: "  are you SURE\n you want", From: "f.yaml:9:9"}},
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered cancel`},
	}, {
		name: "confirm saying something else is still answered as armed", page: "/confirm", click: "Disable", want: "kept",
		arm:     []DialogAnswer{{Cancel: true, Expect: "Delete everything", From: "f.yaml:9:9"}},
		dialogs: []string{`confirm "Are you sure you want to disable two-factor authentication?" answered cancel`},
		problem: `the confirm dialog says "Are you sure you want to disable two-factor authentication?", not "Delete everything" (dialog at f.yaml:9:9); answered cancel`,
	}, {
		name: "alert", page: "/alert", click: "Save", want: "after alert",
		arm:     []DialogAnswer{{Expect: "settings were saved"}},
		dialogs: []string{`alert "Your settings were saved." answered accept`},
	}, {
		name: "alert given a prompt's text", page: "/alert", click: "Save", want: "after alert",
		arm:     []DialogAnswer{{Text: "Ada", HasText: true}},
		dialogs: []string{`alert "Your settings were saved." answered accept with the flow's text`},
		problem: `the alert dialog "Your settings were saved." takes no text, it is not a prompt; answered accept`,
	}, {
		name: "prompt answered with text", page: "/prompt", click: "Name", want: "hello Ada",
		arm:     []DialogAnswer{{Expect: "your name", Text: "Ada", HasText: true}},
		dialogs: []string{`prompt "What is your name?" answered accept with the flow's text`},
	}, {
		name: "prompt cancelled", page: "/prompt", click: "Name", want: "no answer",
		arm:     []DialogAnswer{{Cancel: true}},
		dialogs: []string{`prompt "What is your name?" answered cancel`},
	}, {
		name: "two dialogs in a row", page: "/chain", click: "Remove", want: "removed",
		arm: []DialogAnswer{{Expect: "Remove the device"}, {Expect: "removed"}},
		dialogs: []string{`confirm "Remove the device?" answered accept`,
			`alert "Device removed" answered accept`},
	}, {
		name: "confirm after a fetch", page: "/later", click: "Sign out", want: "stayed",
		arm:     []DialogAnswer{{Cancel: true, Expect: "every device"}},
		dialogs: []string{`confirm "Sign out of every device?" answered cancel`},
	}, {
		// A click that navigates would wait for a load that never comes
		// once the navigation is cancelled; the page navigates by script
		// after a click gave it the user activation beforeunload needs.
		name: "leaving a page cancelled", page: "/leave", click: "Touch", want: "touched",
		script:  "location.href = '/alert'",
		arm:     []DialogAnswer{{Cancel: true}},
		dialogs: []string{`beforeunload "" answered cancel`},
	}, {
		name: "leaving a page accepted", page: "/leave", click: "Go on", want: "Save", end: "/alert",
		arm:     []DialogAnswer{{}},
		dialogs: []string{`beforeunload "" answered accept`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := session(t)
			if err := s.Navigate(step(t, 10*time.Second), ts.URL+tt.page); err != nil {
				t.Fatal(err)
			}
			for _, a := range tt.arm {
				s.ArmDialog(a)
			}
			if err := s.Click(step(t, 10*time.Second), Locator{Text: tt.click}); err != nil {
				t.Fatal(err)
			}
			if tt.script != "" {
				if err := s.evalVoid(step(t, 10*time.Second), tt.script); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.WaitDialogs(step(t, 10*time.Second)); err != nil {
				t.Fatal(err)
			}
			if err := s.WaitText(step(t, 10*time.Second), tt.want, true); err != nil {
				t.Fatal(err)
			}
			end := tt.page
			if tt.end != "" {
				end = tt.end
			}
			if u, err := s.URL(step(t, 10*time.Second)); err != nil || u != ts.URL+end {
				t.Errorf("the page is %s (%v), want %s", u, err, ts.URL+end)
			}
			got := s.Dialogs()
			var lines []string
			for _, d := range got {
				lines = append(lines, d.String())
			}
			if strings.Join(lines, "\n") != strings.Join(tt.dialogs, "\n") {
				t.Errorf("dialogs:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.dialogs, "\n"))
			}
			var problem string
			if len(got) > 0 {
				problem = got[0].Problem
			}
			if problem != tt.problem {
				t.Errorf("problem = %q, want %q", problem, tt.problem)
			}
			if err := got[0].Err(); (err != nil) != (tt.problem != "") || (err != nil && !errors.Is(err, ErrDialog)) {
				t.Errorf("Err() = %v", err)
			}
			if len(s.Dialogs()) != 0 {
				t.Error("Dialogs() returned the same dialogs twice")
			}
			console := strings.Join(s.Console(), "\n")
			if !strings.Contains(console, "dialog "+got[0].Type+": "+got[0].Message) {
				t.Errorf("console lacks the dialog:\n%s", console)
			}
			if strings.Contains(console, "Ada") {
				t.Errorf("console shows the prompt's text:\n%s", console)
			}
		})
	}
}

// TestWaitDialogsNoneOpened: an armed answer no dialog used is an error when
// the deadline passes, and is forgotten: the next dialog is accepted.
func TestWaitDialogsNoneOpened(t *testing.T) {
	t.Parallel()
	ts := serve(t, dialogPages)
	s := session(t)
	if err := s.Navigate(step(t, 10*time.Second), ts.URL+"/confirm"); err != nil {
		t.Fatal(err)
	}
	s.ArmDialog(DialogAnswer{Cancel: true, Expect: "Are you sure"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // nothing opens a dialog: the wait ends as soon as its context does
	err := s.WaitDialogs(ctx)
	if !errors.Is(err, ErrDialog) || !errors.Is(err, context.Canceled) {
		t.Fatalf("WaitDialogs = %v, want ErrDialog and context.Canceled", err)
	}
	if want := `dialog: no dialog opened (expected one saying "Are you sure")`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("WaitDialogs = %q, want it to start %q", err, want)
	}
	if err := s.Click(step(t, 10*time.Second), Locator{Text: "Disable"}); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitText(step(t, 10*time.Second), "disabled", true); err != nil {
		t.Fatalf("the dialog after a forgotten answer was not accepted: %v", err)
	}
}

// TestDialogInCrossOriginFrame: a confirm() opened by a widget of another site, in an
// iframe that runs in a renderer of its own, is answered as armed too.
func TestDialogInCrossOriginFrame(t *testing.T) {
	t.Parallel()
	widget := serve(t, map[string]string{"/widget": `<!doctype html><title>Devices</title>
<button onclick="document.getElementById('out').textContent = confirm('Remove this device?') ? 'removed' : 'kept'">Remove device</button>
<p id=out>waiting</p>`})
	partner := strings.Replace(widget.URL, "127.0.0.1", "localhost", 1)
	app := serve(t, map[string]string{"/": `<!doctype html><title>Settings</title><h1>Settings</h1>
<iframe title="Devices" src="` + partner + `/widget"></iframe>`})
	s := session(t)
	if err := s.Navigate(step(t, 10*time.Second), app.URL+"/"); err != nil {
		t.Fatal(err)
	}
	s.ArmDialog(DialogAnswer{Cancel: true, Expect: "remove this device"})
	if err := s.Click(step(t, 10*time.Second), Locator{Text: "Remove device"}); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitDialogs(step(t, 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitText(step(t, 10*time.Second), "kept", true); err != nil {
		t.Fatal(err)
	}
	got := s.Dialogs()
	if len(got) != 1 || got[0].String() != `confirm "Remove this device?" answered cancel` || got[0].Problem != "" {
		t.Errorf("dialogs %+v", got)
	}
}

package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var t0 = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// failedFlow is the 20i guide failing at its third step: a button renamed on the site.
func failedFlow() *Flow {
	fail := &Failure{
		Pos:        Pos{File: "flows/20i.yaml", Line: 27, Col: 9},
		StepIndex:  3,
		Step:       "Two-Factor Authentication Security",
		Action:     `click "Two-Factor Authentication"`,
		Message:    "no visible button or link with that text after 10s",
		URL:        "http://127.0.0.1:40213/security",
		OnScreen:   []string{"Two-Step Verification", "Password", "Sessions"},
		Screenshot: "artifacts/20i/03-two-factor-authentication-security.png",
		HTML:       "artifacts/20i/03-two-factor-authentication-security.html",
		Console:    "artifacts/20i/03-two-factor-authentication-security.console.log",
	}
	return &Flow{
		File:    "flows/20i.yaml",
		Guide:   "Enabling Two-Factor Authentication on your 20i account",
		Source:  "guides/003-20i.md",
		Site:    "20i",
		BaseURL: "http://127.0.0.1:40213",
		Status:  Failed,
		Started: t0.Add(ms(20)),
		// 3 steps: 0.41 + 0.22 + 10.02 s, plus set-up.
		Duration:     ms(11210),
		ArtifactsDir: "artifacts/20i",
		Failure:      fail,
		Steps: []*Step{
			{Index: 1, Line: 12, Title: "Sign in", Say: "Log in to My20i.", Status: Passed, Duration: ms(410), Screenshot: "artifacts/20i/01-sign-in.png"},
			{Index: 2, Line: 19, Title: "Security", Say: `Click "Security" in the menu.`, Status: Passed, Duration: ms(220), Screenshot: "artifacts/20i/02-security.png",
				Dialogs: []string{`confirm "Leave the security settings?" answered cancel`}},
			{Index: 3, Line: 25, Title: "Two-Factor Authentication Security", Say: `Click "Two-Factor Authentication" & follow the popup.`, Status: Failed, Duration: ms(10020), Failure: fail},
			{Index: 4, Line: 31, Title: "Scan the QR code", Say: "Scan the QR code with your authenticator app.", Status: Skipped},
			{Index: 5, Line: 40, Title: "Done", Say: "Enter the code within 30 seconds <and> click Done.", Status: Skipped},
		},
	}
}

// passedFlow is the leaseweb guide, passing.
func passedFlow() *Flow {
	return &Flow{
		File:         "flows/leaseweb.yaml",
		Guide:        "Two-factor authentication for the Customer Portal",
		Source:       "guides/000-leaseweb.md",
		Site:         "leaseweb",
		BaseURL:      "http://127.0.0.1:40991",
		Status:       Passed,
		Started:      t0.Add(ms(11240)),
		Duration:     ms(2380),
		ArtifactsDir: "artifacts/leaseweb",
		Steps: []*Step{
			{Index: 1, Line: 10, Title: "Profile", Say: "Go to your Profile.", Status: Passed, Duration: ms(630), Screenshot: "artifacts/leaseweb/01-profile.png"},
			{Index: 2, Line: 16, Title: "Enable 2FA", Say: "Choose App and scan the code.", Status: Passed, Duration: ms(1150), Screenshot: "artifacts/leaseweb/02-enable-2fa.png"},
			{Index: 3, Line: 24, Title: "Install the app", Say: "Install an authenticator app on your phone.", Status: Skipped, Manual: "done on the phone, away from the site"},
			{Index: 4, Line: 28, Title: "Sign in again", Say: "The next time you log in you can use the app.", Status: Passed, Duration: ms(590), Screenshot: "artifacts/leaseweb/03-sign-in-again.png"},
		},
	}
}

// sampleRun is a run of the two flows above, one failed and one passed.
func sampleRun() *Run {
	r := &Run{Started: t0, ArtifactsDir: "artifacts", Flows: []*Flow{failedFlow(), passedFlow()}}
	r.Finish(t0.Add(ms(13640)))
	return r
}

// interruptedRun is a run stopped by Ctrl-C in the middle of its first flow, before its
// second started.
func interruptedRun() *Run {
	f := passedFlow()
	f.Status = Interrupted
	f.Started = t0.Add(ms(20))
	f.Duration = ms(1900)
	f.Steps[1].Status = Interrupted
	f.Steps[1].Duration = ms(1270)
	f.Steps[1].Screenshot = ""
	f.Steps[3].Status = Skipped
	f.Steps[3].Duration = 0
	f.Steps[3].Screenshot = ""
	next := failedFlow()
	next.Status, next.Failure, next.Started, next.Duration = Pending, nil, time.Time{}, 0
	for _, s := range next.Steps {
		s.Status, s.Failure, s.Duration, s.Screenshot, s.Dialogs = Pending, nil, 0, "", nil
	}
	r := &Run{Started: t0, Status: Interrupted, ArtifactsDir: "artifacts", Flows: []*Flow{f, next}}
	r.Finish(t0.Add(ms(2050)))
	return r
}

// erroredRun is a run whose browser was killed during the first flow's second step;
// the browser could not be started again, so the second flow was skipped with the cause.
func erroredRun() *Run {
	f := passedFlow()
	crash := &Failure{
		Pos:       Pos{File: "flows/leaseweb.yaml", Line: 18, Col: 9},
		StepIndex: 2,
		Step:      "Enable 2FA",
		Action:    `click "Enable"`,
		Message:   "the browser died: browser process exited: signal: killed",
	}
	f.Status, f.Failure = Errored, crash
	f.Steps[1].Status, f.Steps[1].Failure, f.Steps[1].Screenshot = Errored, crash, ""
	f.Steps[3].Status, f.Steps[3].Duration, f.Steps[3].Screenshot = Skipped, 0, ""
	next := failedFlow()
	next.Status, next.Started, next.Duration = Skipped, time.Time{}, 0
	next.Failure = &Failure{Message: "the browser could not be started again: cannot start chromium: /usr/bin/chromium: exit status 1"}
	for _, s := range next.Steps {
		s.Status, s.Failure, s.Duration, s.Screenshot, s.Dialogs = Skipped, nil, 0, "", nil
	}
	r := &Run{Started: t0, ArtifactsDir: "artifacts", Flows: []*Flow{f, next}}
	r.Finish(t0.Add(ms(2050)))
	return r
}

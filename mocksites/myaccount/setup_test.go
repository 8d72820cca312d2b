package myaccount_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
)

func TestQRImageOnlyForItsSession(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	src := qrSrc(t, c.Last)

	anon := kittest.NewClient(t, r.URL)
	if status, png, _ := fetch(t, anon, src); status != http.StatusForbidden || len(png) > 100 {
		t.Fatalf("signed-out browser: status %d, %d bytes", status, len(png))
	}
	same := kittest.NewClient(t, r.URL) // the same account in another browser
	logIn(t, same)
	if status, _, ctype := fetch(t, same, src); status != http.StatusForbidden || ctype == "image/png" {
		t.Fatalf("another session of the account: status %d, %s", status, ctype)
	}
	if p := same.Get(myaccount.PathSetup); p.Path != myaccount.PathTwoStep {
		t.Fatalf("another session saw the setup at %s", p.Path)
	}
	if p := same.Post(myaccount.PathVerify, kittest.Form("code", k.Code(r.Clock.Now()))); p.Contains("Two Step Authentication successful") {
		t.Fatal("another session finished the setup")
	}
	// The owner still can.
	if again := scan(t, c); again.URI() != k.URI() {
		t.Fatal("the QR code changed")
	}
	// Once the other session starts its own setup, the first one's image is gone.
	same.Get(myaccount.PathTwoStep)
	same.Press("Enable", nil)
	same.Press("Set up in your mobile", nil)
	same.Press("Proceed", kittest.Form("device", "blackberry"))
	if status, _, _ := fetch(t, c, src); status != http.StatusForbidden {
		t.Fatalf("first session after a new setup elsewhere: status %d", status)
	}
	if k2 := scan(t, same); k2.Secret.Base32() == k.Secret.Base32() {
		t.Fatal("the new setup reused the secret")
	}
	// No setup at all: 404.
	same.Press("Cancel setup", nil).MustContain(t, "setup was cancelled")
	if status, _, _ := fetch(t, same, src); status != http.StatusNotFound {
		t.Fatalf("no setup: status %d", status)
	}
}

func TestDeviceChoiceRequired(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	c.Press("Enable", nil)
	c.Press("Set up in your mobile", nil)
	for _, form := range []url.Values{nil, kittest.Form("device", "nokia-3310"), kittest.Form("device", "")} {
		p := c.Press("Proceed", form)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("device %q: status %d", form.Get("device"), p.Status)
		}
		p.MustContain(t, "Select one of the 4 mobile device options for your device, then click Proceed.")
		p.MustNotContain(t, "<img")
	}
	if issued := kittest.Control[struct{ Secrets []string }](c, "issued"); len(issued.Secrets) != 0 {
		t.Fatal("a secret was issued before a device was chosen")
	}
	for _, d := range []string{"android", "iphone", "windows-phone", "blackberry"} {
		if !strings.Contains(c.Last.Body, `value="`+d+`"`) {
			t.Errorf("no option %q", d)
		}
	}
	c.Press("Proceed", kittest.Form("device", "windows-phone")).MustContain(t, "On your Windows Phone")
}

func TestSetupWrongCode(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	p := c.Press("Verify and Save", kittest.Form("code", kittest.WrongCode(k.Code(r.Clock.Now()))))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	p.MustContain(t, "That code is not valid, so Two Step Auth has not been turned on.", `<label for="code">Code</label>`)
	p.MustNotContain(t, "Two Step Authentication successful")
	if again := scan(t, c); again.URI() != k.URI() {
		t.Fatal("the attempt's QR code changed after a wrong code")
	}
	c.Get(myaccount.PathTwoStep).MustContain(t, "Two Step Auth is <strong>off</strong>")
	// Back on the setup page, the right code still works.
	c.Get(myaccount.PathSetup)
	c.Press("Verify and Save", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Two Step Authentication successful")
}

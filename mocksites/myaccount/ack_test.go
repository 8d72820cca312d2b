package myaccount_test

import (
	"net/http"
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
)

// TestEnableOnAck: on the myaccount-ack variant "Verify and Save" only verifies the
// code (signing in asks for no passcode yet) and "I have saved my backup codes"
// switches Two Step Auth on.
func TestEnableOnAck(t *testing.T) {
	t.Parallel()
	r := &run{kittest.Start(t, myaccount.AckSite.Name)}
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	k := toQR(t, c, "android")
	c.Press("Verify and Save", kittest.Form("code", k.Code(r.Clock.Now()))).MustContain(t, "Your code is verified", "I have saved my backup codes")

	other := kittest.NewClient(t, r.URL)
	p := logIn(t, other)
	p.MustContain(t, "Dashboard")
	p.MustNotContain(t, "One-time passcode")

	c.Press("I have saved my backup codes", nil).MustContain(t, "Two Step Auth is <strong>on</strong>")
	third := kittest.NewClient(t, r.URL)
	logIn(t, third).MustContain(t, "One-time passcode")
}

// TestQRGoneOnceOn: once Two Step Auth is on the QR image's URL answers 404; with the
// reshown-secret defect it keeps serving the enrolled secret's code.
func TestQRGoneOnceOn(t *testing.T) {
	t.Parallel()
	for _, defect := range []string{"", "reshown-secret"} {
		t.Run("defect="+defect, func(t *testing.T) {
			t.Parallel()
			var r *run
			if defect == "" {
				r = start(t)
			} else {
				r = start(t, defect)
			}
			c := kittest.NewClient(t, r.URL)
			logIn(t, c)
			toTwoStep(t, c)
			verifyBoth(t, c)
			k := toQR(t, c, "android")
			src := qrSrc(t, c.Last)
			c.Press("Verify and Save", kittest.Form("code", k.Code(r.Clock.Now())))
			c.Press("I have saved my backup codes", nil).MustContain(t, "Two Step Auth is <strong>on</strong>")
			status, _, _ := fetch(t, c, src)
			if want := map[string]int{"": http.StatusNotFound, "reshown-secret": http.StatusOK}[defect]; status != want {
				t.Errorf("the QR image once 2FA is on: status %d, want %d", status, want)
			}
		})
	}
}

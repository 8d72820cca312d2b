package myaccount_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
)

func TestEnableNeedsBothVerified(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		email, phone bool
		missing      string
	}{
		{"neither", false, false, "Not verified yet: your email address and your phone number."},
		{"email only", true, false, "Not verified yet: your phone number."},
		{"phone only", false, true, "Not verified yet: your email address."},
		{"both", true, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := start(t)
			c := kittest.NewClient(t, r.URL)
			logIn(t, c)
			toTwoStep(t, c)
			if tc.email {
				verifyEmail(t, c)
			}
			if tc.phone {
				verifyPhone(t, c)
			}
			p := c.Press("Enable", nil)
			if tc.missing == "" {
				p.MustContain(t, "Set up in your mobile")
				return
			}
			if p.Status != http.StatusConflict {
				t.Fatalf("status %d, want 409", p.Status)
			}
			p.MustContain(t, "Two Step Auth cannot be enabled until your account is verified: confirm both your email address and your phone number.", tc.missing, "Enable</button>")
			// No way round the page: the setup steps refuse without an Enable that worked.
			if p := c.Post(myaccount.PathMobile, nil); p.Contains("Select a mobile device option") {
				t.Fatal("reached the device options without enabling")
			}
			if p := c.Get(myaccount.PathSetup); p.Path != myaccount.PathTwoStep {
				t.Fatalf("setup page without enabling: at %s", p.Path)
			}
		})
	}
}

func TestEmailLink(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	c.Press("Verify email", nil)
	mail := c.Mail("")
	first := strings.TrimPrefix(mail[0].Links[0], c.Base)

	t.Run("expired", func(t *testing.T) {
		c.Press("Verify email", nil)
		mail := c.Mail("")
		late := strings.TrimPrefix(mail[1].Links[0], c.Base)
		r.Clock.Advance(myaccount.EmailLinkTTL)
		p := kittest.NewClient(t, r.URL).Get(late)
		if p.Status != http.StatusBadRequest || !p.Contains("This verification link is not valid") {
			t.Fatalf("expired link: status %d", p.Status)
		}
		r.Clock.Advance(-myaccount.EmailLinkTTL)
	})
	t.Run("signed out, once", func(t *testing.T) {
		other := kittest.NewClient(t, r.URL) // the mail opened on another device
		other.Get(first).MustContain(t, "Your email address is verified.", "Log in to Northwind Cloud")
		p := other.Get(first)
		if p.Status != http.StatusBadRequest || !p.Contains("This verification link is not valid") {
			t.Fatalf("second use: status %d", p.Status)
		}
		if p := other.Get(myaccount.PathEmailLink + "?token=nope"); p.Status != http.StatusBadRequest {
			t.Fatalf("made-up token: status %d", p.Status)
		}
		c.Get(myaccount.PathTwoStep).MustContain(t, `Email address</span> <span class="verify-value">tester@northwind.example</span> <span class="badge badge-ok">Verified</span>`)
	})
}

func TestPhoneVerification(t *testing.T) {
	t.Parallel()
	t.Run("wrong code", func(t *testing.T) {
		t.Parallel()
		r := start(t)
		c := kittest.NewClient(t, r.URL)
		logIn(t, c)
		toTwoStep(t, c)
		code := sendPhoneCode(t, c)
		for range myaccount.PhoneAttempts - 1 {
			p := c.Press("Confirm phone", kittest.Form("code", kittest.WrongCode(code)))
			if p.Status != http.StatusUnprocessableEntity || !p.Contains("That verification code is not right.") {
				t.Fatalf("wrong code: status %d", p.Status)
			}
		}
		p := c.Press("Confirm phone", kittest.Form("code", kittest.WrongCode(code)))
		p.MustContain(t, "Too many wrong verification codes. Click Verify phone to get a new code.")
		p.MustNotContain(t, "Confirm phone</button>")
		// The old code is dead; a new one works.
		if p := c.Post(myaccount.PathConfirmPhone, kittest.Form("code", code)); p.Contains("Your phone number is verified.") {
			t.Fatal("the code was accepted after too many wrong ones")
		}
		verifyPhone(t, c).MustContain(t, "Your phone number is verified.")
	})
	t.Run("expired", func(t *testing.T) {
		t.Parallel()
		r := start(t)
		c := kittest.NewClient(t, r.URL)
		logIn(t, c)
		toTwoStep(t, c)
		code := sendPhoneCode(t, c)
		r.Clock.Advance(kit.SMSCodeTTL + time.Second)
		c.Press("Confirm phone", kittest.Form("code", code)).MustContain(t, "That verification code has expired.")
	})
}

func TestResetClearsVerification(t *testing.T) {
	t.Parallel()
	r := start(t)
	c := kittest.NewClient(t, r.URL)
	logIn(t, c)
	toTwoStep(t, c)
	verifyBoth(t, c)
	if _, status := kittest.ControlPost[struct{ OK bool }](c, "reset", ""); status != http.StatusOK {
		t.Fatalf("reset: status %d", status)
	}
	logIn(t, c)
	toTwoStep(t, c).MustContain(t, `<span class="badge badge-no">Not verified</span>`)
	c.Press("Enable", nil).MustContain(t, "Not verified yet: your email address and your phone number.")
}

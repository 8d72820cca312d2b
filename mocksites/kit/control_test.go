package kit_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

func TestControlSurfaceOffByDefault(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	for _, path := range []string{"/_mock/sms", "/_mock/clock", "/_mock/issued"} {
		resp, err := http.Get(h.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
	}
}

func TestControlClock(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{Control: true})
	c := kittest.NewClient(t, h.url)
	if got := kittest.Control[kit.ClockState](c, "clock").Now; !got.Equal(t0) {
		t.Fatalf("now = %v", got)
	}
	for _, tc := range []struct {
		body   string
		status int
		want   time.Time
	}{
		{`{"advance":"31s"}`, 200, t0.Add(31 * time.Second)},
		{`{"set":"2026-05-01T12:00:00Z"}`, 200, time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)},
		{`{"advance":"-1h"}`, 200, time.Date(2026, 5, 1, 11, 0, 0, 0, time.UTC)},
		{`{"advance":"soon"}`, 400, time.Time{}},
		{`{"set":"yesterday"}`, 400, time.Time{}},
		{`{}`, 400, time.Time{}},
		{`{"advance":"1s","set":"2026-05-01T12:00:00Z"}`, 400, time.Time{}},
		{`{"later":"1s"}`, 400, time.Time{}},
	} {
		if tc.status != 200 {
			e, status := kittest.ControlPost[kit.ControlError](c, "clock", tc.body)
			if status != tc.status || !strings.HasPrefix(e.Error, "clock: ") {
				t.Errorf("%s: status %d, error %q", tc.body, status, e.Error)
			}
			continue
		}
		got, status := kittest.ControlPost[kit.ClockState](c, "clock", tc.body)
		if status != 200 || !got.Now.Equal(tc.want) || !h.k.Now().Equal(tc.want) {
			t.Errorf("%s: status %d, now %v, site %v, want %v", tc.body, status, got.Now, h.k.Now(), tc.want)
		}
	}
	// The test's own clock still moves the site.
	h.clock.Advance(time.Hour)
	if got := kittest.Control[kit.ClockState](c, "clock").Now; !got.Equal(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("after the fixed clock moved: %v", got)
	}
}

func TestControlInboxesAndReset(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{Control: true})
	c, _ := h.enroll(t)
	phone := "+31687654321"
	c.Post("/sms/start", kittest.Form("phone", phone)).MustContain(t, "sms start: <nil>")
	c.Post("/mail", nil)

	sms := kittest.Control[kit.SMSList](c, "sms?to="+phone).Messages
	if len(sms) != 1 || sms[0].To != phone || len(sms[0].Code) != 6 || !strings.Contains(sms[0].Body, sms[0].Code) || !sms[0].At.Equal(t0) {
		t.Fatalf("sms: %+v", sms)
	}
	if other := kittest.Control[kit.SMSList](c, "sms?to=%2B999").Messages; len(other) != 0 {
		t.Fatalf("sms to another phone: %+v", other)
	}
	mail := kittest.Control[kit.MailList](c, "mail").Messages
	if len(mail) != 1 || mail[0].To != testSite.Account.Email || len(mail[0].Links) != 1 || !strings.HasPrefix(mail[0].Links[0], h.url+"/verify") {
		t.Fatalf("mail: %+v", mail)
	}

	c.Post("/sms/enable", kittest.Form("phone", phone, "code", "000000")).MustContain(t, "wrong code")
	c.Post("/sms/enable", kittest.Form("phone", phone, "code", sms[0].Code)).MustContain(t, "sms enable: <nil>")
	c.Get("/home").MustContain(t, `method="sms"`)

	// SMS as the second factor: the sign-in code arrives in the inbox.
	d := kittest.NewClient(t, h.url)
	h.signIn(t, d).MustContain(t, "code please")
	sms = kittest.Control[kit.SMSList](d, "sms?to="+phone).Messages
	if len(sms) != 2 {
		t.Fatalf("sign-in sms: %+v", sms)
	}
	d.Post("/code", kittest.Form("code", sms[1].Code)).MustContain(t, "home of")

	done, status := kittest.ControlPost[kit.ResetDone](c, "reset", "")
	if status != 200 || !done.OK {
		t.Fatalf("reset: %d %+v", status, done)
	}
	if p := d.Get("/home"); !strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("session survived the reset: at %s", p.Path)
	}
	if n := len(kittest.Control[kit.SMSList](c, "sms").Messages) + len(kittest.Control[kit.MailList](c, "mail").Messages); n != 0 {
		t.Fatalf("%d messages after reset", n)
	}
	h.signIn(t, d).MustContain(t, `method=""`) // 2FA off again
	if iss := kittest.Control[kit.Issued](c, "issued"); len(iss.Secrets) != 1 || len(iss.Codes) < 3 {
		t.Fatalf("issued log lost on reset: %+v", iss)
	}
}

func TestRecoveryAndTrustedDevice(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c, uri := h.enroll(t)
	p := c.Post("/recovery", nil)
	if n := strings.Count(p.Text(), "code="); n != 10 {
		t.Fatalf("%d recovery codes", n)
	}
	_, rest, _ := strings.Cut(p.Text(), "code=")
	code, _, _ := strings.Cut(rest, " ")
	c.Get("/home").MustContain(t, "recovery=10")

	t.Run("single use", func(t *testing.T) {
		d := kittest.NewClient(t, h.url)
		h.signIn(t, d)
		d.Post("/code", kittest.Form("code", strings.ToUpper(code))).MustContain(t, "home of", "recovery=9")
		d.Post("/logout", nil)
		h.signIn(t, d)
		d.Post("/code", kittest.Form("code", code)).MustContain(t, "wrong code")
	})
	t.Run("trusted device", func(t *testing.T) {
		h.clock.Advance(time.Minute)
		d := kittest.NewClient(t, h.url)
		h.signIn(t, d)
		d.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()), "trust", "on")).MustContain(t, "home of")
		d.Post("/logout", nil)
		h.signIn(t, d).MustContain(t, "home of") // no code asked
		h.clock.Advance(kit.TrustFor + time.Second)
		d.Post("/logout", nil)
		h.signIn(t, d).MustContain(t, "code please")
		e := kittest.NewClient(t, h.url) // another browser is not trusted
		h.signIn(t, e).MustContain(t, "code please")
	})
}

package kit_test

import (
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

// TestTwoStageEnrollment: VerifyEnrollment checks the code but leaves 2FA off (signing
// in asks no passcode) until ActivateEnrollment; the verified code's step counts as
// used; an attempt whose code was not verified cannot be activated.
func TestTwoStageEnrollment(t *testing.T) {
	t.Parallel()
	h := startTestSite(t, kit.Options{})
	c := kittest.NewClient(t, h.url)
	h.signIn(t, c).MustContain(t, "home of")
	uri := h.begin(t, c, "")
	c.Post("/activate", nil).MustContain(t, "activate: "+kit.ErrNotVerified.Error())
	c.Post("/verify", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now())))).MustContain(t, "verify: wrong code")
	code := kittest.Code(t, uri, h.clock.Now())
	c.Post("/verify", kittest.Form("code", code)).MustContain(t, "verify: <nil>")

	// Verified, not acknowledged: 2FA is still off.
	d := kittest.NewClient(t, h.url)
	h.signIn(t, d).MustContain(t, `home of user@kit.example method=""`)

	c.Post("/activate", nil).MustContain(t, "activate: <nil>")
	e := kittest.NewClient(t, h.url)
	h.signIn(t, e).MustContain(t, "code please")
	e.Post("/code", kittest.Form("code", code)).MustContain(t, "code already used") // verified at enrollment
	h.clock.Advance(30 * time.Second)
	e.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, `method="app"`)
	c.Get("/setup").MustContain(t, "no attempt") // the secret is not shown again
}

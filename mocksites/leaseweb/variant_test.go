package leaseweb_test

import (
	"net/http/httptest"
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
)

// startVariant starts a variant of the Leaseweb mock, with the control surface and a
// fixed clock as start does.
func startVariant(t *testing.T, v leaseweb.Variant, defects ...string) *run {
	t.Helper()
	clock := kit.NewFixedClock(kittest.T0)
	h, err := leaseweb.NewVariant(kit.Options{Clock: clock, Control: true, Defects: defects}, v)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &run{&kittest.Run{URL: srv.URL, Clock: clock}}
}

// TestNativeConfirmVariant: the overview's "Disable" is a form that asks the browser's
// confirm() before it posts (the browser tests in flows and conform press it); the
// no-disable-confirm defect makes it the portal's link again, which disables at once.
func TestNativeConfirmVariant(t *testing.T) {
	t.Parallel()
	const ask = `data-confirm="Confirm you want to disable Two-Factor Authentication. Disabling`
	r := startVariant(t, leaseweb.Variant{NativeConfirm: true})
	c := kittest.NewClient(t, r.URL)
	r.enrolled(t, c)
	p := c.Get(leaseweb.PathAuthentication)
	p.MustContain(t, ask, ">Disable</button>")
	p.MustNotContain(t, `/disable">Disable</a>`)
	c.Post(p.FormAction(t, "Disable"), nil).MustContain(t, "Two-factor authentication is disabled.")

	r = startVariant(t, leaseweb.Variant{NativeConfirm: true}, string(kit.NoDisableConfirm))
	c = kittest.NewClient(t, r.URL)
	r.enrolled(t, c)
	p = c.Get(leaseweb.PathAuthentication)
	p.MustNotContain(t, ask)
	c.Get(p.Link(t, "Disable")).MustContain(t, "Two-factor authentication is disabled.")

	r = start(t)
	c = kittest.NewClient(t, r.URL)
	r.enrolled(t, c)
	c.Get(leaseweb.PathAuthentication).MustNotContain(t, ask)
}

package kit_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
	"github.com/enroll-dev/enroll/otp"
)

// TestDefects runs, for every defect, a probe that reports whether the property the
// defect breaks is broken, on a correct site and on a site with the defect: the probe
// must say "broken" exactly when the defect is on.
func TestDefects(t *testing.T) {
	t.Parallel()
	probes := []struct {
		defect kit.Defect
		broken func(t *testing.T, h *harness) bool
	}{
		{kit.AcceptReplay, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			// the enrollment code, again, in the same step
			return c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).Contains("home of")
		}},
		{kit.WideSkew, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			return c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now().Add(90*time.Second)))).Contains("home of")
		}},
		{kit.NoThrottle, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			h.clock.Advance(time.Minute)
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			for range kit.ThrottleAfter {
				c.Post("/code", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))))
			}
			return c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).Contains("home of")
		}},
		{kit.PermanentLockout, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			h.clock.Advance(time.Minute)
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			for range kit.ThrottleAfter {
				c.Post("/code", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))))
			}
			h.clock.Advance(kit.ThrottleFor + time.Minute)
			return !c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).Contains("home of")
		}},
		{kit.SessionThrottle, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			h.clock.Advance(time.Minute)
			for range kit.ThrottleAfter {
				c := kittest.NewClient(t, h.url)
				h.signIn(t, c)
				c.Post("/code", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))))
			}
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			return c.Post("/code", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).Contains("home of")
		}},
		{kit.NoConfirm, func(t *testing.T, h *harness) bool {
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			uri := h.begin(t, c, "")
			c.Post("/confirm", kittest.Form("code", kittest.WrongCode(kittest.Code(t, uri, h.clock.Now()))))
			return c.Get("/home").Contains(`method="app"`)
		}},
		{kit.ReuseSecret, func(t *testing.T, h *harness) bool {
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			a, b := mustParse(t, h.begin(t, c, "")), mustParse(t, h.begin(t, c, ""))
			return a.Secret.Base32() == b.Secret.Base32()
		}},
		{kit.ShortSecret, func(t *testing.T, h *harness) bool {
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			return mustParse(t, h.begin(t, c, "")).Secret.Bits() < 128
		}},
		{kit.MultiUseRecovery, func(t *testing.T, h *harness) bool {
			c, _ := h.enroll(t)
			p := c.Post("/recovery", nil)
			_, rest, _ := strings.Cut(p.Text(), "code=")
			code, _, _ := strings.Cut(rest, " ")
			for i := range 2 {
				d := kittest.NewClient(t, h.url)
				h.signIn(t, d)
				if !d.Post("/code", kittest.Form("code", code)).Contains("home of") {
					if i == 0 {
						t.Fatal("a fresh recovery code was refused")
					}
					return false
				}
			}
			return true
		}},
		{kit.MasterCode, func(t *testing.T, h *harness) bool {
			h.enroll(t)
			c := kittest.NewClient(t, h.url)
			h.signIn(t, c)
			return c.Post("/code", kittest.Form("code", "000000")).Contains("home of")
		}},
		{kit.NoDisableConfirm, func(t *testing.T, h *harness) bool {
			c, _ := h.enroll(t)
			c.Get("/disable") // the first "Disable": it must only ask
			return !c.Get("/home").Contains(`method="app"`)
		}},
		{kit.RacyReplay, func(t *testing.T, h *harness) bool {
			_, uri := h.enroll(t)
			h.clock.Advance(time.Minute)
			code := kittest.Code(t, uri, h.clock.Now())
			// Two sessions on the passcode prompt submit the same code at once.
			var signedIn [2]bool
			var wg sync.WaitGroup
			for i := range signedIn {
				c := kittest.NewClient(t, h.url)
				h.signIn(t, c)
				wg.Add(1)
				go func() {
					defer wg.Done()
					signedIn[i] = c.Post("/code", kittest.Form("code", code)).Contains("home of")
				}()
			}
			wg.Wait()
			if !signedIn[0] && !signedIn[1] {
				t.Fatal("the right code signed in neither session")
			}
			return signedIn[0] && signedIn[1]
		}},
		{kit.ReshownSecret, func(t *testing.T, h *harness) bool {
			c, _ := h.enroll(t)
			return c.Get("/setup").Contains("uri=otpauth://")
		}},
	}
	if len(probes) != len(kit.AllDefects) {
		t.Fatalf("%d probes for %d defects", len(probes), len(kit.AllDefects))
	}
	for _, p := range probes {
		t.Run(string(p.defect), func(t *testing.T) {
			t.Parallel()
			for _, on := range []bool{false, true} {
				var opts kit.Options
				if on {
					opts.Defects = []string{string(p.defect)}
				}
				if got := p.broken(t, startTestSite(t, opts)); got != on {
					t.Errorf("defect on=%v: property broken=%v", on, got)
				}
			}
		})
	}
}

func mustParse(t *testing.T, uri string) *otp.Key {
	t.Helper()
	k, err := otp.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

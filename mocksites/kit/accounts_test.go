package kit_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

// TestSeededAccounts: a site seeded with n accounts lets each sign in and enroll on
// its own, and its log names the account of every sign-in and enrollment (never a
// password).
func TestSeededAccounts(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	h := startTestSite(t, kit.Options{Accounts: 3, Logger: log})
	accs := h.k.Accounts()
	want := []string{
		"user@kit.example +31612345678",
		"user+2@kit.example +31612345679",
		"user+3@kit.example +31612345680",
	}
	if len(accs) != len(want) {
		t.Fatalf("%d accounts, want %d", len(accs), len(want))
	}
	for i, a := range accs {
		if got := a.Email + " " + a.Phone; got != want[i] {
			t.Errorf("account %d = %s, want %s", i+1, got, want[i])
		}
	}
	if p := accs[2].Password.Reveal(); p != "correct horse-3" {
		t.Errorf("account 3's password = %q", p)
	}
	for _, a := range accs[1:] {
		c := kittest.NewClient(t, h.url)
		c.Get("/login")
		c.Post("/login", kittest.Form("email", a.Email, "password", a.Password.Reveal())).MustContain(t, "home of")
		uri := h.begin(t, c, "")
		c.Post("/confirm", kittest.Form("code", kittest.Code(t, uri, h.clock.Now()))).MustContain(t, "confirm: <nil>")
	}
	// The first account was left alone: no passcode asked.
	h.signIn(t, kittest.NewClient(t, h.url)).MustContain(t, "home of")
	out := buf.String()
	for _, line := range []string{
		`msg="signed in" site=kit-test second_factor=false account=user+2@kit.example`,
		`msg="enrollment started" site=kit-test secret_bits=160 ttl=0s account=user+3@kit.example`,
		`msg="2fa enabled" site=kit-test method=app account=user+3@kit.example`,
		`msg="signed in" site=kit-test second_factor=false account=user@kit.example`,
	} {
		if !strings.Contains(out, line) {
			t.Errorf("the log lacks %s:\n%s", line, out)
		}
	}
	for _, a := range accs {
		if strings.Contains(out, a.Password.Reveal()) {
			t.Error("the log holds a password")
		}
	}
	if _, err := kit.New(testSite, kit.Options{Accounts: kit.MaxAccounts + 1}); err == nil || err.Error() != "site kit-test: 100 accounts: want at most 99" {
		t.Errorf("too many accounts: %v", err)
	}
}

package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/redact"
)

func TestAuthenticatorPlan(t *testing.T) {
	t.Parallel()
	key := &otp.Key{Type: otp.TypeTOTP, Secret: otp.Secret("12345678901234567890"), Period: 30}
	base := time.Unix(1_700_000_020, 0) // 10 s into time step 56666667
	cur := key.Step(base)
	tests := []struct {
		name     string
		at       time.Duration // after base
		skew     int
		used     []uint64 // steps already typed
		wantStep uint64
		wantWait time.Duration
	}{
		{name: "fresh code mid-step", at: 0, skew: 1, wantStep: cur},
		{name: "near the boundary, skew 1: next step's code at once", at: 18 * time.Second, skew: 1, wantStep: cur + 1},
		{name: "near the boundary, skew 0: wait for the next step", at: 18 * time.Second, skew: 0, wantStep: cur + 1, wantWait: 2 * time.Second},
		{name: "sign in again right after enrolling, skew 1: next step at once", at: 1 * time.Second, skew: 1, used: []uint64{cur}, wantStep: cur + 1},
		{name: "sign in again right after enrolling, skew 0: wait for it", at: 1 * time.Second, skew: 0, used: []uint64{cur}, wantStep: cur + 1, wantWait: 19 * time.Second},
		{name: "third code within one step, skew 1: wait one step", at: 1 * time.Second, skew: 1, used: []uint64{cur, cur + 1}, wantStep: cur + 2, wantWait: 19 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now := base.Add(tt.at)
			a := newAuthenticator(func() time.Time { return now }, tt.skew)
			a.add("app", key)
			for _, s := range tt.used {
				if _, err := a.code("app", s); err != nil {
					t.Fatal(err)
				}
			}
			step, wait, err := a.plan("app")
			if err != nil {
				t.Fatal(err)
			}
			if step != tt.wantStep || wait != tt.wantWait {
				t.Errorf("plan = step %+d, wait %v; want step %+d, wait %v", int64(step-cur), wait, int64(tt.wantStep-cur), tt.wantWait)
			}
		})
	}
}

// TestAuthenticatorCodesAccepted checks the plan against the otp verifier a
// replay-protected site uses: every planned code, typed at the planned time, is
// accepted, and none is a replay.
func TestAuthenticatorCodesAccepted(t *testing.T) {
	t.Parallel()
	key, err := otp.GenerateKey(nil, "Example", "qa@example.test")
	if err != nil {
		t.Fatal(err)
	}
	for _, skew := range []int{0, 1} {
		for offset := 0; offset < 30; offset += 3 {
			now := time.Unix(1_700_000_000+int64(offset), 0)
			a := newAuthenticator(func() time.Time { return now }, skew)
			a.add("app", key)
			v := otp.Verifier{Skew: skew}
			cred := &otp.Credential{Key: key}
			for i := range 3 { // enroll, then sign in twice
				step, wait, err := a.plan("app")
				if err != nil {
					t.Fatal(err)
				}
				now = now.Add(wait)
				code, _ := a.code("app", step)
				if _, err := v.Verify(cred, code, now); err != nil {
					t.Errorf("skew %d, +%ds, code %d: refused: %v", skew, offset, i, err)
				}
			}
		}
	}
}

func TestValueRedacted(t *testing.T) {
	t.Parallel()
	v := Text("hunter2-secret", true)
	for _, s := range []string{v.String(), v.GoString(), v.LogValue().String()} {
		if s == "hunter2-secret" || !strings.Contains(s, redact.Word) {
			t.Errorf("secret value printed as %q", s)
		}
	}
	b, _ := v.MarshalJSON()
	if string(b) != `"REDACTED"` {
		t.Errorf("MarshalJSON = %s", b)
	}
	if got := scrub("token hunter2-secret here", redact.Set{Values: []string{"hunter2-secret"}}); got != "token REDACTED here" {
		t.Errorf("scrub = %q", got)
	}
}

// TestAuthenticatorScanned: the export gets the keys in scan order, a key scanned
// again once, and an HOTP key's counter past the codes already typed (an app given
// the scanned counter would show a code the site has used).
func TestAuthenticatorScanned(t *testing.T) {
	t.Parallel()
	secret := otp.Secret("12345678901234567890")
	a := newAuthenticator(time.Now, 1)
	a.add("totp", &otp.Key{Type: otp.TypeTOTP, Secret: secret, Period: 30})
	hotp := &otp.Key{Type: otp.TypeHOTP, Secret: secret, Counter: 5}
	a.add("hotp", hotp)
	a.add("totp", &otp.Key{Type: otp.TypeTOTP, Secret: secret, Period: 60})
	for range 2 {
		step, _, err := a.plan("hotp")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.code("hotp", step); err != nil {
			t.Fatal(err)
		}
	}
	got := a.scanned()
	if len(got) != 2 || got[0].Name != "totp" || got[1].Name != "hotp" {
		t.Fatalf("scanned %+v, want totp then hotp", got)
	}
	if got[0].Key.Period != 60 {
		t.Errorf("totp: period %d, want the later scan's 60", got[0].Key.Period)
	}
	if got[1].Key.Counter != 7 || hotp.Counter != 5 {
		t.Errorf("hotp: exported counter %d (scanned key now %d), want 7 (5 untouched): codes 5 and 6 were typed", got[1].Key.Counter, hotp.Counter)
	}
}

package otp

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// t0 is the start of a time step, far from 1970.
var t0 = time.Unix(1111111110, 0) // step 37037037 with period 30

func testKey(t *testing.T) *Key {
	t.Helper()
	k, err := Parse("otpauth://totp/ACME:alice?secret=" + secret20 + "&issuer=ACME")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestVerifySkew(t *testing.T) {
	t.Parallel()
	k := testKey(t)
	now := k.Step(t0)
	for _, skew := range []int{0, 1, 3} {
		for offset := -2; offset <= 2; offset++ {
			t.Run(fmt.Sprintf("skew %d offset %+d", skew, offset), func(t *testing.T) {
				t.Parallel()
				step := uint64(int64(now) + int64(offset))
				c := &Credential{Key: k}
				got, err := Verifier{Skew: skew}.Verify(c, k.CodeAt(step), t0)
				inWindow := offset >= -skew && offset <= skew
				switch {
				case inWindow && err != nil:
					t.Fatalf("Verify = %v, want accepted", err)
				case inWindow && (got != step || c.LastStep != step || !c.Accepted):
					t.Fatalf("Verify matched step %d (credential %d, %v), want %d", got, c.LastStep, c.Accepted, step)
				case !inWindow && !errors.Is(err, ErrWrongCode):
					t.Fatalf("Verify = %d, %v, want ErrWrongCode", got, err)
				case !inWindow && c.Accepted:
					t.Fatal("a refused code changed the credential")
				}
			})
		}
	}
}

func TestVerifyReplay(t *testing.T) {
	t.Parallel()
	k := testKey(t)
	v := NewVerifier()
	now := k.Step(t0)
	type attempt struct {
		step uint64 // the code typed is the code of this step
		at   time.Time
		want error
	}
	tests := []struct {
		name     string
		attempts []attempt
	}{
		{"same code twice in one step", []attempt{
			{now, t0, nil},
			{now, t0.Add(10 * time.Second), ErrReplayed},
		}},
		{"same code again in the next step, still inside the window", []attempt{
			{now, t0, nil},
			{now, t0.Add(30 * time.Second), ErrReplayed},
		}},
		{"next step's code after this one is accepted", []attempt{
			{now, t0, nil},
			{now + 1, t0.Add(30 * time.Second), nil},
		}},
		{"earlier step after a later one was accepted", []attempt{
			{now + 1, t0, nil},
			{now, t0, ErrReplayed},
			{now - 1, t0, ErrReplayed},
		}},
		{"wrong code does not move the credential", []attempt{
			{now + 5, t0, ErrWrongCode},
			{now - 1, t0, nil},
			{now, t0, nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &Credential{Key: k}
			for i, a := range tt.attempts {
				_, err := v.Verify(c, k.CodeAt(a.step), a.at)
				if !errors.Is(err, a.want) || (a.want == nil && err != nil) {
					t.Fatalf("attempt %d (step %+d): Verify = %v, want %v", i, int64(a.step-now), err, a.want)
				}
			}
		})
	}
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	k := testKey(t)
	code := k.Code(t0)
	for _, in := range []string{"", "12345", "1234567", "12a456", code + "0", "１２３４５６"} {
		_, err := NewVerifier().Verify(&Credential{Key: k}, in, t0)
		if !errors.Is(err, ErrWrongCode) {
			t.Errorf("Verify(%q) = %v, want ErrWrongCode", in, err)
		}
	}
	if _, err := NewVerifier().Verify(&Credential{Key: k}, code[:3]+" "+code[3:], t0); err != nil {
		t.Errorf("Verify with a space = %v", err)
	}
	if _, err := NewVerifier().Verify(&Credential{}, code, t0); err == nil {
		t.Error("Verify without a key succeeded")
	}
	bad := &Key{Secret: k.Secret, Digits: 4}
	var pe *ParamError
	if _, err := NewVerifier().Verify(&Credential{Key: bad}, "1234", t0); !errors.As(err, &pe) || pe.Param != "digits" {
		t.Errorf("Verify with 4 digits = %v, want a digits ParamError", err)
	}
}

func TestVerifyHOTP(t *testing.T) {
	t.Parallel()
	k := &Key{Type: TypeHOTP, Secret: Secret("12345678901234567890"), Counter: 3}
	c := &Credential{Key: k}
	v := Verifier{Skew: 2}
	if step, err := v.Verify(c, "338314", t0); err != nil || step != 4 { // counter 4: look-ahead 1
		t.Fatalf("counter 4: %d, %v", step, err)
	}
	if k.Counter != 5 || c.LastStep != 4 {
		t.Fatalf("after counter 4: Counter %d LastStep %d", k.Counter, c.LastStep)
	}
	if _, err := v.Verify(c, "338314", t0); !errors.Is(err, ErrReplayed) {
		t.Errorf("counter 4 again: %v, want ErrReplayed", err)
	}
	if _, err := v.Verify(c, "969429", t0); !errors.Is(err, ErrWrongCode) { // counter 3: behind, not the last used
		t.Errorf("counter 3: %v, want ErrWrongCode", err)
	}
	if _, err := v.Verify(c, "399871", t0); !errors.Is(err, ErrWrongCode) { // counter 8: beyond 5+2
		t.Errorf("counter 8: %v, want ErrWrongCode", err)
	}
	if step, err := v.Verify(c, "162583", t0); err != nil || step != 7 { // counter 7 = 5+2
		t.Errorf("counter 7: %d, %v", step, err)
	}
}

func TestStepAndCodeAt(t *testing.T) {
	t.Parallel()
	k := &Key{Secret: Secret("12345678901234567890"), Period: 60}
	if got := k.Step(time.Unix(119, 0)); got != 1 {
		t.Errorf("Step(119) = %d, want 1", got)
	}
	if got := k.Step(time.Unix(-5, 0)); got != 0 {
		t.Errorf("Step before 1970 = %d, want 0", got)
	}
	if got := k.StepStart(2); !got.Equal(time.Unix(120, 0)) {
		t.Errorf("StepStart(2) = %v", got)
	}
	if k.Code(time.Unix(119, 0)) != k.CodeAt(1) || HOTP(k.Secret, 1, 0, SHA1) != "287082" {
		t.Error("Code, CodeAt and HOTP disagree")
	}
	if HOTP(k.Secret, 1, 11, SHA1) != "" || HOTP(k.Secret, 1, 6, Algorithm(9)) != "" || HOTP(k.Secret, 1, -1, SHA1) != "" {
		t.Error("HOTP with invalid parameters returned a code")
	}
}

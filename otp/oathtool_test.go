package otp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// oathtool returns the path of oathtool (OATH Toolkit), skipping the test when it is
// absent locally and failing it when env CI is set.
func oathtool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("oathtool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("oathtool is required in CI: %v (apt-get install oathtool)", err)
		}
		t.Skip("oathtool not installed; the cross-check runs in CI")
	}
	return p
}

// runOathtool returns the codes oathtool prints, one per line.
func runOathtool(t *testing.T, path string, args ...string) []string {
	t.Helper()
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("oathtool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}

// TestOathtoolTOTP compares codes with oathtool over random keys of every algorithm,
// digit count and a range of periods, several consecutive steps per key (oathtool -w),
// with secrets from 10 to 100 bytes (longer than the hash block, so the key is hashed).
func TestOathtoolTOTP(t *testing.T) {
	t.Parallel()
	path := oathtool(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x6f7470))
	const window = 4 // oathtool prints window+1 codes
	compared := 0
	for _, alg := range []Algorithm{SHA1, SHA256, SHA512} {
		for digits := 6; digits <= 8; digits++ {
			for _, period := range []int{1, 15, 30, 60, 90, 3600} {
				for range 3 {
					secret := make(Secret, 10+rng.IntN(91))
					for i := range secret {
						secret[i] = byte(rng.Uint32())
					}
					k := &Key{Secret: secret, Algorithm: alg, Digits: digits, Period: period}
					at := time.Unix(rng.Int64N(1<<33), 0)
					got := runOathtool(t, path, "--totp="+strings.ToLower(alg.String()),
						"-d", strconv.Itoa(digits), "-s", strconv.Itoa(period)+"s",
						"-N", fmt.Sprintf("@%d", at.Unix()), "-w", strconv.Itoa(window),
						"--base32", secret.Base32())
					if len(got) != window+1 {
						t.Fatalf("oathtool printed %d codes, want %d", len(got), window+1)
					}
					for i, want := range got {
						if ours := k.CodeAt(k.Step(at) + uint64(i)); ours != want {
							t.Errorf("%s %d digits %d s, %d-byte secret, step %d: ours %s, oathtool %s",
								alg, digits, period, len(secret), k.Step(at)+uint64(i), ours, want)
						}
						compared++
					}
				}
			}
		}
	}
	t.Logf("compared %d TOTP codes with oathtool", compared)
}

// TestOathtoolHOTP compares HOTP (SHA1, the only algorithm oathtool has for HOTP).
func TestOathtoolHOTP(t *testing.T) {
	t.Parallel()
	path := oathtool(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x686f7470))
	const window = 9
	compared := 0
	for digits := 6; digits <= 8; digits++ {
		for range 4 {
			secret := make(Secret, 10+rng.IntN(91))
			for i := range secret {
				secret[i] = byte(rng.Uint32())
			}
			counter := rng.Uint64N(1 << 40)
			got := runOathtool(t, path, "--hotp", "-d", strconv.Itoa(digits),
				"-c", strconv.FormatUint(counter, 10), "-w", strconv.Itoa(window), "--base32", secret.Base32())
			if len(got) != window+1 {
				t.Fatalf("oathtool printed %d codes, want %d", len(got), window+1)
			}
			for i, want := range got {
				if ours := HOTP(secret, counter+uint64(i), digits, SHA1); ours != want {
					t.Errorf("%d digits, %d-byte secret, counter %d: ours %s, oathtool %s",
						digits, len(secret), counter+uint64(i), ours, want)
				}
				compared++
			}
		}
	}
	t.Logf("compared %d HOTP codes with oathtool", compared)
}

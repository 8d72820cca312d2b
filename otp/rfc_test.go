package otp

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"hash"
	"strings"
	"testing"
	"time"
)

// RFC 4226 Appendix D: secret "12345678901234567890", SHA1, 6 digits.
func TestHOTPRFC4226(t *testing.T) {
	t.Parallel()
	secret := Secret("12345678901234567890")
	want := []string{
		"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489",
	}
	for counter, w := range want {
		if got := HOTP(secret, uint64(counter), 6, SHA1); got != w {
			t.Errorf("HOTP(counter %d) = %s, want %s", counter, got, w)
		}
	}
}

// RFC 6238 Appendix B, with the seeds of its reference code: 20, 32 and 64 bytes.
func TestTOTPRFC6238(t *testing.T) {
	t.Parallel()
	seed := "12345678901234567890"
	seeds := map[Algorithm]Secret{
		SHA1:   Secret(seed),
		SHA256: Secret(strings.Repeat(seed, 2)[:32]),
		SHA512: Secret(strings.Repeat(seed, 4)[:64]),
	}
	tests := []struct {
		unix int64
		alg  Algorithm
		want string
	}{
		{59, SHA1, "94287082"}, {59, SHA256, "46119246"}, {59, SHA512, "90693936"},
		{1111111109, SHA1, "07081804"}, {1111111109, SHA256, "68084774"}, {1111111109, SHA512, "25091201"},
		{1111111111, SHA1, "14050471"}, {1111111111, SHA256, "67062674"}, {1111111111, SHA512, "99943326"},
		{1234567890, SHA1, "89005924"}, {1234567890, SHA256, "91819424"}, {1234567890, SHA512, "93441116"},
		{2000000000, SHA1, "69279037"}, {2000000000, SHA256, "90698825"}, {2000000000, SHA512, "38618901"},
		{20000000000, SHA1, "65353130"}, {20000000000, SHA256, "77737706"}, {20000000000, SHA512, "47863826"},
	}
	for _, tt := range tests {
		t.Run(tt.alg.String()+"/"+time.Unix(tt.unix, 0).UTC().Format(time.RFC3339), func(t *testing.T) {
			t.Parallel()
			k := &Key{Secret: seeds[tt.alg], Algorithm: tt.alg, Digits: 8, Period: 30}
			if got := k.Code(time.Unix(tt.unix, 0)); got != tt.want {
				t.Errorf("Code = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestHMACMatchesStdlib checks the stack HMAC against crypto/hmac for key lengths on
// both sides of each hash's block size.
func TestHMACMatchesStdlib(t *testing.T) {
	t.Parallel()
	hashes := map[Algorithm]func() hash.Hash{SHA1: sha1.New, SHA256: sha256.New, SHA512: sha512.New}
	for alg, h := range hashes {
		for n := 0; n <= 200; n += 7 {
			key := make([]byte, n)
			for i := range key {
				key[i] = byte(i*31 + n)
			}
			for _, counter := range []uint64{0, 1, 1 << 33, ^uint64(0)} {
				m := hmac.New(h, key)
				var msg [8]byte
				binary.BigEndian.PutUint64(msg[:], counter)
				m.Write(msg[:])
				var dst [sha512.Size]byte
				if got, want := hmacCounter(&dst, alg, key, counter), m.Sum(nil); !bytes.Equal(got, want) {
					t.Fatalf("%s key %d bytes counter %d: %x, want %x", alg, n, counter, got, want)
				}
			}
		}
	}
}

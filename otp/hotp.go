package otp

import (
	"crypto/sha512"
	"encoding/binary"
)

// MinDigits and MaxDigits bound the code length that HOTP computes. The Key URI format
// and Parse accept only 6 to 8 digits (RFC 4226 §5.3 asks for at least 6).
const (
	MinDigits = 1
	MaxDigits = 10
)

// HOTP returns the RFC 4226 code of secret at counter: HMAC(secret, counter), dynamically
// truncated to 31 bits, reduced modulo 10^digits and zero-padded to digits characters.
// digits 0 means 6. It returns "" when digits is outside 0..10 or alg is not a valid
// Algorithm (Key.Validate says why), so a misconfigured key cannot produce a plausible
// code. TOTP (RFC 6238) is HOTP with counter = the time step; see Key.Code.
func HOTP(secret Secret, counter uint64, digits int, alg Algorithm) string {
	var buf [MaxDigits]byte
	return string(appendHOTP(&buf, secret, counter, digits, alg))
}

// appendHOTP writes the code into buf and returns it, allocating nothing; nil when the
// parameters are invalid.
func appendHOTP(buf *[MaxDigits]byte, secret []byte, counter uint64, digits int, alg Algorithm) []byte {
	if digits == 0 {
		digits = 6
	}
	if digits < MinDigits || digits > MaxDigits || !alg.Valid() {
		return nil
	}
	var sum [sha512.Size]byte
	mac := hmacCounter(&sum, alg, secret, counter)
	off := mac[len(mac)-1] & 0x0f
	v := uint64(binary.BigEndian.Uint32(mac[off:off+4]) & 0x7fffffff)
	for i := digits - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return buf[:digits]
}

// hmacCounter computes HMAC(key, counter as 8 big-endian bytes) (RFC 2104) on the
// stack: crypto/hmac allocates two hash states per call, which dominates the cost of a
// six-digit code.
func hmacCounter(dst *[sha512.Size]byte, alg Algorithm, key []byte, counter uint64) []byte {
	block, size := alg.sizes()
	var k [sha512.BlockSize]byte
	if len(key) > block {
		copy(k[:], alg.sum(dst, key))
	} else {
		copy(k[:], key)
	}
	// buf holds one block of padded key followed by the message (8 bytes) or the inner
	// hash (size bytes).
	var buf [sha512.BlockSize + sha512.Size]byte
	for i := 0; i < block; i++ {
		buf[i] = k[i] ^ 0x36
	}
	binary.BigEndian.PutUint64(buf[block:], counter)
	inner := alg.sum(dst, buf[:block+8])
	copy(buf[block:], inner)
	for i := 0; i < block; i++ {
		buf[i] = k[i] ^ 0x5c
	}
	return alg.sum(dst, buf[:block+size])
}

package otp

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"strconv"
	"strings"
)

// Algorithm is the HMAC hash function of a key. The zero value is SHA1, the default of
// RFC 4226 and of the Key URI format.
type Algorithm int

// The algorithms of RFC 6238.
const (
	SHA1   Algorithm = iota // HMAC-SHA-1, 20-byte MAC (the default)
	SHA256                  // HMAC-SHA-256, 32-byte MAC
	SHA512                  // HMAC-SHA-512, 64-byte MAC
)

// String returns the name the Key URI format uses ("SHA1", "SHA256", "SHA512"), or
// "Algorithm(n)" for a value that is none of them.
func (a Algorithm) String() string {
	switch a {
	case SHA1:
		return "SHA1"
	case SHA256:
		return "SHA256"
	case SHA512:
		return "SHA512"
	}
	return "Algorithm(" + strconv.Itoa(int(a)) + ")"
}

// Valid reports whether a is SHA1, SHA256 or SHA512.
func (a Algorithm) Valid() bool { return a == SHA1 || a == SHA256 || a == SHA512 }

// ParseAlgorithm reads an algorithm name as the Key URI format writes it. Case does not
// matter ("sha256" is SHA256); any other spelling, such as "SHA-256", is an error rather
// than a silent SHA1.
func ParseAlgorithm(s string) (Algorithm, error) {
	switch strings.ToUpper(s) {
	case "SHA1":
		return SHA1, nil
	case "SHA256":
		return SHA256, nil
	case "SHA512":
		return SHA512, nil
	}
	return 0, &unknownAlgorithmError{name: s}
}

type unknownAlgorithmError struct{ name string }

func (e *unknownAlgorithmError) Error() string {
	return "unknown algorithm " + quote(e.name) + " (want SHA1, SHA256 or SHA512)"
}

// blockSize and size of each algorithm's hash, and its one-shot sum into dst.
func (a Algorithm) sizes() (block, size int) {
	switch a {
	case SHA256:
		return sha256.BlockSize, sha256.Size
	case SHA512:
		return sha512.BlockSize, sha512.Size
	}
	return sha1.BlockSize, sha1.Size
}

// sum hashes data into dst (at least 64 bytes) and returns the used prefix.
func (a Algorithm) sum(dst *[sha512.Size]byte, data []byte) []byte {
	switch a {
	case SHA256:
		s := sha256.Sum256(data)
		return dst[:copy(dst[:], s[:])]
	case SHA512:
		*dst = sha512.Sum512(data)
		return dst[:]
	}
	s := sha1.Sum(data)
	return dst[:copy(dst[:], s[:])]
}

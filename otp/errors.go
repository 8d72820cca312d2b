package otp

import (
	"errors"
	"fmt"
)

// ParamError is a query parameter of an otpauth:// URI that Parse refuses, or a Key
// field that Validate refuses, named as the URI parameter ("secret", "algorithm",
// "digits", "period", "counter", "issuer"). Its text never contains the secret.
type ParamError struct {
	Param string // the parameter name, lower-case
	Err   error  // why it is refused
}

// Error returns otpauth: parameter "NAME": REASON.
func (e *ParamError) Error() string {
	return fmt.Sprintf("otpauth: parameter %q: %v", e.Param, e.Err)
}

// Unwrap returns the reason, so errors.Is(err, ErrNotBase32) works.
func (e *ParamError) Unwrap() error { return e.Err }

// URIError is a part of an otpauth:// URI outside its query that Parse refuses:
// Part is "scheme", "type" or "label".
type URIError struct {
	Part string
	Err  error
}

// Error returns otpauth: PART: REASON.
func (e *URIError) Error() string { return fmt.Sprintf("otpauth: %s: %v", e.Part, e.Err) }

// Unwrap returns the reason.
func (e *URIError) Unwrap() error { return e.Err }

// ErrMissing is the reason of a ParamError for a required parameter that is absent.
var ErrMissing = errors.New("missing")

func digitsRangeError(d int) error {
	return fmt.Errorf("%d is out of range (want 6, 7 or 8)", d)
}

func periodRangeError(p int64) error {
	return fmt.Errorf("must be a positive number of seconds, got %d", p)
}

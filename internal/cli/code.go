package cli

import (
	"context"
	"errors"
)

// runCode is `enroll code`; the otp work fills it in.
func runCode(ctx context.Context, env *Env, args []string) error {
	return errors.New("not implemented yet")
}

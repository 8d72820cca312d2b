package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

const codeUsage = `Usage: enroll code [--at UNIX_SECONDS] URI

Prints the code an authenticator app would show for an otpauth:// URI: for totp the
code at --at (default: now), for hotp the code of its counter. URI "-" reads the URI
from the first line of stdin, which keeps the secret out of shell history and ps.
A malformed URI is an error naming the parameter (exit 2).

Flags:`

// runCode is `enroll code`: the authenticator app on the command line.
func runCode(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll code", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	at := fl.String("at", "", "compute the code at this time, in Unix seconds (default: now)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, codeUsage)
		fl.PrintDefaults()
	}
	// Flags may come before or after the URI.
	pos, err := parseArgs(fl, args)
	if errors.Is(err, errHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return usagef("want one otpauth:// URI, got %d arguments", len(pos))
	}

	now := time.Now()
	if *at != "" {
		sec, err := strconv.ParseInt(strings.TrimPrefix(*at, "@"), 10, 64)
		if err != nil {
			return usagef("--at %q: not a number of Unix seconds", *at)
		}
		now = time.Unix(sec, 0)
	}

	uri := pos[0]
	if uri == "-" {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return usagef("reading the URI from stdin: %v", err)
		}
		uri = strings.TrimSpace(line)
	}
	k, err := otp.Parse(uri)
	if err != nil {
		return &UsageError{Err: err}
	}
	_, err = fmt.Fprintln(env.Stdout, k.Code(now))
	return err
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/otp"
)

const codeUsage = `Usage: enroll code [--at UNIX_SECONDS] URI|FILE|-

Prints the code an authenticator app would show: for totp the code at --at (default:
now), for hotp the code of its counter. It reads an otpauth:// URI, or a file that
'enroll run --export' writes or an app exports: an Aegis plain vault (aegis.json), a
2FAS backup (.2fas), a Google Authenticator otpauth-migration:// URI, a text file of
URIs. "-" reads any of these from stdin, which keeps the secret out of shell history
and ps. One URI prints its code alone; a vault, a backup or a migration prints a line
per account: the code, then "issuer: account". A malformed input is an error naming
the parameter or the entry, never a secret (exit 2).

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
		return usagef("want one otpauth:// URI, file or -, got %d arguments", len(pos))
	}

	now := time.Now()
	if *at != "" {
		sec, err := strconv.ParseInt(strings.TrimPrefix(*at, "@"), 10, 64)
		if err != nil {
			return usagef("--at %q: not a number of Unix seconds", *at)
		}
		now = time.Unix(sec, 0)
	}

	data, err := codeInput(env, pos[0])
	if err != nil {
		return err
	}
	keys, collection, err := readKeys(data)
	if err != nil {
		if pos[0] != "-" && !isURI(pos[0]) {
			err = fmt.Errorf("%s: %w", pos[0], err)
		}
		return &UsageError{Err: err}
	}
	if len(keys) == 1 && !collection {
		_, err = fmt.Fprintln(env.Stdout, keys[0].Code(now))
		return err
	}
	for _, k := range keys {
		if _, err := fmt.Fprintf(env.Stdout, "%s  %s\n", k.Code(now), export.Label(k)); err != nil {
			return err
		}
	}
	return nil
}

// maxCodeInput bounds what `enroll code` reads: a vault of a thousand accounts is
// well under it.
const maxCodeInput = 16 << 20

// codeInput returns what `enroll code` was given to read: the URI argument, stdin for
// "-", or the content of a file.
func codeInput(env *Env, arg string) ([]byte, error) {
	switch {
	case arg == "-":
		b, err := io.ReadAll(io.LimitReader(env.Stdin, maxCodeInput))
		if err != nil {
			return nil, usagef("reading stdin: %v", err)
		}
		return b, nil
	case isURI(arg):
		return []byte(arg), nil
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, usagef("%s: cannot be read (want an otpauth:// URI, a file or -): %v", arg, pathless(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCodeInput))
	if err != nil {
		return nil, usagef("%s: %v", arg, pathless(err))
	}
	return b, nil
}

// isURI reports whether arg is a URI rather than a file name.
func isURI(arg string) bool {
	scheme, _, ok := strings.Cut(arg, "://")
	return ok && !strings.ContainsAny(scheme, "/.")
}

// readKeys reads the keys of a URI or a file, and whether they came as a collection
// (a vault, a backup, a migration batch). A lone URI is parsed as such, so its errors
// have no line number.
func readKeys(data []byte) ([]*otp.Key, bool, error) {
	text := strings.TrimSpace(string(data))
	lower := strings.ToLower(text)
	switch {
	case strings.Contains(text, "\n"):
	case strings.HasPrefix(lower, "otpauth://"):
		k, err := otp.Parse(text)
		if err != nil {
			return nil, false, err
		}
		return []*otp.Key{k}, false, nil
	case strings.HasPrefix(lower, "otpauth-migration:"):
		keys, err := export.ParseMigration(text)
		return keys, true, err
	}
	keys, format, err := export.Read(data)
	return keys, format.Collection(), err
}

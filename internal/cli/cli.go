// Package cli is the enroll command line: it parses arguments, calls the packages that
// do the work, and decides exit codes in one place. main only wires signals to Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
)

// Exit codes of every enroll command.
const (
	ExitOK          = 0   // all flows passed; the command did what was asked
	ExitFailed      = 1   // a flow or a check failed
	ExitUsage       = 2   // bad usage, an invalid flow file, a malformed otpauth URI, an output that cannot be written
	ExitBrowser     = 3   // the browser could not be started, or crashed (a flow errored)
	ExitUndecided   = 4   // enroll conform: no check failed, but some could not tell (ERROR)
	ExitInternal    = 70  // a bug in enroll itself (a panic), as sysexits' EX_SOFTWARE
	ExitInterrupted = 130 // interrupted by SIGINT (Ctrl-C) or SIGTERM, as shells report Ctrl-C
)

// UsageError is an error in how enroll was called or in what it was given to read
// (a flag, a flow file, a URI). It exits with ExitUsage.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// usagef returns a UsageError with a formatted message.
func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// BrowserError is a failure to start or keep the browser. It exits with ExitBrowser.
type BrowserError struct{ Err error }

func (e *BrowserError) Error() string { return e.Err.Error() }
func (e *BrowserError) Unwrap() error { return e.Err }

// InternalError is a bug in enroll: a command panicked. It exits with ExitInternal,
// never with a code that blames the flow, the site or the user.
type InternalError struct {
	Value any    // what the command panicked with
	Stack []byte // where
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error, a bug in enroll (not in the site or the flow); please report it with what follows: %v\n%s", e.Value, e.Stack)
}

// errInterrupted reports that a run was stopped by SIGINT or SIGTERM. It exits with
// ExitInterrupted.
var errInterrupted = errors.New("interrupted")

// errFailed reports that the command ran and found failures it has already printed.
var errFailed = errors.New("failed")

// errUndecided reports that a conformance run found no failure, but some checks could
// not be carried out (ERROR): "could not probe", not "site broken".
var errUndecided = errors.New("some checks could not tell")

// ExitCode maps an error returned by a command to the process exit code.
func ExitCode(err error) int {
	var usage *UsageError
	var browser *BrowserError
	var internal *InternalError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &internal):
		return ExitInternal
	case errors.Is(err, errInterrupted):
		return ExitInterrupted
	case errors.Is(err, errUndecided):
		return ExitUndecided
	case errors.As(err, &usage):
		return ExitUsage
	case errors.As(err, &browser):
		return ExitBrowser
	default:
		return ExitFailed
	}
}

// Env is what a command may touch of the outside world. Tests build one with buffers.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// command is one enroll subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the table of subcommands; `enroll help` lists it.
var commands = map[string]command{
	"code":        {"print the current codes of an otpauth:// URI or an exported vault, like an authenticator app", runCode},
	"validate":    {"check flow files without running them", runValidate},
	"help-steps":  {"describe the actions a flow may use", runHelpSteps},
	"help-schema": {"print the JSON Schema of flow files", runHelpSchema},
	"run":         {"run flows in headless Chromium, against their bundled mock sites by default", runRun},
	"list":        {"list the bundled flows and mock sites", runList},
	"serve":       {"serve the bundled mock sites until interrupted", runServe},
	"conform":     {"check sites' two-factor security against RFC 4226/6238, reusing the flows", runConform},
	"draft":       {"write a starting flow from a written guide", runDraft},
	"docs":        {"render the guide from its flow: Markdown and HTML with fresh, masked screenshots", runDocs},
	"report":      {"merge the JSON reports of shards (enroll run --shard i/n) into one run: enroll report merge", runReport},
	"version":     {"print enroll's version and the browser a run would start, with its version", runVersion},
}

// Main runs enroll with args (without the program name) and returns the exit code.
func Main(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || (args[0] == "help" && len(args) == 1) {
		usage(env.Stdout)
		return ExitOK
	}
	name, rest := args[0], args[1:]
	if name == "help" {
		name, rest = rest[0], []string{"--help"}
		if name == "steps" || name == "schema" {
			name, rest = "help-"+name, args[2:]
		}
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "enroll: unknown command %q (run 'enroll help')\n", name)
		return ExitUsage
	}
	err := runCommand(ctx, env, cmd, rest)
	if err != nil && !errors.Is(err, errFailed) && !errors.Is(err, errUndecided) {
		fmt.Fprintf(env.Stderr, "enroll %s: %v\n", name, err)
	}
	return ExitCode(err)
}

// runCommand runs cmd and turns a panic in it into an InternalError, once the
// command's deferred clean-ups (the browser's close among them) have run. A panic in
// another goroutine still crashes the process.
func runCommand(ctx context.Context, env *Env, cmd command, args []string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &InternalError{Value: v, Stack: debug.Stack()}
		}
	}()
	return cmd.run(ctx, env, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "enroll turns written two-factor setup guides into runnable, checked flows.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: enroll COMMAND [flags] [args]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		if n != "help-steps" && n != "help-schema" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'enroll COMMAND --help' for a command's flags.")
}

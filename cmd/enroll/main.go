// Command enroll turns written two-factor setup guides into runnable, checked flows.
// See README.md; main only wires signals and the process environment to cli.Main.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/enroll-dev/enroll/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

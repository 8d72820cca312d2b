// Command proctime runs a command and reports its wall time and the CPU time (user and
// system) of the command and of every process it started, however deep:
//
//	proctime -o FILE -- COMMAND [ARG]...
//
// FILE gets one line, "wall user sys" in seconds; the command's exit status is proctime's.
//
// /usr/bin/time counts only the descendants that were waited for up the tree, and
// Chromium's helper processes are not: they are reparented when their parent exits, so
// /usr/bin/time saw 1.8 s of CPU where the run's cgroup counted 4.5 s (bench/peer/README.md).
// proctime makes itself the child subreaper (prctl PR_SET_CHILD_SUBREAPER), so every
// orphan of the command comes to it, waits for all of them, and reads RUSAGE_CHILDREN.
// Descendants still running 10 s after the command exited are reported and killed: a
// peer that leaves processes behind must not look cheap.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// linger is how long descendants may outlive the command before they are killed.
const linger = 10 * time.Second

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) < 4 || args[0] != "-o" || args[2] != "--" {
		fmt.Fprintln(os.Stderr, "usage: proctime -o FILE -- COMMAND [ARG]...")
		return 2
	}
	out, argv := args[1], args[3:]
	if err := setSubreaper(); err != nil {
		fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
		return 2
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
		return 127
	}
	status := 0
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
			return 2
		}
		status = exit.ExitCode()
		if status < 0 { // killed by a signal
			status = 128
		}
	}
	wall := time.Since(start)
	if n := reapAll(); n > 0 {
		fmt.Fprintf(os.Stderr, "proctime: killed %d process(es) the command left running %s after it exited\n", n, linger)
		if status == 0 {
			status = 3
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
		return 2
	}
	line := fmt.Sprintf("%.3f %.3f %.3f\n", wall.Seconds(), seconds(ru.Utime), seconds(ru.Stime))
	if err := os.WriteFile(out, []byte(line), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
		return 2
	}
	return status
}

// setSubreaper makes orphaned descendants children of this process.
func setSubreaper() error {
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", errno)
	}
	return nil
}

// reapAll waits for every remaining descendant (orphans come to this process); every
// linger, it kills those still running. It returns how many it had to kill.
func reapAll() int {
	var killed atomic.Int64
	var timer *time.Timer
	var mu sync.Mutex
	stopped := false
	var rearm func()
	rearm = func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		timer = time.AfterFunc(linger, func() {
			killed.Add(int64(killChildren()))
			rearm()
		})
	}
	rearm()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		timer.Stop()
	}()
	for {
		var ws syscall.WaitStatus
		_, err := syscall.Wait4(-1, &ws, 0, nil)
		if errors.Is(err, syscall.EINTR) || err == nil {
			continue
		}
		return int(killed.Load()) // ECHILD: none left
	}
}

// killChildren kills the processes whose parent is this process.
func killChildren() int {
	me := os.Getpid()
	entries, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscanf(e.Name(), "%d", &pid); err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		var comm string
		var state byte
		var ppid int
		// pid (comm) state ppid: comm has no spaces in Chromium's processes; a miss is harmless.
		if _, err := fmt.Sscanf(string(stat), "%d %s %c %d", &pid, &comm, &state, &ppid); err != nil || ppid != me {
			continue
		}
		if syscall.Kill(pid, syscall.SIGKILL) == nil {
			n++
		}
	}
	return n
}

func seconds(tv syscall.Timeval) float64 {
	return float64(tv.Sec) + float64(tv.Usec)/1e6
}

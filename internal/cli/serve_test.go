package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites"
)

func serveEnv(stdout io.Writer) (*Env, *bytes.Buffer) {
	var errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: &errb, Getenv: func(string) string { return "" }}, &errb
}

func TestServeCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	env, errb := serveEnv(&out)
	if code := Main(ctx, env, []string{"serve", "--quiet"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	sites := mocksites.Sites()
	if len(lines) != len(sites) {
		t.Fatalf("%d lines for %d sites:\n%s", len(lines), len(sites), out.String())
	}
	for i, s := range sites {
		f := strings.Fields(lines[i])
		if len(f) != 3 || f[0] != s.Name || !strings.HasPrefix(f[1], "http://127.0.0.1:") || f[2] != s.Account.Email {
			t.Errorf("line %q for site %s", lines[i], s.Name)
		}
	}
}

func TestServeUsage(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "nosuchsite"}, `unknown site "nosuchsite"`},
		{[]string{"serve", "--defect", "no-throttle", "--defect", "bogus", "20i"}, `unknown defect "bogus"`},
		{[]string{"serve", "--port", "1"}, "flag provided but not defined"},
	} {
		var out bytes.Buffer
		env, errb := serveEnv(&out)
		if code := Main(ctx, env, tc.args); code != ExitUsage || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errb)
		}
		if out.Len() != 0 {
			t.Errorf("%v: printed %q", tc.args, out.String())
		}
	}
}

// TestServeUntilInterrupted serves 20i with the control surface, fetches its sign-in
// page and control clock while it runs, then cancels the context as Ctrl-C does and
// checks that the server is gone.
func TestServeUntilInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	env, errb := serveEnv(pw)
	exit := make(chan int, 1)
	go func() { exit <- Main(ctx, env, []string{"serve", "--control", "20i"}); pw.Close() }()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(line)
	if len(f) != 3 || f[0] != "20i" {
		t.Fatalf("line %q", line)
	}
	for path, want := range map[string]string{"/login": "Log in to your 20i Account", "/_mock/clock": `"now"`} {
		resp, err := http.Get(f[1] + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), want) {
			t.Errorf("%s: %q not in %s", path, want, b)
		}
	}
	cancel()
	select {
	case code := <-exit:
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errb)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after the context was cancelled")
	}
	if _, err := http.Get(f[1] + "/login"); err == nil {
		t.Fatal("the site still answers after serve returned")
	}
	if strings.Contains(errb.String(), "Purple-Teal") {
		t.Fatal("the password was logged")
	}
}

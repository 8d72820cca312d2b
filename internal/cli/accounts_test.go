package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/flow"
)

// TestServeAccounts: --accounts N prints a line per seeded account, and --pool writes
// them as a pool file only its owner reads, which flow reads back.
func TestServeAccounts(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pool := filepath.Join(t.TempDir(), "pool.csv")
	var out bytes.Buffer
	env, errb := serveEnv(&out)
	if code := Main(ctx, env, []string{"serve", "--quiet", "--accounts", "3", "--pool", pool, "20i"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var emails []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "20i" {
			t.Fatalf("line %q", line)
		}
		emails = append(emails, f[2])
	}
	if got := strings.Join(emails, " "); got != "tester@20i.example tester+2@20i.example tester+3@20i.example" {
		t.Errorf("accounts printed: %s", got)
	}
	if strings.Contains(out.String(), "Purple") {
		t.Error("a password was printed")
	}
	if fi, err := os.Stat(pool); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("pool file: %v, %v", fi, err)
	}
	p, err := flow.ParsePoolFile(pool)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Accounts) != 3 || p.Accounts[2].Email != "tester+3@20i.example" || p.Accounts[2].Password.Reveal() != "Purple-Teal-2026!-3" || p.Accounts[2].Phone != "+447700900022" {
		t.Errorf("pool read back: %+v", p.Accounts)
	}
}

// TestAccountsUsage: bad pools and pool flags stop the command before any browser.
func TestAccountsUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("qa1@x.example,pw-1\nqa1@x.example,pw-2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	two := filepath.Join(dir, "two.csv")
	if err := os.WriteFile(two, []byte("qa1@x.example,pw-1\nqa2@x.example,pw-2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--accounts", "100", "20i"}, "--accounts 100: want 1 to 99"},
		{[]string{"serve", "--accounts", "2", "--pool", "p.csv"}, "--pool writes one site's accounts: name the site"},
		{[]string{"run", "--base-url", "http://127.0.0.1:1", "--accounts", bad, "20i"}, bad + ":2:1: qa1@x.example is already in the pool at line 1"},
		{[]string{"run", "--base-url", "http://127.0.0.1:1", "--accounts", filepath.Join(dir, "none.csv"), "20i"}, "--accounts " + filepath.Join(dir, "none.csv") + ": open"},
		{[]string{"run", "--base-url", "http://127.0.0.1:1", "--accounts", "20i=" + two, "--accounts", "20i=" + two, "20i"}, "a second pool for 20i"},
		{[]string{"run", "--base-url", "http://127.0.0.1:1", "--accounts", two, "--shard", "3/3", "20i", "leaseweb", "1password"},
			"account pool " + two + " has 2 accounts, too few for 3 shards"},
	} {
		var out bytes.Buffer
		env, errb := serveEnv(&out)
		if code := Main(ctx, env, tc.args); code != ExitUsage || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errb)
		}
		if strings.Contains(errb.String(), "pw-") {
			t.Errorf("%v: a password in %q", tc.args, errb)
		}
	}
}

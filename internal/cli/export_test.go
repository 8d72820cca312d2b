package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/export"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// TestCodeReadsExports: `enroll code` reads every file an export writes, and stdin,
// and prints the code of each account at --at: the same codes as the original keys,
// at several times.
func TestCodeReadsExports(t *testing.T) {
	t.Parallel()
	d, err := export.Open(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	app, err := otp.Parse("otpauth://totp/20i:tester%4020i.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=20i")
	if err != nil {
		t.Fatal(err)
	}
	hotp, err := otp.Parse("otpauth://hotp/RFC:4226?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RFC&counter=9&digits=8")
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Write("20i", &export.Bundle{Credentials: []export.Credential{{Name: "app", Key: app}, {Name: "hotp", Key: hotp}}})
	if err != nil {
		t.Fatal(err)
	}
	both := func(at time.Time) string {
		return app.Code(at) + "  20i: tester@20i.example\n" + hotp.Code(at) + "  RFC: 4226\n"
	}
	for _, at := range []time.Time{time.Unix(59, 0), time.Unix(1111111109, 0), time.Unix(1700000029, 0), time.Unix(1700000030, 0)} {
		tests := []struct {
			file, stdin, want string
		}{
			{file: "app.otpauth.txt", want: app.Code(at) + "\n"},
			{file: "hotp.otpauth.txt", want: hotp.Code(at) + "\n"},
			{file: export.AegisFile, want: both(at)},
			{file: export.TwoFASFile, want: both(at)},
			{file: export.MigrationFile, want: both(at)},
			{file: "-", stdin: mustRead(t, filepath.Join(res.Dir, export.AegisFile)), want: both(at)},
			{file: "-", stdin: mustRead(t, filepath.Join(res.Dir, export.MigrationFile)), want: both(at)},
			{file: "uri", want: both(at)},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%d", tt.file, at.Unix()), func(t *testing.T) {
				t.Parallel()
				arg := filepath.Join(res.Dir, tt.file)
				switch tt.file {
				case "-":
					arg = "-"
				case "uri":
					arg = strings.TrimSpace(mustRead(t, filepath.Join(res.Dir, export.MigrationFile)))
				}
				exit, stdout, stderr := runMain(t, tt.stdin, "--at", strconv.FormatInt(at.Unix(), 10), arg)
				if exit != ExitOK || stdout != tt.want || stderr != "" {
					t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", exit, stdout, stderr, tt.want)
				}
			})
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCodeRefusesFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	steam := filepath.Join(dir, "steam.json")
	if err := os.WriteFile(steam, []byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[{"type":"steam","uuid":"u","name":"Sophia","issuer":"Boeing","icon":null,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":5,"period":30}}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	tests := []struct {
		arg, want string
	}{
		{steam, "enroll code: " + steam + `: aegis vault: entry 1 (Boeing: Sophia): type "steam" is not totp or hotp` + "\n"},
		{missing, "enroll code: " + missing + ": cannot be read (want an otpauth:// URI, a file or -): no such file or directory\n"},
		{"otpauth-migration://offline?data=CjYKEExy", "enroll code: migration URI: truncated\n"},
	}
	for _, tt := range tests {
		exit, stdout, stderr := runMain(t, "", tt.arg)
		if exit != ExitUsage || stdout != "" || stderr != tt.want {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%q\nwant exit 2 and\n%q", filepath.Base(tt.arg), exit, stdout, stderr, tt.want)
		}
		if strings.Contains(stderr, "JBSWY3DP") {
			t.Error("the error shows the secret")
		}
	}
}

// TestRunExportChecks: --export is checked before the browser starts, like the other
// outputs: a folder others can open is refused, one missing outside the working folder
// too; a missing one inside it is created with mode 0700 and the warning is printed.
func TestRunExportChecks(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("open", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod("open", 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "missing", "out")
	for _, tt := range []struct{ dir, want string }{
		{"open", "enroll run: export folder open: other users can open it (mode 0755): it would hold live secrets; run chmod 700 open, or name a new folder\n"},
		{outside, "enroll run: --export " + outside + ": folder " + filepath.Dir(outside) + " does not exist (outside the working folder enroll creates none: create it first, mode 0700)\n"},
	} {
		code, _, stderr := enroll(t, "run", "--chrome", "/nonexistent/chromium", "--export", tt.dir, "20i")
		if code != ExitUsage || stderr != tt.want {
			t.Errorf("--export %s: exit %d, stderr:\n%s\nwant exit 2 and:\n%s", tt.dir, code, stderr, tt.want)
		}
	}
	// The browser is missing: exit 3 shows the folder was accepted.
	code, _, stderr := enroll(t, "run", "--chrome", "/nonexistent/chromium", "--export", "new/out", "20i")
	if code != ExitBrowser {
		t.Fatalf("exit %d, want 3; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "enroll run: warning: --export new/out will hold live secrets") {
		t.Errorf("no warning on stderr:\n%s", stderr)
	}
	fi, err := os.Stat("new/out")
	if err != nil || fi.Mode().Perm() != export.DirMode {
		t.Errorf("new/out: %v, %v; want a folder of mode 0700", fi, err)
	}
}

// TestExportedSaysWhereNeverWhat: after the run, stderr names each flow's export
// folder, the formats left out and why, and an export that failed is exit 3.
func TestExportedSaysWhereNeverWhat(t *testing.T) {
	t.Parallel()
	res := &report.Run{Flows: []*report.Flow{
		{File: "flows/20i.yaml", Export: &report.Export{Dir: "out/20i", Files: []string{"a", "b"},
			Refused: []string{"google authenticator cannot carry x: its period is 60 s (the format has no period: the app uses 30 s)"}}},
		{File: "flows/leaseweb-sms.yaml"},
		{File: "flows/leaseweb.yaml", Export: &report.Export{Dir: "out/leaseweb", Error: "export: open out/leaseweb/aegis.json: no space left on device"}},
	}}
	var stderr strings.Builder
	err := exported(&Env{Stderr: &stderr}, res)
	want := "enroll run: 20i: exported to out/20i (2 files, live secrets)\n" +
		"enroll run: 20i: google authenticator cannot carry x: its period is 60 s (the format has no period: the app uses 30 s)\n" +
		"enroll run: leaseweb: the export could not be written: export: open out/leaseweb/aegis.json: no space left on device\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if ExitCode(err) != ExitBrowser {
		t.Errorf("exit %d (%v), want 3", ExitCode(err), err)
	}
	res.Flows = res.Flows[:2]
	if err := exported(&Env{Stderr: &strings.Builder{}}, res); err != nil {
		t.Errorf("exported without a failure = %v", err)
	}
}

package cli

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// rfcSHA256 is RFC 6238's SHA256 key (32 bytes) with 8 digits.
const rfcSHA256 = "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=RFC&algorithm=SHA256&digits=8"

func runMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Main(context.Background(), env, append([]string{"code"}, args...))
	return code, out.String(), errb.String()
}

func TestCode(t *testing.T) {
	t.Parallel()
	const hotp = "otpauth://hotp/RFC:4226?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RFC&counter=9"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		exit   int
		stdout string
		stderr string // exact, when set
	}{
		{name: "rfc 6238 sha256 at 59", args: []string{"--at", "59", rfcSHA256}, stdout: "46119246\n"},
		{name: "flag after the uri", args: []string{rfcSHA256, "--at=1111111109"}, stdout: "68084774\n"},
		{name: "single dash flag and @", args: []string{"-at", "@2000000000", rfcSHA256}, stdout: "90698825\n"},
		{name: "hotp uses its counter", args: []string{"--at", "59", hotp}, stdout: "520489\n"},
		{name: "uri from stdin", stdin: rfcSHA256 + "\n", args: []string{"--at", "59", "-"}, stdout: "46119246\n"},
		{
			name: "unknown algorithm", args: []string{"--at", "59", "otpauth://totp/a?secret=JBSWY3DP&algorithm=SHA-256"},
			exit:   ExitUsage,
			stderr: "enroll code: otpauth: parameter \"algorithm\": unknown algorithm \"SHA-256\" (want SHA1, SHA256 or SHA512)\n",
		},
		{
			name: "bad secret names the parameter, not the secret", args: []string{"otpauth://totp/a?secret=SECRET01"},
			exit:   ExitUsage,
			stderr: "enroll code: otpauth: parameter \"secret\": not base32: character 7 is not A-Z or 2-7\n",
		},
		{
			name: "hotp without counter", args: []string{"otpauth://hotp/a?secret=JBSWY3DP"},
			exit:   ExitUsage,
			stderr: "enroll code: otpauth: parameter \"counter\": missing (an hotp key needs one)\n",
		},
		{
			name: "bad --at", args: []string{"--at", "yesterday", rfcSHA256},
			exit:   ExitUsage,
			stderr: "enroll code: --at \"yesterday\": not a number of Unix seconds\n",
		},
		{name: "no uri", args: nil, exit: ExitUsage},
		{name: "two uris", args: []string{rfcSHA256, rfcSHA256}, exit: ExitUsage},
		{name: "empty stdin", args: []string{"-"}, exit: ExitUsage},
		{name: "help", args: []string{"--help"}, exit: ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			exit, stdout, stderr := runMain(t, tt.stdin, tt.args...)
			if exit != tt.exit {
				t.Errorf("exit = %d, want %d (stderr %q)", exit, tt.exit, stderr)
			}
			if stdout != tt.stdout {
				t.Errorf("stdout = %q, want %q", stdout, tt.stdout)
			}
			if tt.stderr != "" && stderr != tt.stderr {
				t.Errorf("stderr =\n%q\nwant\n%q", stderr, tt.stderr)
			}
			if tt.exit == ExitOK && tt.stdout != "" && stderr != "" {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
		})
	}
}

// TestCodeNow: without --at the command reads the clock; the code must be the one of
// the step around the call (checked against both neighbours of a step boundary).
func TestCodeNow(t *testing.T) {
	t.Parallel()
	k, err := otp.Parse(rfcSHA256)
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	exit, stdout, stderr := runMain(t, "", rfcSHA256)
	after := time.Now()
	if exit != ExitOK {
		t.Fatalf("exit %d: %s", exit, stderr)
	}
	got := strings.TrimSpace(stdout)
	if got != k.Code(before) && got != k.Code(after) {
		t.Errorf("code %s is neither %s nor %s", got, k.Code(before), k.Code(after))
	}
	if _, err := strconv.Atoi(got); err != nil || len(got) != 8 {
		t.Errorf("stdout %q is not 8 digits alone", stdout)
	}
}

package export

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
)

// seeded is a deterministic source of secrets and UUIDs.
func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	s[0] = byte(seed)
	return rand.NewChaCha8(s)
}

func generate(t *testing.T, seed uint64, issuer, account string) *otp.Key {
	t.Helper()
	k, err := otp.GenerateKey(seeded(seed), issuer, account)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testDir(t *testing.T) *Dir {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	d.Rand = seeded(99)
	d.Now = func() time.Time { return time.Unix(1700000000, 0) }
	return d
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestOpen(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	open := filepath.Join(root, "open")
	if err := os.Mkdir(open, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o750); err != nil { // group may enter: refused too
		t.Fatal(err)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	private := filepath.Join(root, "private")
	if err := os.Mkdir(private, 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, err string }{
		{"new, with a new parent", filepath.Join(root, "a", "out"), ""},
		{"existing private", private, ""},
		{"readable by others", open, "export folder " + open + ": other users can open it (mode 0750): it would hold live secrets; run chmod 700 " + open + ", or name a new folder"},
		{"a file", file, "export folder: mkdir " + file + ": not a directory"},
		{"empty", "", "export folder: empty path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open(tt.path)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("Open: %v", err)
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Fatalf("Open error = %v, want %q", err, tt.err)
			case tt.err == "":
				if m := mode(t, d.Path()); m != DirMode {
					t.Errorf("mode %04o, want %04o", m, DirMode)
				}
			}
		})
	}
}

// TestWriteRoundTrip writes two generated keys and recovery codes, checks the files,
// their modes and that nothing else appeared, then reads every file back (the PNGs
// through the QR decoder) and compares codes with the original keys at several times.
func TestWriteRoundTrip(t *testing.T) {
	t.Parallel()
	d := testDir(t)
	app := generate(t, 1, "20i", "tester@20i.example")
	backup := generate(t, 2, "20i", "backup phone")
	backup.Digits = 8
	b := &Bundle{
		Credentials: []Credential{{Name: "app", Key: app}, {Name: "Backup Phone", Key: backup}},
		Recovery:    []Codes{{Name: "codes", Codes: []string{"abcde-12345", "fghij-67890"}}},
	}
	res, err := d.Write("20i", b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"app.otpauth.txt", "app.otpauth.png", "backup-phone.otpauth.txt", "backup-phone.otpauth.png",
		AegisFile, TwoFASFile, MigrationFile, MigrationQRFile, RecoveryCodesFile}
	if !slices.Equal(res.Files, want) || res.Dir != filepath.Join(d.Path(), "20i") || len(res.Refused) != 0 {
		t.Fatalf("Write = %+v, want files %v", res, want)
	}
	if m := mode(t, res.Dir); m != DirMode {
		t.Errorf("%s: mode %04o, want %04o", res.Dir, m, DirMode)
	}
	entries, err := os.ReadDir(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if slices.Sort(names); !slices.Equal(names, sorted(want)) {
		t.Errorf("folder holds %v, want %v (no temporary file left)", names, sorted(want))
	}
	originals := []*otp.Key{app, backup}
	for _, f := range want {
		path := filepath.Join(res.Dir, f)
		if m := mode(t, path); m != FileMode {
			t.Errorf("%s: mode %04o, want %04o", f, m, FileMode)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case f == RecoveryCodesFile:
			if string(data) != "# codes\nabcde-12345\nfghij-67890\n" {
				t.Errorf("%s = %q", f, data)
			}
			continue
		case strings.HasSuffix(f, ".png"):
			text, err := qr.DecodeBytes(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			data = []byte(text)
		}
		keys, _, err := Read(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		wantKeys := originals
		if strings.HasPrefix(f, "app.") {
			wantKeys = originals[:1]
		} else if strings.HasPrefix(f, "backup-phone.") {
			wantKeys = originals[1:]
		}
		expectSameCodes(t, f, keys, wantKeys)
	}
}

// expectSameCodes checks keys read back carry the originals: equal, and the same codes
// at every test time.
func expectSameCodes(t *testing.T, file string, got, want []*otp.Key) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d keys, want %d", file, len(got), len(want))
	}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("%s: key %d differs from the original", file, i+1)
		}
		for _, at := range codeTimes {
			if g, w := got[i].Code(at), want[i].Code(at); g != w || g == "" {
				t.Errorf("%s: key %d at %d: code %q, the original makes %q", file, i+1, at.Unix(), g, w)
			}
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestWriteRefusesMigration: a 60 s key is exported in every format but Google
// Authenticator's, and the result says why without the secret.
func TestWriteRefusesMigration(t *testing.T) {
	t.Parallel()
	d := testDir(t)
	k := generate(t, 3, "ACME", "alice")
	k.Period = 60
	res, err := d.Write("acme", &Bundle{Credentials: []Credential{{Name: "app", Key: k}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"app.otpauth.txt", "app.otpauth.png", AegisFile, TwoFASFile}; !slices.Equal(res.Files, want) {
		t.Errorf("files %v, want %v", res.Files, want)
	}
	want := "google authenticator cannot carry ACME: alice: its period is 60 s (the format has no period: the app uses 30 s)"
	if !slices.Equal(res.Refused, []string{want}) {
		t.Errorf("Refused = %q, want %q", res.Refused, want)
	}
}

// TestWriteReplacesTheLastExport: files of an earlier export that this one does not
// write go; a file the user put there stays; a folder opened to others is refused.
func TestWriteReplacesTheLastExport(t *testing.T) {
	t.Parallel()
	d := testDir(t)
	two := &Bundle{Credentials: []Credential{{Name: "one", Key: generate(t, 4, "A", "a")}, {Name: "two", Key: generate(t, 5, "B", "b")}}}
	if _, err := d.Write("f", two); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(d.Path(), "f", "notes.txt")
	if err := os.WriteFile(mine, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Write("f", &Bundle{Credentials: two.Credentials[:1]}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"two.otpauth.txt", "two.otpauth.png"} {
		if _, err := os.Stat(filepath.Join(d.Path(), "f", gone)); !os.IsNotExist(err) {
			t.Errorf("%s of the last export is still there (%v)", gone, err)
		}
	}
	if b, err := os.ReadFile(mine); err != nil || !bytes.Equal(b, []byte("keep")) {
		t.Errorf("the user's file was touched: %q, %v", b, err)
	}
	if err := os.Chmod(filepath.Join(d.Path(), "f"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := d.Write("f", two)
	if err == nil || !strings.Contains(err.Error(), "other users can open it (mode 0755)") {
		t.Errorf("Write into an open folder: %v", err)
	}
	if res, err := d.Write("empty", &Bundle{}); res != nil || err != nil {
		t.Errorf("an empty bundle wrote %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(d.Path(), "empty")); !os.IsNotExist(err) {
		t.Errorf("an empty bundle made a folder (%v)", err)
	}
}

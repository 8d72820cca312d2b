package export

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/internal/qr"
	"github.com/enroll-dev/enroll/otp"
)

// Modes of what an export writes: only its owner may read it.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// QRModulePx is the module size of the PNG QR codes written: 8 px, large enough for a
// phone camera pointed at a screen.
const QRModulePx = 8

// Names of the files written for every flow (credential files are NAME.otpauth.txt and
// NAME.otpauth.png, NAME being the flow's name for the credential).
const (
	AegisFile         = "aegis.json"
	TwoFASFile        = "backup.2fas"
	MigrationFile     = "google-authenticator.txt"
	MigrationQRFile   = "google-authenticator.png"
	RecoveryCodesFile = "recovery-codes.txt"
	otpauthSuffix     = ".otpauth.txt"
	otpauthQRSuffix   = ".otpauth.png"
)

// written matches every name Write gives, so a new export replaces the last one's
// files and leaves anything else in the folder alone.
var written = regexp.MustCompile(`^([a-z0-9_-]+\.otpauth\.(txt|png)|aegis\.json|backup\.2fas|google-authenticator\.(txt|png)|recovery-codes\.txt)$`)

// Dir is an export folder, private to its owner: Open creates it with DirMode, or
// refuses it when other users can read or enter it.
type Dir struct {
	path string
	// Rand is where Aegis entry UUIDs come from (crypto/rand when nil), Now the time
	// stamped in the 2FAS backup (time.Now when nil): tests set both.
	Rand io.Reader
	Now  func() time.Time
}

// Open returns the export folder at path, creating it (and missing parents) with mode
// 0700. An existing folder must belong to the current user and be closed to others
// (no group or other permission bits): the files hold live secrets.
func Open(path string) (*Dir, error) {
	if path == "" {
		return nil, errors.New("export folder: empty path")
	}
	if err := os.MkdirAll(path, DirMode); err != nil {
		return nil, fmt.Errorf("export folder: %w", err)
	}
	if err := checkPrivate(path); err != nil {
		return nil, err
	}
	return &Dir{path: path}, nil
}

// Path returns the folder's path as given to Open.
func (d *Dir) Path() string { return d.path }

// checkPrivate refuses a folder that others could read.
func checkPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("export folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("export folder %s: not a folder", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("export folder %s: other users can open it (mode %04o): it would hold live secrets; run chmod 700 %s, or name a new folder", path, perm, path)
	}
	if err := checkOwner(fi); err != nil {
		return fmt.Errorf("export folder %s: %w", path, err)
	}
	return nil
}

// Credential is a key a flow scanned, under the flow's name for it (`scan-qr: { as:
// app }`).
type Credential struct {
	Name string
	Key  *otp.Key
}

// Codes is a list of recovery codes a flow captured, under the flow's name for it.
type Codes struct {
	Name  string
	Codes []string
}

// Bundle is what one flow hands over: its credentials and recovery codes.
type Bundle struct {
	Credentials []Credential
	Recovery    []Codes
}

// Empty reports whether there is nothing to write.
func (b *Bundle) Empty() bool { return len(b.Credentials) == 0 && len(b.Recovery) == 0 }

// Result says what Write wrote, never what is in it: the folder, the file names, and
// for each format it left out, why (a key Google Authenticator cannot carry).
type Result struct {
	Dir     string
	Files   []string // names inside Dir
	Refused []string // why a format was not written
}

// Write writes a flow's bundle into the subfolder name (created with DirMode), each
// file with FileMode, replacing the files of an earlier export there: per credential
// its otpauth:// URI and QR code, then all the credentials as an Aegis vault, a 2FAS
// backup and a Google Authenticator migration URI and QR code, and the recovery codes.
// A key Google Authenticator cannot carry leaves out the migration files, with the
// reason in Result.Refused. An empty bundle writes nothing.
func (d *Dir) Write(name string, b *Bundle) (*Result, error) {
	if b.Empty() {
		return nil, nil
	}
	if name == "" || name != filepath.Base(name) || name == "." || name == ".." {
		return nil, fmt.Errorf("export: bad folder name %q", name)
	}
	dir := filepath.Join(d.path, name)
	if err := os.Mkdir(dir, DirMode); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := checkPrivate(dir); err != nil {
		return nil, err
	}
	if err := clearExport(dir); err != nil {
		return nil, fmt.Errorf("export: removing the last export: %w", err)
	}
	res := &Result{Dir: dir}
	put := func(file string, data []byte) error {
		if err := writePrivate(filepath.Join(dir, file), data); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		res.Files = append(res.Files, file)
		return nil
	}
	var keys []*otp.Key
	for _, c := range b.Credentials {
		keys = append(keys, c.Key)
		uri := c.Key.URI()
		png, err := qr.PNG(uri, QRModulePx)
		if err != nil {
			return res, fmt.Errorf("export: %s: qr code: %w", c.Name, err)
		}
		base := fileName(c.Name)
		if err := put(base+otpauthSuffix, []byte(uri+"\n")); err != nil {
			return res, err
		}
		if err := put(base+otpauthQRSuffix, png); err != nil {
			return res, err
		}
	}
	if len(keys) > 0 {
		if err := d.writeCollections(keys, put, res); err != nil {
			return res, err
		}
	}
	if len(b.Recovery) > 0 {
		var text strings.Builder
		for _, c := range b.Recovery {
			fmt.Fprintf(&text, "# %s\n", c.Name)
			for _, code := range c.Codes {
				text.WriteString(code + "\n")
			}
		}
		if err := put(RecoveryCodesFile, []byte(text.String())); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeCollections writes the formats that hold all the flow's keys at once.
func (d *Dir) writeCollections(keys []*otp.Key, put func(string, []byte) error, res *Result) error {
	rnd, now := d.Rand, d.Now
	if rnd == nil {
		rnd = rand.Reader
	}
	if now == nil {
		now = time.Now
	}
	aegis, err := Aegis(keys, rnd)
	if err != nil {
		return fmt.Errorf("export: aegis vault: %w", err)
	}
	if err := put(AegisFile, aegis); err != nil {
		return err
	}
	twofas, err := TwoFAS(keys, now())
	if err != nil {
		return fmt.Errorf("export: 2fas backup: %w", err)
	}
	if err := put(TwoFASFile, twofas); err != nil {
		return err
	}
	uri, err := MigrationURI(keys)
	var unc *UncarriableError
	if errors.As(err, &unc) {
		res.Refused = append(res.Refused, err.Error())
		return nil
	} else if err != nil {
		return fmt.Errorf("export: migration URI: %w", err)
	}
	png, err := qr.PNG(uri, QRModulePx)
	if err != nil {
		return fmt.Errorf("export: migration qr code: %w", err)
	}
	if err := put(MigrationFile, []byte(uri+"\n")); err != nil {
		return err
	}
	return put(MigrationQRFile, png)
}

var notFileName = regexp.MustCompile(`[^a-z0-9_-]+`)

// fileName turns a credential's name into a file name part.
func fileName(name string) string {
	s := strings.Trim(notFileName.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if s == "" {
		s = "credential"
	}
	return s
}

// clearExport removes the files an earlier export wrote into dir.
func clearExport(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Type().IsRegular() && written.MatchString(e.Name()) {
			errs = append(errs, os.Remove(filepath.Join(dir, e.Name())))
		}
	}
	return errors.Join(errs...)
}

// writePrivate writes a file readable by its owner only: into a new temporary file
// (created 0600) renamed over path, so no other mode is ever seen and a symbolic link
// at path is replaced, not followed.
func writePrivate(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp, FileMode)); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/enroll-dev/enroll/otp"
)

// Format is one of the formats Read recognises.
type Format int

// The formats this package writes and reads.
const (
	OTPAuth    Format = iota // otpauth:// URIs, one per line
	Migration                // Google Authenticator otpauth-migration:// URIs, one per line
	AegisJSON                // a plain Aegis vault
	TwoFASJSON               // a plain 2FAS backup (.2fas)
)

// String names the format as messages do.
func (f Format) String() string {
	switch f {
	case OTPAuth:
		return "otpauth URI"
	case Migration:
		return "google authenticator migration URI"
	case AegisJSON:
		return "aegis vault"
	case TwoFASJSON:
		return "2fas backup"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Collection reports whether the format is a collection of accounts (a vault, a
// backup, a migration batch) rather than a single key's URI.
func (f Format) Collection() bool { return f != OTPAuth }

// Read reads keys from the content of any file this package writes, or that Aegis,
// 2FAS or Google Authenticator exports in these formats: a JSON object is an Aegis
// vault (it has "db") or a 2FAS backup (it has "services"); text is otpauth:// or
// otpauth-migration:// URIs, one per line (blank lines and lines starting with # are
// skipped). No error contains a secret.
func Read(data []byte) ([]*otp.Key, Format, error) {
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("{")) {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &probe); err != nil {
			return nil, AegisJSON, fmt.Errorf("a JSON file: %w", jsonError(err))
		}
		switch {
		case probe["db"] != nil:
			keys, err := ParseAegis(trimmed)
			return keys, AegisJSON, err
		case probe["services"] != nil || probe["servicesEncrypted"] != nil:
			keys, err := ParseTwoFAS(trimmed)
			return keys, TwoFASJSON, err
		}
		return nil, AegisJSON, errors.New("a JSON file that is neither an Aegis vault (no \"db\") nor a 2FAS backup (no \"services\")")
	}
	var keys []*otp.Key
	format := OTPAuth
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var (
			got []*otp.Key
			err error
		)
		if _, ok := cutPrefixFold(line, "otpauth-migration:"); ok {
			format = Migration
			got, err = ParseMigration(line)
		} else {
			var k *otp.Key
			k, err = otp.Parse(line)
			got = []*otp.Key{k}
		}
		if err != nil {
			return nil, format, fmt.Errorf("line %d: %w", i+1, err)
		}
		keys = append(keys, got...)
	}
	if len(keys) == 0 {
		return nil, format, errors.New("no otpauth:// URI, migration URI, Aegis vault or 2FAS backup in it")
	}
	return keys, format, nil
}

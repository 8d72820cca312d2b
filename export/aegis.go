package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/enroll-dev/enroll/otp"
)

// The plain (unencrypted) Aegis vault, as beemdevelopment/Aegis docs/vault.md
// describes it: a header whose slots and params are null says "not encrypted", and db
// is then the content object itself.
type (
	aegisVault struct {
		Version int             `json:"version"`
		Header  aegisHeader     `json:"header"`
		DB      json.RawMessage `json:"db"`
	}
	aegisHeader struct {
		Slots  json.RawMessage `json:"slots"`
		Params json.RawMessage `json:"params"`
	}
	aegisDB struct {
		Version int          `json:"version"`
		Entries []aegisEntry `json:"entries"`
	}
	aegisEntry struct {
		Type   string    `json:"type"`
		UUID   string    `json:"uuid"`
		Name   string    `json:"name"`
		Issuer string    `json:"issuer"`
		Icon   *string   `json:"icon"`
		Info   aegisInfo `json:"info"`
	}
	aegisInfo struct {
		Secret  string  `json:"secret"`
		Algo    string  `json:"algo"`
		Digits  int     `json:"digits"`
		Period  *int    `json:"period,omitempty"`
		Counter *uint64 `json:"counter,omitempty"`
	}
)

// Aegis returns the keys as a plain Aegis vault (JSON, indented as Aegis' test data
// is), each entry with a random version 4 UUID read from rand. The vault holds the
// secrets in clear.
func Aegis(keys []*otp.Key, rand io.Reader) ([]byte, error) {
	db := aegisDB{Version: 1, Entries: []aegisEntry{}}
	for _, k := range keys {
		if err := checkWritable(k); err != nil {
			return nil, err
		}
		id, err := uuid4(rand)
		if err != nil {
			return nil, err
		}
		e := aegisEntry{
			Type: k.Type.String(), UUID: id, Name: k.Account, Issuer: k.Issuer,
			Info: aegisInfo{Secret: k.Secret.Base32(), Algo: k.Algorithm.String(), Digits: k.EffectiveDigits()},
		}
		e.Info.Period, e.Info.Counter = periodOrCounter(k)
		db.Entries = append(db.Entries, e)
	}
	body, err := json.Marshal(db)
	if err != nil {
		return nil, err
	}
	null := json.RawMessage("null")
	v := aegisVault{Version: 1, Header: aegisHeader{Slots: null, Params: null}, DB: body}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// periodOrCounter returns a TOTP key's period or an HOTP key's counter, the other nil:
// the formats write one or the other.
func periodOrCounter(k *otp.Key) (*int, *uint64) {
	if k.Type == otp.TypeHOTP {
		c := k.Counter
		return nil, &c
	}
	p := k.EffectivePeriod()
	return &p, nil
}

// ParseAegis reads a plain Aegis vault. An encrypted vault, or an entry of a type other
// than totp and hotp (steam, yandex, motp), is an error naming the entry.
func ParseAegis(data []byte) ([]*otp.Key, error) {
	var v aegisVault
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("aegis vault: %w", jsonError(err))
	}
	if v.Version != 1 {
		return nil, fmt.Errorf("aegis vault: version %d (want 1)", v.Version)
	}
	if !isNull(v.Header.Slots) || !isNull(v.Header.Params) || bytes.HasPrefix(bytes.TrimSpace(v.DB), []byte(`"`)) {
		return nil, errors.New("aegis vault: encrypted (export it from Aegis without encryption)")
	}
	var db aegisDB
	if err := json.Unmarshal(v.DB, &db); err != nil {
		return nil, fmt.Errorf("aegis vault: db: %w", jsonError(err))
	}
	if db.Version != 1 && db.Version != 2 && db.Version != 3 {
		return nil, fmt.Errorf("aegis vault: db version %d (want 1 to 3)", db.Version)
	}
	var keys []*otp.Key
	for i, e := range db.Entries {
		k, err := aegisKey(e)
		if err != nil {
			return nil, fmt.Errorf("aegis vault: entry %d (%s): %w", i+1, Label(&otp.Key{Issuer: e.Issuer, Account: e.Name}), err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("aegis vault: no entries")
	}
	return keys, nil
}

func aegisKey(e aegisEntry) (*otp.Key, error) {
	k := &otp.Key{Issuer: e.Issuer, Account: e.Name, Digits: e.Info.Digits}
	switch e.Type {
	case "totp":
		k.Type = otp.TypeTOTP
		if e.Info.Period == nil {
			return nil, errors.New("no period")
		}
		k.Period = *e.Info.Period
		if k.Period <= 0 {
			return nil, fmt.Errorf("period %d is not positive", k.Period)
		}
	case "hotp":
		k.Type = otp.TypeHOTP
		if e.Info.Counter == nil {
			return nil, errors.New("no counter")
		}
		k.Counter = *e.Info.Counter
	default:
		return nil, fmt.Errorf("type %q is not totp or hotp", e.Type)
	}
	return finishKey(k, e.Info.Secret, e.Info.Algo)
}

// finishKey decodes the secret and algorithm of a key read from a file and checks it.
func finishKey(k *otp.Key, secret, algo string) (*otp.Key, error) {
	s, err := otp.DecodeSecret(secret)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	k.Secret = s
	if algo != "" {
		if k.Algorithm, err = otp.ParseAlgorithm(algo); err != nil {
			return nil, err
		}
	}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// uuid4 returns a random (version 4) UUID read from rand.
func uuid4(rand io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(rand, b[:]); err != nil {
		return "", fmt.Errorf("uuid: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

func isNull(m json.RawMessage) bool {
	s := strings.TrimSpace(string(m))
	return s == "" || s == "null"
}

// jsonError keeps a JSON error's position and kind but never the text it quotes (a
// value in a vault may be a secret).
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("not JSON (offset %d)", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("field %q is a JSON %s, want %s", typ.Field, typ.Value, typ.Type)
	}
	return errors.New("not JSON")
}

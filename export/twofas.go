package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// TwoFASSchema is the schemaVersion of the 2FAS backups this package writes.
const TwoFASSchema = 4

// A 2FAS backup (.2fas), schema version 4, as the 2FAS Android app exports it (see
// its BackupContent and BackupService). Every field the app declares without a
// default is written, null where it does not apply, so the app's strict decoder
// accepts the file.
type (
	twofasBackup struct {
		Services          []twofasService `json:"services"`
		Groups            []struct{}      `json:"groups"`
		UpdatedAt         int64           `json:"updatedAt"`
		SchemaVersion     int             `json:"schemaVersion"`
		AppVersionCode    int             `json:"appVersionCode"`
		AppVersionName    string          `json:"appVersionName"`
		AppOrigin         string          `json:"appOrigin"`
		ServicesEncrypted *string         `json:"servicesEncrypted,omitempty"`
	}
	twofasService struct {
		Name          string      `json:"name"`
		Secret        string      `json:"secret"`
		UpdatedAt     int64       `json:"updatedAt"`
		ServiceTypeID *string     `json:"serviceTypeID"`
		OTP           twofasOTP   `json:"otp"`
		Order         twofasOrder `json:"order"`
		Badge         *struct{}   `json:"badge"`
		Icon          *struct{}   `json:"icon"`
		GroupID       *string     `json:"groupId"`
	}
	twofasOTP struct {
		Link      string  `json:"link"`
		Label     string  `json:"label"`
		Account   string  `json:"account"`
		Issuer    string  `json:"issuer"`
		Digits    *int    `json:"digits"`
		Period    *int    `json:"period"`
		Algorithm string  `json:"algorithm"`
		Counter   *uint64 `json:"counter"`
		TokenType string  `json:"tokenType"`
		Source    string  `json:"source"`
	}
	twofasOrder struct {
		Position int `json:"position"`
	}
)

// TwoFAS returns the keys as a plain 2FAS backup (.2fas JSON, schema version 4),
// stamped with now. The backup holds the secrets in clear.
func TwoFAS(keys []*otp.Key, now time.Time) ([]byte, error) {
	ms := now.UnixMilli()
	b := twofasBackup{Services: []twofasService{}, Groups: []struct{}{}, UpdatedAt: ms,
		SchemaVersion: TwoFASSchema, AppOrigin: "android"}
	for i, k := range keys {
		if err := checkWritable(k); err != nil {
			return nil, err
		}
		name := k.Issuer
		if name == "" {
			name = k.Account
		}
		digits := k.EffectiveDigits()
		s := twofasService{
			Name: name, Secret: k.Secret.Base32(), UpdatedAt: ms,
			OTP: twofasOTP{
				Link: k.URI(), Label: k.Account, Account: k.Account, Issuer: k.Issuer,
				Digits: &digits, Algorithm: k.Algorithm.String(),
				TokenType: strings.ToUpper(k.Type.String()), Source: "Link",
			},
			Order: twofasOrder{Position: i},
		}
		s.OTP.Period, s.OTP.Counter = periodOrCounter(k)
		b.Services = append(b.Services, s)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// ParseTwoFAS reads a plain 2FAS backup. An encrypted backup, or a service whose token
// type is not TOTP or HOTP (STEAM), is an error naming the service.
func ParseTwoFAS(data []byte) ([]*otp.Key, error) {
	var b struct {
		Services          []twofasService `json:"services"`
		SchemaVersion     int             `json:"schemaVersion"`
		ServicesEncrypted *string         `json:"servicesEncrypted"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("2fas backup: %w", jsonError(err))
	}
	if b.ServicesEncrypted != nil {
		return nil, errors.New("2fas backup: encrypted (export it from 2FAS without a password)")
	}
	if b.SchemaVersion < 1 || b.SchemaVersion > TwoFASSchema {
		return nil, fmt.Errorf("2fas backup: schemaVersion %d (want 1 to %d)", b.SchemaVersion, TwoFASSchema)
	}
	var keys []*otp.Key
	for i, s := range b.Services {
		k, err := twofasKey(s)
		if err != nil {
			return nil, fmt.Errorf("2fas backup: service %d (%s): %w", i+1, s.Name, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("2fas backup: no services")
	}
	return keys, nil
}

func twofasKey(s twofasService) (*otp.Key, error) {
	o := s.OTP
	k := &otp.Key{Issuer: o.Issuer, Account: o.Account, Digits: otp.DefaultDigits}
	if k.Account == "" {
		k.Account = o.Label
	}
	// The service name is the issuer, or the account when a key has no issuer (as
	// TwoFAS writes it).
	if k.Issuer == "" && s.Name != k.Account {
		k.Issuer = s.Name
	}
	if o.Digits != nil {
		k.Digits = *o.Digits
	}
	switch strings.ToUpper(o.TokenType) {
	case "TOTP", "":
		k.Type, k.Period = otp.TypeTOTP, otp.DefaultPeriod
		if o.Period != nil {
			k.Period = *o.Period
		}
		if k.Period <= 0 {
			return nil, fmt.Errorf("period %d is not positive", k.Period)
		}
	case "HOTP":
		k.Type = otp.TypeHOTP
		if o.Counter != nil {
			k.Counter = *o.Counter
		}
	default:
		return nil, fmt.Errorf("token type %q is not TOTP or HOTP", o.TokenType)
	}
	return finishKey(k, s.Secret, o.Algorithm)
}

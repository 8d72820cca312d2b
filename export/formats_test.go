package export

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	photp "github.com/pquerna/otp/hotp"
	ptotp "github.com/pquerna/otp/totp"

	"github.com/enroll-dev/enroll/otp"
)

// fixtureKey is one account of the apps' test data, as its fields are written there.
type fixtureKey struct {
	uuid, issuer, account, secret, algo string
	hotp                                bool
	digits, period                      int
	counter                             uint64
}

// appAccounts are the TOTP and HOTP accounts of Aegis' test vault
// (app/src/test/resources/com/beemdevelopment/aegis/importers/aegis_plain.json), which
// the 2FAS export in the same folder (2fas_authenticator_plain_v4.2fas) also holds, but
// for SPDX and Airbnb. The steam entry of both is left out: enroll computes no Steam
// codes. testdata/ reproduces both files field by field without it.
var appAccounts = []fixtureKey{
	{uuid: "3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d", issuer: "Deno", account: "Mason", secret: "4SJHB4GSD43FZBAI7C2HLRJGPQ", algo: "SHA1", digits: 6, period: 30},
	{uuid: "84b55971-a3d2-4173-a5bb-0aea113dbc17", issuer: "SPDX", account: "James", secret: "5OM4WOOGPLQEF6UGN3CPEOOLWU", algo: "SHA256", digits: 7, period: 20},
	{uuid: "3deaff2e-f181-4837-80e1-fdf0c54e9363", issuer: "Airbnb", account: "Elijah", secret: "7ELGJSGXNCCTV3O6LKJWYFV2RA", algo: "SHA512", digits: 8, period: 50},
	{uuid: "0a8c0571-ff6f-4b02-aa4b-50553b4fb4fe", issuer: "Issuu", account: "James", secret: "YOOMIXWS5GN6RTBPUFFWKTW5M4", algo: "SHA1", digits: 6, hotp: true, counter: 1},
	{uuid: "03e572f2-8ebd-44b0-a57e-e958af74815d", issuer: "Air Canada", account: "Benjamin", secret: "KUVJJOM753IHTNDSZVCNKL7GII", algo: "SHA256", digits: 7, hotp: true, counter: 50},
	{uuid: "b25f8815-007f-40f7-a700-ce058ac05435", issuer: "WWE", account: "Mason", secret: "5VAML3X35THCEBVRLV24CGBKOY", algo: "SHA512", digits: 8, hotp: true, counter: 10300},
}

// codeTimes are the moments codes are compared at: RFC 6238's test times and the
// start, middle and last second of a 30 s step.
var codeTimes = []time.Time{
	time.Unix(59, 0), time.Unix(1111111109, 0), time.Unix(1234567890, 0), time.Unix(2000000000, 0),
	time.Unix(1700000010, 0), time.Unix(1700000025, 0), time.Unix(1700000039, 0),
}

// independentCode computes what an app shows for a fixture account with
// github.com/pquerna/otp, from the fixture's own fields: not through package otp.
func independentCode(t *testing.T, f fixtureKey, at time.Time) string {
	t.Helper()
	alg := map[string]potp.Algorithm{"SHA1": potp.AlgorithmSHA1, "SHA256": potp.AlgorithmSHA256, "SHA512": potp.AlgorithmSHA512}[f.algo]
	var (
		code string
		err  error
	)
	if f.hotp {
		code, err = photp.GenerateCodeCustom(f.secret, f.counter, photp.ValidateOpts{Digits: potp.Digits(f.digits), Algorithm: alg})
	} else {
		code, err = ptotp.GenerateCodeCustom(f.secret, at, ptotp.ValidateOpts{Period: uint(f.period), Digits: potp.Digits(f.digits), Algorithm: alg})
	}
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// expectAccounts checks keys read from a file against fixture accounts, field by field
// and by the codes they make.
func expectAccounts(t *testing.T, keys []*otp.Key, want []fixtureKey) {
	t.Helper()
	if len(keys) != len(want) {
		t.Fatalf("read %d keys, want %d", len(keys), len(want))
	}
	for i, w := range want {
		k := keys[i]
		typ := otp.TypeTOTP
		if w.hotp {
			typ = otp.TypeHOTP
		}
		if k.Type != typ || k.Issuer != w.issuer || k.Account != w.account || k.Secret.Base32() != w.secret ||
			k.Algorithm.String() != w.algo || k.EffectiveDigits() != w.digits {
			t.Errorf("key %d = %v %q %q %s %d, want %+v", i+1, k.Type, k.Issuer, k.Account, k.Algorithm, k.EffectiveDigits(), w)
		}
		if w.hotp && k.Counter != w.counter {
			t.Errorf("key %d counter = %d, want %d", i+1, k.Counter, w.counter)
		}
		if !w.hotp && k.EffectivePeriod() != w.period {
			t.Errorf("key %d period = %d, want %d", i+1, k.EffectivePeriod(), w.period)
		}
		for _, at := range codeTimes {
			if got, want := k.Code(at), independentCode(t, w, at); got != want {
				t.Errorf("key %d (%s) at %d: code %s, pquerna/otp says %s", i+1, w.issuer, at.Unix(), got, want)
			}
		}
	}
}

func fixtureKeys(t *testing.T, fs []fixtureKey) []*otp.Key {
	t.Helper()
	var keys []*otp.Key
	for _, f := range fs {
		s, err := otp.DecodeSecret(f.secret)
		if err != nil {
			t.Fatal(err)
		}
		alg, err := otp.ParseAlgorithm(f.algo)
		if err != nil {
			t.Fatal(err)
		}
		k := &otp.Key{Issuer: f.issuer, Account: f.account, Secret: s, Algorithm: alg, Digits: f.digits, Period: f.period}
		if f.hotp {
			k.Type, k.Counter = otp.TypeHOTP, f.counter
		}
		keys = append(keys, k)
	}
	return keys
}

// uuidBytes returns the bytes that make uuid4 produce the fixture's UUIDs, in order.
func uuidBytes(t *testing.T, fs []fixtureKey) *bytes.Reader {
	t.Helper()
	var b []byte
	for _, f := range fs {
		raw, err := hex.DecodeString(strings.ReplaceAll(f.uuid, "-", ""))
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, raw...)
	}
	return bytes.NewReader(b)
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAegisReadsTheAppsTestVault(t *testing.T) {
	t.Parallel()
	keys, format, err := Read(readFixture(t, "aegis_plain.json"))
	if err != nil || format != AegisJSON {
		t.Fatalf("Read = %v, %v", format, err)
	}
	expectAccounts(t, keys, appAccounts)
}

// TestAegisWritesTheAppsTestVault writes the fixture's accounts with its UUIDs and
// gets the app's test vault byte for byte (as Aegis indents it).
func TestAegisWritesTheAppsTestVault(t *testing.T) {
	t.Parallel()
	got, err := Aegis(fixtureKeys(t, appAccounts), uuidBytes(t, appAccounts))
	if err != nil {
		t.Fatal(err)
	}
	if want := readFixture(t, "aegis_plain.json"); !bytes.Equal(got, want) {
		t.Errorf("Aegis() =\n%s\nwant testdata/aegis_plain.json:\n%s", got, want)
	}
}

func TestTwoFASReadsTheAppsExport(t *testing.T) {
	t.Parallel()
	keys, format, err := Read(readFixture(t, "twofas_plain_v4.2fas"))
	if err != nil || format != TwoFASJSON {
		t.Fatalf("Read = %v, %v", format, err)
	}
	expectAccounts(t, keys, []fixtureKey{appAccounts[0], appAccounts[3], appAccounts[4], appAccounts[5]})
}

// TestTwoFASWritesWhatTheAppExports writes the 2FAS export's accounts and checks every
// field the app wrote for them (but the icons, which enroll does not choose, and the
// times) is written the same; the links hold the same keys.
func TestTwoFASWritesWhatTheAppExports(t *testing.T) {
	t.Parallel()
	accounts := []fixtureKey{appAccounts[0], appAccounts[3], appAccounts[4], appAccounts[5]}
	now := time.UnixMilli(1702934732299)
	got, err := TwoFAS(fixtureKeys(t, accounts), now)
	if err != nil {
		t.Fatal(err)
	}
	var mine, app map[string]any
	if err := json.Unmarshal(got, &mine); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readFixture(t, "twofas_plain_v4.2fas"), &app); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"schemaVersion", "updatedAt", "groups", "appOrigin"} {
		if !equalJSON(mine[field], app[field]) {
			t.Errorf("%s = %v, the app writes %v", field, mine[field], app[field])
		}
	}
	ms, as := mine["services"].([]any), app["services"].([]any)
	if len(ms) != len(as) {
		t.Fatalf("%d services, want %d", len(ms), len(as))
	}
	for i := range as {
		m, a := ms[i].(map[string]any), as[i].(map[string]any)
		for _, field := range []string{"name", "secret", "order"} {
			if !equalJSON(m[field], a[field]) {
				t.Errorf("service %d: %s = %v, the app writes %v", i+1, field, m[field], a[field])
			}
		}
		mo, ao := m["otp"].(map[string]any), a["otp"].(map[string]any)
		for field, want := range ao {
			if field == "link" {
				continue
			}
			if !equalJSON(mo[field], want) {
				t.Errorf("service %d: otp.%s = %v, the app writes %v", i+1, field, mo[field], want)
			}
		}
		mk, err1 := otp.Parse(mo["link"].(string))
		ak, err2 := otp.Parse(ao["link"].(string))
		if err1 != nil || err2 != nil || !mk.Equal(ak) {
			t.Errorf("service %d: otp.link holds another key than the app's (%v, %v)", i+1, err1, err2)
		}
		if m["updatedAt"] != float64(now.UnixMilli()) {
			t.Errorf("service %d: updatedAt = %v", i+1, m["updatedAt"])
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// gnomeVector is the migration URI of GNOME Authenticator's Google backup test
// (Discord, johndoe@example.com), as its test writes it.
const gnomeVector = "otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D"

var gnomeAccount = fixtureKey{issuer: "Discord", account: "johndoe@example.com", secret: "JRZCL47CMXVOQMNPZR2F7J4RGI", algo: "SHA1", digits: 6, period: 30}

func TestMigrationReadsGNOMEsVector(t *testing.T) {
	t.Parallel()
	keys, format, err := Read([]byte(gnomeVector + "\n"))
	if err != nil || format != Migration {
		t.Fatalf("Read = %v, %v", format, err)
	}
	expectAccounts(t, keys, []fixtureKey{gnomeAccount})
}

// TestMigrationWritesGNOMEsVector: the same account gives the same URI, byte for
// byte (version 1, batch 1 of 1, no batch id).
func TestMigrationWritesGNOMEsVector(t *testing.T) {
	t.Parallel()
	got, err := MigrationURI(fixtureKeys(t, []fixtureKey{gnomeAccount}))
	if err != nil {
		t.Fatal(err)
	}
	if got != gnomeVector {
		t.Errorf("MigrationURI =\n%s\nwant\n%s", got, gnomeVector)
	}
}

func TestMigrationRefusesWhatTheAppCannotCarry(t *testing.T) {
	t.Parallel()
	base := fixtureKey{issuer: "20i", account: "tester@20i.example", secret: "JBSWY3DPEHPK3PXP", algo: "SHA1", digits: 6, period: 30}
	tests := []struct {
		name string
		edit func(*fixtureKey)
		want string // the error, exactly; "" for accepted
	}{
		{"6 digits, 30 s, SHA1", func(*fixtureKey) {}, ""},
		{"8 digits", func(f *fixtureKey) { f.digits = 8 }, ""},
		{"hotp", func(f *fixtureKey) { f.hotp, f.period, f.counter = true, 0, 7 }, ""},
		{"hotp at 60 s is no period", func(f *fixtureKey) { f.hotp, f.period = true, 60 }, ""},
		{"60 s", func(f *fixtureKey) { f.period = 60 }, "google authenticator cannot carry 20i: tester@20i.example: its period is 60 s (the format has no period: the app uses 30 s)"},
		{"7 digits", func(f *fixtureKey) { f.digits = 7 }, "google authenticator cannot carry 20i: tester@20i.example: it has 7 digits (the format carries 6 or 8)"},
		{"sha256", func(f *fixtureKey) { f.algo = "SHA256" }, "google authenticator cannot carry 20i: tester@20i.example: its algorithm is SHA256 (the app computes SHA1 codes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := base
			tt.edit(&f)
			_, err := MigrationURI(fixtureKeys(t, []fixtureKey{f}))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("MigrationURI error = %q, want %q", got, tt.want)
			}
			if err != nil && strings.Contains(got, f.secret) {
				t.Error("the error holds the secret")
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	t.Parallel()
	const secret = "JBSWY3DPEHPK3PXP"
	steam := `{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[{"type":"steam","uuid":"5b11ae3b-6fc3-4d46-8ca7-cf0aea7de920","name":"Sophia","issuer":"Boeing","icon":null,"info":{"secret":"` + secret + `","algo":"SHA1","digits":5,"period":30}}]}}`
	tests := []struct{ name, in, want string }{
		{"aegis steam entry", steam, `aegis vault: entry 1 (Boeing: Sophia): type "steam" is not totp or hotp`},
		{"aegis encrypted", `{"version":1,"header":{"slots":[],"params":{"nonce":"00","tag":"00"}},"db":"` + secret + `"}`, "aegis vault: encrypted (export it from Aegis without encryption)"},
		{"aegis bad secret", `{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[{"type":"totp","uuid":"x","name":"a","issuer":"b","icon":null,"info":{"secret":"` + secret + `!","algo":"SHA1","digits":6,"period":30}}]}}`, "aegis vault: entry 1 (b: a): secret: not base32: character 17 is not A-Z or 2-7"},
		{"2fas encrypted", `{"services":[],"servicesEncrypted":"` + secret + `","schemaVersion":4}`, "2fas backup: encrypted (export it from 2FAS without a password)"},
		{"2fas steam", `{"services":[{"name":"Boeing","secret":"` + secret + `","otp":{"tokenType":"STEAM"}}],"schemaVersion":4}`, `2fas backup: service 1 (Boeing): token type "STEAM" is not TOTP or HOTP`},
		{"other json", `{"accounts":[]}`, `a JSON file that is neither an Aegis vault (no "db") nor a 2FAS backup (no "services")`},
		{"broken json", `{"db": "` + secret, "a JSON file: not JSON (offset 24)"},
		{"migration md5", "otpauth-migration://offline?data=ChMKBUhlbGxvEgFhGgFiIAQoATACEAEYASAA", "line 1: migration URI: entry 1: algorithm 4 is not SHA1, SHA256 or SHA512"},
		{"migration truncated", "otpauth-migration://offline?data=CjYKEExy", "line 1: migration URI: truncated"},
		{"nothing", "\n# a comment\n", "no otpauth:// URI, migration URI, Aegis vault or 2FAS backup in it"},
		{"second line", "otpauth://totp/a?secret=" + secret + "\notpauth://totp/b?secret=" + secret + "&digits=9", `line 2: otpauth: parameter "digits": "9" is out of range (want 6, 7 or 8)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := Read([]byte(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Read error = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Error("the error holds the secret")
			}
		})
	}
}

package export

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/enroll-dev/enroll/otp"
)

// wireParams is an OtpParameters message as protowire reads it, field by field.
type wireParams struct {
	secret                          []byte
	name, issuer                    string
	algorithm, digits, typ, counter uint64
	hasCounter                      bool
}

// decodeWithProtowire decodes a migration URI with google.golang.org/protobuf's
// protowire, independently of the package's own decoder, failing the test on any
// field it does not expect.
func decodeWithProtowire(t *testing.T, uri string) (params []wireParams, version, size, index uint64) {
	t.Helper()
	data, ok := strings.CutPrefix(uri, MigrationScheme)
	if !ok {
		t.Fatalf("not a migration URI")
	}
	data, err := url.QueryUnescape(data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	each(t, b, func(num protowire.Number, typ protowire.Type, b []byte) int {
		switch {
		case num == 1 && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			var p wireParams
			each(t, v, func(num protowire.Number, typ protowire.Type, b []byte) int {
				if typ == protowire.BytesType {
					v, n := protowire.ConsumeBytes(b)
					switch num {
					case 1:
						p.secret = v
					case 2:
						p.name = string(v)
					case 3:
						p.issuer = string(v)
					default:
						t.Errorf("unexpected bytes field %d", num)
					}
					return n
				}
				v, n := protowire.ConsumeVarint(b)
				switch num {
				case 4:
					p.algorithm = v
				case 5:
					p.digits = v
				case 6:
					p.typ = v
				case 7:
					p.counter, p.hasCounter = v, true
				default:
					t.Errorf("unexpected field %d", num)
				}
				return n
			})
			params = append(params, p)
			return n
		case typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			switch num {
			case 2:
				version = v
			case 3:
				size = v
			case 4:
				index = v
			default:
				t.Errorf("unexpected payload field %d", num)
			}
			return n
		}
		t.Fatalf("unexpected payload field %d of type %d", num, typ)
		return 0
	})
	return params, version, size, index
}

// each calls fn for every field of a message; fn returns how many bytes it consumed.
func each(t *testing.T, b []byte, fn func(protowire.Number, protowire.Type, []byte) int) {
	t.Helper()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatalf("bad tag: %v", protowire.ParseError(n))
		}
		b = b[n:]
		m := fn(num, typ, b)
		if m < 0 {
			t.Fatalf("field %d: %v", num, protowire.ParseError(m))
		}
		b = b[m:]
	}
}

// TestMigrationPayloadDecodedByProtowire encodes keys that exercise multi-byte
// varints and lengths (a counter over 2^35, a 64-byte secret, a 200-byte account)
// and checks each field as protowire reads it, and that the package reads them back.
func TestMigrationPayloadDecodedByProtowire(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 190) + "@example.com"
	secret64 := make(otp.Secret, 64)
	for i := range secret64 {
		secret64[i] = byte(i * 7)
	}
	keys := []*otp.Key{
		{Type: otp.TypeTOTP, Issuer: "20i", Account: "tester@20i.example", Secret: otp.Secret("12345678901234567890"), Digits: 6, Period: 30},
		{Type: otp.TypeTOTP, Issuer: "Ünïcödé Co", Account: long, Secret: secret64, Digits: 8, Period: 30},
		{Type: otp.TypeHOTP, Issuer: "", Account: "counter", Secret: otp.Secret("12345678901234567890"), Digits: 6, Counter: 1<<35 + 3},
	}
	uri, err := MigrationURI(keys)
	if err != nil {
		t.Fatal(err)
	}
	params, version, size, index := decodeWithProtowire(t, uri)
	if version != 1 || size != 1 || index != 0 {
		t.Errorf("version, batch size, batch index = %d, %d, %d; want 1, 1, 0", version, size, index)
	}
	want := []wireParams{
		{secret: []byte("12345678901234567890"), name: "tester@20i.example", issuer: "20i", algorithm: 1, digits: 1, typ: 2},
		{secret: secret64, name: long, issuer: "Ünïcödé Co", algorithm: 1, digits: 2, typ: 2},
		{secret: []byte("12345678901234567890"), name: "counter", issuer: "", algorithm: 1, digits: 1, typ: 1, counter: 1<<35 + 3, hasCounter: true},
	}
	if len(params) != len(want) {
		t.Fatalf("%d accounts, want %d", len(params), len(want))
	}
	for i, w := range want {
		p := params[i]
		if string(p.secret) != string(w.secret) || p.name != w.name || p.issuer != w.issuer || p.algorithm != w.algorithm ||
			p.digits != w.digits || p.typ != w.typ || p.counter != w.counter || p.hasCounter != w.hasCounter {
			t.Errorf("account %d: protowire reads %+v, want %+v", i+1, p, w)
		}
	}
	back, err := ParseMigration(uri)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if !back[i].Equal(k) {
			t.Errorf("account %d does not read back equal", i+1)
		}
	}
}

package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzRead: Read never panics on any input (the protobuf reader takes lengths and
// varints from the data), and what it reads, written again in every format, reads back
// to equal keys.
func FuzzRead(f *testing.F) {
	f.Add([]byte(gnomeVector))
	// Found by fuzzing: a name that is not UTF-8 (refused by the reader since).
	f.Add([]byte("otpAuth-migrAtion://offline?dAtA=CjAKEA0000000000000000%200000SE01000000000000000000000000Z00000000000YA0A0CA0%0A"))
	f.Add([]byte("otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&period=60\notpauth://hotp/c?secret=JBSWY3DP&counter=3"))
	f.Add([]byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":1,"entries":[{"type":"hotp","uuid":"u","name":"n","issuer":"i","icon":null,"info":{"secret":"JBSWY3DP","algo":"SHA256","digits":7,"counter":5}}]}}`))
	f.Add([]byte(`{"services":[{"name":"x","secret":"JBSWY3DP","otp":{"tokenType":"TOTP","digits":8,"period":20}}],"schemaVersion":4}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, _, err := Read(data)
		if err != nil {
			return
		}
		for _, k := range keys {
			if !utf8.ValidString(k.Issuer) || !utf8.ValidString(k.Account) {
				if _, err := Aegis(keys, bytes.NewReader(make([]byte, 16*len(keys)))); err == nil {
					t.Fatal("Aegis wrote a name that is not UTF-8")
				}
				return // an otpauth:// label may percent-encode any byte
			}
		}
		aegis, err := Aegis(keys, bytes.NewReader(make([]byte, 16*len(keys))))
		if err != nil {
			t.Fatalf("Aegis of keys Read accepted: %v", err)
		}
		twofas, err := TwoFAS(keys, time.Unix(0, 0))
		if err != nil {
			t.Fatalf("TwoFAS of keys Read accepted: %v", err)
		}
		var uris []string
		for _, k := range keys {
			uris = append(uris, k.URI())
		}
		for _, again := range [][]byte{aegis, twofas, []byte(strings.Join(uris, "\n"))} {
			back, _, err := Read(again)
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			if len(back) != len(keys) {
				t.Fatalf("read back %d keys, want %d", len(back), len(keys))
			}
			for i := range keys {
				if !back[i].Equal(keys[i]) {
					t.Fatalf("key %d reads back different", i+1)
				}
			}
		}
	})
}

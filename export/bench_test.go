package export

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/enroll-dev/enroll/otp"
)

// BenchmarkWrite measures one flow's export of one credential: six files, two QR
// codes rendered as PNG, each file written through a renamed temporary file.
func BenchmarkWrite(b *testing.B) {
	d, err := Open(filepath.Join(b.TempDir(), "out"))
	if err != nil {
		b.Fatal(err)
	}
	k, err := otp.GenerateKey(seeded(1), "20i", "tester@20i.example")
	if err != nil {
		b.Fatal(err)
	}
	bundle := &Bundle{Credentials: []Credential{{Name: "app", Key: k}}}
	i := 0
	for b.Loop() {
		i++
		if _, err := d.Write("flow"+strconv.Itoa(i%8), bundle); err != nil {
			b.Fatal(err)
		}
	}
}

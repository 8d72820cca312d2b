package e2e

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/enroll-dev/enroll/internal/qr"
)

// needle is one form of a secret value that must appear nowhere.
type needle struct {
	what  string // what it is, for the failure message (never the value itself)
	value []byte
	code  bool // all digits: matched only where no other digit touches it
}

// needles lists every secret the site issued or accepted, in every form a leak could
// take: a TOTP secret as issued, without padding, lower-cased and grouped in fours
// the way apps show it; codes; recovery codes with and without their dash; passwords
// as typed and URL-encoded.
func needles(is issued) []needle {
	var out []needle
	add := func(what, v string, code bool) {
		for _, n := range out {
			if string(n.value) == v {
				return
			}
		}
		if v != "" {
			out = append(out, needle{what: what, value: []byte(v), code: code})
		}
	}
	for i, s := range is.Secrets {
		s = strings.TrimRight(s, "=")
		for _, form := range []string{s, strings.ToLower(s), group4(s), strings.ToLower(group4(s))} {
			add(fmt.Sprintf("TOTP secret #%d", i+1), form, false)
		}
	}
	for i, c := range is.Codes {
		add(fmt.Sprintf("code #%d", i+1), c, true)
	}
	for i, r := range is.Recovery {
		add(fmt.Sprintf("recovery code #%d", i+1), r, false)
		add(fmt.Sprintf("recovery code #%d", i+1), strings.ReplaceAll(r, "-", ""), false)
	}
	for i, p := range is.Passwords {
		add(fmt.Sprintf("password #%d", i+1), p, false)
		add(fmt.Sprintf("password #%d", i+1), url.QueryEscape(p), false)
	}
	return out
}

// group4 writes s in groups of four separated by spaces.
func group4(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// contains reports whether the needle occurs in b. A code matches only where no digit
// touches it and it is not the fraction of a number (took=39.535247ms).
func (n needle) contains(b []byte) bool {
	if !n.code {
		return bytes.Contains(b, n.value)
	}
	for off := 0; ; {
		i := bytes.Index(b[off:], n.value)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(n.value)
		before := i > 0 && isDigit(b[i-1])
		fraction := i > 1 && b[i-1] == '.' && isDigit(b[i-2])
		after := end < len(b) && isDigit(b[end])
		if !before && !fraction && !after {
			return true
		}
		off = i + 1
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// output is one thing a run produced: a stream or a file.
type output struct {
	name string
	data []byte
}

// outputsOf returns a finished run's stdout and stderr and every file in its working
// directory (reports and artifacts, text and binary), plus extra streams.
func outputsOf(r result, extra ...output) []output {
	GinkgoHelper()
	outs := append([]output{{"stdout", []byte(r.stdout)}, {"stderr", []byte(r.stderr)}}, extra...)
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.dir, p)
		outs = append(outs, output{rel, b})
		return nil
	})
	Expect(err).NotTo(HaveOccurred())
	return outs
}

// splitAt separates the outputs under dir (a folder of the run's working folder, as
// outputsOf names files) from the others: an --export folder holds secrets on purpose,
// nothing else may.
func splitAt(outs []output, dir string) (outside, inside []output) {
	prefix := filepath.Clean(dir) + string(filepath.Separator)
	for _, o := range outs {
		if strings.HasPrefix(o.name, prefix) {
			inside = append(inside, o)
		} else {
			outside = append(outside, o)
		}
	}
	return outside, inside
}

// expectNoSecretIn checks every output, byte by byte, for every form of every secret
// value the site issued or accepted, and reads every PNG (screenshots) like a phone
// camera would: a QR code that can still be read in one is a leak of its secret.
func expectNoSecretIn(outs []output, is issued, totp bool) {
	GinkgoHelper()
	if totp {
		Expect(is.Secrets).NotTo(BeEmpty(), "the site issued no TOTP secret: the leak check would check nothing")
	}
	Expect(is.Codes).NotTo(BeEmpty(), "the site accepted no code: the leak check would check nothing")
	Expect(is.Passwords).NotTo(BeEmpty(), "the site knows no password: the leak check would check nothing")
	outs = withEmbeddedImages(outs)
	ns := needles(is)
	var leaks []string
	for _, o := range outs {
		for _, n := range ns {
			if n.contains(o.data) {
				leaks = append(leaks, fmt.Sprintf("%s contains %s", o.name, n.what))
			}
		}
		if strings.HasSuffix(o.name, ".png") {
			if text, ok := readableQR(o.data); ok {
				what := fmt.Sprintf("a readable QR code (%d characters)", len(text))
				for _, n := range ns {
					if n.contains([]byte(text)) {
						what = "a readable QR code holding " + n.what
						break
					}
				}
				leaks = append(leaks, fmt.Sprintf("%s shows %s", o.name, what))
			}
		}
	}
	Expect(leaks).To(BeEmpty(), "secret values leaked (checked %d outputs for %d forms of %d secrets, %d codes, %d recovery codes, %d passwords)",
		len(outs), len(ns), len(is.Secrets), len(is.Codes), len(is.Recovery), len(is.Passwords))
}

// readableQR reads a PNG like a phone camera would and returns the text of the QR code
// in it, if one can be read.
func readableQR(png []byte) (string, bool) {
	text, err := qr.DecodeBytes(png)
	return text, err == nil
}

// expectNoReadableQR checks that no screenshot among outs shows a QR code that can
// still be read: where the values issued are not known (a bundled mock inside the
// enroll process), a readable code is itself the leak of its secret.
func expectNoReadableQR(outs []output) {
	GinkgoHelper()
	outs = withEmbeddedImages(outs)
	var leaks []string
	pngs := 0
	for _, o := range outs {
		if !strings.HasSuffix(o.name, ".png") {
			continue
		}
		pngs++
		if text, ok := readableQR(o.data); ok {
			kind := "text"
			if strings.HasPrefix(text, "otpauth") {
				kind = "an otpauth:// URI"
			}
			leaks = append(leaks, fmt.Sprintf("%s shows a readable QR code holding %s", o.name, kind))
		}
	}
	Expect(pngs).To(BeNumerically(">", 0), "no screenshot to check")
	Expect(leaks).To(BeEmpty(), "QR codes readable in screenshots (%d checked)", pngs)
}

// dataImage is an image embedded in an HTML report as a data: URI.
// In an attribute, html/template writes + as &#43;.
var dataImage = regexp.MustCompile(`data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/=&#;]+)`)

// withEmbeddedImages adds to outs every image embedded in an HTML output (the HTML
// report's screenshots), decoded, named after the report and its place in it
// (report.html#3.png), so the checks read them like the screenshot files.
func withEmbeddedImages(outs []output) []output {
	GinkgoHelper()
	all := outs
	for _, o := range outs {
		if !strings.HasSuffix(o.name, ".html") {
			continue
		}
		for i, m := range dataImage.FindAllSubmatch(o.data, -1) {
			b, err := base64.StdEncoding.DecodeString(html.UnescapeString(string(m[2])))
			Expect(err).NotTo(HaveOccurred(), "%s: image %d is not base64", o.name, i+1)
			ext := strings.Replace(string(m[1]), "jpeg", "jpg", 1)
			all = append(all, output{fmt.Sprintf("%s#%d.%s", o.name, i+1, ext), b})
		}
	}
	return all
}

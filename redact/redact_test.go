package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestTextNeverPrints(t *testing.T) {
	t.Parallel()
	const pw = "hunter2-secret"
	v := Text(pw)
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s"} {
		out = append(out, fmt.Sprintf(verb, v), fmt.Sprintf(verb, struct{ P Text }{v}))
	}
	j, _ := json.Marshal(map[string]any{"p": v, "list": []Text{v}})
	txt, _ := v.MarshalText()
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "password", v)
	out = append(out, string(j), string(txt), logged.String(), fmt.Sprint(v), fmt.Sprintln(v))
	for _, s := range out {
		if strings.Contains(s, pw) || strings.Contains(s, fmt.Sprintf("%x", pw)) || !strings.Contains(s, Word) {
			t.Errorf("printed %q", s)
		}
	}
	if v.Reveal() != pw {
		t.Errorf("Reveal() = %q", v.Reveal())
	}
}

func TestScrub(t *testing.T) {
	t.Parallel()
	got := Scrub("code 123456 in 123456789, pin 12 and abc", "123456", "123456789", "12", "")
	if want := "code REDACTED in REDACTED, pin 12 and abc"; got != want {
		t.Errorf("Scrub = %q, want %q", got, want)
	}
}

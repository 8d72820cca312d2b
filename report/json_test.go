package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  *Run
	}{
		{"run", sampleRun()},
		{"interrupted", interruptedRun()},
		{"errored", erroredRun()},
		{"empty", &Run{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteJSON(&buf, tt.run); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".json", buf.Bytes())
		})
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for name, run := range map[string]*Run{"run": sampleRun(), "interrupted": interruptedRun(), "errored": erroredRun()} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteJSON(&buf, run); err != nil {
				t.Fatal(err)
			}
			got, err := ReadJSON(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, run) {
				var again bytes.Buffer
				_ = WriteJSON(&again, got)
				t.Errorf("ReadJSON(WriteJSON(run)) differs from run; it writes as:\n%s", again.String())
			}
		})
	}
}

func TestReadJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"not json", "{", "read json report: unexpected EOF"},
		{"other version", `{"version": 2}`, "read json report: version 2, want 1"},
		{"unknown field", `{"version": 1, "colour": "red"}`, `read json report: json: unknown field "colour"`},
		{"bad time", `{"version": 1, "started": "yesterday"}`, "read json report: parsing time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("ReadJSON(%q) error = %v, want prefix %q", tt.in, err, tt.want)
			}
		})
	}
}

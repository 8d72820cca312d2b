package kit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The JSON documents of the control surface. Their shapes are a contract with the runner
// and the e2e suite: add fields, never rename or remove them.
type (
	// SMSList is the answer of GET /_mock/sms.
	SMSList struct {
		Messages []SMS `json:"messages"`
	}
	// MailList is the answer of GET /_mock/mail.
	MailList struct {
		Messages []Mail `json:"messages"`
	}
	// ClockState is the answer of GET and POST /_mock/clock.
	ClockState struct {
		Now time.Time `json:"now"`
	}
	// ClockChange is the body of POST /_mock/clock: either Advance (a Go duration such
	// as "31s") or Set (an RFC 3339 time).
	ClockChange struct {
		Advance string `json:"advance,omitempty"`
		Set     string `json:"set,omitempty"`
	}
	// Issued is the answer of GET /_mock/issued: every secret value the site issued or
	// accepted since it started (kept across resets).
	Issued struct {
		Secrets   []string `json:"secrets"`
		Codes     []string `json:"codes"`
		Recovery  []string `json:"recovery"`
		Passwords []string `json:"passwords"`
	}
	// ResetDone is the answer of POST /_mock/reset.
	ResetDone struct {
		OK bool `json:"ok"`
	}
	// ControlError is the answer of a refused control request (status 400).
	ControlError struct {
		Error string `json:"error"`
	}
)

func (k *Kit) controlMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_mock/sms", k.controlSMS)
	mux.HandleFunc("GET /_mock/mail", k.controlMail)
	mux.HandleFunc("POST /_mock/reset", func(w http.ResponseWriter, r *http.Request) {
		k.Reset()
		writeJSON(w, http.StatusOK, ResetDone{OK: true})
	})
	mux.HandleFunc("GET /_mock/clock", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, ClockState{Now: k.Now().UTC()})
	})
	mux.HandleFunc("POST /_mock/clock", k.controlClock)
	mux.HandleFunc("GET /_mock/issued", k.controlIssued)
	return mux
}

func (k *Kit) controlSMS(w http.ResponseWriter, r *http.Request) {
	// Phones match on their digits, so "+31 6 1234", "+3161234" and an unescaped
	// "?to=+3161234" (read as " 3161234") all find the same inbox.
	to := digitsOnly(r.URL.Query().Get("to"))
	k.mu.Lock()
	out := SMSList{Messages: []SMS{}}
	for _, m := range k.sms {
		if to == "" || digitsOnly(m.To) == to {
			out.Messages = append(out.Messages, m)
		}
	}
	k.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (k *Kit) controlMail(w http.ResponseWriter, r *http.Request) {
	to := strings.ToLower(r.URL.Query().Get("to"))
	k.mu.Lock()
	out := MailList{Messages: []Mail{}}
	for _, m := range k.mail {
		if to == "" || strings.ToLower(m.To) == to {
			out.Messages = append(out.Messages, m)
		}
	}
	k.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (k *Kit) controlClock(w http.ResponseWriter, r *http.Request) {
	var c ClockChange
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		writeJSON(w, http.StatusBadRequest, ControlError{Error: fmt.Sprintf("clock: read body: %v", err)})
		return
	}
	var now time.Time
	switch {
	case c.Advance != "" && c.Set != "":
		writeJSON(w, http.StatusBadRequest, ControlError{Error: `clock: give either "advance" or "set", not both`})
		return
	case c.Advance != "":
		d, err := time.ParseDuration(c.Advance)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, ControlError{Error: fmt.Sprintf("clock: advance: %v", err)})
			return
		}
		now = k.clock.advance(d)
	case c.Set != "":
		t, err := time.Parse(time.RFC3339Nano, c.Set)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, ControlError{Error: fmt.Sprintf("clock: set: %v", err)})
			return
		}
		now = k.clock.set(t)
	default:
		writeJSON(w, http.StatusBadRequest, ControlError{Error: `clock: give "advance" (e.g. "31s") or "set" (RFC 3339)`})
		return
	}
	k.log.Info("clock moved", "now", now.UTC())
	writeJSON(w, http.StatusOK, ClockState{Now: now.UTC()})
}

func (k *Kit) controlIssued(w http.ResponseWriter, r *http.Request) {
	k.mu.Lock()
	out := Issued{
		Secrets:   append([]string{}, k.issued.secrets...),
		Codes:     append([]string{}, k.issued.codes...),
		Recovery:  append([]string{}, k.issued.recovery...),
		Passwords: append([]string{}, k.issued.passwords...),
	}
	k.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// JSONVersion is the version of the JSON report's format, written as "version". It
// goes up when a field changes meaning or is removed; new fields may appear at any time.
const JSONVersion = 1

// jsonTime is how the JSON report writes times: RFC 3339 in UTC, to the millisecond.
const jsonTime = "2006-01-02T15:04:05.000Z07:00"

// The JSON report's shape. Field names are camelCase, durations are whole
// milliseconds (durationMs), times are RFC 3339, statuses are the Status strings
// ("pending" for Pending), and empty optional fields are left out.
type (
	jsonRun struct {
		Version      int         `json:"version"`
		Status       string      `json:"status"`
		Started      string      `json:"started,omitempty"`
		DurationMs   int64       `json:"durationMs"`
		ArtifactsDir string      `json:"artifactsDir,omitempty"`
		Summary      jsonSummary `json:"summary"`
		Flows        []jsonFlow  `json:"flows"`
	}
	jsonSummary struct {
		Flows       int `json:"flows"`
		Passed      int `json:"passed"`
		Failed      int `json:"failed"`
		Errored     int `json:"errored"`
		Interrupted int `json:"interrupted"`
		Skipped     int `json:"skipped"`
	}
	jsonFlow struct {
		File         string       `json:"file"`
		Guide        string       `json:"guide,omitempty"`
		Source       string       `json:"source,omitempty"`
		Site         string       `json:"site,omitempty"`
		BaseURL      string       `json:"baseURL,omitempty"`
		Account      string       `json:"account,omitempty"`
		Status       string       `json:"status"`
		Started      string       `json:"started,omitempty"`
		DurationMs   int64        `json:"durationMs"`
		ArtifactsDir string       `json:"artifactsDir,omitempty"`
		Export       *jsonExport  `json:"export,omitempty"`
		Failure      *jsonFailure `json:"failure,omitempty"`
		Steps        []jsonStep   `json:"steps"`
	}
	jsonStep struct {
		Index      int          `json:"index"`
		Line       int          `json:"line,omitempty"`
		Title      string       `json:"title"`
		Say        string       `json:"say,omitempty"`
		Status     string       `json:"status"`
		Manual     string       `json:"manual,omitempty"`
		DurationMs int64        `json:"durationMs"`
		Screenshot string       `json:"screenshot,omitempty"`
		Failure    *jsonFailure `json:"failure,omitempty"`
		Dialogs    []string     `json:"dialogs,omitempty"`
	}
	jsonFailure struct {
		// Text is the failure as Error renders it, for people; the other fields are
		// its parts, for programs.
		Text       string   `json:"text"`
		Pos        *jsonPos `json:"pos,omitempty"`
		StepIndex  int      `json:"stepIndex,omitempty"`
		Step       string   `json:"step,omitempty"`
		Action     string   `json:"action,omitempty"`
		Message    string   `json:"message,omitempty"`
		URL        string   `json:"url,omitempty"`
		OnScreen   []string `json:"onScreen,omitempty"`
		Screenshot string   `json:"screenshot,omitempty"`
		HTML       string   `json:"html,omitempty"`
		Console    string   `json:"console,omitempty"`
	}
	jsonExport struct {
		Dir     string   `json:"dir"`
		Files   []string `json:"files"`
		Refused []string `json:"refused,omitempty"`
		Error   string   `json:"error,omitempty"`
	}
	jsonPos struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Col  int    `json:"col"`
	}
)

// WriteJSON writes r as the JSON report: indented, with fields in a fixed order, so
// the same run always gives the same bytes.
func WriteJSON(w io.Writer, r *Run) error {
	s := r.Summary()
	out := jsonRun{
		Version:      JSONVersion,
		Status:       r.Status.String(),
		Started:      formatTime(r.Started),
		DurationMs:   r.Duration.Milliseconds(),
		ArtifactsDir: r.ArtifactsDir,
		Summary:      jsonSummary{s.Flows, s.Passed, s.Failed, s.Errored, s.Interrupted, s.Skipped},
		Flows:        make([]jsonFlow, 0, len(r.Flows)),
	}
	for _, f := range r.Flows {
		jf := jsonFlow{
			File:         f.File,
			Guide:        f.Guide,
			Source:       f.Source,
			Site:         f.Site,
			BaseURL:      f.BaseURL,
			Account:      f.Account,
			Status:       f.Status.String(),
			Started:      formatTime(f.Started),
			DurationMs:   f.Duration.Milliseconds(),
			ArtifactsDir: f.ArtifactsDir,
			Export:       (*jsonExport)(f.Export),
			Failure:      toJSONFailure(f.Failure),
			Steps:        make([]jsonStep, 0, len(f.Steps)),
		}
		for _, st := range f.Steps {
			jf.Steps = append(jf.Steps, jsonStep{
				Index:      st.Index,
				Line:       st.Line,
				Title:      st.Title,
				Say:        st.Say,
				Status:     st.Status.String(),
				Manual:     st.Manual,
				DurationMs: st.Duration.Milliseconds(),
				Screenshot: st.Screenshot,
				Failure:    toJSONFailure(st.Failure),
				Dialogs:    st.Dialogs,
			})
		}
		out.Flows = append(out.Flows, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep URLs and messages readable: & < > as they are
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// ReadJSON reads a JSON report written by WriteJSON back into a Run, for tools that
// render a finished run again (and for tests of the reports). Durations come back to
// the millisecond; Failure.Err is nil.
func ReadJSON(rd io.Reader) (*Run, error) {
	var in jsonRun
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("read json report: %w", err)
	}
	if in.Version != JSONVersion {
		return nil, fmt.Errorf("read json report: version %d, want %d", in.Version, JSONVersion)
	}
	r := &Run{
		Status:       parseStatus(in.Status),
		Duration:     time.Duration(in.DurationMs) * time.Millisecond,
		ArtifactsDir: in.ArtifactsDir,
	}
	var err error
	if r.Started, err = parseTime(in.Started); err != nil {
		return nil, err
	}
	for _, jf := range in.Flows {
		f := &Flow{
			File:         jf.File,
			Guide:        jf.Guide,
			Source:       jf.Source,
			Site:         jf.Site,
			BaseURL:      jf.BaseURL,
			Account:      jf.Account,
			Status:       parseStatus(jf.Status),
			Duration:     time.Duration(jf.DurationMs) * time.Millisecond,
			ArtifactsDir: jf.ArtifactsDir,
			Export:       (*Export)(jf.Export),
		}
		if f.Started, err = parseTime(jf.Started); err != nil {
			return nil, err
		}
		f.Failure = fromJSONFailure(jf.Failure)
		for _, js := range jf.Steps {
			st := &Step{
				Index:      js.Index,
				Line:       js.Line,
				Title:      js.Title,
				Say:        js.Say,
				Status:     parseStatus(js.Status),
				Manual:     js.Manual,
				Duration:   time.Duration(js.DurationMs) * time.Millisecond,
				Screenshot: js.Screenshot,
				Failure:    fromJSONFailure(js.Failure),
				Dialogs:    js.Dialogs,
			}
			// A flow's failure that is its step's failure is one value again.
			if st.Failure != nil && f.Failure != nil && st.Failure.Error() == f.Failure.Error() {
				st.Failure = f.Failure
			}
			f.Steps = append(f.Steps, st)
		}
		r.Flows = append(r.Flows, f)
	}
	return r, nil
}

func toJSONFailure(f *Failure) *jsonFailure {
	if f == nil {
		return nil
	}
	jf := &jsonFailure{
		Text:       f.Error(),
		StepIndex:  f.StepIndex,
		Step:       f.Step,
		Action:     f.Action,
		Message:    f.message(),
		URL:        f.URL,
		OnScreen:   f.OnScreen,
		Screenshot: f.Screenshot,
		HTML:       f.HTML,
		Console:    f.Console,
	}
	if f.Pos != (Pos{}) {
		jf.Pos = &jsonPos{f.Pos.File, f.Pos.Line, f.Pos.Col}
	}
	return jf
}

func fromJSONFailure(jf *jsonFailure) *Failure {
	if jf == nil {
		return nil
	}
	f := &Failure{
		StepIndex:  jf.StepIndex,
		Step:       jf.Step,
		Action:     jf.Action,
		Message:    jf.Message,
		URL:        jf.URL,
		OnScreen:   jf.OnScreen,
		Screenshot: jf.Screenshot,
		HTML:       jf.HTML,
		Console:    jf.Console,
	}
	if jf.Pos != nil {
		f.Pos = Pos{jf.Pos.File, jf.Pos.Line, jf.Pos.Col}
	}
	return f
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(jsonTime)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("read json report: %w", err)
	}
	return t, nil
}

// parseStatus maps a report's status string back to a Status.
func parseStatus(s string) Status {
	switch Status(s) {
	case Passed, Failed, Errored, Skipped, Interrupted:
		return Status(s)
	default:
		return Pending
	}
}

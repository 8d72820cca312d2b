package cli

import "testing"

func TestReportFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		arg, err string
	}{
		{"json=r.json", ""},
		{"junit=r.xml", ""},
		{"html=report.html", ""},
		{"markdown=summary.md", ""},
		{"pdf=r.pdf", `want json=PATH, junit=PATH, html=PATH or markdown=PATH, got "pdf=r.pdf"`},
		{"html=", `want json=PATH, junit=PATH, html=PATH or markdown=PATH, got "html="`},
		{"report.html", `want json=PATH, junit=PATH, html=PATH or markdown=PATH, got "report.html"`},
	} {
		var r reportFlag
		err := r.Set(tc.arg)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.arg, err)
		case tc.err == "" && (len(r) != 1 || kindOf(r[0].format) == nil):
			t.Errorf("%s: not taken: %v", tc.arg, r)
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%s: error %v, want %q", tc.arg, err, tc.err)
		}
	}
	for _, k := range reportKinds {
		if k.run == nil || k.conform == nil {
			t.Errorf("report kind %s cannot write both a run and a conformance run", k.name)
		}
	}
}

func TestAnnotate(t *testing.T) {
	t.Parallel()
	md := []reportSpec{{"json", "r.json"}, {"markdown", "s.md"}}
	for _, tc := range []struct {
		name    string
		actions string
		reports []reportSpec
		want    bool
	}{
		{"github with markdown", "true", md, true},
		{"github without markdown", "true", md[:1], false},
		{"elsewhere", "", md, false},
	} {
		env := &Env{Getenv: func(k string) string {
			if k == "GITHUB_ACTIONS" {
				return tc.actions
			}
			return ""
		}}
		if got := annotate(env, tc.reports); got != tc.want {
			t.Errorf("%s: annotate = %v", tc.name, got)
		}
	}
}

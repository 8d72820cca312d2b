package runner

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/enroll-dev/enroll/redact"

	"github.com/enroll-dev/enroll/flow"
)

// Value is a named value of a running flow: a captured text, a list of them (recovery
// codes), an account field or an environment variable. A secret value prints, logs and
// marshals as REDACTED, so it cannot leak through fmt or slog by accident; Reveal is
// the one way to its text, used only to hand it to the browser.
type Value struct {
	list   []string
	secret bool
}

// Text returns a value holding one string.
func Text(s string, secret bool) Value { return Value{list: []string{s}, secret: secret} }

// List returns a value holding several strings.
func List(items []string, secret bool) Value {
	return Value{list: append([]string(nil), items...), secret: secret}
}

// Secret reports whether the value must never be shown.
func (v Value) Secret() bool { return v.secret }

// Len is the number of strings the value holds.
func (v Value) Len() int { return len(v.list) }

// Reveal returns the value's text (a list joined by newlines). Call it only to give the
// value to the page.
func (v Value) Reveal() string { return strings.Join(v.list, "\n") }

// String returns the text, or REDACTED for a secret.
func (v Value) String() string {
	if v.secret {
		return redact.Word
	}
	return v.Reveal()
}

// GoString keeps %#v from printing a secret.
func (v Value) GoString() string { return fmt.Sprintf("runner.Value(%q)", v.String()) }

// LogValue keeps slog from logging a secret.
func (v Value) LogValue() slog.Value { return slog.StringValue(v.String()) }

// MarshalJSON keeps encoders from writing a secret.
func (v Value) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprintf("%q", v.String())), nil }

// values holds a flow's named values while it runs.
type values struct {
	named map[string]Value
}

func newValues() *values { return &values{named: map[string]Value{}} }

func (vs *values) set(name string, v Value) { vs.named[name] = v }

// expand fills a template's references. The result is secret when any value it used
// is secret. env references are looked up with getenv and are always secret: the
// runner cannot know which variables hold passwords.
func (vs *values) expand(t flow.Template, getenv func(string) string) (Value, error) {
	var b strings.Builder
	secret := false
	for _, p := range t.Parts {
		if p.Ref == nil {
			b.WriteString(p.Literal)
			continue
		}
		name := p.Ref.Name
		var v Value
		if env, ok := strings.CutPrefix(name, "env."); ok {
			s := getenv(env)
			if s == "" {
				return Value{}, fmt.Errorf("%s: environment variable %s is not set", t.Pos, env)
			}
			v = Text(s, true)
		} else {
			var ok bool
			if v, ok = vs.named[name]; !ok {
				return Value{}, fmt.Errorf("%s: ${%s} has no value yet", t.Pos, name)
			}
		}
		if p.Ref.Index >= 0 {
			if p.Ref.Index >= v.Len() {
				return Value{}, fmt.Errorf("%s: ${%s[%d]}: %s holds %d values", t.Pos, name, p.Ref.Index, name, v.Len())
			}
			v = Text(v.list[p.Ref.Index], v.secret)
		}
		secret = secret || v.secret
		b.WriteString(v.Reveal())
	}
	return Text(b.String(), secret), nil
}

// secrets lists every secret text the flow holds, for scrubbing text artifacts.
func (vs *values) secrets() []string {
	var out []string
	for _, v := range vs.named {
		if v.secret {
			for _, s := range v.list {
				if s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// secretPatterns lists the patterns of the flow's secret captures (many, or secret:
// true), from every step and fragment. They are known before the first step,
// so a page that shows what a later step captures (recovery codes shown a step before
// the guide reads them) is masked and redacted by them before the values are known.
func secretPatterns(f *flow.Flow) []*regexp.Regexp {
	if f == nil {
		return nil
	}
	var out []*regexp.Regexp
	add := func(actions []flow.Action) {
		for _, a := range actions {
			if c, ok := a.(*flow.Capture); ok && (c.Secret || c.Many) && c.Regexp != nil {
				out = append(out, c.Regexp)
			}
		}
	}
	for _, s := range f.Steps {
		add(s.Actions)
	}
	for _, fr := range f.Fragments {
		add(fr.Actions)
	}
	return out
}

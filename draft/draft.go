package draft

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/guide"
)

// Options say what a guide does not. The zero value drafts from the guide alone.
type Options struct {
	// Source is the guide.source of the flow; default the base name of the guide's file.
	Source string
	// Site is the site the flow runs against: a bundled mock's name or a base URL.
	// Default the bundled site whose name the guide's title says, else a placeholder
	// URL for the writer to replace.
	Site string
}

// Credential is the name the draft gives the key scanned from the QR code.
const Credential = "app"

// width is where the draft wraps a step's say text.
const width = 88

// Write writes the starting flow for g to w: a comment on how to finish it, the
// version, the guide block, the site, then one step per numbered heading with the
// heading word for word as its title, its paragraphs as say, and its suggested
// actions commented out ("# - click: Security Details"). Uncommented, the file is a
// valid flow. It never suggests a label the guide does not quote.
func Write(w io.Writer, g *guide.Guide, opt Options) error {
	var b bytes.Buffer
	source := opt.Source
	if source == "" {
		source = filepath.Base(g.Name)
	}
	fmt.Fprintf(&b, "# Drafted by `enroll draft` from %s: one step per numbered heading,\n", source)
	b.WriteString("# its sentences as say. The actions are suggestions from the labels the guide quotes,\n" +
		"# commented out: uncomment (\"# - \" to \"- \") those the page confirms, change the action\n" +
		"# where the guide meant another, and add what the guide does not spell out (enroll help\n" +
		"# steps). Then enroll validate, then enroll run.\n")
	b.WriteString("enroll: 1\nguide:\n")
	title := g.Title
	if title == "" {
		title = source // a guide with no words for a title: its file names it
	}
	fmt.Fprintf(&b, "  title: %s\n  source: %s\n", scalar(title, false), scalar(source, false))
	writeSite(&b, g, opt.Site)
	b.WriteString("\nsteps:\n")
	scanned, typed := false, false
	titles := map[string]bool{}
	for i, s := range g.Steps {
		if i > 0 {
			b.WriteString("\n")
		}
		title := s.Heading
		if titles[strings.ToLower(title)] {
			title = fmt.Sprintf("%s (step %d)", title, s.Number) // flows name steps by distinct titles
		}
		titles[strings.ToLower(title)] = true
		fmt.Fprintf(&b, "  - step: %s\n", scalar(title, false))
		writeSay(&b, s.Paragraphs)
		var do []suggestion
		if !scanned && mentions(s, qrRE) {
			scanned = true
			do = append(do, suggestion{action: fmt.Sprintf("scan-qr: { as: %s }", Credential), note: "the guide shows a QR code here"})
		}
		var labels []suggestion
		for _, l := range s.Labels {
			if strings.TrimSpace(l.Text) == "" {
				continue // quotes around nothing but spaces name nothing on the screen
			}
			labels = append(labels, suggest(l, scanned))
		}
		if scanned && !typed && mentions(s, codeRE) {
			typed = true
			if !slices.ContainsFunc(labels, func(l suggestion) bool { return strings.HasPrefix(l.action, "type-code:") }) {
				do = append(do, suggestion{action: fmt.Sprintf("type-code: { from: %s }", Credential), note: "the guide has the code typed here"})
			}
		}
		do = append(do, labels...)
		switch {
		case len(do) > 0:
			b.WriteString("    do:\n")
			for _, d := range do {
				fmt.Fprintf(&b, "      # - %s   # %s\n", d.action, d.note)
			}
		case loginRE.MatchString(s.Heading):
			fmt.Fprintf(&b, "    manual: %s\n", scalar("to write: sign in here (use: sign-in, a fragment of the site's imported file; or open, fill, click)", false))
		default:
			fmt.Fprintf(&b, "    manual: %s\n", scalar("to write: the guide quotes no label here; replace manual with do: and what the reader does", false))
		}
	}
	if scanned {
		b.WriteString("\n  # The guides end by signing in again: a last step with new-session, the sign-in and\n" +
			"  # type-code shows the code works (README, \"Writing a flow from a guide\").\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// suggestion is one commented action of a drafted step and where it comes from.
type suggestion struct {
	action string // the action as a flow writes it, without "- "
	note   string
}

var (
	qrRE    = regexp.MustCompile(`(?i)\bQR code\b`)
	codeRE  = regexp.MustCompile(`(?i)\b(enter|type)\b[^.!?]*\bcode\b`)
	loginRE = regexp.MustCompile(`(?i)^(log|sign) ?in\b`)
	wordRE  = regexp.MustCompile(`[\pL\pN]+`)
)

// mentions reports whether the step's heading or one of its paragraphs matches re.
func mentions(s *guide.Step, re *regexp.Regexp) bool {
	return re.MatchString(s.Heading) || slices.ContainsFunc(s.Paragraphs, re.MatchString)
}

// cue words: the noun after a quoted label says what it is; failing that, the nearest
// verb before it says what the reader does with it.
var (
	nounKinds = map[string]string{
		"button": "click", "link": "click", "tab": "click", "menu": "click", "icon": "click", "option": "click",
		"checkbox": "check", "field": "fill", "box": "fill", "input": "fill", "message": "expect",
	}
	verbKinds = map[string]string{
		"click": "click", "select": "click", "tap": "click", "hit": "click", "press": "click", "choose": "click", "pick": "click",
		"check": "check", "tick": "check",
		"into": "fill", "labelled": "fill", "labeled": "fill", "enter": "fill", "type": "fill", "field": "fill", "box": "fill",
		"show": "expect", "shows": "expect", "shown": "expect", "showing": "expect", "display": "expect",
		"displays": "expect", "displayed": "expect", "see": "expect", "says": "expect", "saying": "expect",
		"reads": "expect", "message": "expect", "appear": "expect", "appears": "expect", "states": "expect",
	}
)

// kind is the action a quoted label most likely asks for: click unless its sentence
// makes it a message (expect), a field (fill) or a checkbox (check).
func kind(l guide.Label) string {
	if after := wordRE.FindString(l.After); after != "" {
		if k, ok := nounKinds[strings.ToLower(after)]; ok {
			return k
		}
	}
	before := wordRE.FindAllString(l.Before, -1)
	for i := len(before) - 1; i >= 0 && i >= len(before)-6; i-- {
		if k, ok := verbKinds[strings.ToLower(before[i])]; ok {
			return k
		}
	}
	return "click"
}

// suggest turns a quoted label into a commented action; scanned says whether a code
// from the QR code can be typed by now.
func suggest(l guide.Label, scanned bool) suggestion {
	note := fmt.Sprintf("line %d: %s", l.Line, shorten(l.Sentence, 60))
	label := strings.ToLower(l.Text)
	switch k := kind(l); {
	case k == "fill" && scanned && strings.Contains(label, "code"):
		return suggestion{fmt.Sprintf("type-code: { from: %s, into: %s }", Credential, scalar(l.Text, true)), note}
	case k == "fill":
		value := `""`
		for _, f := range []string{"email", "password", "phone"} {
			if strings.Contains(label, f) {
				value = `"${account.` + f + `}"`
			}
		}
		return suggestion{fmt.Sprintf("fill: { into: %s, value: %s }", scalar(l.Text, true), value), note}
	default:
		return suggestion{k + ": " + scalar(l.Text, false), note}
	}
}

// writeSite writes the site: the option's, else the bundled site the title names,
// else a placeholder base URL.
func writeSite(b *bytes.Buffer, g *guide.Guide, site string) {
	if site == "" {
		words := wordRE.FindAllString(strings.ToLower(g.Title), -1)
		for _, s := range flow.BundledSites {
			if slices.Contains(words, s) {
				site = s
				break
			}
		}
		if site == "" {
			b.WriteString("site: { base-url: \"https://example.com\" }   # the site's address, or a bundled mock's name\n")
			return
		}
	}
	if !slices.Contains(flow.BundledSites, site) {
		fmt.Fprintf(b, "site: { base-url: %s }\n", scalar(site, true))
		return
	}
	env := "ENROLL_" + strings.ToUpper(site)
	fmt.Fprintf(b, "site: %s\n", site)
	fmt.Fprintf(b, "# account: { email: \"${env.%s_EMAIL}\", password: \"${env.%s_PASSWORD}\" }   # none: the mock's test account\n", env, env)
	fmt.Fprintf(b, "# import: [sites/%s.yaml]   # the site's sign-in fragment, relative to this file\n", site)
}

// writeSay writes the step's paragraphs as say: on one line when it fits, else as a
// folded block, one paragraph after another (they read back joined by line breaks).
func writeSay(b *bytes.Buffer, paragraphs []string) {
	if len(paragraphs) == 0 {
		return
	}
	if len(paragraphs) == 1 {
		if v := scalar(paragraphs[0], false); v == paragraphs[0] && len("    say: ")+len(v) <= width {
			fmt.Fprintf(b, "    say: %s\n", v)
			return
		}
	}
	b.WriteString("    say: >-\n")
	for i, p := range paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && len("      ")+len(line)+1+len(w) > width {
				fmt.Fprintf(b, "      %s\n", line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		fmt.Fprintf(b, "      %s\n", line)
	}
}

// scalar writes s as a YAML scalar: plain when YAML reads it back as the same string,
// else quoted. inFlow is for values inside { }, where more needs quotes than in a
// block (a comma, a bracket, a leading "?").
func scalar(s string, inFlow bool) string {
	out, err := yaml.Marshal(s)
	v := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(v, "\n") || (inFlow && !readsBackInFlow(v, s)) {
		return strconv.Quote(s)
	}
	return v
}

// readsBackInFlow reports whether v, written as a value inside { } and followed by
// another key, reads back as s.
func readsBackInFlow(v, s string) bool {
	var m map[string]string
	return yaml.Unmarshal([]byte("{k: "+v+", z: y}"), &m) == nil && m["k"] == s
}

// shorten cuts s to at most n runes, marking the cut with "...".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "..."
}

package flow

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The build functions of the Kinds table: each turns a kind's decoded fields into its
// action and checks what the field types alone cannot.

func buildOpen(b *builder) Action {
	a := &Open{Common: b.c, URL: b.fs.get("url").tmpl}
	raw := a.URL.Raw
	if b.fs.get("url").ok && !strings.HasPrefix(raw, "${") && !strings.HasPrefix(raw, "/") &&
		!strings.HasPrefix(raw, "http://") && !strings.HasPrefix(raw, "https://") {
		b.d.errorf(b.fs.get("url").pos, "open needs a path starting with / or an http(s) URL, not %q", raw)
	}
	return a
}

func buildClick(b *builder) Action { return &Click{Common: b.c, Target: b.inline()} }

func buildHover(b *builder) Action { return &Hover{Common: b.c, Target: b.inline()} }

func buildFill(b *builder) Action {
	return &Fill{Common: b.c, Into: b.target("into"), Value: b.fs.get("value").tmpl}
}

func buildSelect(b *builder) Action {
	return &Select{Common: b.c, From: b.target("from"), Option: b.fs.get("option").tmpl}
}

func buildCheck(b *builder) Action { return &Check{Common: b.c, Target: b.inline()} }

func buildUncheck(b *builder) Action { return &Check{Common: b.c, Target: b.inline(), Off: true} }

func buildPress(b *builder) Action {
	a := &Press{Common: b.c, Key: b.fs.get("key").str, In: b.fs.get("in").target}
	if v := b.fs.get("key"); v.ok {
		if canon, ok := enumValue(keyNames, a.Key); ok {
			a.Key = canon
		} else if utf8.RuneCountInString(a.Key) != 1 {
			b.d.errorf(v.pos, "unknown keyboard key %q%s; press one of %s, or one character",
				a.Key, suggest(a.Key, keyNames), strings.Join(keyNames, ", "))
		}
	}
	return a
}

func buildExpect(b *builder) Action    { return b.expect(false) }
func buildExpectNot(b *builder) Action { return b.expect(true) }

func (b *builder) expect(absent bool) Action {
	b.exactlyOne(b.kind.OneOf...)
	return &Expect{
		Common:  b.c,
		Text:    b.fs.get("text").str,
		Element: b.fs.get("element").target,
		URL:     b.fs.get("url").str,
		Absent:  absent,
	}
}

func buildCapture(b *builder) Action {
	a := &Capture{
		Common:  b.c,
		As:      b.fs.get("as").str,
		From:    b.target("from"),
		Pattern: b.fs.get("pattern").str,
		Many:    b.fs.get("many").on,
		Secret:  b.fs.get("secret").on,
	}
	if a.Pattern != "" {
		a.Regexp, _ = regexp.Compile(a.Pattern) // an invalid one is reported by the decoder
	}
	if a.Many && !b.fs.has("pattern") {
		b.d.errorf(b.fs.get("many").pos, "many needs a pattern that matches each value")
	}
	if a.Many && !b.fs.has("secret") {
		a.Secret = true
	}
	return a
}

func buildScanQR(b *builder) Action {
	return &ScanQR{
		Common: b.c,
		As:     b.fs.get("as").str,
		Within: b.fs.get("within").target,
		Expect: b.fs.get("expect").qr,
	}
}

func buildReadSecret(b *builder) Action {
	return &ReadSecret{Common: b.c, Of: b.fs.get("of").str, From: b.target("from")}
}

func buildTypeCode(b *builder) Action {
	return &TypeCode{
		Common: b.c,
		From:   b.fs.get("from").str,
		Into:   b.fs.get("into").target,
		Boxes:  b.fs.get("boxes").on,
	}
}

func buildSMSCode(b *builder) Action {
	return &SMSCode{Common: b.c, As: b.fs.get("as").str, To: b.fs.get("to").tmpl}
}

func buildMailLink(b *builder) Action {
	return &MailLink{Common: b.c, Subject: b.fs.get("subject").str}
}

func buildDialog(b *builder) Action {
	a := &Dialog{
		Common:   b.c,
		Cancel:   b.fs.get("answer").str == "cancel",
		Expect:   b.fs.get("expect").str,
		Text:     b.fs.get("text").tmpl,
		OffGuide: b.fs.get("off-guide").str,
	}
	if a.Cancel && b.fs.has("text") {
		b.d.errorf(b.fs.get("text").pos, "a prompt's text is typed only when it is accepted; drop text or answer accept")
	}
	if b.fs.has("off-guide") && !b.fs.has("expect") {
		b.d.errorf(b.fs.get("off-guide").pos, "off-guide says why an expected message is not in the guide; give expect too")
	}
	return a
}

func buildNewSession(b *builder) Action { return &NewSession{Common: b.c} }

func buildWait(b *builder) Action { return &Wait{Common: b.c, For: b.fs.get("for").dur} }

func buildUse(b *builder) Action {
	return &Use{Common: b.c, Fragment: b.fs.get("fragment").str}
}

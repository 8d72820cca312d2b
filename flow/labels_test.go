package flow

import (
	"fmt"
	"slices"
	"testing"
	"testing/fstest"
)

// TestLabels pins down what each kind looks for.
func TestLabels(t *testing.T) {
	t.Parallel()
	src := `enroll: 1
guide: {title: T, source: s}
site: 20i
fragments:
  sign-in:
    - fill: { into: Email, value: "${account.email}" }
    - use: inner
  inner:
    - click: Log in
steps:
  - step: A
    do:
      - use: sign-in
      - click: { text: Continue, within: Set up, off-guide: not named }
      - select: { from: Device, option: Android }
      - select: { from: Country, option: "${env.C}" }
      - expect: Saved
      - expect-not: { element: { label: Code } }
      - dialog: { expect: Are you sure, answer: cancel }
      - press: { key: Enter, in: { placeholder: Code } }
      - scan-qr: app
      - type-code: { from: app, into: { name: One-time code } }
      - open: /x
`
	f, err := Parse(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range f.Expand(f.Steps[0].Actions) {
		for _, l := range Labels(a) {
			s := fmt.Sprintf("%s %s %d", l.Kind, l.Text, l.Source)
			if l.OffGuide != "" {
				s += " off-guide"
			}
			if l.Absent {
				s += " absent"
			}
			if (l.Target != nil) != (l.Source == LabelTarget || l.Source == LabelWithin) {
				t.Errorf("%s: target %v", s, l.Target)
			}
			got = append(got, s)
		}
	}
	want := []string{
		"fill Email 1", "click Log in 1",
		"click Continue 1 off-guide", "click Set up 2 off-guide",
		"select Device 1", "select Android 4", "select Country 1",
		"expect Saved 3", "expect-not Code 1 absent",
		"dialog Are you sure 5", "press Code 1", "type-code One-time code 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("labels\n got %q\nwant %q", got, want)
	}
}

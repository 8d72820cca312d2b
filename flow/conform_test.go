package flow

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBeforeConfirm: what a reader does of a disable step without confirming, the
// confirmation being a click on the site's page, or a native confirm() the click opens.
func TestBeforeConfirm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   string
		want string // the actions BeforeConfirm returns, as kinds (dialog answers in brackets)
	}{{
		name: "a confirmation page",
		do:   "- click: Disable\n- expect: Confirm you want\n- click: { text: Disable, role: button }\n- expect: disabled",
		want: "click expect",
	}, {
		name: "a native confirmation",
		do:   "- click: Security\n- dialog: { expect: Confirm you want }\n- click: Disable\n- expect: disabled",
		want: "click dialog(cancel) click",
	}, {
		name: "a native dialog for an earlier click",
		do:   "- dialog: accept\n- click: Security\n- click: Disable\n- expect: disabled",
		want: "dialog(accept) click",
	}, {
		name: "a native dialog answered cancel is no confirmation",
		do:   "- dialog: cancel\n- click: Disable\n- expect: kept",
		want: "dialog(cancel)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nsteps:\n  - step: A\n    do:\n      " +
				strings.ReplaceAll(tt.do, "\n", "\n      ") + "\n"
			f, err := Parse(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml")
			if err != nil {
				t.Fatal(err)
			}
			s := f.Steps[0]
			before := BeforeConfirm(s, ConfirmIndex(s, nil))
			var got []string
			for _, a := range before {
				k := string(a.Kind())
				if d, ok := a.(*Dialog); ok {
					k += "(" + d.Answer() + ")"
				}
				got = append(got, k)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("BeforeConfirm = %s, want %s", strings.Join(got, " "), tt.want)
			}
			for _, a := range s.Actions {
				if d, ok := a.(*Dialog); ok && strings.Contains(tt.name, "a native confirmation") && d.Cancel {
					t.Error("BeforeConfirm changed the step's own dialog")
				}
			}
		})
	}
}

package flow_test

import (
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/enroll-dev/enroll/flow"
)

func Example() {
	fsys := fstest.MapFS{
		"20i.yaml": {Data: []byte(`enroll: 1
guide: { title: Setting up Trusona for 20i, source: 003_13c50cf616da0fba.txt }
site: 20i
import: [sites/20i.yaml]
steps:
  - step: Log in to 20i
    do:
      - use: sign-in
  - step: Scan the QR Code
    do:
      - scan-qr: { as: app, expect: { issuer: 20i, digits: 6 } }
  - step: Finalize
    say: Enter the code from the app into the screen, then click Done
    do:
      - type-code: { from: app, into: Code }
      - click: Done
`)},
		"sites/20i.yaml": {Data: []byte(`enroll: 1
fragments:
  sign-in:
    - open: /login
    - fill: { into: Email, value: "${account.email}" }
    - click: Log in
`)},
	}
	f, err := flow.Parse(fsys, "20i.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, s := range f.Steps {
		fmt.Printf("%d. %s\n", i+1, s.Title)
		for _, a := range s.Actions {
			switch a := a.(type) {
			case *flow.Use:
				fmt.Printf("   use %s (%d actions)\n", a.Fragment, len(f.Fragments[a.Fragment].Actions))
			case *flow.Click:
				fmt.Printf("   click %s at %s\n", a.Target.Describe(), a.At())
			default:
				fmt.Printf("   %s\n", a.Kind())
			}
		}
	}
	// Output:
	// 1. Log in to 20i
	//    use sign-in (3 actions)
	// 2. Scan the QR Code
	//    scan-qr
	// 3. Finalize
	//    type-code
	//    click "Done" at 20i.yaml:16:9
}

func Example_errors() {
	fsys := fstest.MapFS{"bad.yaml": {Data: []byte(`enroll: 1
guide: { title: T, source: s }
site: 20i
timeout: ten
steps:
  - step: Finalize
    do:
      - clik: Done
      - fill: { into: Code, value: "${code}" }
`)}}
	_, err := flow.Parse(fsys, "bad.yaml")
	var list flow.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// bad.yaml:4:10: invalid duration "ten"
	// bad.yaml:8:9: unknown action "clik" (did you mean "click"?) (run 'enroll help steps' for the list)
	// bad.yaml:9:37: ${code} is not defined before this point
}

package runner

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/flow"
)

// TestDoCoversEveryKind: the one switch from actions to browser calls (flowRun.act)
// has a case for the type of every action kind the flow format has, so no kind
// reaches its default branch. It reads the switch from the source, and the kinds
// from the Kinds table's examples.
func TestActCoversEveryKind(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "actions.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bool{}
	ast.Inspect(file, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "act" {
			return true
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if star, ok := e.(*ast.StarExpr); ok {
						if sel, ok := star.X.(*ast.SelectorExpr); ok {
							cases[sel.Sel.Name] = true
						}
					}
				}
			}
			return true
		})
		return false
	})
	if len(cases) == 0 {
		t.Fatal("no type switch found in flowRun.act")
	}
	for _, k := range flow.Kinds {
		for _, line := range strings.Split(k.Example, "\n") {
			src := "enroll: 1\nguide: {title: T, source: s}\nsite: 20i\nfragments:\n  sign-in:\n    - open: /login\n" +
				"steps:\n  - step: A\n    do:\n"
			if k.Name != "scan-qr" {
				src += "      - scan-qr: app\n" // what type-code and read-secret name
			}
			src += "      " + line + "\n"
			f, err := flow.Parse(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml")
			if err != nil {
				t.Fatalf("%s example %q: %v", k.Name, line, err)
			}
			for _, a := range f.Steps[0].Actions {
				if name := reflect.TypeOf(a).Elem().Name(); !cases[name] {
					t.Errorf("flowRun.act has no case for *flow.%s (the %s action)", name, a.Kind())
				}
			}
		}
	}
}

package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/enroll-dev/enroll/flow"
)

const helpStepsIntro = `A flow's steps follow the guide: each step has its heading (step:), its sentences
(say:) and a list of actions (do:). An action is one line, like "click: Done", or a
mapping of its fields; any action may have "timeout: 20s" beside it or inside it.
A fragment file (flows/sites/NAME.yaml) holds "fragments:", named action lists that
"use: NAME" runs in place.

Targets (how an action finds an element, the way a reader does): a string is the
element's visible text (for fill, select, press in, check and type-code into: a
field's label), or a mapping with exactly one of text, label, placeholder, name or
css, and optionally role (%s), within,
exact and off-guide (why a label the guide does not quote is used).

Values: ${account.email}, ${account.password}, ${account.phone}, ${env.NAME}, and
${name} or ${name[0]} of a value captured earlier (capture, sms-code); $$ is a $.
Credentials from scan-qr are used by type-code and read-secret, never in text.
`

// runHelpSteps is `enroll help steps [KIND...]`: the action kinds, from flow.Kinds.
func runHelpSteps(ctx context.Context, env *Env, args []string) error {
	kinds := flow.Kinds
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(env.Stdout, "Usage: enroll help steps [KIND...]\n\nDescribes the actions a flow may use; with KINDs, only those.")
		return nil
	}
	if len(args) > 0 {
		kinds = nil
		for _, name := range args {
			k, ok := flow.LookupKind(name)
			if !ok {
				return usagef("unknown action %q; known: %s", name, strings.Join(flow.KindNames(), ", "))
			}
			kinds = append(kinds, *k)
		}
	} else {
		fmt.Fprintf(env.Stdout, helpStepsIntro, strings.Join(flow.Roles, ", "))
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, k := range kinds {
		writeKind(w, &k)
	}
	return w.Flush()
}

// writeKind describes one action kind: summary, forms, fields, examples.
func writeKind(w io.Writer, k *flow.KindInfo) {
	fmt.Fprintf(w, "\n%s\t%s\n", k.Name, k.Summary)
	if k.Shorthand != "" {
		fmt.Fprintf(w, "  one line:\t%s: %s\n", k.Name, strings.ToUpper(k.Shorthand))
	}
	if k.Bare {
		fmt.Fprintf(w, "  alone:\t%s\n", k.Name)
	}
	if len(k.OneOf) > 0 {
		fmt.Fprintf(w, "  exactly one of:\t%s\n", strings.Join(k.OneOf, ", "))
	}
	fmt.Fprintln(w, "  fields:")
	for _, f := range k.Fields {
		typ := f.Type.String()
		if len(f.Enum) > 0 {
			typ = strings.Join(f.Enum, "|")
		}
		req := ""
		if f.Required {
			req = " (required)"
		}
		fmt.Fprintf(w, "    %s\t%s\t%s%s\n", f.Name, typ, f.Doc, req)
	}
	fmt.Fprintln(w, "  example:")
	for _, line := range strings.Split(k.Example, "\n") {
		fmt.Fprintf(w, "    %s\n", line)
	}
}

// runHelpSchema is `enroll help schema`: the JSON Schema of flow files, for editors.
func runHelpSchema(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(env.Stdout, "Usage: enroll help schema\n\nPrints the JSON Schema (draft 2020-12) of flow and fragment files, for editors:\n  enroll help schema > flow.schema.json")
		return nil
	}
	_, err := env.Stdout.Write(flow.Schema())
	return err
}

package flow

import (
	"encoding/json"
	"fmt"
)

// schema is the subset of JSON Schema (draft 2020-12) that Schema writes.
type schema struct {
	Schema               string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Ref                  string             `json:"$ref,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 string             `json:"type,omitempty"`
	Const                *int               `json:"const,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Format               string             `json:"format,omitempty"`
	MinLength            *int               `json:"minLength,omitempty"`
	Minimum              *int               `json:"minimum,omitempty"`
	Maximum              *int               `json:"maximum,omitempty"`
	MinItems             *int               `json:"minItems,omitempty"`
	Properties           map[string]*schema `json:"properties,omitempty"`
	PropertyNames        *schema            `json:"propertyNames,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties *schema            `json:"additionalProperties,omitempty"`
	Items                *schema            `json:"items,omitempty"`
	OneOf                []*schema          `json:"oneOf,omitempty"`
	AnyOf                []*schema          `json:"anyOf,omitempty"`
	Examples             []string           `json:"examples,omitempty"`
	Defs                 map[string]*schema `json:"$defs,omitempty"`
}

// MarshalJSON writes `false` for the schema that allows nothing (additionalProperties).
func (s *schema) MarshalJSON() ([]byte, error) {
	if s == never {
		return []byte("false"), nil
	}
	type plain schema
	return json.Marshal((*plain)(s))
}

// never is the schema `false`.
var never = &schema{}

func ref(name string) *schema { return &schema{Ref: "#/$defs/" + name} }
func intp(n int) *int         { return &n }

// Schema returns the JSON Schema (draft 2020-12) of flow and fragment files, generated
// from the Kinds table, for editors that complete and check YAML (`enroll help schema`).
func Schema() []byte {
	b, err := json.MarshalIndent(rootSchema(), "", "  ")
	if err != nil {
		// Every value is a plain struct of strings and numbers: this cannot happen.
		panic(fmt.Sprintf("flow: marshal schema: %v", err))
	}
	return append(b, '\n')
}

func rootSchema() *schema {
	root := objectOf(fileFields, false)
	root.Schema = "https://json-schema.org/draft/2020-12/schema"
	root.ID = fmt.Sprintf("https://enroll.dev/schema/flow-v%d.json", Version)
	root.Title = "enroll flow"
	root.Description = "A flow (a written 2FA guide as runnable steps) or a fragment file (flows/sites/*.yaml)."
	root.Required = []string{"enroll"}
	root.AnyOf = []*schema{
		{Description: "a flow file", Required: []string{"guide", "site", "steps"}},
		{Description: "a fragment file", Required: []string{"fragments"}},
	}
	root.Properties["enroll"].Const = intp(Version)
	root.Defs = map[string]*schema{
		"duration": {Type: "string", Description: "a Go duration: 500ms, 10s, 1m30s",
			Pattern: `^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`},
		"template": {Type: "string", Description: "text; ${account.email|password|phone}, ${env.NAME}, ${name} and ${name[0]} are replaced, $$ is a $"},
		"name":     {Type: "string", Pattern: `^[A-Za-z_][A-Za-z0-9_-]*$`},
		"target": {Description: "an element: its visible text, or a mapping with one of text, label, placeholder, name or css",
			OneOf: []*schema{{Type: "string", MinLength: intp(1)}, targetObject()}},
		"field": {Description: "a form field: its label, or a mapping with one of text, label, placeholder, name or css",
			OneOf: []*schema{{Type: "string", MinLength: intp(1)}, targetObject()}},
		"qr-expect": objectOf(qrFields, false),
		"guide":     objectOf(guideFields, false),
		"site": {OneOf: []*schema{
			{Enum: BundledSites, Description: "a bundled mock site"},
			withAnyOf(objectOf(siteFields, false), []string{"mock", "base-url"}),
		}},
		"account": objectOf(accountFields, false),
		"imports": {Type: "array", Items: &schema{Type: "string", MinLength: intp(1)}},
		"fragments": {Type: "object", PropertyNames: ref("name"),
			AdditionalProperties: &schema{Ref: "#/$defs/actions", MinItems: intp(1)}},
		"steps":   {Type: "array", MinItems: intp(1), Items: objectOf(stepFields, false)},
		"actions": {Type: "array", Items: ref("action")},
		"action":  actionSchema(),
		"texts": {OneOf: []*schema{{Type: "string", MinLength: intp(1)},
			{Type: "array", MinItems: intp(1), Items: &schema{Type: "string", MinLength: intp(1)}}}},
		"conform": objectOf(conformFields, false),
	}
	root.Defs["qr-expect"].Properties["digits"].Minimum = intp(6)
	root.Defs["qr-expect"].Properties["digits"].Maximum = intp(8)
	root.Defs["qr-expect"].Properties["period"].Minimum = intp(1)
	return root
}

// objectOf is a mapping with exactly fields; oneOf adds an exactly-one constraint.
func objectOf(fields []Field, oneOf bool) *schema {
	s := &schema{Type: "object", Properties: map[string]*schema{}, AdditionalProperties: never}
	for _, f := range fields {
		p := fieldSchema(f)
		p.Description = f.Doc
		s.Properties[f.Name] = p
		if f.Required {
			s.Required = append(s.Required, f.Name)
		}
	}
	return s
}

// withAnyOf requires at least one of names.
func withAnyOf(s *schema, names []string) *schema {
	for _, n := range names {
		s.AnyOf = append(s.AnyOf, &schema{Required: []string{n}})
	}
	return s
}

// withOneOf requires exactly one of names.
func withOneOf(s *schema, names []string) *schema {
	for _, n := range names {
		s.OneOf = append(s.OneOf, &schema{Required: []string{n}})
	}
	return s
}

func targetObject() *schema { return withOneOf(objectOf(targetFields, false), targetWhich) }

// fieldSchema is the schema of one field's value.
func fieldSchema(f Field) *schema {
	switch f.Type {
	case TypeString:
		return &schema{Type: "string", MinLength: intp(1)}
	case TypeTemplate:
		return ref("template")
	case TypeDuration:
		return ref("duration")
	case TypeInt:
		return &schema{Type: "integer"}
	case TypeBool:
		return &schema{Type: "boolean"}
	case TypeName, TypeRef:
		return ref("name")
	case TypeEnum:
		return &schema{Enum: f.Enum}
	case TypeRegexp:
		return &schema{Type: "string", Format: "regex"}
	case TypeTarget:
		return ref("target")
	case TypeFieldTarget:
		return ref("field")
	case TypeQRExpect:
		return ref("qr-expect")
	case TypeGuide:
		return ref("guide")
	case TypeSite:
		return ref("site")
	case TypeAccount:
		return ref("account")
	case TypeImports:
		return ref("imports")
	case TypeFragments:
		return ref("fragments")
	case TypeSteps:
		return ref("steps")
	case TypeActions:
		return ref("actions")
	case TypeTexts:
		return ref("texts")
	case TypeConform:
		return ref("conform")
	case TypeReasons:
		return &schema{Type: "object", PropertyNames: &schema{Enum: ConformChecks},
			AdditionalProperties: &schema{Type: "string", MinLength: intp(1)}}
	}
	return &schema{}
}

// actionSchema is one item of an action list: a mapping with one kind (and an
// optional timeout beside it), or a bare kind's name.
func actionSchema() *schema {
	s := &schema{}
	var bare []string
	for i := range Kinds {
		k := &Kinds[i]
		name := string(k.Name)
		if k.Bare {
			bare = append(bare, name)
		}
		obj := objectOf(k.Fields, false)
		if len(k.OneOf) > 0 {
			withOneOf(obj, k.OneOf)
		}
		forms := []*schema{obj}
		if f, ok := k.field(k.Shorthand); ok {
			short := fieldSchema(f)
			short.Description = "one-line form: " + f.Doc
			forms = append([]*schema{short}, forms...)
		}
		if k.Bare {
			forms = append(forms, &schema{Type: "null"})
		}
		value := &schema{OneOf: forms}
		if len(forms) == 1 {
			value = obj
		}
		s.OneOf = append(s.OneOf, &schema{
			Type:                 "object",
			Description:          k.Summary,
			Properties:           map[string]*schema{name: value, "timeout": ref("duration")},
			Required:             []string{name},
			AdditionalProperties: never,
			Examples:             []string{k.Example},
		})
	}
	s.OneOf = append(s.OneOf, &schema{Enum: bare, Description: "an action with no value"})
	return s
}

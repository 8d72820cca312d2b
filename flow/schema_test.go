package flow

import (
	"encoding/json"
	"testing"
)

// TestSchema checks the schema is JSON with an entry for every action kind, and
// compares it with testdata/schema.json.
func TestSchema(t *testing.T) {
	t.Parallel()
	b := Schema()
	if !json.Valid(b) {
		t.Fatal("Schema() is not valid JSON")
	}
	var doc struct {
		Schema string `json:"$schema"`
		Defs   struct {
			Action struct {
				OneOf []struct {
					Properties map[string]json.RawMessage `json:"properties"`
					Enum       []string                   `json:"enum"`
				} `json:"oneOf"`
			} `json:"action"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q", doc.Schema)
	}
	found := map[string]bool{}
	for _, alt := range doc.Defs.Action.OneOf {
		for name := range alt.Properties {
			if name != "timeout" {
				found[name] = true
			}
		}
	}
	for _, k := range Kinds {
		if !found[string(k.Name)] {
			t.Errorf("kind %s is missing from the schema's action", k.Name)
		}
	}
	if len(found) != len(Kinds) {
		t.Errorf("schema has %d kinds, the table %d", len(found), len(Kinds))
	}
	golden(t, "schema.json", string(b))
}

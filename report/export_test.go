package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestExportInReports: the JSON and JUnit reports say where --export wrote a flow's
// credentials, and JSON reads it back; a flow without an export has no such field.
func TestExportInReports(t *testing.T) {
	t.Parallel()
	e := &Export{Dir: "out/20i", Files: []string{"app.otpauth.txt", "aegis.json"}, Refused: []string{"google authenticator cannot carry a: b"}}
	run := &Run{Started: time.Unix(1700000000, 0), Flows: []*Flow{
		{File: "flows/20i.yaml", Status: Passed, Export: e},
		{File: "flows/sms.yaml", Status: Passed},
	}}
	run.Finish(time.Unix(1700000001, 0))
	var js bytes.Buffer
	if err := WriteJSON(&js, run); err != nil {
		t.Fatal(err)
	}
	if strings.Count(js.String(), `"export"`) != 1 || !strings.Contains(js.String(), `"dir": "out/20i"`) {
		t.Errorf("JSON report:\n%s", js.String())
	}
	back, err := ReadJSON(&js)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Flows[0].Export, e) || back.Flows[1].Export != nil {
		t.Errorf("read back %+v and %+v, want %+v and nil", back.Flows[0].Export, back.Flows[1].Export, e)
	}
	var ju bytes.Buffer
	if err := WriteJUnit(&ju, run); err != nil {
		t.Fatal(err)
	}
	if strings.Count(ju.String(), "export (live secrets): out/20i\n") != 1 {
		t.Errorf("JUnit report:\n%s", ju.String())
	}
}

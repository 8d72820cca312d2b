package kit_test

import (
	"errors"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

var pagesFS = fstest.MapFS{
	"templates/layout.html":  {Data: []byte(`{{define "layout"}}<main>{{template "body" .}}</main>{{end}}`)},
	"templates/home.html":    {Data: []byte(`{{define "body"}}home of {{shout .}}{{end}}`)},
	"templates/extra.html":   {Data: []byte(`{{define "body"}}extra {{template "partial" .}}{{end}}`)},
	"templates/partial.html": {Data: []byte(`{{define "partial"}}[{{.}}]{{end}}`)},
	"templates/broken.html":  {Data: []byte(`{{define "body"}}{{.Missing.Field}}{{end}}`)},
	"templates/bad.html":     {Data: []byte(`{{define "body"}}{{end`)},
}

func TestRender(t *testing.T) {
	t.Parallel()
	funcs := template.FuncMap{"shout": strings.ToUpper}
	pages := kit.MustParsePages(pagesFS, funcs, []string{"layout"}, "home", "broken").MustAdd("extra", "partial")
	k, err := kit.New(testSite, kit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, page string
		status     int
		data       any
		wantStatus int
		wantBody   string
	}{
		{"page with funcs", "home", http.StatusOK, "ada", http.StatusOK, "<main>home of ADA</main>"},
		{"page with a partial", "extra", http.StatusUnauthorized, "<b>", http.StatusUnauthorized, "<main>extra [&lt;b&gt;]</main>"},
		{"template error after the status", "broken", http.StatusOK, "x", http.StatusOK, "<main>"},
		{"unknown page", "nope", http.StatusOK, nil, http.StatusInternalServerError, "The page could not be shown."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			k.Render(rec, tc.status, pages, tc.page, tc.data)
			if rec.Code != tc.wantStatus || !strings.Contains(rec.Body.String(), tc.wantBody) {
				t.Fatalf("status %d body %q, want %d with %q", rec.Code, rec.Body, tc.wantStatus, tc.wantBody)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Fatalf("content type %q", ct)
			}
			if cc := rec.Header().Get("Cache-Control"); tc.wantStatus != http.StatusInternalServerError && cc != "no-store" {
				t.Fatalf("cache control %q", cc)
			}
		})
	}
}

func TestMustParsePagesPanicsOnABadTemplate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		page string
	}{
		{"syntax error", "bad"},
		{"missing file", "absent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if v := recover(); v == nil || !strings.Contains(v.(string), `parse page "`+tc.page+`"`) {
					t.Fatalf("recovered %v", v)
				}
			}()
			kit.MustParsePages(pagesFS, nil, []string{"layout"}, tc.page)
		})
	}
}

func TestFail(t *testing.T) {
	t.Parallel()
	k, err := kit.New(testSite, kit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	k.Fail(rec, "The Example portal", errors.New("disk full"))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "The Example portal could not complete the request: disk full") {
		t.Fatalf("status %d body %q", rec.Code, rec.Body)
	}
}

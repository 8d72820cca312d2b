package kit

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
)

// Pages is a site's HTML pages: one template set per page, each parsed from the site's
// shared files (its layout first) and the page's own file, all under templates/ in the
// site's embedded file system. A page is shown by executing the template "layout",
// which the layout file defines. Kit.Render shows one.
type Pages struct {
	fsys   fs.FS
	funcs  template.FuncMap
	common []string
	sets   map[string]*template.Template
}

// MustParsePages parses one template set per name: templates/<c>.html for each c in
// common, then templates/<name>.html. funcs (may be nil) is available to every
// template. It panics on a parse error: the templates are embedded in the site, so a
// bad one is a programming error that any test of the site finds.
//
//	var pages = kit.MustParsePages(templateFS, nil, []string{"layout"}, "login", "code", "home")
func MustParsePages(fsys fs.FS, funcs template.FuncMap, common []string, names ...string) *Pages {
	p := &Pages{fsys: fsys, funcs: funcs, common: common, sets: map[string]*template.Template{}}
	for _, name := range names {
		p.MustAdd(name)
	}
	return p
}

// MustAdd parses one more page, name, from the common files, templates/<name>.html and
// templates/<e>.html for each e in extra (partials only this page uses), and returns p.
// It panics on a parse error, like MustParsePages. Call it only while building the
// package's pages, before any request is served.
func (p *Pages) MustAdd(name string, extra ...string) *Pages {
	files := make([]string, 0, len(p.common)+1+len(extra))
	for _, f := range p.common {
		files = append(files, templateFile(f))
	}
	files = append(files, templateFile(name))
	for _, f := range extra {
		files = append(files, templateFile(f))
	}
	t, err := template.New(path.Base(files[0])).Funcs(p.funcs).ParseFS(p.fsys, files...)
	if err != nil {
		panic(fmt.Sprintf("kit: parse page %q: %v", name, err))
	}
	p.sets[name] = t
	return p
}

func templateFile(name string) string { return "templates/" + name + ".html" }

// Render writes the page name of p with data and the HTTP status, as an HTML page that
// no cache keeps. A page p does not have is a 500 page; a failure while executing the
// template is logged (the status has gone out by then).
func (k *Kit) Render(w http.ResponseWriter, status int, p *Pages, name string, data any) {
	t, ok := p.sets[name]
	if !ok {
		k.log.Error("render page", "page", name, "err", "no such page")
		ErrorPage(w, http.StatusInternalServerError, "Something went wrong", "The page could not be shown. Go back and try again.")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := t.ExecuteTemplate(w, "layout", data); err != nil {
		k.log.Error("render page", "page", name, "err", err)
	}
}

// Fail answers a request that failed for an unexpected reason: it logs err and writes a
// 500 page saying that service (the site's own name for itself, such as "The 20i
// control panel") could not complete the request.
func (k *Kit) Fail(w http.ResponseWriter, service string, err error) {
	k.log.Error("request failed", "err", err)
	ErrorPage(w, http.StatusInternalServerError, "Something went wrong", service+" could not complete the request: "+err.Error())
}

package kit

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// ControlPrefix is the path under which the control surface is mounted.
const ControlPrefix = "/_mock/"

// Handler wraps a site's pages with what every site needs: the control surface under
// /_mock/ (only when Options.Control), the CSRF check on every POST (a 403 page when the
// token is missing or wrong), request logging without query strings, and a 500 page
// instead of a crash when a handler panics. Return it from the site's New as it is: its
// Now method (the site's clock) is how mocksites.Server.Now reads the time.
func (k *Kit) Handler(pages http.Handler) http.Handler {
	control := k.controlMux()
	return &siteHandler{k: k, h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				k.log.Error("handler panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				if !rec.wrote {
					ErrorPage(rec, http.StatusInternalServerError, "Something went wrong", "The page could not be shown. Go back and try again.")
				}
			}
			k.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(start))
		}()
		if strings.HasPrefix(r.URL.Path, ControlPrefix) {
			if !k.control {
				http.NotFound(rec, r)
				return
			}
			control.ServeHTTP(rec, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !k.checkCSRF(r) {
			k.log.Warn("csrf refused", "path", r.URL.Path)
			ErrorPage(rec, http.StatusForbidden, "Request refused",
				"This form's security token is missing or out of date, so the request was refused. Go back, reload the page and try again.")
			return
		}
		pages.ServeHTTP(rec, r)
	})}
}

// siteHandler is a site's whole handler, which also tells the site's time.
type siteHandler struct {
	k *Kit
	h http.Handler
}

func (s *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.ServeHTTP(w, r) }

// Now returns the site's time.
func (s *siteHandler) Now() time.Time { return s.k.Now() }

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

var errorTmpl = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:36rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}.code{color:#888}</style></head>
<body><main><p class="code">Error {{.Status}}</p><h1>{{.Title}}</h1><p role="alert">{{.Message}}</p>
<p><a href="/">Back to the start page</a></p></main></body></html>`))

// ErrorPage writes a plain error page with the HTTP status, a heading and a message.
func ErrorPage(w http.ResponseWriter, status int, title, message string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = errorTmpl.Execute(w, struct {
		Status         int
		Title, Message string
	}{status, title, message})
}

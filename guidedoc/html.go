package guidedoc

import "html/template"

// htmlPage renders the page as one HTML file with its images beside it.
var htmlPage = template.Must(template.New("guide").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<meta name="generator" content="enroll docs, from {{.File}} (guide {{.Source}}): edit the flow or the guide, not this file, and render again">
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
img { max-width: 100%; border: 1px solid #ccc; margin: .5rem 0 1.5rem; }
.failed { border-left: 4px solid #c00; padding: .25rem 1rem; background: #fff4f4; }
.note { font-style: italic; color: #555; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{- if .Failure}}
<p class="failed"><strong>This render failed</strong>: {{.Failure}}. The steps after it were not reached.</p>
{{- end}}
{{- range .Steps}}
<section id="step-{{.Number}}">
<h2>{{.Number}}. {{.Title}}</h2>
{{- range .Paragraphs}}
<p>{{.}}</p>
{{- end}}
{{- if .Manual}}
<p class="note">Done away from the site: {{.Manual}}.</p>
{{- else if .NotReached}}
<p class="note">Not reached in this render.</p>
{{- end}}
{{- with .Image}}
<img src="{{.Path}}" alt="{{.Alt}}">
{{- end}}
{{- if .Failure}}
<p class="failed"><strong>Failed</strong>: {{.Failure}}</p>
{{- end}}
{{- with .FailureImage}}
<img src="{{.Path}}" alt="{{.Alt}}">
{{- end}}
</section>
{{- end}}
{{- if or .Drift .Missing}}
<section id="labels">
<h2>The guide's labels on the screen</h2>
<p>Every label the written guide quotes, and whether the page showed it at that step.</p>
{{- if not .Drift}}
<p>The guide quotes no label.</p>
{{- else}}
<table>
<tr><th>guide step</th><th>label</th><th>on the screen</th></tr>
{{- range .Drift}}
<tr><td>{{.Step}}</td><td>{{.Label}}</td><td>{{.Status}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- range .Missing}}
<p>The guide's step {{.}} has no step of that heading in the flow.</p>
{{- end}}
</section>
{{- end}}
</body>
</html>
`))

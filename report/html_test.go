package report

import (
	"bytes"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pngPixel is a 1x1 PNG, the screenshot every artifact of the fixtures reads as.
var pngPixel, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

// artifacts reads the fixtures' artifacts: every .png is pngPixel, the console log
// has two lines, anything else is missing.
func artifacts(path string) ([]byte, error) {
	switch {
	case strings.HasSuffix(path, ".png"):
		return pngPixel, nil
	case strings.HasSuffix(path, ".console.log"):
		return []byte("error: GET /api/2fa 500\nwarning: <deprecated> & co\n"), nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

func TestWriteHTML(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		run  *Run
		want []string // in this order
	}{
		{"failed", sampleRun(), []string{
			`<h1>enroll run <span class="badge s-failed">failed</span></h1>`,
			`<li class="s-passed">1 passed</li><li class="s-failed">1 failed</li>`,
			`20i at http://127.0.0.1:40213, leaseweb at http://127.0.0.1:40991`,
			`<a href="#flow-1-step-3">flows/20i.yaml: step 3 &#34;Two-Factor Authentication Security&#34; failed</a>`,
			`<details class="step" id="flow-1-step-1">`,
			`<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(pngPixel) + `" alt="The page after step 1, &#34;Sign in&#34;">`,
			`<code>confirm &#34;Leave the security settings?&#34; answered cancel</code>`,
			`<details class="step problem" id="flow-1-step-3" open>`,
			`Click &#34;Two-Factor Authentication&#34; &amp; follow the popup.`,
			`<h4>step 3 &#34;Two-Factor Authentication Security&#34;: click &#34;Two-Factor Authentication&#34;</h4>`,
			`<strong>no visible button or link with that text after 10s</strong> on <code>http://127.0.0.1:40213/security</code>`,
			`<code>flows/20i.yaml:27:9</code>`,
			`<li>Two-Step Verification</li><li>Password</li><li>Sessions</li>`,
			`alt="The page when step 3, &#34;Two-Factor Authentication Security&#34;, failed"`,
			"<pre>error: GET /api/2fa 500\nwarning: &lt;deprecated&gt; &amp; co\n</pre>",
			`skipped (not reached)`,
			`Enter the code within 30 seconds &lt;and&gt; click Done.`,
			`skipped (manual: done on the phone, away from the site)`,
		}},
		{"errored", erroredRun(), []string{
			`<span class="badge s-errored">errored</span>`,
			`<details class="step problem" id="flow-1-step-2" open>`,
			`the browser died: browser process exited: signal: killed`,
			`<section class="flow problem" id="flow-2"`,
			`<h4>the flow stopped</h4>`,
			`the browser could not be started again`,
		}},
		{"interrupted", interruptedRun(), []string{
			`<span class="badge s-interrupted">interrupted</span>`,
			`<li class="s-interrupted">1 interrupted</li><li class="s-skipped">1 skipped</li>`,
			`<details class="step problem" id="flow-1-step-2" open>`,
		}},
		{"new status", func() *Run {
			r := sampleRun()
			r.Flows[1].Steps[1].Status = "flaky" // a status added later shows, as a problem
			return r
		}(), []string{
			`<details class="step problem" id="flow-2-step-2" open>`,
			`<span aria-hidden="true">-</span> flaky</span>`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := WriteHTML(&b, tc.run, artifacts); err != nil {
				t.Fatal(err)
			}
			expectInOrder(t, b.String(), tc.want)
			expectSelfContained(t, b.String())
		})
	}
}

func TestWriteHTMLMissingArtifacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := sampleRun()
	shot := filepath.Join(dir, "01-sign-in.png")
	if err := os.WriteFile(shot, pngPixel, 0o644); err != nil {
		t.Fatal(err)
	}
	r.Flows[0].Steps[0].Screenshot = shot
	var b bytes.Buffer
	if err := WriteHTML(&b, r, nil); err != nil { // nil reads the files
		t.Fatal(err)
	}
	expectInOrder(t, b.String(), []string{
		`<img src="data:image/png;base64,`,
		`Screenshot could not be read: no such file or directory.</p><figcaption><code>artifacts/20i/02-security.png</code>`,
		`<p>Browser console (<code>artifacts/20i/03-two-factor-authentication-security.console.log</code>): could not be read: no such file or directory</p>`,
	})
}

func TestWriteConformHTML(t *testing.T) {
	t.Parallel()
	c := sampleConformance()
	c.Flows[1].Checks[1].Verdict = "error" // a verdict added later shows, as a problem
	var b bytes.Buffer
	if err := WriteConformHTML(&b, c); err != nil {
		t.Fatal(err)
	}
	expectInOrder(t, b.String(), []string{
		`<title>enroll conform: 1 unexpected failure</title>`,
		`<li class="all">8 checks</li><li class="v-passed">2 passed</li><li class="v-failed">1 failed</li><li class="v-known">1 known failure</li><li class="v-warning">1 warning</li><li class="v-skipped">2 skipped</li><li class="v-error">1 error</li><li class="v-stale">1 stale expectation</li>`,
		`<code>accept-replay</code>`,
		`<tr class="problem" id="flow-1-replay-refused">`,
		`<td data-label="Clause">RFC 6238 §5.2</td>`,
		`<span class="badge v-failed problem">failed</span><br><small>unexpected</small>`,
		`<details open><summary>1 line</summary><ol><li>the enrollment&#39;s code, again at the first sign-in: accepted (the page said &#34;Welcome&#34;), but it must be refused</li></ol></details>`,
		`<tr class="ok" id="flow-1-skew-window">`,
		`<tr class="problem" id="flow-1-throttling">`,
		`<span class="badge v-passed problem">passed</span><br><small>stale expectation</small>`,
		`Listed as expected at <code>x.yaml:9:5</code>: stale &lt;entry&gt; &amp; co`,
		`<span class="badge v-known">failed</span><br><small>known</small>`,
		`<h3>Known failures</h3><ul><li><code>guide-claims</code>: guide 002 is wrong, not the site. Known because: the guide is wrong, not the site (<code>x.yaml:3:5</code>)</li></ul>`,
		`<tr class="problem" id="flow-2-skew-window">`,
		`<span class="badge v-error problem">error</span>`,
	})
	expectSelfContained(t, b.String())
}

// expectInOrder checks that every want occurs in got, each after the one before.
func expectInOrder(t *testing.T, got string, want []string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			if strings.Contains(got, w) {
				t.Errorf("%q is out of order", w)
			} else {
				t.Errorf("missing %q", w)
			}
			continue
		}
		rest = rest[i+len(w):]
	}
	if t.Failed() {
		t.Logf("got:\n%s", got)
	}
}

// fetching finds attributes and CSS that would make a browser fetch something.
var fetching = regexp.MustCompile(`(?i)(?:src|href|action|srcset|poster)\s*=\s*"(?:https?:|//|file:)|url\(|@import|<link|<iframe|<object|<embed`)

// expectSelfContained checks the page fetches nothing and forbids itself to.
func expectSelfContained(t *testing.T, page string) {
	t.Helper()
	if m := fetching.FindString(page); m != "" {
		t.Errorf("the page would fetch something: %q", m)
	}
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:;`) {
		t.Error("no Content-Security-Policy that forbids fetching")
	}
	if strings.Count(page, "<script>") != 1 || !strings.Contains(page, "<script>"+printScript+"</script>") {
		t.Error("a script other than the print script")
	}
}

package browser

import (
	"strings"
	"testing"
	"time"
)

func TestHTMLRedaction(t *testing.T) {
	ts, _ := qrSite(t)
	page := `<!DOCTYPE html><html><body>
<h1>Set up</h1>
<img alt="QR" src="` + "data:image/png;base64,iVBORw0KGgo=" + `">
<a href="otpauth://totp/X?secret=LEAKYLEAKY">open in app</a>
<p>Your key: <code id="key">KEYSECRETKEY</code></p>
<label>Password <input type="password" value="PRESETPASS"></label>
<textarea>TEXTAREASECRET</textarea>
<div style="background-image:url(data:image/png;base64,AAAA)">bg</div>
<script>var secret = "SCRIPTSECRET";</script>
<p>metadata: fine</p>
</body></html>`
	srv := serve(t, map[string]string{"/": page})
	_ = ts
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	key, err := s.Text(step(t, 5*time.Second), Locator{CSS: "#key"}, true)
	if err != nil || key != "KEYSECRETKEY" {
		t.Fatalf("text = %q, %v", key, err)
	}
	must(t, s.Fill(step(t, 5*time.Second), Locator{Label: "Password"}, "TYPEDPASS", true))
	html, err := s.HTML(step(t, 5*time.Second))
	must(t, err)
	for _, leak := range []string{"iVBORw0KGgo", "LEAKYLEAKY", "KEYSECRETKEY", "PRESETPASS", "TYPEDPASS", "TEXTAREASECRET", "AAAA", "SCRIPTSECRET", "data-enroll-target"} {
		if strings.Contains(html, leak) {
			t.Errorf("html contains %q", leak)
		}
	}
	for _, keep := range []string{"data:REDACTED", "otpauth://REDACTED", "<h1>Set up</h1>", "metadata: fine", "data-enroll-mask", "<!DOCTYPE html>"} {
		if !strings.Contains(html, keep) {
			t.Errorf("html lacks %q:\n%s", keep, html)
		}
	}
}

func TestConsole(t *testing.T) {
	srv := serve(t, map[string]string{"/": `<h1>Hi</h1><script>console.log("hello", 42); setTimeout(function () { throw new Error("boom") }, 0);</script>`})
	s := session(t)
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	ctx := step(t, 5*time.Second)
	for {
		lines := strings.Join(s.Console(), "\n")
		if strings.Contains(lines, "hello 42") && strings.Contains(lines, "boom") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("console = %q", lines)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

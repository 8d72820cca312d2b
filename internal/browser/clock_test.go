package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// clockPage shows the page's time and time zone, a countdown ticking every second, a
// random number, and a line that a chain of short timers writes after about a second
// of real time, in which a countdown on the real clock would have ticked.
const clockPage = `<!DOCTYPE html><html><body>
<p>Time: <span id="now"></span> in <span id="tz"></span></p>
<p>Left: <span id="left">30</span></p>
<p id="rand"></p>
<p id="short"></p>
<script>
document.getElementById('now').textContent = new Date().toISOString() + ' ' + Date.now();
document.getElementById('tz').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone;
document.getElementById('rand').textContent = String(Math.random());
let secs = 30;
setInterval(() => { secs--; document.getElementById('left').textContent = String(secs); }, 1000);
let n = 0;
const again = () => { if (++n < 12) { setTimeout(again, 90); } else { document.getElementById('short').textContent = 'short timers ran'; } };
setTimeout(again, 90);
</script></body></html>`

// TestFreezeClock: a frozen page reads the frozen time in UTC, its one-second
// countdown stands still while a chain of short timers runs for more than a second
// of real time, moving the clock runs the countdown's ticks, and Math.random gives
// the same number in two sessions.
func TestFreezeClock(t *testing.T) {
	srv := serve(t, map[string]string{"/": clockPage})
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	read := func(s *Session) map[string]string {
		t.Helper()
		ctx, done := s.step(step(t, 5*time.Second))
		defer done()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](
			`({now: now.textContent, tz: tz.textContent, left: left.textContent, rand: rand.textContent, date: String(Date.now())})`))
		must(t, err)
		return got
	}
	open := func() *Session {
		s := session(t)
		must(t, s.FreezeClock(step(t, 5*time.Second), at))
		must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
		must(t, s.WaitText(step(t, 10*time.Second), "short timers ran", true))
		return s
	}
	s := open()
	got := read(s)
	want := map[string]string{"now": "2026-01-02T03:04:05.000Z 1767323045000", "tz": "UTC", "left": "30", "date": "1767323045000"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	must(t, s.SetClock(step(t, 5*time.Second), at.Add(3500*time.Millisecond)))
	if got := read(s); got["left"] != "27" || got["date"] != "1767323048500" {
		t.Errorf("after moving the clock 3.5 s: left %q, Date.now %q; want 27, 1767323048500", got["left"], got["date"])
	}
	must(t, s.Navigate(step(t, 5*time.Second), srv.URL))
	if got := read(s); !strings.HasPrefix(got["now"], "2026-01-02T03:04:08.500Z") {
		t.Errorf("a new document reads %q, want the moved clock", got["now"])
	}

	if r1, r2 := got["rand"], read(open())["rand"]; r1 == "" || r1 != r2 {
		t.Errorf("Math.random gave %q and %q in two sessions, want one number", r1, r2)
	}
	if err := session(t).SetClock(step(t, 5*time.Second), at); err == nil {
		t.Errorf("SetClock on a session whose clock is not frozen: no error")
	}
}

package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// mockControl is a site's mock control surface (enroll serve --control, and every
// bundled mock): its SMS inbox and mailbox (GET /_mock/sms, GET /_mock/mail), its clock
// (GET and POST /_mock/clock) and its reset (POST /_mock/reset). It is the one home of
// those requests, for the flow's actions and for probing. Against a real site there
// is none: the flow's sms-code and mail-link actions fail saying so, the clock does not
// move, and probing says the site has no control surface.
type mockControl struct {
	base   string
	client *http.Client
	seen   map[string]int // messages already consumed, per box and recipient
}

// message is one text message or e-mail, as the control surface lists it.
type message struct {
	To      string   `json:"to"`
	Subject string   `json:"subject"`
	Body    string   `json:"body"`
	Code    string   `json:"code"`
	Links   []string `json:"links"`
}

func newMockControl(base string) *mockControl {
	return &mockControl{base: base, client: &http.Client{Timeout: 5 * time.Second}, seen: map[string]int{}}
}

// next waits until a message the flow has not consumed yet arrives in box ("sms" or
// "mail") for the recipient, and returns it. accept filters messages (nil: any).
func (in *mockControl) next(ctx context.Context, box, to string, accept func(message) bool) (message, error) {
	key := box + "\x00" + to
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		msgs, err := in.list(ctx, box, to)
		if err != nil {
			return message{}, err
		}
		for i := in.seen[key]; i < len(msgs); i++ {
			if accept == nil || accept(msgs[i]) {
				in.seen[key] = i + 1
				return msgs[i], nil
			}
		}
		select {
		case <-ctx.Done():
			return message{}, fmt.Errorf("no new message to %s in the mock site's %s inbox: %w", to, box, ctx.Err())
		case <-tick.C:
		}
	}
}

func (in *mockControl) list(ctx context.Context, box, to string) ([]message, error) {
	u := in.base + "/_mock/" + box + "?to=" + url.QueryEscape(to)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := in.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading the mock site's %s inbox: %w", box, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("reading the mock site's %s inbox: %s (only bundled mock sites with their control surface on have one)", box, resp.Status)
	}
	var body struct {
		Messages []message `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("reading the mock site's %s inbox: %w", box, err)
	}
	return body.Messages, nil
}

// advanceClock moves the site's clock forward by d through the control surface. It
// reports false, and no error, when the site has no control surface (a real site).
func (in *mockControl) advanceClock(ctx context.Context, d time.Duration) (bool, error) {
	body := strings.NewReader(fmt.Sprintf(`{"advance":%q}`, d.String()))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, in.base+"/_mock/clock", body)
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := in.client.Do(req)
	if err != nil {
		return false, fmt.Errorf("moving the site's clock: %w", err)
	}
	defer resp.Body.Close()
	// A real site answers with a 404, or a page after a redirect: no clock moved.
	var moved struct {
		Now string `json:"now"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&moved) != nil || moved.Now == "" {
		return false, nil
	}
	return true, nil
}

// clock reads the site's time (GET /_mock/clock); ErrNoControl when the site has no
// control surface.
func (in *mockControl) clock(ctx context.Context) (time.Time, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, in.base+"/_mock/clock", nil)
	if err != nil {
		return time.Time{}, err
	}
	resp, err := in.client.Do(req)
	if err != nil {
		return time.Time{}, err
	}
	defer resp.Body.Close()
	var st struct {
		Now time.Time `json:"now"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&st) != nil || st.Now.IsZero() {
		return time.Time{}, ErrNoControl
	}
	return st.Now, nil
}

// reset puts the site back to its seeded accounts (POST /_mock/reset: 2FA off, no
// sessions, empty inboxes; the clock keeps its time), and forgets the messages read.
func (in *mockControl) reset(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, in.base+"/_mock/reset", nil)
	if err != nil {
		return err
	}
	resp, err := in.client.Do(req)
	if err != nil {
		return fmt.Errorf("resetting the mock site: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("resetting the mock site: %s", resp.Status)
	}
	in.seen = map[string]int{}
	return nil
}

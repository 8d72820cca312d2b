package browser

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/redact"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// ErrConnect is wrapped by Launch's error when a browser given by its
// DevTools endpoint (Options.BrowserURL) cannot be reached or does not speak
// the DevTools protocol.
var ErrConnect = errors.New("cannot connect to the browser")

// connectTimeout bounds reaching a remote browser.
const connectTimeout = 20 * time.Second

// connect is Launch for a browser that runs already, somewhere else (a
// browserless container, a Selenium Grid node, a Chromium started with
// --remote-debugging-port): the other implementation of the seam. Sessions
// are isolated browser contexts in it, as in a local browser; Close closes
// what this Browser opened and leaves the browser running. Nothing is
// exchanged through local files: screenshots and QR pixels come over the
// protocol.
func connect(ctx context.Context, endpoint string, log *slog.Logger, sessions int) (*Browser, error) {
	if err := CheckBrowserURL(endpoint); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConnect, err)
	}
	shown := redactEndpoint(endpoint)
	start := time.Now()
	allocCtx, allocCancel := remote.NewAllocator(ctx, endpoint, remote.WithDialTimeout(connectTimeout))
	bctx, cancel := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(func(f string, a ...any) { log.Debug("chromedp", "msg", fmt.Sprintf(f, a...)) }),
		chromedp.WithErrorf(func(f string, a ...any) { log.Debug("chromedp error", "msg", fmt.Sprintf(f, a...)) }),
	)
	b := &Browser{log: log, execPath: shown, ctx: bctx, cancel: cancel, allocCancel: allocCancel, remote: true, budget: sessions}
	// The first call dials (within connectTimeout, the /json/version look-up
	// too) and opens this run's own tab; a refused or wrong endpoint fails
	// here. No deadline on the call itself: it would end the connection.
	if err := chromedp.Do(bctx); err != nil {
		b.Close()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w at %s: %w", ErrConnect, shown, ctx.Err())
		}
		return nil, fmt.Errorf("%w at %s: %v", ErrConnect, shown, hideSecrets(err.Error(), endpoint))
	}
	b.stopAfter = context.AfterFunc(ctx, func() { b.Close() })
	log.Debug("connected to the browser", "endpoint", shown, "took", time.Since(start))
	b.refill()
	return b, nil
}

// CheckBrowserURL says what is wrong with a DevTools endpoint before anything
// connects: it must be ws://, wss://, http:// or https:// with a host and a
// port.
func CheckBrowserURL(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil {
		return errors.New("it is not a URL")
	}
	switch u.Scheme {
	case "ws", "wss", "http", "https":
	default:
		return fmt.Errorf("%q: a DevTools endpoint is ws://, wss://, http:// or https://", redactEndpoint(endpoint))
	}
	if u.Hostname() == "" || u.Port() == "" {
		return fmt.Errorf("%q: give the host and the port (ws://host:9222)", redactEndpoint(endpoint))
	}
	return nil
}

// redactEndpoint is the endpoint as errors and logs show it: without a password
// or a query, where hosted browsers take their token.
func redactEndpoint(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "(an endpoint that is not a URL)"
	}
	if u.User != nil {
		u.User = url.User(redact.Word)
	}
	if u.RawQuery != "" {
		u.RawQuery = redact.Word
	}
	return u.String()
}

// hideSecrets takes the endpoint's password and query (a token) out of msg, in
// whatever URL the message quotes them.
func hideSecrets(msg, endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "(a message about an endpoint that is not a URL)"
	}
	if p, ok := u.User.Password(); ok && p != "" {
		msg = strings.ReplaceAll(msg, p, redact.Word)
	}
	if u.RawQuery != "" {
		msg = strings.ReplaceAll(msg, u.RawQuery, redact.Word)
	}
	return msg
}

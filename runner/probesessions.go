package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/enroll-dev/enroll/internal/browser"
)

// Side opens a second browser session on the probe's site: another browser of the
// same user (its own cookies, no trusted device), with the flow's account, values and
// authenticator, for checks that need two sessions at once (the same code submitted
// by both) or a look from outside the session under way (does signing in ask for a
// passcode yet?). The probe's own session is not touched. A side probe may be used
// from its own goroutine while the probe and other side probes are used from theirs,
// as long as none of them scans, captures or types the flow's own codes meanwhile
// (they share the flow's values and authenticator). Close it; that closes only its
// session, never the site.
func (pr *Probe) Side(ctx context.Context) (*Probe, error) {
	fr := pr.fr
	sess, err := fr.browser.NewSession(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: opening a browser context: %w", ErrBrowser, err)
	}
	return &Probe{fr: fr.sideRun(sess), control: pr.control}, nil
}

// Shown says where the last QR code this session read (the flow's scan-qr) was shown:
// the address of the document that showed it (the page's, or a cross-origin frame's)
// and, when the code was an image at a URL of its own (not a data: or blob: URL, a
// canvas or an svg), that URL; "" when there was none. Both are for the
// probe's own use (they may carry tokens): put them in a report only through Scrub.
func (pr *Probe) Shown() (page, image string) {
	q := pr.fr.sess.LastQR()
	return q.Page, q.URL
}

// Navigate loads an address in the session: a full URL, or a path on the site.
func (pr *Probe) Navigate(ctx context.Context, url string) error {
	fr := pr.fr
	ctx, cancel := context.WithTimeout(ctx, defaultActionTimeout)
	defer cancel()
	if err := fr.sess.Navigate(ctx, fr.site.resolve(url)); err != nil {
		return fmt.Errorf("open %s: %s", scrub(url, fr.secrets()), scrub(err.Error(), fr.secrets()))
	}
	return nil
}

// QR looks for a QR code on the page for up to d and returns its decoded text, and
// whether one was found. The text may hold a secret (an otpauth URI): compare it,
// never report it.
func (pr *Probe) QR(ctx context.Context, d time.Duration) (string, bool) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	q, err := pr.fr.sess.QR(ctx, (*browser.Locator)(nil))
	return q.Text, err == nil
}

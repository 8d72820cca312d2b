package conform

import (
	"context"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/otp"
	"github.com/enroll-dev/enroll/report"
)

// reshownLook is how long conform looks for a QR code on a page that should show none.
const reshownLook = 3 * time.Second

// secretNotReshown decides secret-not-reshown in the enrolling session, once the flow's
// enrollment is over (2FA on): the QR image's own URL, when the code was an image at
// one, must no longer give the enrolled secret's QR code; the page that showed the
// code, loaded again, must show neither the secret as text nor a QR code of it. A QR
// code of another secret (a page that starts a new attempt when loaded) is no finding.
func (p *probing) secretNotReshown(ctx context.Context) {
	r := p.result(catalog.SecretNotReshown)
	page, image := p.pr.Shown()
	if page == "" {
		decide(r, report.VerdictError, "could not tell: the enrolling session kept no record of the page that showed the QR code")
		return
	}
	var found []string
	if image == "" {
		evidence(r, "the QR code was not an image at a URL of its own (a data: URL, a canvas or an svg): no URL to try")
	} else {
		where := p.pr.Scrub(image)
		if err := p.pr.Navigate(ctx, image); err != nil {
			evidence(r, "the QR image's URL %s could not be loaded: %v (no longer answers)", where, err)
		} else if p.showsKey(ctx) {
			found = append(found, "its QR image's URL "+where+" still gives the enrolled secret's QR code")
		} else {
			evidence(r, "the QR image's URL %s no longer gives the enrolled secret's QR code", where)
		}
	}
	where := p.pr.Scrub(page)
	if err := p.pr.Navigate(ctx, page); err != nil {
		decide(r, report.VerdictError, "could not tell: the page that showed the QR code (%s) could not be loaded again: %v", where, err)
		return
	}
	text, err := p.pr.PageText(ctx)
	switch {
	case err != nil:
		decide(r, report.VerdictError, "could not tell: could not read the page that showed the QR code (%s): %v", where, err)
		return
	case showsSecret(text, p.key):
		found = append(found, "the page that showed it ("+where+") still shows the secret as text")
	case p.showsKey(ctx):
		found = append(found, "the page that showed it ("+where+") still shows its QR code")
	default:
		evidence(r, "loaded again, the page that showed the QR code (%s, now %s) shows neither the secret nor its QR code", where, p.pr.URL(ctx))
	}
	if len(found) > 0 {
		decide(r, report.VerdictFailed, "once two-factor authentication was on, %s", strings.Join(found, "; "))
		return
	}
	decide(r, report.VerdictPassed, "once two-factor authentication was on, the secret and its QR code were no longer shown")
}

// showsKey reports whether the page shows a QR code of the enrolled key's secret.
func (p *probing) showsKey(ctx context.Context) bool {
	text, ok := p.pr.QR(ctx, reshownLook)
	if !ok {
		return false
	}
	k, err := otp.Parse(text)
	return err == nil && k.Secret.Base32() == p.key.Secret.Base32()
}

// showsSecret reports whether a page's text holds the key's secret in base32, as sites
// write it: in any case, in groups separated by spaces or dashes, with or without its
// padding.
func showsSecret(text string, k *otp.Key) bool {
	squeeze := strings.NewReplacer(" ", "", "\n", "", "\t", "", "-", "", "=", "", "\u00a0", "")
	secret := strings.ToUpper(squeeze.Replace(k.Secret.Base32()))
	return secret != "" && strings.Contains(strings.ToUpper(squeeze.Replace(text)), secret)
}

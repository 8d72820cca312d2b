package conform

import (
	"context"
	"fmt"
	"net/url"
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
//
// A code shown in a frame of another site (a security panel its accounts service
// serves) was that frame document's, and its image answered with the frame's cookies:
// loaded on their own, outside the frame, the document and the image may lack that
// session (a partitioned cookie is not sent there), so a code they still give is a
// finding, but none proves nothing: then the check could not tell (ERROR, saying
// why), never PASSED.
func (p *probing) secretNotReshown(ctx context.Context) {
	r := p.result(catalog.SecretNotReshown)
	page, image := p.pr.Shown()
	if page == "" {
		decide(r, report.VerdictError, "could not tell: the enrolling session kept no record of the page that showed the QR code")
		return
	}
	framed := !sameOrigin(page, p.pr.BaseURL())
	var found, unsure []string
	if image == "" {
		evidence(r, "the QR code was not an image at a URL of its own (a data: URL, a canvas or an svg): no URL to try")
	} else {
		where := p.pr.Scrub(image)
		switch err := p.pr.Navigate(ctx, image); {
		case err != nil && framed:
			unsure = append(unsure, fmt.Sprintf("its QR image's URL %s could not be loaded on its own, outside the frame: %v", where, err))
		case err != nil:
			evidence(r, "the QR image's URL %s could not be loaded: %v (no longer answers)", where, err)
		case p.showsKey(ctx):
			found = append(found, "its QR image's URL "+where+" still gives the enrolled secret's QR code")
		case framed:
			unsure = append(unsure, "its QR image's URL "+where+", loaded on its own outside the frame, gave no QR code of the enrolled secret")
		default:
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
	case framed:
		unsure = append(unsure, fmt.Sprintf("the frame's page that showed it (%s), loaded on its own (now %s), shows neither the secret nor its QR code",
			where, p.pr.Scrub(p.pr.URL(ctx))))
	default:
		evidence(r, "loaded again, the page that showed the QR code (%s, now %s) shows neither the secret nor its QR code", where, p.pr.URL(ctx))
	}
	if len(found) > 0 {
		decide(r, report.VerdictFailed, "once two-factor authentication was on, %s", strings.Join(found, "; "))
		return
	}
	if len(unsure) > 0 {
		decide(r, report.VerdictError, "could not tell: the QR code was shown in a frame of another site (%s), whose session cookies a page or image loaded outside the frame may lack: %s",
			origin(page), strings.Join(unsure, "; "))
		return
	}
	decide(r, report.VerdictPassed, "once two-factor authentication was on, the secret and its QR code were no longer shown")
}

// sameOrigin reports whether two addresses have the same scheme and host (port included).
func sameOrigin(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && ua.Scheme == ub.Scheme && strings.EqualFold(ua.Host, ub.Host)
}

// origin is an address's scheme and host, for a message (no path or query: they may
// carry a token).
func origin(u string) string {
	if pu, err := url.Parse(u); err == nil && pu.Host != "" {
		return pu.Scheme + "://" + pu.Host
	}
	return "an unknown address"
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

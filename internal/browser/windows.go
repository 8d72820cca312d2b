package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// Windows lists the addresses of the other windows (tabs, popups) open in the
// session's browser context: those its page opened (window.open, a link with
// target=_blank). The session acts in its first window only; a failure says
// when a page went on in another one, so the reader knows where to look.
func (s *Session) Windows(ctx context.Context) ([]string, error) {
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Browser == nil || c.Target == nil {
		return nil, ErrClosed
	}
	tctx, done := derive(s.ctx, ctx)
	defer done()
	infos, err := chromedp.Targets(tctx)
	if err != nil {
		return nil, fmt.Errorf("list the windows: %w", withCtx(tctx, err))
	}
	var out []string
	for _, info := range infos {
		if info.Type == "page" && info.BrowserContextID == c.BrowserContextID && info.TargetID != c.Target.TargetID {
			out = append(out, info.URL)
		}
	}
	return out, nil
}

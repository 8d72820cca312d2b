package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Cross-origin frames. Page script reaches same-origin frames itself (tree.js);
// a frame of another origin is closed to it, and with site isolation a frame
// of another site runs in another renderer process with a DevTools target of
// its own. The session attaches to every frame target of its page, installs
// the page script there too, and searches it after the page: an element found
// in a frame gets a frame-qualified id ("frame|id", routed by call) and its
// click point moved by where the frame sits on the page. Real mouse and
// keyboard events go to the page, and Chromium routes them into the frame.

// remoteFrame is one attached frame target.
type remoteFrame struct {
	key    string // short name used in frame-qualified ids
	id     target.ID
	parent cdp.FrameID     // the frame whose document holds the frame's element
	ctx    context.Context // attached to the frame's target
	cancel context.CancelFunc
}

// frameSep separates a frame's key from an element id of that frame.
const frameSep = "|"

// frames keeps the session's attached frame targets.
type frames struct {
	mu      sync.Mutex
	byID    map[target.ID]*remoteFrame
	byKey   map[string]*remoteFrame
	n       int
	guarded string // the frame key holding the click guard, if any
}

// remoteFrames lists the frame targets of the session's page, attaching to
// new ones and forgetting those that went away.
func (s *Session) remoteFrames(ctx context.Context) []*remoteFrame {
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Browser == nil {
		return nil
	}
	tctx, done := derive(s.ctx, ctx)
	defer done()
	infos, err := chromedp.Targets(tctx)
	if err != nil {
		return nil
	}
	s.frames.mu.Lock()
	defer s.frames.mu.Unlock()
	if s.frames.byID == nil {
		s.frames.byID, s.frames.byKey = map[target.ID]*remoteFrame{}, map[string]*remoteFrame{}
	}
	alive := map[target.ID]bool{}
	var out []*remoteFrame
	for _, info := range infos {
		if info.Type != "iframe" || info.BrowserContextID != c.BrowserContextID {
			continue
		}
		alive[info.TargetID] = true
		rf := s.frames.byID[info.TargetID]
		if rf == nil {
			rf = s.attachFrame(ctx, info.TargetID, info.ParentFrameID)
			if rf == nil {
				continue
			}
		}
		out = append(out, rf)
	}
	for id, rf := range s.frames.byID {
		if !alive[id] {
			rf.cancel()
			delete(s.frames.byID, id)
			delete(s.frames.byKey, rf.key)
		}
	}
	return out
}

// attachFrame attaches to a frame target and installs the page script in it
// for its later documents. The caller holds s.frames.mu.
func (s *Session) attachFrame(ctx context.Context, id target.ID, parent cdp.FrameID) *remoteFrame {
	fctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
	// As for a tab, the first call binds the target to its own context; ctx
	// can only cut the attaching short.
	stop := context.AfterFunc(ctx, cancel)
	err := chromedp.Do(fctx)
	if !stop() || err != nil {
		cancel()
		return nil
	}
	actx, done := derive(fctx, ctx)
	_, _ = chromedp.Call(actx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: installJS})
	done()
	s.frames.n++
	rf := &remoteFrame{key: fmt.Sprintf("f%d", s.frames.n), id: id, parent: parent, ctx: fctx, cancel: cancel}
	s.frames.byID[id] = rf
	s.frames.byKey[rf.key] = rf
	return rf
}

// frameOf splits a frame-qualified id: the frame, and the id inside it. An id
// of the page itself gives a nil frame.
func (s *Session) frameOf(id string) (*remoteFrame, string) {
	key, local, ok := strings.Cut(id, frameSep)
	if !ok {
		return nil, id
	}
	s.frames.mu.Lock()
	defer s.frames.mu.Unlock()
	return s.frames.byKey[key], local
}

// qualify makes a frame's element id usable from the page's side.
func qualify(rf *remoteFrame, id string) string {
	if rf == nil || id == "" {
		return id
	}
	return rf.key + frameSep + id
}

// frameBox is where a frame's viewport sits in the page's viewport, and the
// frame element's name (its title, aria-label or name), for within.
type frameBox struct {
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Name    string  `json:"name"`
	Visible bool    `json:"visible"`
}

// frameBoxJS runs on the frame's owner element, in the owner's document.
const frameBoxJS = `function() {
  let api = null;
  try { api = window.top.__enrollV1 && window.top.__enrollV1._; } catch (e) { /* cross-origin top */ }
  if (!api) api = window.__enrollV1 && window.__enrollV1._;
  const r = api ? api.rect(this) : this.getBoundingClientRect();
  const cs = getComputedStyle(this);
  return {
    x: r.left + this.clientLeft + parseFloat(cs.paddingLeft || '0'),
    y: r.top + this.clientTop + parseFloat(cs.paddingTop || '0'),
    name: this.getAttribute('title') || this.getAttribute('aria-label') || this.getAttribute('name') || '',
    visible: api && api.visible ? api.visible(this) : true,
  };
}`

// box finds the frame's owner element and measures it, in the page's viewport. The
// element is in the page's document, or, for a frame nested in a cross-origin frame
// (a bank's form inside a payment provider's), in that frame's own target: then its
// box there is moved by the outer frame's box, and it is visible only where the outer
// frame is.
func (s *Session) box(ctx context.Context, rf *remoteFrame) (frameBox, error) {
	return s.boxIn(ctx, rf, 0)
}

// maxFrameDepth bounds how many cross-origin frames deep box looks for an owner.
const maxFrameDepth = 8

func (s *Session) boxIn(ctx context.Context, rf *remoteFrame, depth int) (frameBox, error) {
	var fb frameBox
	octx, outer := ctx, frameBox{Visible: true}
	s.frames.mu.Lock()
	parent := s.frames.byID[target.ID(rf.parent)]
	s.frames.mu.Unlock()
	if parent != nil && parent != rf {
		if depth >= maxFrameDepth {
			return fb, fmt.Errorf("the frame's element: frames nested more than %d deep", maxFrameDepth)
		}
		var err error
		if outer, err = s.boxIn(ctx, parent, depth+1); err != nil {
			return fb, err
		}
		var done context.CancelFunc
		octx, done = inFrame(parent, ctx)
		defer done()
	}
	owner, err := chromedp.Call(octx, dom.GetFrameOwner, dom.GetFrameOwnerParams{FrameID: cdp.FrameID(rf.id)})
	if err != nil {
		return fb, fmt.Errorf("the frame's element: %w", err)
	}
	obj, err := chromedp.Call(octx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: owner.BackendNodeID})
	if err != nil {
		return fb, fmt.Errorf("the frame's element: %w", err)
	}
	res, err := chromedp.Call(octx, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: frameBoxJS, ObjectID: obj.Object.ObjectID, ReturnByValue: new(true),
	})
	if obj.Object.ObjectID != "" {
		_, _ = chromedp.Call(octx, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: obj.Object.ObjectID})
	}
	if err != nil {
		return fb, fmt.Errorf("the frame's box: %w", err)
	}
	if res.ExceptionDetails != nil || res.Result == nil {
		return fb, fmt.Errorf("the frame's box: the page script failed")
	}
	if err := json.Unmarshal(res.Result.Value, &fb); err != nil {
		return fb, fmt.Errorf("the frame's box: %w", err)
	}
	fb.X += outer.X
	fb.Y += outer.Y
	fb.Visible = fb.Visible && outer.Visible
	if fb.Name == "" {
		fb.Name = outer.Name
	}
	return fb, nil
}

// inFrame derives a context on the frame's target with ctx's deadline.
func inFrame(rf *remoteFrame, ctx context.Context) (context.Context, context.CancelFunc) {
	return derive(rf.ctx, ctx)
}

// findInFrames searches the page's cross-origin frames for jl after the page
// found nothing ready. A within naming the frame (its title) makes the whole
// frame the scope. The answer's ids are frame-qualified and its point is on
// the page.
func (s *Session) findInFrames(ctx context.Context, jl jsLocator, o findOpts) (found, bool) {
	for _, rf := range s.remoteFrames(ctx) {
		fb, err := s.box(ctx, rf)
		if err != nil || !fb.Visible {
			continue
		}
		loc := jl
		if loc.Within != "" && strings.Contains(norm(fb.Name), norm(loc.Within)) {
			loc.Within = ""
		}
		fctx, done := inFrame(rf, ctx)
		f, err := call[found](fctx, s, "find", loc, o)
		done()
		if err != nil || f.State != "ok" {
			continue
		}
		f.ID, f.ActID = qualify(rf, f.ID), qualify(rf, f.ActID)
		f.X += fb.X
		f.Y += fb.Y
		if o.Guard {
			s.frames.mu.Lock()
			s.frames.guarded = rf.key
			s.frames.mu.Unlock()
		}
		return f, true
	}
	return found{}, false
}

// eachFrame runs fn on the context of every cross-origin frame of the page.
func (s *Session) eachFrame(ctx context.Context, fn func(fctx context.Context, rf *remoteFrame)) {
	for _, rf := range s.remoteFrames(ctx) {
		fctx, done := inFrame(rf, ctx)
		fn(fctx, rf)
		done()
	}
}

// norm folds case and white space, as the page script's norm does.
func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// call runs window.__enrollV1[method](args...) where the element it names
// lives: an element id (or a locator's scope) qualified with a frame's key is
// answered by that frame's page script, as is the unguard of a guard set
// there; anything else by the page's. See evalIn.
func call[T any](ctx context.Context, s *Session, method string, args ...any) (T, error) {
	if rf, local := s.route(method, args); rf != nil {
		fctx, done := inFrame(rf, ctx)
		defer done()
		return evalIn[T](fctx, s, method, local...)
	}
	return evalIn[T](ctx, s, method, args...)
}

// route finds the frame a call is for, and the call's arguments there.
func (s *Session) route(method string, args []any) (*remoteFrame, []any) {
	if method == "unguard" {
		s.frames.mu.Lock()
		key := s.frames.guarded
		s.frames.guarded = ""
		rf := s.frames.byKey[key]
		s.frames.mu.Unlock()
		return rf, args
	}
	if len(args) == 0 {
		return nil, args
	}
	switch a := args[0].(type) {
	case string:
		if rf, local := s.frameOf(a); rf != nil {
			return rf, append([]any{local}, args[1:]...)
		}
	case jsLocator:
		if rf, local := s.frameOf(a.Scope); rf != nil {
			a.Scope = local
			return rf, append([]any{a}, args[1:]...)
		}
	}
	return nil, args
}

// The page half of package browser, part one: the page as a reader sees it.
// A reader does not see shadow roots or frames; they see one page. This part
// gives finder.js and page.js that one page: every query, text, point and
// hit test below crosses open shadow roots, closed ones (kept as they are
// attached: the script is installed before the page's own), and same-origin
// frames, nested to any depth. Cross-origin frames run their own copy of the
// script; the Go side searches them and adds their offsets (frames.go).
//
// It starts window.__enrollV1 with the shared helpers in window.__enrollV1._;
// finder.js and page.js add the rest. Every call from Go starts a fresh view
// (fresh): what is cached here lives for one call only.
(() => {
  if (window.__enrollV1) return true;

  const closedRoots = new WeakMap();
  try {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(init) {
      const r = attach.call(this, init);
      if (init && init.mode === 'closed') closedRoots.set(this, r);
      return r;
    };
  } catch (e) { /* a frozen prototype: open roots only */ }

  const TARGET = 'data-enroll-target';
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link']);

  // shadowOf is the element's shadow root, open or closed, if any.
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    const w = el.ownerDocument && el.ownerDocument.defaultView;
    const kept = w && w !== window && w.__enrollV1 && w.__enrollV1._ ? w.__enrollV1._.closedRoots : closedRoots;
    return kept.get(el) || null;
  }

  // frameDoc is the document of a same-origin frame element, if loaded.
  function frameDoc(el) {
    if (el.localName !== 'iframe' && el.localName !== 'frame') return null;
    try {
      const d = el.contentDocument;
      return d && d.documentElement ? d : null;
    } catch (e) {
      return null; // cross-origin
    }
  }

  // One call's view: the trees under the document and the elements that
  // hold a shadow root or a frame somewhere below them.
  let view = null;
  function fresh() { view = null; }
  function current() {
    if (view) return view;
    const trees = [];
    const deep = new Set();
    const mark = (el) => {
      for (let n = el; n && !deep.has(n); n = up(n)) deep.add(n);
    };
    const visit = (root) => {
      trees.push(root);
      // A slot shows nodes of another tree: what holds it reads deep too.
      if (root.host) for (const slot of root.querySelectorAll('slot')) mark(slot);
      for (const el of root.querySelectorAll('*')) {
        const sr = shadowOf(el);
        if (sr) { mark(el); visit(sr); }
        const d = frameDoc(el);
        if (d) { mark(el); visit(d); }
      }
    };
    visit(document);
    view = { trees, deep };
    return view;
  }

  // up is the parent a reader would name: across a shadow root to its host,
  // and out of a same-origin frame to the frame element.
  function up(n) {
    if (n.parentNode && n.parentNode.nodeType !== 11 && n.parentNode.nodeType !== 9) return n.parentNode;
    const r = n.parentNode || (n.getRootNode && n.getRootNode());
    if (r && r.host) return r.host;
    if (r && r.nodeType === 9) {
      try {
        const fe = r.defaultView && r.defaultView.frameElement;
        if (fe && r !== document) return fe;
      } catch (e) { /* cross-origin parent */ }
    }
    return null;
  }

  // holds reports whether b is a or inside it, across shadow roots (not frames).
  function holds(a, b) {
    for (let n = b; n; n = n.parentNode || n.host || null) if (n === a) return true;
    return false;
  }

  // all lists the elements matching sel at or under root, in its shadow
  // roots and same-origin frames too.
  function all(root, sel) {
    const out = [];
    if (!root) return out;
    if (root.matches && root.matches(sel)) out.push(root);
    out.push(...root.querySelectorAll(sel));
    const v = current();
    if (!v.deep.size) return out;
    const everywhere = root === document || root === document.documentElement;
    for (const t of v.trees) {
      if (t === document || t === root) continue;
      const owner = t.host || (t.defaultView && t.defaultView.frameElement);
      if (owner && (everywhere || owner === root || holdsDeep(root, owner))) out.push(...t.querySelectorAll(sel));
    }
    return out;
  }

  // holdsDeep reports whether b is a or inside it, across shadow roots and frames.
  function holdsDeep(a, b) {
    for (let n = b; n; n = up(n)) if (n === a) return true;
    return false;
  }

  // byId finds a tagged element wherever it is.
  const tagged = new Map();
  function byId(id) {
    const el = tagged.get(id);
    if (el && el.isConnected) return el;
    const sel = '[' + TARGET + '="' + id + '"]';
    return all(document, sel)[0] || null;
  }
  let counter = 0;
  function tag(el) {
    const old = el.getAttribute(TARGET);
    if (old) { tagged.set(old, el); return old; }
    const id = String(++counter) + '-' + Math.random().toString(36).slice(2, 7);
    el.setAttribute(TARGET, id);
    tagged.set(id, el);
    return id;
  }

  // children lists what a reader sees inside el: the shadow root's children
  // (slots replaced by what they show), or the frame's body, or el's own.
  function children(el) {
    const d = frameDoc(el);
    if (d) return d.body ? [d.body] : [];
    const sr = shadowOf(el);
    const out = [];
    for (const c of (sr ? sr.children : el.children)) {
      if (c.localName === 'slot') {
        const a = c.assignedElements({ flatten: true });
        out.push(...(a.length ? a : c.children));
      } else out.push(c);
    }
    return out;
  }

  // text is el's visible text as a reader reads it: innerText, with the
  // content of shadow roots and same-origin frames where they are shown.
  function text(el) {
    if (!el) return '';
    const v = current();
    if (!v.deep.has(el) && !shadowOf(el)) return el.innerText || '';
    if (el.localName === 'slot') return part(el);
    const d = frameDoc(el);
    if (d) return d.body ? text(d.body) : '';
    const sr = shadowOf(el);
    return [...(sr || el).childNodes].map(part).join('');
  }
  function part(n) {
    if (n.nodeType === 3) return n.textContent;
    if (n.nodeType !== 1 || SKIP.has(n.localName)) return '';
    if (n.localName === 'slot') {
      const a = n.assignedNodes({ flatten: true });
      return (a.length ? a : [...n.childNodes]).map(part).join('');
    }
    const cs = n.ownerDocument.defaultView.getComputedStyle(n);
    if (cs.display === 'none' || cs.visibility === 'hidden') return '';
    const t = text(n);
    return cs.display.startsWith('inline') || cs.display === 'contents' ? t : '\n' + t + '\n';
  }

  // offset is where a same-origin frame's viewport sits in this window's.
  function offset(doc) {
    let x = 0, y = 0;
    for (let w = doc.defaultView; w && w !== window;) {
      let fe = null;
      try { fe = w.frameElement; } catch (e) { break; }
      if (!fe) break;
      const r = fe.getBoundingClientRect();
      const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
      x += r.left + fe.clientLeft + parseFloat(cs.paddingLeft || '0');
      y += r.top + fe.clientTop + parseFloat(cs.paddingTop || '0');
      w = fe.ownerDocument.defaultView;
    }
    return { x, y };
  }

  const shift = (r, o) => ({
    left: r.left + o.x, top: r.top + o.y, right: r.right + o.x, bottom: r.bottom + o.y,
    width: r.width, height: r.height,
  });
  // rect and rects are el's box(es) in this window's viewport.
  const rect = (el) => shift(el.getBoundingClientRect(), offset(el.ownerDocument));
  const rects = (el) => {
    const o = offset(el.ownerDocument);
    return [...el.getClientRects()].map((r) => shift(r, o));
  };

  // view is the part of this window's viewport where el can be seen: the
  // viewport, cut by the viewport of every frame el is inside.
  function clip(el) {
    const c = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    for (let d = el.ownerDocument; d && d !== document;) {
      const w = d.defaultView;
      const o = offset(d);
      c.left = Math.max(c.left, o.x);
      c.top = Math.max(c.top, o.y);
      c.right = Math.min(c.right, o.x + w.innerWidth);
      c.bottom = Math.min(c.bottom, o.y + w.innerHeight);
      let fe = null;
      try { fe = w.frameElement; } catch (e) { break; }
      d = fe && fe.ownerDocument;
    }
    return c;
  }

  // hitAt is the innermost element at (x, y) of this window's viewport,
  // inside shadow roots and same-origin frames.
  function hitAt(x, y) {
    let hit = document.elementFromPoint(x, y);
    let o = { x: 0, y: 0 };
    for (let i = 0; hit && i < 32; i++) {
      const sr = shadowOf(hit);
      if (sr && sr.elementFromPoint) {
        const h = sr.elementFromPoint(x - o.x, y - o.y);
        if (h && h !== hit && holds(hit, h)) { hit = h; continue; }
      }
      const d = frameDoc(hit);
      if (d) {
        o = offset(d);
        const h = d.elementFromPoint(x - o.x, y - o.y);
        if (h) { hit = h; continue; }
      }
      break;
    }
    return hit;
  }

  // active is the focused element, inside shadow roots and frames.
  function active() {
    let a = document.activeElement;
    for (let i = 0; a && i < 32; i++) {
      const sr = shadowOf(a);
      if (sr && sr.activeElement) { a = sr.activeElement; continue; }
      const d = frameDoc(a);
      if (d && d.activeElement && d.activeElement !== d.body) { a = d.activeElement; continue; }
      break;
    }
    return a;
  }

  // order compares two elements in reading order across trees.
  function order(a, b) {
    if (a === b) return 0;
    if (a.getRootNode() === b.getRootNode()) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }
    const ca = [a], cb = [b];
    for (let n = a; (n = outer(n));) ca.push(n);
    for (let n = b; (n = outer(n));) cb.push(n);
    for (let i = 0; i < ca.length; i++) {
      for (let j = 0; j < cb.length; j++) {
        if (ca[i].getRootNode() !== cb[j].getRootNode()) continue;
        if (ca[i] === cb[j]) return i < j ? -1 : 1; // the host comes before its content
        return ca[i].compareDocumentPosition(cb[j]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      }
    }
    return 0;
  }
  // outer is the host or frame element of the tree el is in.
  function outer(el) {
    const r = el.getRootNode();
    if (r.host) return r.host;
    if (r.nodeType === 9 && r !== document) {
      try { return r.defaultView.frameElement; } catch (e) { return null; }
    }
    return null;
  }

  // win is the window el lives in (a same-origin frame's, or this one).
  const win = (el) => (el && el.ownerDocument && el.ownerDocument.defaultView) || window;

  window.__enrollV1 = {
    _: {
      TARGET, SKIP, closedRoots, fresh, shadowOf, frameDoc, up, holds, holdsDeep, all, byId, tag,
      children, text, rect, rects, clip, hitAt, active, order, win,
    },
  };
  return true;
})()

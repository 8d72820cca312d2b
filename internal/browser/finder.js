// The page half of package browser, part two: it finds elements the way a
// reader does, tags them with data-enroll-target so Go can refer to them,
// and gives click points and a guard against stray clicks. tree.js (before
// it) gives the page as a reader sees it, shadow roots and same-origin
// frames included; page.js (after it) adds the rest. All three install
// once per document as window.__enrollV1 (the Go side adds them to every
// new document of a session, and installs them where they are missing).
// Nothing here clicks or types: input events come from Go as real CDP
// input events.
(() => {
  const base = window.__enrollV1;
  if (!base || base.find) return true;
  const {
    TARGET, SKIP, fresh, shadowOf, holds, holdsDeep, all, byId, tag, children, text, rect, rects,
    clip, hitAt, order, win,
  } = base._;

  const MASK = 'data-enroll-mask';
  const SAVED = 'data-enroll-saved-style';

  const squash = (s) => (s || '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  const norm = (s) => squash(s).toLowerCase();

  const INTERACTIVE = [
    'button', 'a', 'summary', 'label', '[onclick]', 'input[type=checkbox]', 'input[type=radio]',
    'input[type=submit]', 'input[type=button]', 'input[type=reset]', 'input[type=image]',
    '[role=button]', '[role=link]', '[role=tab]', '[role=menuitem]', '[role=menuitemcheckbox]',
    '[role=menuitemradio]', '[role=option]', '[role=radio]', '[role=checkbox]', '[role=switch]',
    '[role=treeitem]',
  ].join(',');
  const CONTROL = [
    'input:not([type=hidden])', 'select', 'textarea', '[contenteditable=""]', '[contenteditable=true]',
    '[role=textbox]', '[role=combobox]', '[role=searchbox]', '[role=spinbutton]', '[role=checkbox]',
    '[role=radio]', '[role=switch]', '[role=slider]', '[role=listbox]',
  ].join(',');
  const FIELD = [
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image])',
    'select', 'textarea', '[contenteditable=""]', '[contenteditable=true]', '[role=textbox]',
    '[role=combobox]', '[role=searchbox]', '[role=spinbutton]',
  ].join(',');
  const ROLES = {
    button: 'button,input[type=submit],input[type=button],input[type=reset],input[type=image],[role=button]',
    link: 'a,[role=link]',
    tab: '[role=tab]',
    menuitem: '[role=menuitem],[role=menuitemcheckbox],[role=menuitemradio]',
    checkbox: 'input[type=checkbox],[role=checkbox],[role=switch]',
    radio: 'input[type=radio],[role=radio]',
    field: FIELD,
    dialog: 'dialog,[role=dialog],[role=alertdialog]',
    heading: 'h1,h2,h3,h4,h5,h6,[role=heading]',
    option: 'option,[role=option]',
  };
  const LANDMARK = [
    'section', 'form', 'nav', 'dialog', 'aside', 'article', 'main', 'header', 'footer', 'fieldset',
    'details', 'iframe', 'frame', '[role=dialog]', '[role=alertdialog]', '[role=region]', '[role=navigation]',
    '[role=form]', '[role=group]', '[role=radiogroup]', '[role=tabpanel]', '[role=main]',
    '[role=complementary]', '[role=menu]', '[role=listbox]', '[role=banner]', '[role=contentinfo]',
  ].join(',');
  const HEADING = 'h1,h2,h3,h4,h5,h6,[role=heading],legend,summary';

  // visible: the element has a box of more than one pixel, is not hidden by
  // display, visibility or opacity, and does not sit at negative document
  // coordinates (the off-screen trick); inside a frame, the frame is
  // visible too. Scrolling is allowed.
  function visible(el, depth) {
    if (!el || !el.isConnected || el.nodeType !== 1) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    let area = false;
    for (const r of el.getClientRects()) {
      if (r.width > 1 && r.height > 1) { area = true; break; }
    }
    if (!area) {
      // An inline element around a block child has no box of its own.
      if ((depth || 0) > 2) return false;
      for (const c of el.children) if (visible(c, (depth || 0) + 1)) return true;
      return false;
    }
    const r = el.getBoundingClientRect();
    const w = win(el);
    if (r.right + w.scrollX <= 0 || r.bottom + w.scrollY <= 0) return false;
    if (w !== window) {
      try {
        return !w.frameElement || visible(w.frameElement);
      } catch (e) { return true; }
    }
    return true;
  }

  function disabled(el) {
    try {
      if (el.matches(':disabled')) return true;
    } catch (e) { /* not a form element */ }
    return !!el.closest('[aria-disabled="true"],[inert]');
  }

  function readonly(el) {
    return !!(el.readOnly || el.getAttribute('aria-readonly') === 'true');
  }

  // ownText is the text of a label without the text of the controls in it
  // (a <select> inside a <label> would add all its options).
  function ownText(label) {
    let out = '';
    for (const n of label.childNodes) {
      if (n.nodeType === 3) out += ' ' + n.textContent;
      else if (n.nodeType === 1 && !n.matches(CONTROL) && !SKIP.has(n.localName)) {
        out += ' ' + (visible(n) ? text(n) : '');
      }
    }
    return out;
  }

  function idrefText(el, attr) {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => {
      const root = el.getRootNode();
      const t = root.getElementById ? root.getElementById(id) : document.getElementById(id);
      return t ? text(t) || t.textContent : '';
    }).join(' ');
  }

  // labelsOf lists the texts that label a control, with the <label>
  // elements that carry them (a click target when the control is hidden).
  function labelsOf(el) {
    const out = [];
    if (el.labels) {
      for (const l of el.labels) out.push({ text: ownText(l), el: l });
    }
    const aria = el.getAttribute('aria-label');
    if (aria) out.push({ text: aria, el: null });
    if (el.hasAttribute('aria-labelledby')) out.push({ text: idrefText(el, 'aria-labelledby'), el: null });
    return out;
  }

  // looseLabels maps controls to <label> elements that have no control of
  // their own but sit just before one (sloppy markup: <label>Code</label><input>).
  function looseLabels(root) {
    const map = new Map();
    for (const l of all(root, 'label')) {
      if (l.control || l.querySelector(CONTROL)) continue;
      let c = l.nextElementSibling;
      while (c && !c.matches(CONTROL)) {
        const inner = c.querySelector(CONTROL);
        if (inner) { c = inner; break; }
        c = c.nextElementSibling;
      }
      if (!c) continue;
      if (!map.has(c)) map.set(c, []);
      map.get(c).push({ text: ownText(l), el: l });
    }
    return map;
  }

  function textOf(el) {
    if (el.matches('input[type=submit],input[type=button],input[type=reset]')) return el.value;
    if (el.matches('input[type=image]')) return el.alt;
    const t = text(el);
    if (el.matches('input,select,textarea,[role=checkbox],[role=radio],[role=switch]') && !t) {
      return labelsOf(el).map((l) => l.text).join(' ');
    }
    return t;
  }

  // match scores a text against the wanted one: 2 equal, 1 contains, 0 no.
  function match(text, want, exact) {
    const n = norm(text);
    if (!n) return 0;
    if (n === want) return 2;
    if (!exact && n.includes(want)) return 1;
    return 0;
  }

  function roleMatches(el, role) {
    const sel = ROLES[role];
    if (sel) return el.matches(sel);
    return el.getAttribute('role') === role || el.localName === role;
  }

  function accessibleName(el) {
    const names = [el.getAttribute('aria-label'), el.getAttribute('title')];
    if (el.hasAttribute('aria-labelledby')) names.push(idrefText(el, 'aria-labelledby'));
    if (!norm(text(el))) {
      for (const img of all(el, 'img[alt],svg title')) names.push(img.alt || img.textContent);
    }
    return names.filter(Boolean);
  }

  // scopes finds the containers named by "within": first those whose own
  // label names them, then those under a matching heading, then the
  // innermost landmark whose text contains the words.
  function scopes(root, want) {
    const tier1 = [];
    for (const el of all(root, LANDMARK)) {
      if (!visible(el)) continue;
      const names = [el.getAttribute('aria-label'), el.getAttribute('title')];
      if (el.hasAttribute('aria-labelledby')) names.push(idrefText(el, 'aria-labelledby'));
      const legend = el.querySelector(':scope > legend, :scope > summary');
      if (legend) names.push(text(legend));
      if (names.some((n) => match(n, want, false))) tier1.push(el);
    }
    if (tier1.length) return tier1;
    const tier2 = [];
    for (const h of all(root, HEADING)) {
      if (!visible(h) || !match(text(h), want, false)) continue;
      let c = h.localName === 'summary' ? h.parentElement : h.parentElement && h.parentElement.closest(LANDMARK);
      if (!c || c === h) c = h.parentElement;
      if (c && !tier2.includes(c)) tier2.push(c);
    }
    if (tier2.length) return tier2;
    const tier3 = [];
    for (const el of all(root, LANDMARK)) {
      if (visible(el) && match(text(el), want, false)) tier3.push(el);
    }
    return tier3.filter((el) => !tier3.some((o) => o !== el && holdsDeep(el, o)));
  }

  // plainText finds the deepest elements whose visible text matches.
  function plainText(root, want, exact, out) {
    const walk = (el) => {
      if (SKIP.has(el.localName)) return;
      if (!match(text(el), want, false)) return;
      let child = false;
      for (const c of children(el)) {
        if (!SKIP.has(c.localName) && match(text(c), want, false)) { child = true; walk(c); }
      }
      if (!child) {
        const s = match(text(el), want, exact);
        if (s) out.push({ el, act: el, rank: s === 2 ? 2 : 3 });
      }
    };
    walk(root);
  }

  // candidates lists {el, act, rank} for a locator under one root; lower
  // rank is better. act is the element to click (a visible <label> stands
  // in for a hidden custom checkbox).
  function candidates(root, loc) {
    const out = [];
    if (loc.css) {
      for (const el of all(root, loc.css)) out.push({ el, act: el, rank: 0 });
      return out;
    }
    if (loc.text) {
      const want = norm(loc.text);
      const sel = loc.role ? (ROLES[loc.role] || '*') : INTERACTIVE;
      for (const el of all(root, sel)) {
        if (loc.role && !roleMatches(el, loc.role)) continue;
        const s = match(textOf(el), want, loc.exact);
        if (s) out.push(withProxy(el, s === 2 ? 0 : 1));
      }
      if (!loc.role) plainText(root, want, loc.exact, out);
      return out;
    }
    if (loc.label) {
      const want = norm(loc.label);
      const loose = looseLabels(document);
      for (const el of all(root, CONTROL)) {
        if (loc.role && !roleMatches(el, loc.role)) continue;
        const labels = labelsOf(el).concat(loose.get(el) || []);
        let best = 0;
        let by = null;
        for (const l of labels) {
          const s = match(l.text, want, loc.exact);
          if (s > best) { best = s; by = l.el; }
        }
        if (best) out.push(withProxy(el, best === 2 ? 0 : 1, by));
      }
      return out;
    }
    if (loc.placeholder) {
      const want = norm(loc.placeholder);
      for (const el of all(root, '[placeholder],[aria-placeholder]')) {
        if (loc.role && !roleMatches(el, loc.role)) continue;
        const s = match(el.getAttribute('placeholder') || el.getAttribute('aria-placeholder'), want, loc.exact);
        if (s) out.push({ el, act: el, rank: s === 2 ? 0 : 1 });
      }
      return out;
    }
    if (loc.name) {
      const want = norm(loc.name);
      for (const el of all(root, '[aria-label],[title],[aria-labelledby],button,a,[role=button]')) {
        if (loc.role && !roleMatches(el, loc.role)) continue;
        let best = 0;
        for (const n of accessibleName(el)) best = Math.max(best, match(n, want, loc.exact));
        if (!best) continue;
        const inter = el.matches(INTERACTIVE);
        out.push({ el, act: el, rank: (best === 2 ? 0 : 1) + (inter ? 0 : 2) });
      }
      return out;
    }
    return out;
  }

  // withProxy lets a visible label stand in for a hidden checkbox or radio.
  function withProxy(el, rank, label) {
    let act = el;
    if (!visible(el) && el.matches('input,[role=checkbox],[role=radio],[role=switch]')) {
      const ls = [label].concat(el.labels ? [...el.labels] : []).filter(Boolean);
      const v = ls.find((l) => visible(l));
      if (v) act = v;
    }
    return { el, act, rank };
  }

  function describe(el) {
    if (!el) return 'nothing';
    let s = '<' + el.localName;
    if (el.id) s += ' id="' + el.id + '"';
    const cls = (el.getAttribute('class') || '').trim().split(/\s+/)[0];
    if (cls) s += ' class="' + cls + '"';
    s += '>';
    const t = squash(text(el)).slice(0, 40);
    if (t && !el.closest('[' + MASK + ']')) s += ' "' + t + '"';
    return s;
  }

  function runningAnimation(el) {
    const doc = el.ownerDocument;
    if (!doc.getAnimations) return false;
    for (const a of doc.getAnimations()) {
      if (a.playState !== 'running' || !a.effect || !a.effect.target) continue;
      const timing = a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
      if (timing.iterations === Infinity || timing.endTime === Infinity) continue;
      const t = a.effect.target;
      if (t === el || holds(t, el)) return true;
    }
    return false;
  }

  function inViewport(r, c) {
    return r.top >= c.top && r.left >= c.left && r.bottom <= c.bottom && r.right <= c.right;
  }

  // reaches reports whether an event on hit acts on el.
  function reaches(el, hit) {
    if (!hit || !el) return false;
    if (hit === el || holds(el, hit) || holds(hit, el)) return true;
    const lab = hit.closest && hit.closest('label');
    if (lab && (lab.control === el || lab.contains(el))) return true;
    return el.localName === 'label' && el.control === hit;
  }

  // hits reports whether a click at (x, y) reaches el.
  function hits(el, x, y) {
    const hit = hitAt(x, y);
    return { ok: reaches(el, hit), hit };
  }

  const GUARDED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick'];

  // guard makes the next click count only if it reaches the tagged
  // element: a click that would land elsewhere (the page moved) is
  // swallowed before the page sees it. unguard removes it and reports.
  function guard(id) {
    unguard();
    const el = byId(id);
    const w = win(el);
    const st = { hit: null, blocked: false };
    const check = (e) => {
      if (st.hit === null) st.hit = reaches(el, e.composedPath ? e.composedPath()[0] : e.target);
      if (!st.hit) {
        st.blocked = true;
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    for (const t of GUARDED) w.addEventListener(t, check, true);
    window.__enrollGuard = { st, check, w };
    return true;
  }

  function unguard() {
    const g = window.__enrollGuard;
    if (!g) return null;
    for (const t of GUARDED) g.w.removeEventListener(t, g.check, true);
    window.__enrollGuard = null;
    return g.st;
  }

  function point(el) {
    let r = rect(el);
    let c = clip(el);
    if (!inViewport(r, c)) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      r = rect(el);
      c = clip(el);
    }
    const rs = rects(el).filter((q) => q.width > 1 && q.height > 1);
    const boxes = rs.length ? rs : [r];
    let firstHit = null;
    for (const b of boxes) {
      const l = Math.max(b.left, c.left), t = Math.max(b.top, c.top);
      const rr = Math.min(b.right, c.right), bb = Math.min(b.bottom, c.bottom);
      if (rr <= l || bb <= t) continue;
      const pts = [[0.5, 0.5], [0.25, 0.5], [0.75, 0.5], [0.5, 0.25], [0.5, 0.75]];
      for (const [fx, fy] of pts) {
        const x = l + (rr - l) * fx, y = t + (bb - t) * fy;
        const h = hits(el, x, y);
        if (h.ok) return { ok: true, x, y };
        if (!firstHit) firstHit = h.hit;
      }
    }
    return { ok: false, covered: describe(firstHit) };
  }

  // find locates the best match for loc and reports its state. opts:
  // action (wait for no running animation, scroll, hit-test, return a click
  // point), enabled (must be enabled), editable (must not be read-only),
  // guard (with action: when ready, guard the next click, see guard).
  function find(loc, opts) {
    opts = opts || {};
    if (loc.css) {
      try {
        document.createDocumentFragment().querySelector(loc.css);
      } catch (e) {
        return { state: 'error', reason: String(e && e.message || e) };
      }
    }
    const top = document.body || document.documentElement;
    if (!top) return { state: 'none', reason: 'loading' };
    try {
      return findIn(top, loc, opts);
    } catch (e) {
      // The document is being replaced under the script (a navigation the
      // page started): nothing to find yet, look again.
      return { state: 'none', reason: 'page changing: ' + String(e && e.message || e) };
    }
  }

  function findIn(top, loc, opts) {
    let roots = [top];
    if (loc.scope) {
      const s = byId(loc.scope);
      if (!s) return { state: 'none', reason: 'scope gone' };
      roots = [s];
    }
    if (loc.within) {
      const want = norm(loc.within);
      const found = [];
      for (const r of roots) for (const s of scopes(r, want)) found.push(s);
      if (!found.length) return { state: 'none', reason: 'within' };
      roots = found;
    }
    let cands = [];
    for (const r of roots) cands = cands.concat(candidates(r, loc));
    const seen = new Set();
    const vis = [];
    let hidden = 0;
    for (const c of cands) {
      if (seen.has(c.el)) continue;
      seen.add(c.el);
      if (visible(c.act)) vis.push(c);
      else hidden++;
    }
    if (!vis.length) return { state: hidden ? 'hidden' : 'none', hidden };
    // Stable sort keeps DOM order within a rank (candidates come in DOM order
    // per pass; sort the whole list by document position first).
    vis.sort((a, b) => {
      if (a.rank !== b.rank) return a.rank - b.rank;
      return order(a.el, b.el);
    });
    const best = vis[0];
    const id = tag(best.el);
    const actId = best.act === best.el ? id : tag(best.act);
    const res = {
      state: 'ok', id, actId, count: vis.length, hidden,
      tag: best.el.localName, type: (best.el.getAttribute('type') || '').toLowerCase(),
      role: best.el.getAttribute('role') || '',
    };
    if (opts.enabled && disabled(best.el)) return Object.assign(res, { state: 'disabled' });
    if (opts.editable && readonly(best.el)) return Object.assign(res, { state: 'readonly' });
    if (opts.action) {
      if (runningAnimation(best.act)) return Object.assign(res, { state: 'moving' });
      const p = point(best.act);
      if (!p.ok) return Object.assign(res, { state: 'covered', covered: p.covered });
      res.x = p.x;
      res.y = p.y;
      if (opts.guard) guard(actId);
    }
    return res;
  }

  // pointOf gives a fresh click point for a tagged element.
  function pointOf(id) {
    const el = byId(id);
    if (!el || !visible(el)) return { ok: false };
    return point(el);
  }

  // Every call from Go sees the page afresh.
  const entry = (f) => (...args) => { fresh(); return f(...args); };
  Object.assign(base, { find: entry(find), pointOf: entry(pointOf), guard: entry(guard), unguard: entry(unguard) });
  Object.assign(base._, { MASK, SAVED, squash, norm, visible, disabled, labelsOf, entry });
  return true;
})()

// The page half of package browser: it finds elements the way a reader does,
// tags them with data-enroll-target so Go can refer to them, and gathers what
// the Go side needs (click points, QR candidates, redacted HTML, on-screen
// labels). It installs itself once per document as window.__enrollV1; the Go
// side re-installs it after every navigation. It never clicks or types: input
// events come from Go as real CDP input events.
(() => {
  if (window.__enrollV1) return true;

  const TARGET = 'data-enroll-target';
  const MASK = 'data-enroll-mask';
  const SAVED = 'data-enroll-saved-style';
  let counter = 0;

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
    'details', '[role=dialog]', '[role=alertdialog]', '[role=region]', '[role=navigation]',
    '[role=form]', '[role=group]', '[role=radiogroup]', '[role=tabpanel]', '[role=main]',
    '[role=complementary]', '[role=menu]', '[role=listbox]', '[role=banner]', '[role=contentinfo]',
  ].join(',');
  const HEADING = 'h1,h2,h3,h4,h5,h6,[role=heading],legend,summary';
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link']);

  const byId = (id) => document.querySelector('[' + TARGET + '="' + id + '"]');
  const tag = (el) => {
    const old = el.getAttribute(TARGET);
    if (old) return old;
    const id = String(++counter) + '-' + Math.random().toString(36).slice(2, 7);
    el.setAttribute(TARGET, id);
    return id;
  };

  // visible: the element has a box of more than one pixel, is not hidden by
  // display, visibility or opacity, and does not sit at negative document
  // coordinates (the off-screen trick). Scrolling is allowed.
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
    if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) return false;
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

  function isControl(el) {
    return el.matches(CONTROL);
  }

  // ownText is the text of a label without the text of the controls in it
  // (a <select> inside a <label> would add all its options).
  function ownText(label) {
    let out = '';
    for (const n of label.childNodes) {
      if (n.nodeType === 3) out += ' ' + n.textContent;
      else if (n.nodeType === 1 && !n.matches(CONTROL) && !SKIP.has(n.localName)) {
        out += ' ' + (visible(n) ? n.innerText : '');
      }
    }
    return out;
  }

  function idrefText(el, attr) {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => {
      const t = document.getElementById(id);
      return t ? t.innerText || t.textContent : '';
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
    for (const l of root.querySelectorAll('label')) {
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
    if (el.matches('input,select,textarea,[role=checkbox],[role=radio],[role=switch]') && !el.innerText) {
      return labelsOf(el).map((l) => l.text).join(' ');
    }
    return el.innerText || '';
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
    if (!norm(el.innerText)) {
      for (const img of el.querySelectorAll('img[alt],svg title')) names.push(img.alt || img.textContent);
    }
    return names.filter(Boolean);
  }

  // scopes finds the containers named by "within": first those whose own
  // label names them, then those under a matching heading, then the
  // innermost landmark whose text contains the words.
  function scopes(root, want) {
    const tier1 = [];
    for (const el of root.querySelectorAll(LANDMARK)) {
      if (!visible(el)) continue;
      const names = [el.getAttribute('aria-label'), el.getAttribute('title')];
      if (el.hasAttribute('aria-labelledby')) names.push(idrefText(el, 'aria-labelledby'));
      const legend = el.querySelector(':scope > legend, :scope > summary');
      if (legend) names.push(legend.innerText);
      if (names.some((n) => match(n, want, false))) tier1.push(el);
    }
    if (tier1.length) return tier1;
    const tier2 = [];
    for (const h of root.querySelectorAll(HEADING)) {
      if (!visible(h) || !match(h.innerText, want, false)) continue;
      let c = h.localName === 'summary' ? h.parentElement : h.parentElement && h.parentElement.closest(LANDMARK);
      if (!c || c === h) c = h.parentElement;
      if (c && !tier2.includes(c)) tier2.push(c);
    }
    if (tier2.length) return tier2;
    const tier3 = [];
    for (const el of root.querySelectorAll(LANDMARK)) {
      if (visible(el) && match(el.innerText, want, false)) tier3.push(el);
    }
    return tier3.filter((el) => !tier3.some((o) => o !== el && el.contains(o)));
  }

  // plainText finds the deepest elements whose visible text matches.
  function plainText(root, want, exact, out) {
    const walk = (el) => {
      if (SKIP.has(el.localName)) return;
      if (!match(el.innerText, want, false)) return;
      let child = false;
      for (const c of el.children) {
        if (!SKIP.has(c.localName) && match(c.innerText, want, false)) { child = true; walk(c); }
      }
      if (!child) {
        const s = match(el.innerText, want, exact);
        if (s) out.push({ el, act: el, rank: s === 2 ? 2 : 3 });
      }
    };
    walk(root);
  }

  function all(root, sel) {
    const out = [];
    if (root.matches && root.matches(sel)) out.push(root);
    for (const el of root.querySelectorAll(sel)) out.push(el);
    return out;
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
    const t = squash(el.innerText || '').slice(0, 40);
    if (t && !el.closest('[' + MASK + ']')) s += ' "' + t + '"';
    return s;
  }

  function runningAnimation(el) {
    if (!document.getAnimations) return false;
    for (const a of document.getAnimations()) {
      if (a.playState !== 'running' || !a.effect || !a.effect.target) continue;
      const timing = a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
      if (timing.iterations === Infinity || timing.endTime === Infinity) continue;
      const t = a.effect.target;
      if (t === el || (t.contains && t.contains(el))) return true;
    }
    return false;
  }

  function inViewport(r) {
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  }

  // reaches reports whether an event on hit acts on el.
  function reaches(el, hit) {
    if (!hit || !el) return false;
    if (hit === el || el.contains(hit) || hit.contains(el)) return true;
    const lab = hit.closest && hit.closest('label');
    if (lab && (lab.control === el || lab.contains(el))) return true;
    return el.localName === 'label' && el.control === hit;
  }

  // hits reports whether a click at (x, y) reaches el.
  function hits(el, x, y) {
    const hit = document.elementFromPoint(x, y);
    return { ok: reaches(el, hit), hit };
  }

  const GUARDED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick'];

  // guard makes the next click count only if it reaches the tagged
  // element: a click that would land elsewhere (the page moved) is
  // swallowed before the page sees it. unguard removes it and reports.
  function guard(id) {
    unguard();
    const el = byId(id);
    const st = { hit: null, blocked: false };
    const check = (e) => {
      if (st.hit === null) st.hit = reaches(el, e.target);
      if (!st.hit) {
        st.blocked = true;
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    for (const t of GUARDED) window.addEventListener(t, check, true);
    window.__enrollGuard = { st, check };
    return true;
  }

  function unguard() {
    const g = window.__enrollGuard;
    if (!g) return null;
    for (const t of GUARDED) window.removeEventListener(t, g.check, true);
    window.__enrollGuard = null;
    return g.st;
  }

  function point(el) {
    let r = el.getBoundingClientRect();
    if (!inViewport(r)) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      r = el.getBoundingClientRect();
    }
    const rects = [...el.getClientRects()].filter((q) => q.width > 1 && q.height > 1);
    const boxes = rects.length ? rects : [r];
    let firstHit = null;
    for (const b of boxes) {
      const l = Math.max(b.left, 0), t = Math.max(b.top, 0);
      const rr = Math.min(b.right, window.innerWidth), bb = Math.min(b.bottom, window.innerHeight);
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
  // point), enabled (must be enabled), editable (must not be read-only).
  function find(loc, opts) {
    opts = opts || {};
    let roots = [document.body || document.documentElement];
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
    try {
      for (const r of roots) cands = cands.concat(candidates(r, loc));
    } catch (e) {
      return { state: 'error', reason: String(e && e.message || e) };
    }
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
      if (a.el === b.el) return 0;
      return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
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
    }
    return res;
  }

  // pointOf gives a fresh click point for a tagged element.
  function pointOf(id) {
    const el = byId(id);
    if (!el || !visible(el)) return { ok: false };
    return point(el);
  }

  function hasText(want) {
    const body = document.body;
    if (!body) return false;
    return norm(body.innerText).includes(norm(want));
  }

  function url() {
    return location.href;
  }

  function mark(id) {
    const el = byId(id);
    if (el) el.setAttribute(MASK, '1');
    return !!el;
  }

  // focusSelect focuses a tagged field and selects its content so the next
  // key replaces it. It reports whether the field had content.
  function focusSelect(id) {
    const el = byId(id);
    if (!el) return { ok: false };
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    let had = false;
    if ('value' in el && typeof el.select === 'function') {
      had = el.value !== '';
      el.select();
    } else if (el.isContentEditable) {
      had = el.textContent !== '';
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return { ok: document.activeElement === el || el.contains(document.activeElement), had };
  }

  function focusOnly(id) {
    const el = byId(id);
    if (!el) return false;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    return document.activeElement === el || el.contains(document.activeElement);
  }

  function focused(id) {
    const el = byId(id);
    return !!el && (document.activeElement === el);
  }

  function valueOf(id) {
    const el = byId(id);
    if (!el) return null;
    if ('value' in el && el.localName !== 'button' && el.localName !== 'li') return String(el.value);
    return el.innerText;
  }

  function textOfId(id) {
    const el = byId(id);
    if (!el) return null;
    if (el.matches('input,textarea,select')) return String(el.value);
    return el.innerText;
  }

  // checked reports the state of a checkbox, radio or switch, and the id of
  // the control that holds it (a label stands for its control).
  function checked(id) {
    let el = byId(id);
    if (!el) return { ok: false };
    if (el.localName === 'label' && el.control) el = el.control;
    if (el.matches('input[type=checkbox],input[type=radio]')) return { ok: true, on: el.checked };
    const aria = el.getAttribute('aria-checked') || el.getAttribute('aria-pressed');
    if (aria !== null) return { ok: true, on: aria === 'true' };
    const inner = el.querySelector('input[type=checkbox],input[type=radio],[role=checkbox],[role=switch]');
    if (inner) return inner.matches('input') ? { ok: true, on: inner.checked } : { ok: true, on: inner.getAttribute('aria-checked') === 'true' };
    return { ok: false };
  }

  // selectOption picks an option of a <select> by its visible text and fires
  // the events a user's choice fires.
  function selectOption(id, option) {
    const el = byId(id);
    if (!el || el.localName !== 'select') return { state: 'notselect' };
    const want = norm(option);
    let pick = null;
    for (const o of el.options) if (norm(o.text) === want || norm(o.label) === want) { pick = o; break; }
    if (!pick) for (const o of el.options) if (norm(o.text).includes(want)) { pick = o; break; }
    if (!pick) return { state: 'nooption', options: [...el.options].map((o) => squash(o.text)).slice(0, 20) };
    if (pick.disabled) return { state: 'disabled' };
    el.focus({ preventScroll: true });
    el.value = pick.value;
    pick.selected = true;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return { state: 'ok' };
  }

  // codeField finds the field a one-time code goes in: the focused input,
  // else the only visible input that looks like one. With boxes (or one-digit
  // inputs), it returns every one-digit box of the group in DOM order.
  function codeField(id, wantBoxes) {
    let el = id ? byId(id) : null;
    if (id && !el) return { state: 'none' };
    if (!el) {
      const a = document.activeElement;
      if (a && a.matches('input,textarea,[contenteditable=""],[contenteditable=true]') && visible(a)) el = a;
    }
    if (!el) {
      const looks = [];
      for (const i of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])')) {
        if (!visible(i) || disabled(i)) continue;
        const ml = parseInt(i.getAttribute('maxlength') || '0', 10);
        const words = [i.name, i.id, i.getAttribute('autocomplete'), i.getAttribute('aria-label'),
          i.placeholder].concat(labelsOf(i).map((l) => l.text)).join(' ').toLowerCase();
        if (i.getAttribute('autocomplete') === 'one-time-code' || i.inputMode === 'numeric' ||
          (ml >= 6 && ml <= 8) || ml === 1 || /code|otp|token|totp|2fa|pin|digit/.test(words)) looks.push(i);
      }
      if (!looks.length) return { state: 'none' };
      const singles = looks.filter((i) => i.getAttribute('maxlength') !== '1');
      if (singles.length > 1) return { state: 'ambiguous', count: singles.length };
      el = singles.length ? singles[0] : looks[0];
    }
    if (disabled(el)) return { state: 'disabled' };
    const one = el.getAttribute('maxlength') === '1';
    let boxes = [el];
    if (wantBoxes || one) {
      let group = el.parentElement;
      let found = [];
      for (let depth = 0; group && depth < 4; depth++, group = group.parentElement) {
        found = [...group.querySelectorAll('input')].filter((i) => visible(i) &&
          (i.getAttribute('maxlength') === '1' || (wantBoxes && i.type !== 'hidden')));
        if (found.length > 1) break;
      }
      if (found.length > 1) boxes = found;
    }
    const ids = boxes.map((b) => b.getAttribute(TARGET) || tag(b));
    for (const b of boxes) b.setAttribute(MASK, '1');
    return { state: 'ok', ids };
  }

  // qrCandidates lists the elements that may hold a QR code, largest first,
  // with the exact pixels where the page can give them.
  async function qrCandidates(id) {
    let root = id ? byId(id) : document.body;
    if (!root) return [];
    const sel = 'img,canvas,svg,object,[style*="background-image"],[class*="qr" i],[id*="qr" i]';
    const collect = (r) => all(r, sel).filter((el) => {
      if (!visible(el)) return false;
      if (el.localName !== 'svg' && el.closest('svg') && el.closest('svg') !== el) return false;
      if (el.localName === 'svg' && el.parentElement && el.parentElement.closest('svg')) return false;
      const b = el.getBoundingClientRect();
      const ratio = b.width / b.height;
      return b.width >= 40 && b.height >= 40 && ratio > 0.75 && ratio < 1.33;
    });
    let found = collect(root);
    while (!found.length && root.parentElement && root !== document.body) {
      root = root.parentElement;
      found = collect(root);
    }
    // Containers (class qr) only when they hold no image of their own.
    found = found.filter((el) => ['img', 'canvas', 'svg'].includes(el.localName) ||
      !found.some((o) => o !== el && el.contains(o)));
    const area = (el) => { const b = el.getBoundingClientRect(); return b.width * b.height; };
    found.sort((a, b) => area(b) - area(a));
    const out = [];
    for (const el of found.slice(0, 6)) {
      const b = el.getBoundingClientRect();
      const de = document.documentElement.getBoundingClientRect();
      const c = {
        id: el.getAttribute(TARGET) || tag(el), tag: el.localName,
        x: b.left - de.left, y: b.top - de.top, w: b.width, h: b.height,
      };
      try {
        if (el.localName === 'img') {
          const src = el.currentSrc || el.src || '';
          if (/^data:image\/(png|gif|jpe?g|bmp|webp)/i.test(src)) {
            c.kind = 'data-url';
            c.data = src;
          } else if (src && !/^data:/i.test(src)) {
            if (el.complete && el.naturalWidth > 0) {
              try {
                c.data = drawn(el, el.naturalWidth, el.naturalHeight);
                c.kind = 'img-pixels';
              } catch (e) { /* cross-origin: the canvas is tainted */ }
            }
            if (!c.data) {
              const resp = await fetch(src, { credentials: 'include', cache: 'force-cache' });
              if (resp.ok) {
                const blob = await resp.blob();
                if (!/svg/i.test(blob.type)) {
                  c.data = await new Promise((res, rej) => {
                    const fr = new FileReader();
                    fr.onload = () => res(fr.result);
                    fr.onerror = () => rej(fr.error);
                    fr.readAsDataURL(blob);
                  });
                  c.kind = 'img-fetch';
                }
              }
            }
          }
        } else if (el.localName === 'canvas') {
          c.kind = 'canvas';
          c.data = el.toDataURL('image/png');
        }
      } catch (e) {
        c.err = String(e && e.message || e);
      }
      out.push(c);
    }
    return out;
  }

  function drawn(img, w, h) {
    const cv = document.createElement('canvas');
    cv.width = w;
    cv.height = h;
    const ctx = cv.getContext('2d');
    ctx.drawImage(img, 0, 0, w, h);
    return cv.toDataURL('image/png');
  }

  // scopeRect is the document rectangle of a tagged element, for a clipped
  // screenshot.
  function rectOf(id) {
    const el = byId(id);
    if (!el) return null;
    const b = el.getBoundingClientRect();
    const de = document.documentElement.getBoundingClientRect();
    return { x: b.left - de.left, y: b.top - de.top, w: b.width, h: b.height };
  }

  function pageSize() {
    const de = document.documentElement;
    const b = document.body || de;
    return {
      w: Math.max(de.scrollWidth, b.scrollWidth, de.clientWidth),
      h: Math.max(de.scrollHeight, b.scrollHeight, de.clientHeight),
    };
  }

  // maskOn paints every marked element as an opaque black box; maskOff
  // restores them.
  function maskOn() {
    let n = 0;
    for (const el of document.querySelectorAll('[' + MASK + ']')) {
      if (!el.hasAttribute(SAVED)) el.setAttribute(SAVED, el.getAttribute('style') === null ? '\u0000' : el.getAttribute('style'));
      el.style.setProperty('filter', 'brightness(0)', 'important');
      el.style.setProperty('background', '#000', 'important');
      el.style.setProperty('color', '#000', 'important');
      el.style.setProperty('-webkit-text-fill-color', '#000', 'important');
      el.style.setProperty('opacity', '1', 'important');
      n++;
    }
    return n;
  }

  function maskOff() {
    for (const el of document.querySelectorAll('[' + SAVED + ']')) {
      const s = el.getAttribute(SAVED);
      if (s === '\u0000') el.removeAttribute('style');
      else el.setAttribute('style', s);
      el.removeAttribute(SAVED);
    }
    return true;
  }

  const KEEP = new Set(['id', 'class', 'name', 'type', 'role', 'for', MASK]);

  // html serializes the document with secrets removed: marked elements lose
  // their content and most attributes, scripts lose their bodies, inputs
  // lose their values, and data: and otpauth: URLs are replaced.
  function html() {
    const root = document.documentElement.cloneNode(true);
    for (const el of root.querySelectorAll('[' + MASK + ']')) {
      el.textContent = '';
      for (const a of [...el.attributes]) if (!KEEP.has(a.name)) el.removeAttribute(a.name);
    }
    for (const el of root.querySelectorAll('script')) el.textContent = '';
    for (const el of root.querySelectorAll('input')) el.removeAttribute('value');
    for (const el of root.querySelectorAll('textarea')) el.textContent = '';
    for (const el of root.querySelectorAll('[' + TARGET + '],[' + SAVED + ']')) {
      el.removeAttribute(TARGET);
      el.removeAttribute(SAVED);
    }
    let s = '<!DOCTYPE html>\n' + root.outerHTML;
    s = s.replace(/\bdata:[a-z0-9.+\-\/]*[;,][^"'\s)<>]*/gi, 'data:REDACTED');
    s = s.replace(/\botpauth(-migration)?:\/\/[^"'\s<>]*/gi, 'otpauth://REDACTED');
    return s;
  }

  const LABELS = [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', '[role=heading]', 'legend', 'button', 'a', '[role=button]',
    '[role=link]', '[role=tab]', '[role=menuitem]', 'summary', 'label', 'input[type=submit]',
    'input[type=button]', '[role=alert]', '[role=status]', 'dialog [role=heading]',
  ].join(',');

  // onScreen lists what a reader sees to act on or orient by, in document
  // order, without input values or marked elements.
  function onScreen(max) {
    const out = [];
    const seen = new Set();
    for (const el of document.querySelectorAll(LABELS)) {
      if (out.length >= max) break;
      if (el.closest('[' + MASK + ']') || el.querySelector('[' + MASK + ']:not(input)')) continue;
      if (!visible(el)) continue;
      let t = el.matches('input') ? el.value : squash(el.innerText);
      if (!t) t = squash(el.getAttribute('aria-label') || el.getAttribute('title') || '');
      if (!t) continue;
      if (t.length > 80) t = t.slice(0, 77) + '...';
      const k = t.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(t);
    }
    return out;
  }

  window.__enrollV1 = {
    find, pointOf, guard, unguard, hasText, url, mark, focusSelect, focusOnly, focused, valueOf, textOf: textOfId, checked,
    selectOption, codeField, qrCandidates, rectOf, pageSize, maskOn, maskOff, html, onScreen,
  };
  return true;
})()

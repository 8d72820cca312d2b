// The page half of package browser, part three (see tree.js and finder.js): what the Go side
// reads or changes in the page besides finding elements: text and URL,
// focus and selection for typing, <select> options, one-time-code fields,
// QR candidates and their pixels, masks for screenshots, redacted HTML and
// the labels on screen. It extends window.__enrollV1 with the helpers
// finder.js shares in window.__enrollV1._.
(() => {
  const api = window.__enrollV1;
  if (!api || api.html) return true;
  const {
    TARGET, MASK, SAVED, squash, norm, byId, tag, visible, disabled, labelsOf, all, text, rect, active,
    holds, shadowOf, frameDoc, children, entry, fresh,
  } = api._;

  function hasText(want) {
    const body = document.body;
    if (!body) return false;
    return norm(text(body)).includes(norm(want));
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
    if (active() !== el) el.focus({ preventScroll: true });
    let had = false;
    if ('value' in el && typeof el.select === 'function') {
      had = el.value !== '';
      el.select();
    } else if (el.isContentEditable) {
      had = el.textContent !== '';
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const sel = el.ownerDocument.defaultView.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    const a = active();
    return { ok: a === el || holds(el, a), had };
  }

  function focusOnly(id) {
    const el = byId(id);
    if (!el) return false;
    if (active() !== el) el.focus({ preventScroll: true });
    const a = active();
    return a === el || holds(el, a);
  }



  function textOfId(id) {
    const el = byId(id);
    if (!el) return null;
    if (el.matches('input,textarea,select')) return String(el.value);
    return text(el);
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
      const a = active();
      if (a && a.matches('input,textarea,[contenteditable=""],[contenteditable=true]') && visible(a)) el = a;
    }
    if (!el) {
      const looks = [];
      for (const i of all(document, 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])')) {
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

  // lazyImages lists the page's visible <img>s that may be a QR code but have
  // no pixels and no square box, so that qrCandidates does not list them: square-ish
  // by their width and height attributes, without src (a lazy image whose script
  // sets it from data-src once the image is seen, by an IntersectionObserver),
  // still loading, or whose src gave no image (such an image shows as its alt
  // text). As a reader scrolls to the code, the first one out of view is scrolled
  // into it; one without src is, at every look, as it may look in view in its
  // frame while the frame is out of the page's (a full-page screenshot scrolls
  // the page back). An address is given by its path only (a query may carry a
  // token).
  function lazyImages() {
    const out = [];
    let scrolled = false;
    for (const el of document.querySelectorAll('img')) {
      const src = el.currentSrc || el.getAttribute('src') || '';
      if (src && el.complete && el.naturalWidth > 0) continue;
      if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const b = el.getBoundingClientRect();
      if (src && b.width >= 40 && b.height >= 40 && b.width / b.height > 0.75 && b.width / b.height < 1.33) continue;
      const w = parseFloat(el.getAttribute('width')) || b.width, h = parseFloat(el.getAttribute('height')) || b.height;
      if (!(w >= 40 && h >= 40 && w / h > 0.75 && w / h < 1.33)) continue;
      const lazy = el.getAttribute('data-src') || el.getAttribute('data-lazy-src') || el.getAttribute('data-original') || '';
      let path = '';
      try { path = new URL(src || lazy, location.href).pathname; } catch (e) { /* no address */ }
      if (!scrolled && (!src || b.bottom <= 0 || b.top >= innerHeight || b.right <= 0 || b.left >= innerWidth)) {
        el.scrollIntoView({ block: 'center', inline: 'center' });
        scrolled = true;
      }
      out.push({ w: w, h: h, src: path, state: !src ? 'lazy' : el.complete ? 'broken' : 'loading' });
      if (out.length >= 6) break;
    }
    return out;
  }

  // qrCandidates lists the elements that may hold a QR code, largest first,
  // with the exact pixels where the page can give them.
  async function qrCandidates(id) {
    let root = id ? byId(id) : document.body;
    const de = document.documentElement.getBoundingClientRect();
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
    const area = (el) => { const b = rect(el); return b.width * b.height; };
    found.sort((a, b) => area(b) - area(a));
    // A reader scrolls to the code: the largest candidate out of view is scrolled
    // into it, so that lazy images (loading=lazy, or a script that sets src once
    // the image is seen) load and a screenshot of it shows it.
    const off = found.slice(0, 6).find((el) => {
      const b = el.getBoundingClientRect();
      return b.bottom <= 0 || b.top >= innerHeight || b.right <= 0 || b.left >= innerWidth;
    });
    if (off) off.scrollIntoView({ block: 'center', inline: 'center' });
    const out = [];
    for (const el of found.slice(0, 6)) {
      const b = rect(el);
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
            c.src = src;
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
    const cv = img.ownerDocument.createElement('canvas');
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
    const b = rect(el);
    const de = document.documentElement.getBoundingClientRect();
    return { x: b.left - de.left, y: b.top - de.top, w: b.width, h: b.height };
  }

  function pageSize() {
    const de = document.documentElement;
    if (!de) return { w: window.innerWidth, h: window.innerHeight, dpr: window.devicePixelRatio || 1 };
    const b = document.body || de;
    return {
      w: Math.max(de.scrollWidth, b.scrollWidth, de.clientWidth),
      h: Math.max(de.scrollHeight, b.scrollHeight, de.clientHeight),
      dpr: window.devicePixelRatio || 1,
    };
  }

  // keyLike tells whether a text looks like a TOTP secret shown for typing
  // by hand: 16 or more base32 characters in one case, in one run or in
  // groups of equal length ("HWXP ETBT P6RB 7DU7", "jbsw-y3dp-ehpk-3pxp").
  // Sentences and headings have words of varied lengths.
  function keyLike(text) {
    const t = (text || '').trim();
    if (t.length < 16 || t.length > 200) return false;
    const tokens = t.split(/[\s\u00a0\u200b-]+/).filter(Boolean);
    const joined = tokens.join('').replace(/=+$/, '');
    if (joined.length < 16 || !(/^[A-Z2-7]+$/.test(joined) || /^[a-z2-7]+$/.test(joined))) return false;
    const n = tokens[0].length;
    return tokens.length === 1 || (n >= 3 && tokens.every((k, i) => k.length === n || (i === tokens.length - 1 && k.length < n)));
  }

  // showingSecrets lists, in one walk of the page, the innermost elements
  // whose text holds one of the secret values (compared without case, spaces
  // or dashes: a key shown as "jbsw y3dp ehpk", or split over several spans,
  // is found too) or looks like a secret key (keyLike: a step's screenshot
  // may show one before the flow has read it), and the fields whose value
  // holds a secret value.
  function showingSecrets(secrets) {
    const bare = (s) => (s || '').replace(/[\s\u00a0\u200b-]+/g, '').toUpperCase();
    const want = secrets.map(bare).filter((w) => w.length >= 4);
    const holds = (t) => {
      const b = bare(t);
      return want.some((w) => b.includes(w));
    };
    const tests = want.length ? [holds, keyLike] : [keyLike];
    const out = new Set();
    // visit tells, per test, whether el or an element inside it passed; el is
    // listed when it passes a test no element inside it passed.
    const visit = (el) => {
      const below = tests.map(() => false);
      if (el.localName === 'script' || el.localName === 'style') return below;
      for (const c of children(el)) visit(c).forEach((hit, i) => { below[i] = below[i] || hit; });
      const t = shadowOf(el) || frameDoc(el) ? text(el) : el.textContent;
      return tests.map((test, i) => {
        if (below[i]) return true;
        if (!test(t)) return false;
        out.add(el);
        return true;
      });
    };
    const root = document.body || document.documentElement;
    if (!root) return []; // a frame between two documents: nothing shown yet
    visit(root);
    if (want.length) for (const f of all(root, 'input,textarea')) if (holds(f.value)) out.add(f);
    return [...out];
  }

  // texts lists, once each, the page's texts that secret patterns are run
  // over (redact.Set.Find, in Go: the patterns are Go regular expressions):
  // every text node, the whole text of every element up to 256 characters (a
  // code split over elements), and every field's value.
  function texts() {
    const out = new Set();
    const add = (t) => { if (t && t.trim()) out.add(t); };
    const visit = (el) => {
      if (el.localName === 'script' || el.localName === 'style') return;
      const t = shadowOf(el) || frameDoc(el) ? text(el) : el.textContent;
      if (t.length <= 256) add(t);
      for (const n of (shadowOf(el) || el).childNodes) if (n.nodeType === 3) add(n.data);
      for (const c of children(el)) visit(c);
    };
    const root = document.body || document.documentElement;
    if (!root) return []; // a frame between two documents: nothing shown yet
    visit(root);
    for (const f of all(root, 'input,textarea')) add(f.value);
    return [...out];
  }

  // maskOn paints every marked element as an opaque black box, and every
  // element showing one of the secret values or text that looks like a
  // secret key, and every visible square image, canvas or svg of 40px or
  // more too: it may be a QR code the flow has not scanned (yet), and a QR
  // code is the secret itself. maskOff restores them.
  async function maskOn(secrets, settle) {
    if (settle) {
      // An image still loading has no size yet: let it show (half a second
      // at most), so it is masked now rather than photographed later.
      const pending = all(document, 'img').filter((i) => !i.complete);
      if (pending.length) {
        await Promise.race([
          Promise.all(pending.map((i) => i.decode().catch(() => {}))),
          new Promise((r) => setTimeout(r, 500)),
        ]);
        fresh();
      }
    }
    let n = 0;
    const squares = all(document.body || document.documentElement, 'img,canvas,svg,object').filter((el) => {
      if (el.localName === 'svg' && el.parentElement && el.parentElement.closest('svg')) return false;
      if (!visible(el)) return false;
      const b = el.getBoundingClientRect();
      const ratio = b.width / b.height;
      return b.width >= 40 && b.height >= 40 && ratio > 0.75 && ratio < 1.33;
    });
    for (const el of [...all(document, '[' + MASK + ']'), ...squares, ...showingSecrets(secrets || [])]) {
      if (el.hasAttribute(SAVED)) continue;
      el.setAttribute(SAVED, el.getAttribute('style') === null ? '\u0000' : el.getAttribute('style'));
      el.style.setProperty('filter', 'brightness(0)', 'important');
      el.style.setProperty('background', '#000', 'important');
      el.style.setProperty('color', '#000', 'important');
      el.style.setProperty('-webkit-text-fill-color', '#000', 'important');
      el.style.setProperty('opacity', '1', 'important');
      n++;
    }
    // The text caret blinks: hide it, so two pictures of one page are the same.
    const a = active();
    if (a && a.matches && a.matches('input,textarea,[contenteditable=""],[contenteditable=true]') && !a.hasAttribute(CARET)) {
      a.setAttribute(CARET, a.style.getPropertyValue('caret-color') || '\u0000');
      a.style.setProperty('caret-color', 'transparent', 'important');
    }
    return n;
  }

  const CARET = 'data-enroll-caret';

  function maskOff() {
    for (const el of all(document, '[' + SAVED + ']')) {
      const s = el.getAttribute(SAVED);
      if (s === '\u0000') el.removeAttribute('style');
      else el.setAttribute('style', s);
      el.removeAttribute(SAVED);
    }
    for (const el of all(document, '[' + CARET + ']')) {
      const c = el.getAttribute(CARET);
      if (c === '\u0000') el.style.removeProperty('caret-color');
      else el.style.setProperty('caret-color', c);
      el.removeAttribute(CARET);
    }
    return true;
  }

  const KEEP = new Set(['id', 'class', 'name', 'type', 'role', 'for', MASK]);
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
    'source', 'track', 'wbr']);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escAttr = (s) => esc(s).replace(/"/g, '&quot;');

  // html serializes the document as a reader's page, with secrets removed:
  // marked elements, and the elements a screenshot masks for showing one of
  // the secret values or key-like text (showingSecrets), lose their content
  // and most attributes, scripts lose their bodies, inputs lose their values,
  // and data: and otpauth: URLs are replaced. Shadow roots are kept as
  // declarative shadow roots (<template shadowrootmode>) and same-origin
  // frames as srcdoc, so the file shows what the page showed.
  function html(secrets) {
    const showing = new Set(showingSecrets(secrets || []));
    const el = (n) => {
      const name = n.localName;
      const masked = n.hasAttribute(MASK) || showing.has(n);
      let s = '<' + name;
      for (const a of n.attributes) {
        if (a.name === TARGET || a.name === SAVED || a.name === CARET) continue;
        if (masked && !KEEP.has(a.name)) continue;
        if (name === 'input' && a.name === 'value') continue;
        s += ' ' + a.name + '="' + escAttr(a.value) + '"';
      }
      const d = frameDoc(n);
      if (d) s += ' srcdoc="' + escAttr(doc(d)) + '"';
      s += '>';
      if (VOID.has(name)) return s;
      if (!masked && name !== 'script' && name !== 'textarea') {
        const sr = shadowOf(n);
        if (sr) s += '<template shadowrootmode="open">' + kids(sr) + '</template>';
        s += kids(name === 'template' ? n.content : n);
      }
      return s + '</' + name + '>';
    };
    const kids = (p) => {
      let s = '';
      for (const c of p.childNodes) {
        if (c.nodeType === 1) s += el(c);
        else if (c.nodeType === 3) s += p.localName === 'style' ? c.textContent : esc(c.textContent);
        else if (c.nodeType === 8) s += '<!--' + c.textContent.replace(/--/g, '- -') + '-->';
      }
      return s;
    };
    const doc = (d) => '<!DOCTYPE html>\n' + (d.documentElement ? el(d.documentElement) : '');
    let s = doc(document);
    s = s.replace(/\bdata:[a-z0-9.+\-\/]*[;,][^"'\s)<>]*/gi, 'data:REDACTED');
    s = s.replace(/\botpauth(-migration)?:\/\/[^"'\s<>]*/gi, 'otpauth://REDACTED');
    return s;
  }

  const LABELS = [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', '[role=heading]', 'legend', 'button', 'a', '[role=button]',
    '[role=link]', '[role=tab]', '[role=menuitem]', 'summary', 'label', 'input[type=submit]',
    'input[type=button]', '[role=alert]', '[role=status]', 'dialog [role=heading]',
  ].join(',');

  // MESSAGES are what a page says about what just happened: alerts and live
  // regions, and the error and notice boxes many sites mark only by a class or
  // an id ("Invalid verification code" in a <p class="form-error">).
  const MESSAGES = [
    '[role=alert]', '[role=status]', '[aria-live]:not([aria-live=off])', 'output',
    '[class*=error i]', '[class*=alert i]', '[class*=invalid i]', '[class*=danger i]',
    '[class*=warning i]', '[class*=flash i]', '[class*=notice i]', '[class*=toast i]',
    '[class*=feedback i]', '[id*=error i]',
  ].join(',');

  // A message longer than this is a container that happens to match (a
  // <form class="has-error">), not a message.
  const MESSAGE_MAX = 200;

  // onScreen lists what a reader sees, without input values or marked
  // elements. kind 'messages': the page's messages (see MESSAGES), in document
  // order; else the labels a reader acts on or orients by, in reading order,
  // an open modal dialog's first (it sits on top of the page).
  function onScreen(max, kind) {
    const out = [];
    const seen = new Set();
    let els;
    if (kind === 'messages') {
      els = all(document, MESSAGES);
    } else {
      const modal = all(document, 'dialog:modal,[aria-modal=true]').filter((d) => visible(d));
      els = [...modal.flatMap((d) => all(d, LABELS)), ...all(document, LABELS)];
    }
    for (const el of els) {
      if (out.length >= max) break;
      if (el.closest('[' + MASK + ']') || el.querySelector('[' + MASK + ']:not(input)')) continue;
      if (!visible(el)) continue;
      let t = el.matches('input') ? el.value : squash(text(el));
      if (!t) t = squash(el.getAttribute('aria-label') || el.getAttribute('title') || '');
      if (!t) continue;
      if (kind === 'messages' && t.length > MESSAGE_MAX) continue;
      if (t.length > 80) t = t.slice(0, 77) + '...';
      const k = t.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(t);
    }
    return out;
  }

  const calls = {
    hasText, url, mark, focusSelect, focusOnly, textOf: textOfId, checked, selectOption, codeField,
    qrCandidates, lazyImages, rectOf, pageSize, texts, maskOn, maskOff, html, onScreen,
  };
  for (const [k, f] of Object.entries(calls)) api[k] = entry(f);
  return true;
})()

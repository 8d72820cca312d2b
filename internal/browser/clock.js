// The page's frozen clock (clock.go), installed before the site's own scripts
// when a session's clock is frozen: Date reads the frozen time, Math.random
// is seeded, and a timer of a second or more (a countdown, a clock on the
// page, an expiry, a carousel) waits for the clock to move; a shorter one
// (drawing, debouncing, polling) runs as usual. The Go side moves the clock
// with window.__enrollClock.set(ms), which runs the long timers that fall due,
// in order, each seeing its own time. It is a function of the frozen time in
// milliseconds since the epoch.
(function (start) {
  'use strict';
  if (window.__enrollClock) return;
  const RealDate = Date;
  const realSetTimeout = window.setTimeout.bind(window);
  const realSetInterval = window.setInterval.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  const realClearInterval = window.clearInterval.bind(window);
  const LONG = 1000; // ms: from here on a timer is time a reader sees pass
  const MAX_FIRES = 10000; // bounds one move of the clock
  let now = start;

  function FrozenDate(...args) {
    if (!new.target) return new RealDate(now).toString();
    return Reflect.construct(RealDate, args.length ? args : [now], new.target);
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = () => now;
  FrozenDate.parse = RealDate.parse;
  FrozenDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FrozenDate, writable: true, configurable: true });
  window.Date = FrozenDate;

  // mulberry32: a small seeded generator, the same numbers in every render.
  let seed = 0x2f6b3c1d;
  Math.random = function () {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  // Long timers, on the frozen clock: id -> {due, every, fn, args}.
  const timers = new Map();
  let nextId = 1 << 30; // far above the browser's own ids
  function callable(fn) {
    return typeof fn === 'function' ? fn : () => (0, eval)(String(fn));
  }
  function later(fn, delay, args, repeat) {
    const d = Math.max(0, Number(delay) || 0);
    const id = nextId++;
    timers.set(id, { due: now + d, every: repeat ? Math.max(d, 1) : 0, fn: callable(fn), args });
    return id;
  }
  window.setTimeout = function (fn, delay, ...args) {
    if (!(Number(delay) >= LONG)) return realSetTimeout(fn, delay, ...args);
    return later(fn, delay, args, false);
  };
  window.setInterval = function (fn, delay, ...args) {
    if (!(Number(delay) >= LONG)) return realSetInterval(fn, delay, ...args);
    return later(fn, delay, args, true);
  };
  window.clearTimeout = function (id) {
    if (!timers.delete(id)) realClearTimeout(id);
  };
  window.clearInterval = function (id) {
    if (!timers.delete(id)) realClearInterval(id);
  };

  // set moves the clock to ms, running the long timers due by then.
  function set(ms) {
    for (let fired = 0; fired < MAX_FIRES; fired++) {
      let id = null;
      let t = null;
      for (const [k, v] of timers) {
        if (v.due <= ms && (t === null || v.due < t.due)) { id = k; t = v; }
      }
      if (t === null) break;
      now = Math.max(now, t.due);
      if (t.every) t.due += t.every;
      else timers.delete(id);
      try { t.fn(...t.args); } catch (e) { realSetTimeout(() => { throw e; }, 0); }
    }
    now = ms;
    // Same-origin frames keep their own clocks: move them too.
    for (let i = 0; i < window.frames.length; i++) {
      try {
        const c = window.frames[i].__enrollClock;
        if (c) c.set(ms);
      } catch (e) { /* another origin */ }
    }
    return now;
  }
  Object.defineProperty(window, '__enrollClock', { value: { set, now: () => now }, enumerable: false });
})

// 1Password mock. With <body data-spa> (Options.ClientSide) it is a single-page app like
// the real web app: the server renders the first page; after that links fetch the next
// page as JSON ({path, title, shell, nav, main}) and swap it in with history.pushState
// (back and forward re-fetch on popstate), and forms marked data-fetch are sent by fetch
// to /api/ paths whose JSON answer ({next} or {error}, with a 4xx status when refused)
// the page follows or shows. Without it links and forms load whole pages. Also here:
// the account menu, "More Options", copying the secret, and the six one-digit code boxes
// (focus moves on, Backspace goes back, a pasted code fills them). Every listener is on the document, so
// pages swapped in need no set-up. The page comes with the buttons that need this
// script disabled (data-needs-script), as a server-rendered app does until it has
// hydrated: a click before the script has run is not lost.
(function () {
  "use strict";

  // hydrate enables the buttons under root that wait for this script.
  function hydrate(root) {
    root.querySelectorAll("[data-needs-script]").forEach(function (el) { el.disabled = false; });
  }

  function csrf() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  // closestIn finds the nearest ancestor matching sel along the event's path, inside
  // shadow roots too.
  function closestIn(ev, sel) {
    var path = ev.composedPath ? ev.composedPath() : [ev.target];
    for (var i = 0; i < path.length; i++) {
      if (path[i].nodeType === 1 && path[i].matches(sel)) { return path[i]; }
    }
    return null;
  }

  // ---- the router ----

  var navSeq = 0;

  function spa() { return document.body.hasAttribute("data-spa"); }

  function samePage(url) {
    return url.origin === location.origin && !/^\/(api|static|_mock)\//.test(url.pathname);
  }

  // render swaps a fetched page into <main>.
  function render(page) {
    var main = document.querySelector("main");
    document.title = page.title;
    main.innerHTML = page.main;
    hydrate(main);
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      var on = a.getAttribute("data-nav") === page.nav;
      a.classList.toggle("active", on);
      if (on) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    closeMenus(null);
    window.scrollTo(0, 0);
    var auto = main.querySelector("[autofocus]");
    if (auto) { auto.focus(); }
  }

  // navigate shows the page at url: fetched as JSON and swapped in, with a history entry
  // when push. A page of the other shell (signed in or not), or anything that is not a
  // page, is loaded whole.
  async function navigate(url, push) {
    var seq = ++navSeq;
    var res;
    try {
      res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    } catch (e) {
      location.href = url;
      return;
    }
    if (seq !== navSeq) { return; } // a later navigation won
    if (!(res.headers.get("Content-Type") || "").startsWith("application/json")) {
      location.href = url;
      return;
    }
    var page = await res.json();
    if (seq !== navSeq) { return; }
    if (page.shell !== document.body.getAttribute("data-shell")) {
      location.href = page.path;
      return;
    }
    if (push) {
      history.pushState({ path: page.path }, "", page.path);
    } else if (page.path !== location.pathname + location.search) {
      history.replaceState({ path: page.path }, "", page.path); // redirected
    }
    render(page);
  }

  window.addEventListener("popstate", function () {
    if (spa()) { navigate(location.pathname + location.search, false); }
  });

  // follow goes where an API answer leads: a whole page load ("load") or the router.
  function follow(mode, next) {
    if (mode === "load") {
      location.href = next;
    } else {
      navigate(next, true);
    }
  }

  // ---- forms sent by fetch ----

  function clearError(form) {
    var old = form.parentNode.querySelector("[data-error]");
    if (old) { old.remove(); }
  }

  function showError(form, message) {
    clearError(form);
    var p = document.createElement("p");
    p.className = "alert alert-error";
    p.setAttribute("role", "alert");
    p.setAttribute("data-error", "");
    p.textContent = message;
    form.parentNode.insertBefore(p, form);
  }

  // answerOf reads an API answer; a page that is not JSON (such as the 403 page of a
  // stale form) gives its alert's text as the error.
  async function answerOf(res) {
    var text = await res.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      var alert = new DOMParser().parseFromString(text, "text/html").querySelector("[role=alert]");
      return { error: alert ? alert.textContent : "Something went wrong (" + res.status + "). Reload the page and try again." };
    }
  }

  document.addEventListener("submit", async function (ev) {
    var form = ev.target;
    if (!form.matches("form[data-fetch]")) { return; }
    ev.preventDefault();
    var button = form.querySelector("[type=submit]");
    clearError(form);
    if (button) { button.disabled = true; }
    var answer, res;
    try {
      res = await fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" });
      answer = await answerOf(res);
    } catch (e) {
      answer = { error: "1Password could not be reached. Check your connection and try again." };
    }
    if (button) { button.disabled = false; }
    if (res && res.ok && answer.next) {
      follow(form.getAttribute("data-fetch"), answer.next);
      return;
    }
    if (answer.next) { // refused, and the page to go to says why
      follow(form.getAttribute("data-fetch"), answer.next);
      return;
    }
    var group = form.querySelector("[data-otp]");
    if (group) { // a refused code is typed again from the first box
      group.querySelectorAll("input").forEach(function (box) { box.value = ""; });
    }
    showError(form, answer.error || "Something went wrong. Try again.");
    if (group) { group.querySelector("input").focus(); }
  });

  // Sign-out is a script: the API call, then a whole page load of the start page.
  async function signOut() {
    try {
      await fetch("/api/signout", { method: "POST", body: new URLSearchParams({ csrf: csrf() }), credentials: "same-origin" });
    } finally {
      location.href = "/";
    }
  }

  // ---- menus, toggles, links ----

  function menuOf(button) {
    var root = button.getRootNode();
    return root.getElementById(button.getAttribute("aria-controls"));
  }

  function setMenu(button, open) {
    var menu = menuOf(button);
    if (!menu) { return; }
    menu.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var first = menu.querySelector("[role=menuitem]");
      if (first) { first.focus(); }
    }
  }

  // openMenus lists the open menu buttons, in the document and in open shadow roots.
  function openMenus() {
    var out = [];
    (function walk(root) {
      root.querySelectorAll("[aria-haspopup=menu][aria-expanded=true]").forEach(function (b) { out.push(b); });
      root.querySelectorAll("*").forEach(function (el) { if (el.shadowRoot) { walk(el.shadowRoot); } });
    })(document);
    return out;
  }

  function closeMenus(ev) {
    openMenus().forEach(function (b) {
      var menu = menuOf(b);
      if (ev && (closestIn(ev, "[aria-haspopup=menu]") === b || (menu && ev.composedPath().indexOf(menu) >= 0))) { return; }
      setMenu(b, false);
    });
  }

  document.addEventListener("click", function (ev) {
    closeMenus(ev);
    var menuButton = closestIn(ev, "[aria-haspopup=menu]");
    if (menuButton) {
      setMenu(menuButton, menuButton.getAttribute("aria-expanded") !== "true");
      return;
    }
    if (closestIn(ev, "[data-signout]")) {
      ev.preventDefault();
      signOut();
      return;
    }
    var link = closestIn(ev, "a[href]");
    if (link && !ev.defaultPrevented && ev.button === 0 && !(ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) &&
        !link.target && spa() && document.body.getAttribute("data-shell") === "app") {
      var url = new URL(link.href, location.href);
      if (samePage(url)) {
        ev.preventDefault();
        navigate(url.pathname + url.search, true);
        return;
      }
    }
    var toggle = closestIn(ev, "[data-toggle]");
    if (toggle) {
      var panel = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var copy = closestIn(ev, "[data-copy]");
    if (copy && navigator.clipboard) {
      var text = document.getElementById(copy.getAttribute("data-copy")).textContent.replace(/\s+/g, "");
      navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; }, function () {});
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") { return; }
    openMenus().forEach(function (b) {
      setMenu(b, false);
      b.focus();
    });
  });

  // ---- the code boxes ----

  function boxesOf(box) {
    var group = box && box.closest ? box.closest("[data-otp]") : null;
    return group ? Array.prototype.slice.call(group.querySelectorAll("input")) : null;
  }

  // fill puts digits into the boxes from index at, and focuses the box after the last.
  function fill(boxes, at, digits) {
    if (digits.length >= boxes.length) { at = 0; }
    for (var i = 0; i < digits.length && at + i < boxes.length; i++) {
      boxes[at + i].value = digits.charAt(i);
    }
    boxes[Math.min(at + digits.length, boxes.length - 1)].focus();
  }

  document.addEventListener("focusin", function (ev) {
    if (boxesOf(ev.target)) { ev.target.select(); }
  });

  document.addEventListener("input", function (ev) {
    var box = ev.target, boxes = boxesOf(box);
    if (!boxes) { return; }
    var i = boxes.indexOf(box);
    var digits = box.value.replace(/\D/g, "");
    if (digits.length <= 1) {
      box.value = digits;
      if (digits && i + 1 < boxes.length) { boxes[i + 1].focus(); }
      return;
    }
    fill(boxes, i, digits); // autofill of the whole code into one box
  });

  document.addEventListener("keydown", function (ev) {
    var box = ev.target, boxes = boxesOf(box);
    if (!boxes) { return; }
    var i = boxes.indexOf(box);
    if (ev.key === "Backspace" && box.value === "" && i > 0) {
      ev.preventDefault();
      boxes[i - 1].value = "";
      boxes[i - 1].focus();
    } else if (ev.key === "ArrowLeft" && i > 0) {
      ev.preventDefault();
      boxes[i - 1].focus();
    } else if (ev.key === "ArrowRight" && i + 1 < boxes.length) {
      ev.preventDefault();
      boxes[i + 1].focus();
    }
  });

  document.addEventListener("paste", function (ev) {
    var box = ev.target, boxes = boxesOf(box);
    if (!boxes) { return; }
    var text = (ev.clipboardData || window.clipboardData).getData("text") || "";
    var digits = text.replace(/\D/g, "").slice(0, boxes.length);
    ev.preventDefault();
    if (digits) { fill(boxes, boxes.indexOf(box), digits); }
  });

  // <op-account-menu> (Options.ShadowMenu): the account icon and its menu in an open
  // shadow root, attached from the element's <template>. The listeners above see into
  // it through each event's composed path.
  customElements.define("op-account-menu", class extends HTMLElement {
    connectedCallback() {
      var template = this.querySelector("template");
      if (this.shadowRoot || !template) { return; }
      this.attachShadow({ mode: "open" }).appendChild(template.content.cloneNode(true));
      hydrate(this.shadowRoot);
    }
  });

  hydrate(document);
})();

// Northwind Cloud mock: the user dropdown (click toggles it, Escape or a click elsewhere
// closes it; hovering opens it by CSS alone), printing and copying the backup codes.
(function () {
  "use strict";

  function setOpen(menu, open) {
    var trigger = menu.querySelector(".usermenu-trigger");
    if (open) { menu.setAttribute("data-open", ""); } else { menu.removeAttribute("data-open"); }
    trigger.setAttribute("aria-expanded", open ? "true" : "false");
  }

  document.addEventListener("click", function (ev) {
    var menu = document.querySelector("[data-usermenu]");
    if (menu) {
      var trigger = ev.target.closest(".usermenu-trigger");
      if (trigger) {
        setOpen(menu, !menu.hasAttribute("data-open"));
      } else if (!ev.target.closest(".usermenu-panel")) {
        setOpen(menu, false);
      }
    }
    if (ev.target.closest("[data-print]")) { window.print(); }
    var copy = ev.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      var list = document.getElementById(copy.getAttribute("data-copy"));
      navigator.clipboard.writeText(list.innerText).then(function () { copy.textContent = "Copied"; }, function () {});
    }
  });

  document.addEventListener("keydown", function (ev) {
    var menu = document.querySelector("[data-usermenu]");
    if (ev.key === "Escape" && menu && menu.hasAttribute("data-open")) {
      setOpen(menu, false);
      menu.querySelector(".usermenu-trigger").focus();
    }
  });
})();

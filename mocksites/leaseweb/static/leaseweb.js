// Leaseweb mock: the Show icon of the Recovery Codes section and its Print button;
// the confirm() of a form marked data-confirm.
(function () {
  "use strict";

  document.addEventListener("click", function (ev) {
    var show = ev.target.closest("[data-reveal]");
    if (show) {
      var box = document.getElementById(show.getAttribute("data-reveal"));
      var open = box.hasAttribute("hidden");
      box.hidden = !open;
      show.setAttribute("aria-expanded", open ? "true" : "false");
      show.setAttribute("aria-label", open ? "Hide" : "Show");
      return;
    }
    if (ev.target.closest("[data-print]")) {
      window.print();
    }
  });

  // A form with data-confirm asks the browser's own confirm() before it is sent
  // (the NativeConfirm variant's "Disable").
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      ev.preventDefault();
    }
  });
})();

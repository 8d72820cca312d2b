// Leaseweb mock: the Show icon of the Recovery Codes section and its Print button.
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
})();

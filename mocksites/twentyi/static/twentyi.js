// 20i mock: the setup dialogs, the QR code drawn on a canvas after load, the countdown.
(function () {
  "use strict";

  document.addEventListener("click", function (ev) {
    var open = ev.target.closest("[data-open-dialog]");
    if (open) {
      document.getElementById(open.getAttribute("data-open-dialog")).showModal();
      return;
    }
    var close = ev.target.closest("[data-close-dialog]");
    if (close) {
      document.getElementById(close.getAttribute("data-close-dialog")).close();
    }
  });

  // Draw the QR code from its module matrix: one string of 0/1 per row, with a 4-module
  // quiet zone. The canvas is in the page before this runs, blank, as on the real site.
  function drawQR(canvas, rows) {
    var n = rows.length, quiet = 4;
    var px = Math.floor(canvas.width / (n + 2 * quiet));
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#000000";
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        if (rows[y].charAt(x) === "1") {
          ctx.fillRect((x + quiet) * px, (y + quiet) * px, px, px);
        }
      }
    }
    canvas.setAttribute("data-drawn", "true");
  }

  function countdown(el) {
    var left = parseInt(el.getAttribute("data-seconds"), 10);
    var timer = setInterval(function () {
      left = Math.max(left - 1, 0);
      el.textContent = String(left);
      if (left === 0) { clearInterval(timer); }
    }, 1000);
  }

  window.addEventListener("load", function () {
    var setup = document.querySelector("dialog[data-open-on-load]");
    if (setup) { setup.showModal(); }
    var data = document.getElementById("tfa-qr-modules");
    var canvas = document.getElementById("tfa-qr");
    if (data && canvas) {
      var rows = JSON.parse(data.textContent);
      setTimeout(function () { drawQR(canvas, rows); }, 120);
    }
    var secs = document.getElementById("tfa-seconds");
    if (secs) { countdown(secs); }
  });
})();

// 1Password mock: the account menu, "More Options", copying the secret, and the six
// one-digit code boxes (focus moves on, Backspace goes back, a pasted code fills them).
(function () {
  "use strict";

  // The account icon's menu.
  function setMenu(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    menu.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var first = menu.querySelector("[role=menuitem]");
      if (first) { first.focus(); }
    }
  }

  document.addEventListener("click", function (ev) {
    var menuButton = ev.target.closest("[aria-haspopup=menu]");
    document.querySelectorAll("[aria-haspopup=menu][aria-expanded=true]").forEach(function (b) {
      if (b !== menuButton && !document.getElementById(b.getAttribute("aria-controls")).contains(ev.target)) {
        setMenu(b, false);
      }
    });
    if (menuButton) {
      setMenu(menuButton, menuButton.getAttribute("aria-expanded") !== "true");
      return;
    }
    var toggle = ev.target.closest("[data-toggle]");
    if (toggle) {
      var panel = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var copy = ev.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      var text = document.getElementById(copy.getAttribute("data-copy")).textContent.replace(/\s+/g, "");
      navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; }, function () {});
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") { return; }
    document.querySelectorAll("[aria-haspopup=menu][aria-expanded=true]").forEach(function (b) {
      setMenu(b, false);
      b.focus();
    });
  });

  // The code boxes.
  function otp(group) {
    var boxes = Array.prototype.slice.call(group.querySelectorAll("input"));

    // fill puts digits into the boxes from index at, and focuses the box after the last.
    function fill(at, digits) {
      if (digits.length >= boxes.length) { at = 0; }
      for (var i = 0; i < digits.length && at + i < boxes.length; i++) {
        boxes[at + i].value = digits.charAt(i);
      }
      boxes[Math.min(at + digits.length, boxes.length - 1)].focus();
    }

    boxes.forEach(function (box, i) {
      box.addEventListener("focus", function () { box.select(); });
      box.addEventListener("input", function () {
        var digits = box.value.replace(/\D/g, "");
        if (digits.length <= 1) {
          box.value = digits;
          if (digits && i + 1 < boxes.length) { boxes[i + 1].focus(); }
          return;
        }
        fill(i, digits); // autofill of the whole code into one box
      });
      box.addEventListener("keydown", function (ev) {
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
      box.addEventListener("paste", function (ev) {
        var text = (ev.clipboardData || window.clipboardData).getData("text") || "";
        var digits = text.replace(/\D/g, "").slice(0, boxes.length);
        ev.preventDefault();
        if (digits) { fill(i, digits); }
      });
    });
  }

  document.querySelectorAll("[data-otp]").forEach(otp);
})();

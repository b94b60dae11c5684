// Progressive enhancements for the public pages. Every page works without this file.
(function () {
  "use strict";

  var root = document.documentElement;
  var storageKey = "cn-large-text";

  // 大字版: enlarge text site-wide and remember the choice in this browser (no account needed).
  function initLargeText() {
    var buttons = document.querySelectorAll("[data-large-text-toggle]");
    function sync() {
      var on = root.classList.contains("large-text");
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); });
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = root.classList.toggle("large-text");
        try {
          if (on) {
            window.localStorage.setItem(storageKey, "1");
          } else {
            window.localStorage.removeItem(storageKey);
          }
        } catch (e) {
          // Storage blocked: the change still holds for this page.
        }
        sync();
      });
    });
    sync();
  }

  // 复制链接: the Clipboard API where the browser allows it, otherwise select the visible link
  // and try the older copy command; if even that fails, ask the reader to copy it by hand.
  function initCopyLink() {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("aria-controls"));
      var status = document.getElementById(button.getAttribute("data-status"));
      if (!field || !status) {
        return;
      }
      function say(text) {
        status.textContent = text;
      }
      function fallback() {
        field.focus();
        field.select();
        field.setSelectionRange(0, field.value.length);
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {
          copied = false;
        }
        say(copied ? "链接已复制，可以粘贴发给好友了" : "请长按或按 Ctrl+C 复制上面的链接");
      }
      button.addEventListener("click", function () {
        var url = field.value;
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () {
            say("链接已复制，可以粘贴发给好友了");
          }, fallback);
        } else {
          fallback();
        }
      });
      button.hidden = false;
    });
  }

  // 放大版面: the page image at two and a half times the column's width, scrolled inside its frame;
  // pinch-zoom works as on any image. Without this script the reader opens the large image instead.
  function initFacsimileZoom() {
    document.querySelectorAll("[data-facsimile-zoom]").forEach(function (button) {
      var viewport = button.closest(".facsimile").querySelector("[data-facsimile-viewport]");
      if (!viewport) {
        return;
      }
      button.addEventListener("click", function () {
        var on = viewport.classList.toggle("is-zoomed");
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "缩小版面" : "放大版面";
        if (on) {
          // Start where readers start a page: the top left, with the masthead of the page in view.
          viewport.scrollTop = 0;
          viewport.scrollLeft = 0;
        }
      });
      button.hidden = false;
    });
  }

  initLargeText();
  initCopyLink();
  initFacsimileZoom();
})();

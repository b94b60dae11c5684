// Runs in <head> before the first paint, so a reader who chose 大字版 never sees small text flash.
// Kept tiny and external: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    if (window.localStorage.getItem("cn-large-text") === "1") {
      root.classList.add("large-text");
    }
  } catch (e) {
    // Storage blocked (private mode, policy): the default size is fine.
  }
})();

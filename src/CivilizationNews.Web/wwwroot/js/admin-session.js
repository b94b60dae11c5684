// Signing out of the newsroom also clears what this browser keeps of it: the story editor's local
// copies of drafts (localStorage keys cn-draft:…), so the next person at a shared computer cannot read
// unpublished text. The editor may cancel a sign-out with unsaved changes (admin-editor.js).
(function () {
  'use strict';
  var prefix = 'cn-draft:';
  function clearDrafts() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) { localStorage.removeItem(key); }
      }
    } catch (e) { /* storage disabled: nothing was kept */ }
  }
  document.addEventListener('submit', function (e) {
    if (e.defaultPrevented || !e.target.hasAttribute('data-sign-out')) { return; }
    clearDrafts();
  });
})();

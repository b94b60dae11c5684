// 发布前检查 on the story editor: run the check on what is in the form now (before saving), and select a
// finding's text in its field. The workflow buttons check the saved story again on the server either way.
(function () {
  'use strict';
  var box = document.getElementById('precheck-box');
  var run = document.getElementById('precheck-run');
  var form = document.getElementById('editor');
  if (!box) { return; }

  if (run && form) {
    run.closest('.precheck-actions').hidden = false;
    run.addEventListener('click', function () {
      var data = new FormData(form);
      if (form.getAttribute('data-article-id')) { data.append('articleId', form.getAttribute('data-article-id')); }
      run.disabled = true;
      box.setAttribute('aria-busy', 'true');
      fetch(run.getAttribute('data-url'), { method: 'POST', body: data, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
        .then(function (html) { box.innerHTML = html; })
        .catch(function () { box.insertAdjacentHTML('afterbegin', '<p class="field-error">检查未能完成，请稍后再试。</p>'); })
        .then(function () { run.disabled = false; box.removeAttribute('aria-busy'); });
    });
  }

  // A finding names its field and where the match is: select it there, as a highlight the user can act on.
  document.addEventListener('click', function (e) {
    var locate = e.target.closest && e.target.closest('.precheck-locate');
    if (!locate) { return; }
    var field = document.getElementById(locate.getAttribute('data-field'));
    if (!field) { return; }
    var start = Number(locate.getAttribute('data-start'));
    var end = start + Number(locate.getAttribute('data-length'));
    field.focus();
    if (typeof field.setSelectionRange === 'function' && field.value !== undefined && end <= field.value.length) {
      field.setSelectionRange(start, end);
    }
    field.scrollIntoView({ block: 'center' });
  });
})();

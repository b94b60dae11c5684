// Media upload: refuse a file over the size limit before it is sent, with the same Chinese message
// the server gives. The server checks again (and checks the content); this only saves a long wait.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  if (!form) { return; }
  var input = form.querySelector('input[type=file]');
  var error = document.getElementById('file-client-error');
  var max = Number(form.getAttribute('data-max-bytes'));
  function check() {
    var file = input.files && input.files[0];
    var tooLarge = !!file && file.size > max;
    error.textContent = tooLarge ? form.getAttribute('data-too-large') : '';
    error.hidden = !tooLarge;
    input.setCustomValidity(tooLarge ? form.getAttribute('data-too-large') : '');
    return !tooLarge;
  }
  input.addEventListener('change', check);
  form.addEventListener('submit', function (e) { if (!check()) { e.preventDefault(); input.focus(); } });
})();

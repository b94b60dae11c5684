// Shared by the admin's upload forms (导入版面, 上传版面): sends a form with XMLHttpRequest so that a
// progress bar can follow the upload, then shows the page the server answered in place of #main.
window.cnAdminUpload = (function () {
  'use strict';

  /** Replaces #main with the answer's #main; false when the answer is not such a page. */
  function swapMain(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var next = doc.getElementById('main');
    var current = document.getElementById('main');
    if (!next || !current) { return false; }
    current.replaceWith(document.importNode(next, true));
    document.title = doc.title;
    return true;
  }

  /**
   * Sends the form. ui: { box, bar, status, button } elements, and texts: starting, uploaded (after the
   * bytes are sent), busy (429), failed(status); fail(message) when it did not work, done() after the swap.
   */
  function send(form, ui) {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    ui.box.hidden = false;
    ui.button.disabled = true;
    ui.bar.value = 0;
    ui.status.textContent = ui.starting;
    xhr.upload.addEventListener('progress', function (ev) {
      if (!ev.lengthComputable) { return; }
      var percent = Math.round(ev.loaded * 100 / ev.total);
      ui.bar.value = percent;
      ui.status.textContent = '正在上传 ' + percent + '%';
    });
    xhr.upload.addEventListener('load', function () {
      ui.bar.removeAttribute('value');
      ui.status.textContent = ui.uploaded;
    });
    xhr.addEventListener('load', function () {
      var type = xhr.getResponseHeader('Content-Type') || '';
      if (xhr.status >= 200 && xhr.status < 300 && type.indexOf('text/html') === 0 && swapMain(xhr.responseText)) {
        ui.done();
        return;
      }
      ui.fail(xhr.status === 429 ? ui.busy : ui.failed(xhr.status));
    });
    xhr.addEventListener('error', function () { ui.fail('网络连接中断，请重试。'); });
    xhr.send(new FormData(form));
  }

  return { send: send, swapMain: swapMain };
})();

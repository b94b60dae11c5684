// 上传版面: the upload sends with a progress bar, and the list follows each page's processing
// (读取文字、生成版面图) until it can be reviewed. Without this script the form posts as usual and the
// list shows the state at the time it was loaded.
(function () {
  'use strict';

  function swapMain(html) {
    if (!window.cnAdminUpload.swapMain(html)) { return false; }
    init();
    return true;
  }

  function initUpload(form) {
    var files = form.querySelector('#Files');
    var error = document.getElementById('files-client-error');
    var box = document.getElementById('page-upload-progress');
    var bar = document.getElementById('page-upload-progress-bar');
    var status = document.getElementById('page-upload-progress-text');
    var button = document.getElementById('page-upload-submit');
    var max = Number(form.getAttribute('data-max-bytes'));

    function total() {
      var sum = 0;
      for (var i = 0; i < files.files.length; i++) { sum += files.files[i].size; }
      return sum;
    }
    function show(message) { error.textContent = message; error.hidden = !message; }
    files.addEventListener('change', function () { show(total() > max ? form.getAttribute('data-too-large') : ''); });
    function fail(message) {
      box.hidden = true;
      button.disabled = false;
      show(message);
    }
    form.addEventListener('submit', function (e) {
      if (total() > max) {
        e.preventDefault();
        show(form.getAttribute('data-too-large'));
        files.focus();
        return;
      }
      if (!window.FormData || !window.DOMParser || !window.cnAdminUpload || !files.files.length) { return; }
      e.preventDefault();
      show('');
      window.cnAdminUpload.send(form, {
        box: box, bar: bar, status: status, button: button,
        starting: '正在上传 ' + files.files.length + ' 个文件…',
        uploaded: '上传完成，正在保存各版…',
        busy: '上传太频繁，请过一分钟再试。',
        failed: function (code) { return '上传没有完成（' + code + '），请重试。'; },
        fail: fail,
        done: init
      });
    });
  }

  // While pages are being processed, ask for their states every two seconds; when one is done, show
  // the list again (with its 核对 button) and say so.
  function initList(list) {
    if (list.getAttribute('data-refresh') !== 'true' || !window.fetch) { return; }
    var url = list.getAttribute('data-status-url');
    var announce = document.getElementById('uploads-announce');
    function round() {
      if (!document.body.contains(list)) { return; }
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (states) {
          var done = [];
          states.forEach(function (s) {
            var row = list.querySelector('tr[data-key="' + s.key + '"]');
            if (row && row.querySelector('.status-pending') && s.status !== 'Pending') {
              done.push('第' + s.pageNumber + '版' + s.label);
            }
          });
          var waiting = states.some(function (s) { return s.status === 'Pending'; });
          if (done.length || !waiting) {
            return fetch(window.location.pathname, { credentials: 'same-origin' })
              .then(function (r) { return r.text(); })
              .then(function (html) {
                swapMain(html);
                var again = document.getElementById('uploads-announce');
                if (again && done.length) { again.textContent = done.join('，'); }
              });
          }
          window.setTimeout(round, 2000);
        })
        .catch(function () {
          if (announce) { announce.textContent = '暂时无法获取处理进度，请刷新页面。'; }
        });
    }
    window.setTimeout(round, 2000);
  }

  function init() {
    var form = document.getElementById('page-upload-form');
    if (form) { initUpload(form); }
    var list = document.getElementById('page-uploads');
    if (list) { initList(list); }
  }

  init();
})();

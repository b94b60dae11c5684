// The story editor: Markdown toolbar, live preview from the server's renderer, autosave every
// 30 seconds, a copy in this browser whenever the server cannot be reached, and presence.
// The WYSIWYG view (admin-editor-rich.js) writes this page's Markdown textarea on every change, so
// everything here works on the textarea in both modes; the toolbar asks the WYSIWYG view first.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  if (!form) { return; }
  var body = document.getElementById('Body');
  var preview = document.getElementById('preview');
  var statusLine = document.getElementById('autosave-status');
  var offline = document.getElementById('offline-notice');
  var presence = document.getElementById('presence');
  var presenceNames = document.getElementById('presence-names');
  var articleId = form.getAttribute('data-article-id');
  // The server names its own addresses (Url.Action), so a route change needs no edit here.
  var previewUrl = form.getAttribute('data-preview-url');
  var autosaveUrl = form.getAttribute('data-autosave-url');
  var heartbeatUrl = form.getAttribute('data-heartbeat-url');
  var storageKey = 'cn-draft:' + (articleId || 'new');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var dirty = false;
  // Set once the member confirmed signing out: nothing is kept in the browser from then on.
  var signingOut = false;

  function wrap(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var text = body.value.substring(start, end) || placeholder;
    body.setRangeText(before + text + after, start, end, 'select');
    body.focus();
    changed();
  }
  function linePrefix(prefix) {
    var start = body.value.lastIndexOf('\n', body.selectionStart - 1) + 1;
    body.setRangeText(prefix, start, start, 'end');
    body.focus();
    changed();
  }
  var actions = {
    heading: function () { linePrefix('## '); },
    bold: function () { wrap('**', '**', '加粗文字'); },
    leadin: function () { wrap('**', '**', '导语句。'); },
    bullet: function () { linePrefix('——'); },
    link: function () { wrap('[', '](https://)', '链接文字'); },
    quote: function () { linePrefix('> '); }
  };
  function run(name) {
    if (window.CnRichEditor && window.CnRichEditor.run(name)) { return; }
    actions[name]();
  }
  document.querySelectorAll('.toolbar button[data-md]').forEach(function (b) {
    b.addEventListener('click', function () { run(b.getAttribute('data-md')); });
  });
  // The same shortcuts as the WYSIWYG view: Ctrl+B, Ctrl+K, Ctrl+Alt+2 / L / D / Q.
  var keys = { b: 'bold', k: 'link' };
  var altKeys = { '2': 'heading', l: 'leadin', d: 'bullet', q: 'quote' };
  body.addEventListener('keydown', function (e) {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.isComposing) { return; }
    var key = e.key.toLowerCase();
    var name = e.altKey ? altKeys[key] || altKeys[e.code.replace(/^(Key|Digit)/, '').toLowerCase()] : keys[key];
    if (name) { e.preventDefault(); actions[name](); }
  });
  document.querySelectorAll('.photo-picker button[data-photo]').forEach(function (b) {
    b.addEventListener('click', function () {
      var input = document.getElementById('PhotoIds');
      var ids = input.value.split(/[,，\s]+/).filter(Boolean);
      var id = b.getAttribute('data-photo');
      if (ids.indexOf(id) < 0) { ids.push(id); input.value = ids.join(','); changed(); }
    });
  });

  function post(url, data) {
    if (token) { data.append('__RequestVerificationToken', token.value); }
    return fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
  }

  var previewTimer = null;
  function refreshPreview() {
    var data = new FormData();
    data.append('body', body.value);
    data.append('dateline', document.getElementById('Dateline').value);
    post(previewUrl, data).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.text();
    }).then(function (html) {
      // The fragment comes from the server's sanitizing renderer, the same one the public page uses.
      preview.innerHTML = html;
    }).catch(function () { /* the preview waits for the next change */ });
  }

  function snapshot() {
    var data = {};
    ['Kicker', 'Title', 'Subtitle', 'Summary', 'Dateline', 'Body'].forEach(function (n) {
      var el = document.getElementById(n);
      if (el) { data[n] = el.value; }
    });
    data.savedAt = new Date().toISOString();
    return data;
  }
  function keepLocally() {
    if (signingOut) { return; }
    try { localStorage.setItem(storageKey, JSON.stringify(snapshot())); } catch (e) { /* storage full or disabled */ }
  }
  function changed() {
    dirty = true;
    keepLocally();
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  }
  form.addEventListener('input', changed);

  function showOthers(names) {
    if (!presence) { return; }
    if (names && names.length) { presenceNames.textContent = names.join('、'); presence.hidden = false; }
    else { presence.hidden = true; }
  }

  function autosave() {
    if (!articleId) { return; }
    if (!dirty) {
      post(heartbeatUrl, new FormData())
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) { if (j) { showOthers(j.others); offline.hidden = true; } })
        .catch(function () { offline.hidden = false; });
      return;
    }
    var data = new FormData(form);
    post(autosaveUrl, data).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (j) {
      dirty = false;
      offline.hidden = true;
      statusLine.textContent = '已自动保存 ' + j.saved + '（自动保存不会覆盖正式版本，请点击“保存”）';
      showOthers(j.others);
    }).catch(function () {
      keepLocally();
      offline.hidden = false;
    });
  }
  setInterval(autosave, 30000);
  window.addEventListener('online', autosave);
  window.addEventListener('beforeunload', function (e) {
    if (dirty && !signingOut) { keepLocally(); e.preventDefault(); }
  });
  // Signing out clears the local copies (admin-session.js); with unsaved changes, ask first.
  document.addEventListener('submit', function (e) {
    if (!e.target.hasAttribute('data-sign-out')) { return; }
    if (dirty && !window.confirm('这篇稿件有未保存的修改。退出后，本浏览器中保存的副本也会清除。确定退出吗？')) {
      e.preventDefault();
      return;
    }
    signingOut = true;
  }, true);
  form.addEventListener('submit', function () {
    dirty = false;
    try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  });

  // A copy left in this browser (a closed tab, a lost connection) that differs from the server's text.
  try {
    var saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
    if (saved && (saved.Body !== body.value || saved.Title !== document.getElementById('Title').value)) {
      var box = document.getElementById('local-restore');
      document.getElementById('local-restore-time').textContent = new Date(saved.savedAt).toLocaleString('zh-CN');
      box.hidden = false;
      document.getElementById('local-restore-apply').addEventListener('click', function () {
        Object.keys(saved).forEach(function (n) { var el = document.getElementById(n); if (el) { el.value = saved[n]; } });
        box.hidden = true;
        body.dispatchEvent(new Event('cn:replaced'));
        changed();
      });
      document.getElementById('local-restore-discard').addEventListener('click', function () {
        localStorage.removeItem(storageKey);
        box.hidden = true;
      });
    }
  } catch (e) { /* ignore unreadable local copy */ }

  if (body.value) { refreshPreview(); }
})();

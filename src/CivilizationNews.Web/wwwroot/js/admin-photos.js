// The story editor's 图片 area: the story's photos as thumbnails in order, each with its alt text, caption and
// credit editable beside it (saved to the media library item, not with the story: a photo is shared by every story
// that uses it), reordered by dragging (pointer events, so mouse, pen and touch) or with 上移/下移, removed, and
// chosen from the library in a dialog (从图片库选择) that searches by caption, credit, unit and date.
// The order is written into the PhotoIds text field, which the story form posts as before; without JavaScript the
// numbers are typed there. Other scripts that change PhotoIds (a picture dropped into the body) fire an input
// event on it, and the area follows.
(function () {
  'use strict';
  var area = document.getElementById('photos');
  var input = document.getElementById('PhotoIds');
  var form = document.getElementById('editor');
  if (!area || !input || !form || !window.fetch || typeof HTMLDialogElement !== 'function') { return; }
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var areaUrl = area.getAttribute('data-area-url');
  var searchUrl = area.getAttribute('data-search-url');
  // The server names the address (Url.Action with the largest id); the id is put in its place.
  var detailsUrl = area.getAttribute('data-details-url');
  var MAX_ID = '2147483647';
  var PENDING_ALT = '待补充图片说明';

  var tiles = {};      // id -> the photo as the server last described it
  var order = [];      // ids as strings, the story's order
  var ours = false;    // set while this script writes PhotoIds, so its own input event is not read back

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { node.textContent = v; } else { node.setAttribute(k, v === true ? '' : String(v)); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }
  function parseIds(text) {
    var seen = {};
    return (text || '').split(/[,，、\s]+/).filter(function (id) {
      if (!/^\d+$/.test(id) || seen[id]) { return false; }
      seen[id] = true;
      return true;
    });
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    });
  }

  // ---- The area ----------------------------------------------------------------------------------

  var idsField = input.closest('.photo-ids-field');
  if (idsField) { idsField.hidden = true; }
  var live = el('p', { 'class': 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'photos-live' });
  var openButton = el('button', { type: 'button', 'class': 'button button-secondary', id: 'photo-picker-open', 'aria-haspopup': 'dialog', text: '从图片库选择' });
  var showNumbers = el('button', { type: 'button', 'class': 'link-button', 'aria-expanded': 'false', 'aria-controls': input.id, text: '输入图片库编号' });
  var count = el('span', { 'class': 'hint', id: 'photo-count' });
  var empty = el('p', { 'class': 'hint photo-empty', text: '本稿还没有图片。可从图片库选择，或上传新图片。' });
  var list = el('ol', { 'class': 'photo-list', id: 'photo-list', 'aria-label': '本稿图片（按显示顺序）' });
  area.appendChild(el('div', { 'class': 'photo-tools' }, [openButton, count, showNumbers]));
  area.appendChild(empty);
  area.appendChild(list);
  area.appendChild(live);
  showNumbers.addEventListener('click', function () {
    if (!idsField) { return; }
    idsField.hidden = !idsField.hidden;
    showNumbers.setAttribute('aria-expanded', String(!idsField.hidden));
    if (!idsField.hidden) { input.focus(); }
  });

  function announce(text) { live.textContent = text; }
  function cards() { return Array.prototype.slice.call(list.querySelectorAll('.photo-card')); }
  function cardOf(id) { return list.querySelector('.photo-card[data-id="' + id + '"]'); }

  /** Writes the cards' order into PhotoIds (and tells the editor the form changed). */
  function writeOrder() {
    order = cards().map(function (c) { return c.getAttribute('data-id'); });
    var value = order.join(',');
    number();
    if (input.value === value) { return; }
    input.value = value;
    ours = true;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    ours = false;
  }
  /** Positions in the labels ("第 2 张"), the first and last buttons, the count. */
  function number() {
    var all = cards();
    all.forEach(function (c, i) {
      var id = c.getAttribute('data-id');
      c.querySelector('.photo-card-number').textContent = '第 ' + (i + 1) + ' 张' + (i === 0 ? '（题图）' : '') + ' · #' + id;
      c.querySelector('[data-act="up"]').disabled = i === 0;
      c.querySelector('[data-act="down"]').disabled = i === all.length - 1;
    });
    empty.hidden = all.length > 0;
    count.textContent = all.length ? '共 ' + all.length + ' 张' : '';
  }

  function field(labelText, control, extra) {
    return el('p', { 'class': 'field' }, [el('label', { 'for': control.id }, [labelText].concat(extra || [])), control]);
  }

  function buildCard(id, tile, canEdit) {
    var card = el('li', { 'class': 'photo-card', 'data-id': id });
    var handle = el('span', { 'class': 'photo-handle', 'aria-hidden': 'true', title: '按住拖动，调整顺序', text: '⠿' });
    var number = el('span', { 'class': 'photo-card-number' });
    var actions = el('div', { 'class': 'photo-card-actions' }, [
      el('button', { type: 'button', 'class': 'button button-small button-secondary', 'data-act': 'up', 'aria-label': '上移图片 #' + id, text: '上移' }),
      el('button', { type: 'button', 'class': 'button button-small button-secondary', 'data-act': 'down', 'aria-label': '下移图片 #' + id, text: '下移' }),
      el('button', { type: 'button', 'class': 'link-button', 'data-act': 'remove', 'aria-label': '从本稿移除图片 #' + id, text: '从本稿移除' })
    ]);
    if (!tile) {
      card.classList.add('photo-card-unknown');
      card.appendChild(el('div', { 'class': 'photo-card-media' }, [handle, number]));
      card.appendChild(el('div', { 'class': 'photo-card-fields' }, [
        el('p', { 'class': 'field-error', text: '图片库中没有编号为 ' + id + ' 的图片，请移除或改正编号。' }), actions]));
      wireCard(card, handle);
      return card;
    }
    var thumb = el('img', { src: tile.thumb, alt: tile.altMissing ? '' : tile.alt, width: 160, height: 107, loading: 'lazy', draggable: 'false' });
    card.appendChild(el('div', { 'class': 'photo-card-media' }, [handle, thumb, number]));

    var missing = el('p', { 'class': 'field-error photo-alt-missing', id: 'photo-alt-missing-' + id, text: '缺少替代文字：发布前必须填写，填写后点“更新图片信息”。' });
    var alt = el('textarea', { id: 'photo-alt-' + id, rows: 2, maxlength: 300, 'data-name': 'AltText', placeholder: '用一句话说明图片内容，如：志愿者在北站为旅客指路' });
    var caption = el('textarea', { id: 'photo-caption-' + id, rows: 2, maxlength: 1000, 'data-name': 'Caption' });
    var credit = el('input', { id: 'photo-credit-' + id, maxlength: 100, 'data-name': 'Credit', placeholder: '如：郭朝辉 或 市中心医院', autocomplete: 'off' });
    var kind = el('select', { id: 'photo-kind-' + id, 'data-name': 'CreditKind' }, [
      el('option', { value: '1', text: '摄' }), el('option', { value: '2', text: '供图' })]);
    var status = el('p', { 'class': 'photo-card-status', role: 'status', id: 'photo-status-' + id });
    var save = el('button', { type: 'button', 'class': 'button button-small', 'data-act': 'save', 'aria-label': '更新图片 #' + id + ' 的信息', text: '更新图片信息' });
    var fields = el('div', { 'class': 'photo-card-fields' }, [
      missing,
      field('替代文字 ', alt, [el('span', { 'class': 'required', text: '必填' })]),
      field('图片说明', caption),
      el('div', { 'class': 'photo-credit-row' }, [field('署名', credit), field('署名方式', kind)]),
      status,
      el('div', { 'class': 'photo-card-actions' }, [save, el('a', { href: tile.edit, target: '_blank', rel: 'noopener', text: '在图片库中打开' })]),
      actions
    ]);
    card.appendChild(fields);
    if (!canEdit) {
      [alt, caption, credit, kind].forEach(function (c) { c.setAttribute(c.tagName === 'SELECT' ? 'disabled' : 'readonly', ''); });
      save.hidden = true;
      status.textContent = '只有编辑，或只在自己草稿中使用这张图片的上传者，可以修改它的说明和署名。';
    }
    fill(card, tile);
    wireCard(card, handle);
    return card;
  }

  /** Puts a photo's saved details into its card. */
  function fill(card, tile) {
    var id = card.getAttribute('data-id');
    tiles[id] = tile;
    card.setAttribute('data-version', tile.version);
    var alt = card.querySelector('[data-name="AltText"]');
    // The upload placeholder is no description: the field starts empty so that it is written, not kept.
    alt.value = tile.alt === PENDING_ALT ? '' : tile.alt;
    card.querySelector('[data-name="Caption"]').value = tile.caption || '';
    card.querySelector('[data-name="Credit"]').value = tile.credit || '';
    card.querySelector('[data-name="CreditKind"]').value = String(tile.creditKind || 1);
    markAlt(card, tile.altMissing);
    card.classList.remove('photo-card-dirty');
  }
  function markAlt(card, isMissing) {
    var alt = card.querySelector('[data-name="AltText"]');
    var missing = card.querySelector('.photo-alt-missing');
    card.classList.toggle('photo-card-alt-missing', isMissing);
    missing.hidden = !isMissing;
    if (isMissing) {
      alt.setAttribute('aria-invalid', 'true');
      alt.setAttribute('aria-describedby', missing.id);
    } else {
      alt.removeAttribute('aria-invalid');
      alt.removeAttribute('aria-describedby');
    }
  }

  function setStatus(card, text, isError) {
    var status = card.querySelector('.photo-card-status');
    status.textContent = text;
    status.classList.toggle('field-error', !!isError);
  }

  function wireCard(card, handle) {
    card.addEventListener('input', function (e) {
      if (!e.target.hasAttribute('data-name')) { return; }
      card.classList.add('photo-card-dirty');
      setStatus(card, '图片信息有修改，尚未更新。', false);
    });
    card.addEventListener('change', function (e) {
      if (e.target.tagName === 'SELECT' && e.target.hasAttribute('data-name')) {
        card.classList.add('photo-card-dirty');
        setStatus(card, '图片信息有修改，尚未更新。', false);
      }
    });
    // Enter in a one-line field would submit the whole story: here it saves the photo's details.
    card.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && e.target.tagName === 'INPUT' && !e.isComposing) {
        e.preventDefault();
        saveCard(card);
      }
    });
    card.addEventListener('click', function (e) {
      var button = e.target.closest('button[data-act]');
      if (!button || button.disabled) { return; }
      var act = button.getAttribute('data-act');
      if (act === 'save') { saveCard(card); } else if (act === 'up' || act === 'down') { move(card, act === 'up' ? -1 : 1, button); } else if (act === 'remove') { remove(card); }
    });
    handle.addEventListener('pointerdown', function (e) { startDrag(card, e); });
  }

  function move(card, step, button) {
    var all = cards();
    var from = all.indexOf(card);
    var to = from + step;
    if (to < 0 || to >= all.length) { return; }
    if (step < 0) { list.insertBefore(card, all[to]); } else { list.insertBefore(card, all[to].nextSibling); }
    writeOrder();
    // Keep the keyboard where it was; at the end of the list the other button is the one left to press.
    var act = button.getAttribute('data-act');
    var again = card.querySelector('[data-act="' + act + '"]');
    (again.disabled ? card.querySelector('[data-act="' + (act === 'up' ? 'down' : 'up') + '"]') : again).focus();
    announce('已将图片 #' + card.getAttribute('data-id') + ' 移到第 ' + (to + 1) + ' 张。');
  }

  function remove(card) {
    var all = cards();
    var index = all.indexOf(card);
    var id = card.getAttribute('data-id');
    card.remove();
    writeOrder();
    var next = cards()[Math.min(index, cards().length - 1)];
    (next ? next.querySelector('[data-act="remove"]') : openButton).focus();
    announce('已从本稿移除图片 #' + id + '（图片仍在图片库中）。');
  }

  // Dragging: the card follows the pointer through the list; the order is written when it is let go.
  // The listeners are on the document because moving the card in the list can end an element's pointer capture.
  var drag = null;
  function startDrag(card, e) {
    if (e.button !== 0 || area.closest('fieldset[disabled]')) { return; }
    e.preventDefault();
    drag = { card: card, pointer: e.pointerId, before: order.join(',') };
    card.classList.add('photo-card-dragging');
    document.addEventListener('pointermove', dragMove);
    document.addEventListener('pointerup', dragEnd);
    document.addEventListener('pointercancel', dragEnd);
  }
  function dragMove(e) {
    if (!drag || e.pointerId !== drag.pointer) { return; }
    e.preventDefault();
    var others = cards().filter(function (c) { return c !== drag.card; });
    var target = null;
    for (var i = 0; i < others.length; i++) {
      var box = others[i].getBoundingClientRect();
      if (e.clientY < box.top + box.height / 2) { target = others[i]; break; }
    }
    if (target) {
      if (drag.card.nextElementSibling !== target) { list.insertBefore(drag.card, target); }
    } else if (list.lastElementChild !== drag.card) {
      list.appendChild(drag.card);
    }
  }
  function dragEnd(e) {
    if (!drag || e.pointerId !== drag.pointer) { return; }
    var card = drag.card;
    var before = drag.before;
    drag = null;
    card.classList.remove('photo-card-dragging');
    document.removeEventListener('pointermove', dragMove);
    document.removeEventListener('pointerup', dragEnd);
    document.removeEventListener('pointercancel', dragEnd);
    writeOrder();
    if (order.join(',') !== before) {
      announce('已将图片 #' + card.getAttribute('data-id') + ' 移到第 ' + (order.indexOf(card.getAttribute('data-id')) + 1) + ' 张。');
    }
  }

  // ---- Saving a photo's details ---------------------------------------------------------------------

  function saveCard(card) {
    var id = card.getAttribute('data-id');
    var tile = tiles[id];
    var data = new FormData();
    if (token) { data.append('__RequestVerificationToken', token.value); }
    data.append('AltText', card.querySelector('[data-name="AltText"]').value);
    data.append('Caption', card.querySelector('[data-name="Caption"]').value);
    var credit = card.querySelector('[data-name="Credit"]').value.trim();
    // A contributor's name left as it was keeps the contributor; anything typed is a free-text credit.
    if (tile.creditContributorId && credit === (tile.credit || '')) {
      data.append('CreditContributorId', String(tile.creditContributorId));
    } else {
      data.append('CreditText', credit);
    }
    data.append('CreditKind', card.querySelector('[data-name="CreditKind"]').value);
    data.append('Version', card.getAttribute('data-version'));
    var save = card.querySelector('[data-act="save"]');
    save.disabled = true;
    setStatus(card, '正在更新…', false);
    return fetch(detailsUrl.replace(MAX_ID, id), { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, json: j }; });
      })
      .then(function (answer) {
        var j = answer.json || {};
        if (answer.status === 200 && j.item) {
          fill(card, j.item);
          setStatus(card, '图片信息已更新，用到这张图片的稿件都会随之更新。', false);
          return true;
        }
        if (answer.status === 409 && j.saved) {
          // Someone saved this photo meanwhile: keep what was typed, show what is saved, and let a second save win.
          card.setAttribute('data-version', j.saved.version);
          tiles[id] = j.saved;
          setStatus(card, (j.error || '这张图片的信息已被他人修改。') + ' 目前已保存' + (j.savedBy ? '（' + j.savedBy + '）' : '') + '：替代文字“' + j.saved.alt + '”'
            + (j.saved.caption ? '，说明“' + j.saved.caption + '”' : '') + (j.saved.creditLine ? '，' + j.saved.creditLine : '') + '。', true);
          return false;
        }
        var alt = card.querySelector('[data-name="AltText"]');
        if (j.errors && j.errors.AltText) { alt.setAttribute('aria-invalid', 'true'); }
        setStatus(card, j.error || '图片信息未能更新，请稍后再试。', true);
        return false;
      })
      .catch(function () {
        setStatus(card, '无法连接服务器，图片信息未能更新，请稍后再试。', true);
        return false;
      })
      .then(function (ok) { save.disabled = false; return ok; });
  }

  // The story's 保存 saves the photos' unsaved details first, so that nothing typed beside a thumbnail is lost.
  form.addEventListener('submit', function (e) {
    var dirty = cards().filter(function (c) { return c.classList.contains('photo-card-dirty'); });
    if (!dirty.length) { return; }
    e.preventDefault();
    var submitter = e.submitter;
    dirty.reduce(function (p, c) { return p.then(function (all) { return saveCard(c).then(function (ok) { return all && ok; }); }); }, Promise.resolve(true))
      .then(function (all) {
        if (all) {
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
          return;
        }
        var failed = cards().filter(function (c) { return c.classList.contains('photo-card-dirty'); })[0];
        if (failed) { failed.querySelector('[data-name="AltText"]').focus(); }
        announce('有图片的信息未能更新，稿件尚未保存。请查看图片下的提示。');
      });
  });

  // ---- Loading --------------------------------------------------------------------------------------

  /** Adds cards for ids (at the end, in order), asking the server about the ones it has not described yet. */
  function addIds(ids) {
    var fresh = ids.filter(function (id) { return !cardOf(id); });
    if (!fresh.length) { return Promise.resolve(); }
    return getJson(areaUrl + '?ids=' + encodeURIComponent(fresh.join(','))).then(function (j) {
      var found = {};
      (j.items || []).forEach(function (t) { found[String(t.id)] = t; });
      fresh.forEach(function (id) {
        if (!cardOf(id)) { list.appendChild(buildCard(id, found[id], found[id] && found[id].canEdit)); }
      });
    });
  }
  /** Makes the cards match PhotoIds as typed or as another script wrote it. */
  function follow() {
    var ids = parseIds(input.value);
    cards().forEach(function (c) { if (ids.indexOf(c.getAttribute('data-id')) < 0) { c.remove(); } });
    return addIds(ids).then(function () {
      ids.forEach(function (id) { var c = cardOf(id); if (c) { list.appendChild(c); } });
      order = ids;
      number();
      decoratePrecheck();
    }).catch(function () { announce('图片信息未能载入，请刷新页面。'); });
  }
  input.addEventListener('input', function () { if (!ours) { follow(); } });
  input.addEventListener('change', function () { if (!ours) { follow(); } });

  // ---- 发布前检查: a photo without alt text is named there; link it to its card ------------------------------

  var precheck = document.getElementById('precheck-box');
  function decoratePrecheck() {
    if (!precheck) { return; }
    precheck.querySelectorAll('.precheck-item').forEach(function (item) {
      var m = /图片 #(\d+) 缺少替代文字/.exec(item.textContent);
      if (!m || item.querySelector('.photo-fix') || !cardOf(m[1])) { return; }
      var fix = el('button', { type: 'button', 'class': 'link-button photo-fix', 'data-photo': m[1], text: '在图片中填写' });
      item.appendChild(document.createTextNode(' '));
      item.appendChild(fix);
    });
  }
  if (precheck) {
    new MutationObserver(decoratePrecheck).observe(precheck, { childList: true });
    precheck.addEventListener('click', function (e) {
      var fix = e.target.closest('.photo-fix');
      if (!fix) { return; }
      var card = cardOf(fix.getAttribute('data-photo'));
      if (!card) { return; }
      card.scrollIntoView({ block: 'center' });
      card.querySelector('[data-name="AltText"]').focus();
    });
  }

  // ---- 从图片库选择 ----------------------------------------------------------------------------------

  var dialog = el('dialog', { 'class': 'photo-dialog', id: 'photo-dialog', 'aria-labelledby': 'photo-dialog-title' });
  var q = el('input', { type: 'search', id: 'photo-search-q', placeholder: '图片说明、替代文字、署名或单位', autocomplete: 'off' });
  var date = el('input', { type: 'date', id: 'photo-search-date' });
  var searchForm = el('form', { 'class': 'photo-search', role: 'search', 'aria-label': '搜索图片库' }, [
    el('p', { 'class': 'field photo-search-text' }, [el('label', { 'for': q.id, text: '搜索' }), q]),
    el('p', { 'class': 'field photo-search-date' }, [el('label', { 'for': date.id, text: '日期（上传或见报）' }), date]),
    el('p', { 'class': 'photo-search-go' }, [el('button', { type: 'submit', 'class': 'button', text: '搜索' })])
  ]);
  var found = el('p', { 'class': 'hint', id: 'photo-dialog-status', role: 'status', 'aria-live': 'polite' });
  var grid = el('ul', { 'class': 'photo-grid', id: 'photo-grid', 'aria-label': '图片库搜索结果' });
  var prev = el('button', { type: 'button', 'class': 'button button-small button-secondary', text: '上一页' });
  var next = el('button', { type: 'button', 'class': 'button button-small button-secondary', text: '下一页' });
  var pageText = el('span', { 'class': 'hint' });
  var addButton = el('button', { type: 'button', 'class': 'button', id: 'photo-dialog-add', disabled: true, text: '加入选中的图片' });
  var cancel = el('button', { type: 'button', 'class': 'button button-secondary', text: '取消' });
  var close = el('button', { type: 'button', 'class': 'link-button photo-dialog-close', 'aria-label': '关闭', text: '关闭' });
  dialog.appendChild(el('div', { 'class': 'photo-dialog-head' }, [el('h2', { id: 'photo-dialog-title', text: '从图片库选择' }), close]));
  dialog.appendChild(el('p', { 'class': 'hint', id: 'photo-dialog-hint', text: '可多选：点选图片（再点一次取消），然后点“加入”。已在本稿中的图片不能再选。' }));
  dialog.appendChild(searchForm);
  dialog.appendChild(found);
  dialog.appendChild(grid);
  var pager = el('div', { 'class': 'photo-dialog-pages', hidden: true }, [prev, pageText, next]);
  dialog.appendChild(pager);
  dialog.appendChild(el('div', { 'class': 'photo-dialog-foot' }, [addButton, cancel]));
  document.body.appendChild(dialog);

  var selected = [];   // ids in the order chosen
  var page = 1;
  var pages = 1;
  var seq = 0;

  function updateAdd() {
    addButton.disabled = selected.length === 0;
    addButton.textContent = selected.length ? '加入选中的 ' + selected.length + ' 张' : '加入选中的图片';
  }
  function option(t) {
    var id = String(t.id);
    var inStory = order.indexOf(id) >= 0;
    var chosen = selected.indexOf(id) >= 0;
    var lines = [
      el('span', { 'class': 'photo-option-id', text: '#' + id + (inStory ? ' 已在本稿' : '') }),
      el('span', { 'class': 'photo-option-alt', text: t.altMissing ? '（未写替代文字）' : t.alt })
    ];
    if (t.caption) { lines.push(el('span', { 'class': 'photo-option-caption', text: t.caption })); }
    lines.push(el('span', { 'class': 'photo-option-meta', text: [t.creditLine, t.date].filter(Boolean).join(' · ') }));
    var button = el('button', { type: 'button', 'class': 'photo-option', 'data-id': id, 'aria-pressed': chosen ? 'true' : 'false', 'aria-disabled': inStory ? 'true' : null }, [
      el('img', { src: t.thumb, alt: '', width: 160, height: 107, loading: 'lazy' }),
      el('span', { 'class': 'photo-option-text' }, lines)
    ]);
    return el('li', {}, [button]);
  }
  function search(toPage) {
    var mine = ++seq;
    page = toPage || 1;
    grid.setAttribute('aria-busy', 'true');
    found.textContent = '正在搜索…';
    var url = searchUrl + '?q=' + encodeURIComponent(q.value.trim()) + '&date=' + encodeURIComponent(date.value) + '&page=' + page;
    return getJson(url).then(function (j) {
      if (mine !== seq) { return; }
      grid.textContent = '';
      (j.items || []).forEach(function (t) { grid.appendChild(option(t)); });
      pages = j.pageCount || 1;
      found.textContent = j.total ? '找到 ' + j.total + ' 张图片' + (pages > 1 ? '，第 ' + j.page + ' / ' + pages + ' 页' : '') + '。' : '没有找到图片，请换个词或日期再试。';
      pager.hidden = pages <= 1;
      pageText.textContent = pages > 1 ? j.page + ' / ' + pages : '';
      prev.disabled = j.page <= 1;
      next.disabled = j.page >= pages;
    }).catch(function () {
      if (mine === seq) { found.textContent = '搜索未能完成，请稍后再试。'; }
    }).then(function () { if (mine === seq) { grid.removeAttribute('aria-busy'); } });
  }
  var typing = null;
  q.addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(function () { search(1); }, 350); });
  date.addEventListener('change', function () { search(1); });
  searchForm.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(typing); search(1); });
  prev.addEventListener('click', function () { search(page - 1); });
  next.addEventListener('click', function () { search(page + 1); });
  grid.addEventListener('click', function (e) {
    var button = e.target.closest('.photo-option');
    if (!button || button.getAttribute('aria-disabled') === 'true') { return; }
    var id = button.getAttribute('data-id');
    var at = selected.indexOf(id);
    if (at >= 0) { selected.splice(at, 1); } else { selected.push(id); }
    button.setAttribute('aria-pressed', at >= 0 ? 'false' : 'true');
    updateAdd();
  });
  // Arrow keys move between the photos of the grid, as in a list of choices; Tab leaves it.
  grid.addEventListener('keydown', function (e) {
    var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (!keys[e.key]) { return; }
    var all = Array.prototype.slice.call(grid.querySelectorAll('.photo-option'));
    var i = all.indexOf(document.activeElement);
    if (i < 0) { return; }
    e.preventDefault();
    var to = all[Math.max(0, Math.min(all.length - 1, i + keys[e.key]))];
    to.focus();
  });
  function closeDialog() {
    dialog.close();
  }
  close.addEventListener('click', closeDialog);
  cancel.addEventListener('click', closeDialog);
  dialog.addEventListener('close', function () { openButton.focus(); });
  addButton.addEventListener('click', function () {
    var ids = selected.filter(function (id) { return order.indexOf(id) < 0; });
    selected = [];
    updateAdd();
    closeDialog();
    addIds(ids).then(function () {
      writeOrder();
      decoratePrecheck();
      announce('已加入 ' + ids.length + ' 张图片：' + ids.map(function (id) { return '#' + id; }).join('、') + '。');
      var first = cardOf(ids[0]);
      if (first) { first.scrollIntoView({ block: 'nearest' }); }
    }).catch(function () { announce('图片未能加入，请稍后再试。'); });
  });
  openButton.addEventListener('click', function () {
    selected = [];
    updateAdd();
    dialog.showModal();
    q.focus();
    search(1);
  });

  follow();
})();

// 署名 rows on the story editor: add and remove rows, and find a contributor by typing part of the name.
// Without this script the page still posts its rows (a role, a typed name with the browser's datalist, the
// chosen id); the server matches names and creates new contributors either way. The name box is an ARIA
// combobox: ↓/↑ move through the suggestions, Enter chooses, Esc closes.
(function () {
  'use strict';
  var box = document.getElementById('credits');
  var container = document.getElementById('credit-rows');
  if (!box || !container) { return; }
  var lookupUrl = box.getAttribute('data-lookup-url');
  var editable = !box.closest('fieldset[disabled]');
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  box.appendChild(status);
  var serial = 0;

  function rows() { return Array.prototype.slice.call(container.querySelectorAll('.credit-row')); }

  // Ids and labels follow the row order, so that "第3位署名" stays true after a removal.
  function renumber() {
    rows().forEach(function (row, i) {
      var n = i + 1;
      var role = row.querySelector('.credit-role');
      var name = row.querySelector('.credit-name');
      var labels = row.querySelectorAll('label');
      role.id = 'CreditRoles_' + i;
      name.id = 'CreditNames_' + i;
      labels[0].htmlFor = role.id;
      labels[0].textContent = '第' + n + '位署名的身份';
      labels[1].htmlFor = name.id;
      labels[1].textContent = '第' + n + '位署名的姓名';
      var remove = row.querySelector('.credit-remove');
      if (remove) { remove.setAttribute('aria-label', '删除第' + n + '位署名'); }
    });
  }

  function close(row) {
    var list = row.querySelector('.credit-options');
    var input = row.querySelector('.credit-name');
    if (list) { list.hidden = true; list.innerHTML = ''; }
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function choose(row, option) {
    var input = row.querySelector('.credit-name');
    var hidden = row.querySelector('.credit-id');
    var role = row.querySelector('.credit-role');
    if (option.getAttribute('data-id')) {
      input.value = option.getAttribute('data-name');
      hidden.value = option.getAttribute('data-id');
      // The contributor's usual role, unless the editor already chose one for this row.
      if (!role.hasAttribute('data-touched') && option.getAttribute('data-role')) { role.value = option.getAttribute('data-role'); }
      status.textContent = '已选择作者' + option.getAttribute('data-label');
    } else {
      hidden.value = '';
      status.textContent = '“' + input.value.trim() + '”将在保存时新建为作者';
    }
    close(row);
    input.focus();
  }

  function active(row, step) {
    var input = row.querySelector('.credit-name');
    var options = Array.prototype.slice.call(row.querySelectorAll('.credit-options [role=option]'));
    if (options.length === 0) { return; }
    var current = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
    var next = current < 0 ? (step > 0 ? 0 : options.length - 1) : (current + step + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute('aria-selected', i === next ? 'true' : 'false'); });
    input.setAttribute('aria-activedescendant', options[next].id);
    options[next].scrollIntoView({ block: 'nearest' });
  }

  function show(row, found, typed) {
    var input = row.querySelector('.credit-name');
    var list = row.querySelector('.credit-options');
    list.innerHTML = '';
    var exact = false;
    found.forEach(function (c) {
      exact = exact || c.name === typed;
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = list.id + '-' + c.id;
      li.setAttribute('aria-selected', 'false');
      li.setAttribute('data-id', c.id);
      li.setAttribute('data-name', c.name);
      li.setAttribute('data-label', c.label);
      li.setAttribute('data-role', c.role);
      li.textContent = c.label + '　';
      var meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = c.roleLabel;
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (!exact) {
      var create = document.createElement('li');
      create.setAttribute('role', 'option');
      create.id = list.id + '-new';
      create.setAttribute('aria-selected', 'false');
      create.className = 'credit-new';
      create.textContent = '新建作者“' + typed + '”（保存稿件时创建）';
      list.appendChild(create);
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = found.length > 0 ? '找到' + found.length + '位作者，按上下键选择' : '作者库中没有“' + typed + '”，保存时将新建';
  }

  function lookup(row) {
    var input = row.querySelector('.credit-name');
    var typed = input.value.trim();
    var asked = ++serial;
    if (typed === '') { close(row); return; }
    fetch(lookupUrl + '?q=' + encodeURIComponent(typed), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (found) {
        // Only the newest answer counts: a slow answer to an older keystroke must not replace it.
        if (asked === serial && document.activeElement === input) { show(row, found, typed); }
      })
      .catch(function () { /* the datalist-free box still posts the typed name */ });
  }

  function wire(row) {
    var input = row.querySelector('.credit-name');
    var hidden = row.querySelector('.credit-id');
    var role = row.querySelector('.credit-role');
    input.removeAttribute('list');
    var list = document.createElement('ul');
    list.className = 'credit-options';
    list.id = 'credit-options-' + (++wire.count);
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', '候选作者');
    list.hidden = true;
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    role.addEventListener('change', function () { role.setAttribute('data-touched', ''); });
    input.addEventListener('input', function () {
      hidden.value = ''; // a changed name is a new choice; the server matches it by name
      lookup(row);
    });
    input.addEventListener('keydown', function (e) {
      var open = !list.hidden;
      if (e.key === 'ArrowDown') { e.preventDefault(); if (open) { active(row, 1); } else { lookup(row); } }
      else if (e.key === 'ArrowUp' && open) { e.preventDefault(); active(row, -1); }
      else if (e.key === 'Escape' && open) { e.preventDefault(); close(row); }
      else if (e.key === 'Enter' && open) {
        var current = list.querySelector('[aria-selected=true]');
        if (current) { e.preventDefault(); choose(row, current); }
      }
    });
    input.addEventListener('blur', function () { window.setTimeout(function () { if (document.activeElement !== input) { close(row); } }, 150); });
    // mousedown, not click: the box must not lose its value to blur before the choice lands.
    list.addEventListener('mousedown', function (e) {
      var option = e.target.closest('[role=option]');
      if (option) { e.preventDefault(); choose(row, option); }
    });
    if (editable) {
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link-button credit-remove';
      remove.textContent = '删除';
      remove.addEventListener('click', function () {
        var all = rows();
        var at = all.indexOf(row);
        if (all.length === 1) {
          input.value = ''; hidden.value = '';
          input.focus();
        } else {
          row.remove();
          var left = rows();
          var next = left[Math.min(at, left.length - 1)];
          next.querySelector('.credit-name').focus();
        }
        renumber();
        status.textContent = '已删除一行署名，共' + rows().length + '行';
      });
      row.appendChild(remove);
    }
  }
  wire.count = 0;

  rows().forEach(wire);
  if (editable) {
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'button button-secondary credit-add';
    add.id = 'credit-add';
    add.textContent = '添加署名';
    add.addEventListener('click', function () {
      var all = rows();
      var copy = all[all.length - 1].cloneNode(true);
      var oldList = copy.querySelector('.credit-options');
      if (oldList) { oldList.remove(); }
      var oldRemove = copy.querySelector('.credit-remove');
      if (oldRemove) { oldRemove.remove(); }
      var name = copy.querySelector('.credit-name');
      name.value = '';
      name.removeAttribute('aria-activedescendant');
      copy.querySelector('.credit-id').value = '';
      var role = copy.querySelector('.credit-role');
      role.removeAttribute('data-touched');
      role.selectedIndex = 0;
      container.appendChild(copy);
      wire(copy);
      renumber();
      name.focus();
      status.textContent = '已添加一行署名，共' + rows().length + '行';
    });
    container.insertAdjacentElement('afterend', add);
  }
  renumber();
})();

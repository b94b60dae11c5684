// 导入版面: the upload sends with a progress bar, and the review screen lets the editor reshape the
// proposal before creating the drafts. The review state is the IMPORT-FORMAT JSON in the form's
// hidden "Proposal" field: every change rewrites it, and the server checks it again when posted.
// Without this script both forms still work as plain posts (the proposal is then created unchanged).
(function () {
  'use strict';

  // ---- small DOM helpers (no innerHTML: every text is set with textContent) ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { node.textContent = v; }
      else if (k === 'value') { node.value = v; }
      else if (v === true) { node.setAttribute(k, ''); }
      else { node.setAttribute(k, v); }
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function option(value, label, selected) {
    var o = el('option', { value: value, text: label });
    if (selected) { o.selected = true; }
    return o;
  }
  function short(text, n) { text = text || ''; return text.length > n ? text.substring(0, n) + '…' : text; }

  // ---- upload with progress ----
  function initUpload(form) {
    var file = form.querySelector('#File');
    var text = form.querySelector('#Text');
    var error = document.getElementById('file-client-error');
    var box = document.getElementById('import-progress');
    var bar = document.getElementById('import-progress-bar');
    var status = document.getElementById('import-progress-text');
    var button = document.getElementById('import-submit');
    var max = Number(form.getAttribute('data-max-bytes'));

    function problem() {
      var f = file.files && file.files[0];
      var pasted = text.value.trim().length > 0;
      if (f && f.size > max) { return form.getAttribute('data-too-large'); }
      if (f && pasted) { return form.getAttribute('data-both'); }
      if (!f && !pasted) { return form.getAttribute('data-nothing'); }
      return '';
    }
    function show(message) { error.textContent = message; error.hidden = !message; }
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      show(f && f.size > max ? form.getAttribute('data-too-large') : '');
    });
    function fail(message) {
      box.hidden = true;
      button.disabled = false;
      show(message);
    }
    form.addEventListener('submit', function (e) {
      var message = problem();
      if (message) {
        e.preventDefault();
        show(message);
        (file.files && file.files[0] ? file : text).focus();
        return;
      }
      if (!window.FormData || !window.DOMParser || !window.cnAdminUpload) { return; }
      e.preventDefault();
      show('');
      window.cnAdminUpload.send(form, {
        box: box, bar: bar, status: status, button: button,
        starting: '正在上传…',
        uploaded: '上传完成，正在分析版面…',
        busy: '导入太频繁，请过一分钟再试。',
        failed: function (code) { return '分析没有完成（' + code + '），请重试。'; },
        fail: fail,
        done: afterSwap
      });
    });
  }

  // After the page the server answered (the review screen, or the form with its error) is in place.
  function afterSwap() {
    init();
    var heading = document.querySelector('#main h1');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  }

  // ---- the review screen ----
  var KIND_LABELS = {
    unattached: '未归属的文字', stitched: '已拼接转版文字', attached: '已归入专题的续文',
    duplicate: '删去的重复段落', continued_from: '上接其他版', unreadable: '无法识别的字符'
  };
  var ROLE = /^(本报记者|本报通讯员|特约记者|实习记者|新华社记者|[\u4e00-\u9fa5]{0,4}记者|[\u4e00-\u9fa5]{0,4}通讯员|实习生)(.*)$/;
  var LABEL = /^(本版撰文|本版撰稿|本版文字|本版图文|本版采写|本版摄影|撰文|撰稿|文字|图文|采写|摄影)[：:\s\u3000]*/;

  /** "caption  本报记者 王磊 摄" or "caption 市中心医院供图" into the photo shape; the text is never lost. */
  function parseCaption(text) {
    var t = text.trim();
    var photo = { caption: t, credit: '', credit_role: null, credit_kind: '摄' };
    var m = /^(.*?)[\s\u3000]+([^\s\u3000]+?)[\s\u3000]*供图$/.exec(t);
    if (m) { photo.caption = m[1].trim(); photo.credit = m[2]; photo.credit_kind = '供图'; return photo; }
    m = /^(.*?)[\s\u3000]+((?:[^\s\u3000]+[\s\u3000]+)?[^\s\u3000]+?)[\s\u3000]*摄影?$/.exec(t);
    if (!m) { return photo; }
    var words = m[2].split(/[\s\u3000]+/);
    var name = words.pop();
    var role = null;
    if (words.length && ROLE.test(words[words.length - 1])) { role = words.pop(); }
    else if (ROLE.test(name) && ROLE.exec(name)[2]) { role = ROLE.exec(name)[1]; name = ROLE.exec(name)[2]; }
    photo.caption = (m[1] + (words.length ? ' ' + words.join(' ') : '')).trim();
    photo.credit = name;
    photo.credit_role = role;
    return photo;
  }

  /** A byline block's text into label and roles; names go with the role before them. */
  function parseByline(text, byline) {
    var t = text.trim();
    var m = LABEL.exec(t);
    byline = byline || { label: m ? m[1] : '本版撰文', roles: [], raw: '' };
    if (m) { t = t.substring(m[0].length); }
    byline.raw = byline.raw ? byline.raw + '\n' + text : text;
    var current = null;
    t.split(/[\s\u3000、，,；;]+/).forEach(function (word) {
      if (!word) { return; }
      var r = ROLE.exec(word);
      if (r) {
        current = byline.roles.filter(function (x) { return x.role === r[1]; })[0];
        if (!current) { current = { role: r[1], names: [] }; byline.roles.push(current); }
        if (r[2]) { current.names.push(r[2]); }
      } else {
        if (!current) { current = { role: '本报记者', names: [] }; byline.roles.push(current); }
        current.names.push(word);
      }
    });
    return byline;
  }

  function initReview(form) {
    var hidden = form.querySelector('input[name="Proposal"]');
    var root = document.getElementById('import-proposal');
    var announce = document.getElementById('import-announce');
    var confirmRow = document.getElementById('confirm-unattached-row');
    var confirmBox = document.getElementById('ConfirmUnattached');
    var confirmCount = document.getElementById('unattached-count');
    var summary = document.getElementById('import-summary');
    var createButton = document.getElementById('import-create');
    var model;
    var units;
    try {
      model = JSON.parse(hidden.value);
      units = JSON.parse(form.getAttribute('data-units') || '[]');
    } catch (e) { return; }
    ['articles', 'photos', 'warnings'].forEach(function (k) { if (!Array.isArray(model[k])) { model[k] = []; } });
    var summaryPrefix = '将在 ' + summary.getAttribute('data-target');
    var sourceLines = {};
    try { sourceLines = JSON.parse(form.getAttribute('data-lines') || '{}'); } catch (e) { sourceLines = {}; }

    function exactUnit(kicker) {
      if (!kicker) { return null; }
      return units.filter(function (u) { return u.name === kicker || u.shortName === kicker; })[0] || null;
    }
    function defaultChoice(kicker) { var u = exactUnit(kicker); return u ? String(u.id) : ''; }
    // One unit choice per article, moved along with its article. Choices the server echoes back
    // (after an error) win over the automatic match.
    var posted = [];
    try { posted = JSON.parse(form.getAttribute('data-choices') || '[]'); } catch (e) { posted = []; }
    // Which existing story (if any) each article is instead of a new draft, moved along with its article too.
    var existing = [];
    try { existing = JSON.parse(form.getAttribute('data-existing') || '[]'); } catch (e) { existing = []; }
    var postedLinks = [];
    try { postedLinks = JSON.parse(form.getAttribute('data-links') || '[]'); } catch (e) { postedLinks = []; }
    var links = model.articles.map(function (a, i) { return postedLinks.length === model.articles.length ? postedLinks[i] : ''; });
    var choices = model.articles.map(function (a, i) {
      var auto = defaultChoice(a.kicker);
      var value = posted.length === model.articles.length ? posted[i] : auto;
      return { value: value, manual: value !== auto };
    });

    function say(message) { announce.textContent = ''; window.setTimeout(function () { announce.textContent = message; }, 50); }
    function title(i) { return '第 ' + (i + 1) + ' 篇《' + short(model.articles[i].title || '未填标题', 16) + '》'; }
    function paragraphCount(a) { return a.sections.reduce(function (n, s) { return n + s.paragraphs.length; }, 0); }
    function lastSection(a) {
      if (!a.sections.length) { a.sections.push({ heading: null, paragraphs: [] }); }
      return a.sections[a.sections.length - 1];
    }
    function unattached(text, article) { model.warnings.push({ kind: 'unattached', text: text, article: article || null }); }
    function makesFeature() {
      var a = model.articles;
      return a.length > 1 && (!!a[0].subtitle || a[0].sections.length > 1);
    }

    function save() {
      hidden.value = JSON.stringify(model);
      var left = model.warnings.filter(function (w) { return w.kind === 'unattached'; }).length;
      confirmRow.hidden = left === 0;
      confirmBox.required = left > 0;
      if (left === 0) { confirmBox.checked = false; }
      confirmCount.textContent = String(left);
      summary.textContent = summaryPrefix + ' 创建 ' + model.articles.length + ' 篇草稿' +
        (makesFeature() ? '，并以第 1 篇为主稿创建 1 个专题草稿' : '') + '。草稿不会公开，审核、发布仍走常规流程。';
    }

    // ---- operations ----
    function takeParagraph(i, s, p) {
      var text = model.articles[i].sections[s].paragraphs.splice(p, 1)[0];
      var a = model.articles[i];
      // A section left with neither heading nor paragraphs disappears.
      if (!a.sections[s].paragraphs.length && !a.sections[s].heading) { a.sections.splice(s, 1); }
      return text;
    }
    function moveParagraph(i, s, p, j) {
      lastSection(model.articles[j]).paragraphs.push(takeParagraph(i, s, p));
      return ['story-h-' + j, '已把这一段移到' + title(j) + '的末尾。'];
    }
    function splitStory(i, s, p) {
      var a = model.articles[i];
      var section = a.sections[s];
      var moved = { heading: null, paragraphs: section.paragraphs.splice(p) };
      var newTitle = '';
      if (p === 0 && section.heading) {
        // Split at a subhead: the subhead is most likely the new story's headline.
        newTitle = section.heading;
      } else if (p === 0) {
        moved.heading = section.heading;
      }
      var rest = a.sections.splice(s + 1);
      if (!section.paragraphs.length && (p === 0)) { a.sections.splice(s, 1); }
      var story = { kicker: null, title: newTitle, subtitle: null, dateline: null, credit: null, continues_on: null, sections: [moved].concat(rest) };
      model.articles.splice(i + 1, 0, story);
      choices.splice(i + 1, 0, { value: '', manual: false });
      links.splice(i + 1, 0, '');
      return ['title-' + (i + 1), '已从这一段起拆出第 ' + (i + 2) + ' 篇稿件，请填写标题。'];
    }
    function mergeStory(i, j) {
      var src = model.articles[i];
      var target = model.articles[j];
      var sections = src.sections.slice();
      if (sections.length && !sections[0].heading) { sections[0] = { heading: src.title, paragraphs: sections[0].paragraphs }; }
      else { sections.unshift({ heading: src.title, paragraphs: [] }); }
      target.sections = target.sections.concat(sections);
      // Its blocks on the page image go with it.
      if (src.regions && src.regions.length) { target.regions = (target.regions || []).concat(src.regions); }
      // Nothing of the merged story is dropped: what has no place in the target waits as a warning.
      if (src.kicker) { unattached(src.kicker, target.title); }
      if (src.subtitle) { unattached('——' + src.subtitle, target.title); }
      if (src.dateline || src.credit) { unattached((src.dateline || '') + (src.credit ? '（' + src.credit + '）' : ''), target.title); }
      model.articles.splice(i, 1);
      choices.splice(i, 1);
      links.splice(i, 1);
      var at = j > i ? j - 1 : j;
      return ['story-h-' + at, '已把第 ' + (i + 1) + ' 篇并入' + title(at) + '，原标题成为小标题。'];
    }
    function toCaption(text) {
      var photo = parseCaption(text);
      model.photos.push(photo);
      return ['photos-heading', '已设为图片说明：' + short(photo.caption, 20) + (photo.credit ? '（' + photo.credit + ' ' + photo.credit_kind + '）' : '')];
    }
    function toByline(text) {
      model.byline = parseByline(text, model.byline);
      return ['byline-heading', '已设为本版署名。'];
    }

    function paragraphAction(i, s, p, value) {
      if (value.indexOf('move:') === 0) { return moveParagraph(i, s, p, Number(value.substring(5))); }
      if (value === 'split') { return splitStory(i, s, p); }
      var text = takeParagraph(i, s, p);
      if (value === 'caption') { return toCaption(text); }
      if (value === 'byline') { return toByline(text); }
      unattached(text, null);
      return ['warnings-heading', '已把这一段移出稿件，放回“需要您处理”。'];
    }
    function warningAction(k, value) {
      var text = model.warnings.splice(k, 1)[0].text;
      if (value.indexOf('add:') === 0) {
        var j = Number(value.substring(4));
        lastSection(model.articles[j]).paragraphs.push(text);
        return ['story-h-' + j, '已把这段文字加入' + title(j) + '的末尾。'];
      }
      if (value === 'caption') { return toCaption(text); }
      if (value === 'byline') { return toByline(text); }
      return ['warnings-heading', '已舍弃这段文字。'];
    }

    // ---- rendering ----
    // "原文第 12–14 行": where a text was printed; it follows the text wherever it is moved.
    function sourceLink(text) {
      var lines = sourceLines[text.length + ':' + text.substring(0, 24)];
      if (!lines || !lines.length) { return null; }
      var first = Math.min.apply(null, lines);
      var last = Math.max.apply(null, lines);
      return el('p', { 'class': 'meta import-para-source' }, [
        el('a', { href: '#src-line-' + first, 'class': 'import-source-link', 'data-lines': lines.join(','),
          text: first === last ? '原文第 ' + first + ' 行' : '原文第 ' + first + '–' + last + ' 行' })
      ]);
    }
    function showSource(link) {
      document.querySelectorAll('.import-lines li.is-hit').forEach(function (li) { li.classList.remove('is-hit'); });
      var hits = link.getAttribute('data-lines').split(',').map(function (n) { return document.getElementById('src-line-' + n); }).filter(Boolean);
      hits.forEach(function (li) { li.classList.add('is-hit'); });
      if (hits.length) {
        hits[0].setAttribute('tabindex', '-1');
        hits[0].scrollIntoView({ block: 'center' });
        hits[0].focus({ preventScroll: true });
      }
    }
    function field(id, label, input) {
      return el('p', { 'class': 'field' }, [el('label', { 'for': id, text: label }), input]);
    }
    function textInput(id, value, path, attrs) {
      var input = el('input', Object.assign({ id: id, value: value || '', 'data-path': path }, attrs || {}));
      return input;
    }
    function actionBox(id, label, options, act) {
      var select = el('select', { id: id }, [option('', '选择操作…')].concat(options));
      return el('div', { 'class': 'import-tools' }, [
        el('label', { 'for': id, 'class': 'visually-hidden', text: label }), select,
        el('button', { type: 'button', 'class': 'button button-small button-secondary', 'data-act': act, 'data-select': id, text: '执行' })
      ]);
    }
    function storyOptions(except, prefix, verb) {
      var group = el('optgroup', { label: verb });
      model.articles.forEach(function (a, j) {
        if (j !== except) { group.appendChild(option(prefix + j, verb + title(j))); }
      });
      return model.articles.length > (except === null ? 0 : 1) ? [group] : [];
    }
    function fillUnits(select, kicker, value) {
      select.textContent = '';
      select.appendChild(option('', '不关联单位', value === ''));
      if (kicker) { select.appendChild(option('new', '新建单位“' + kicker + '”', value === 'new')); }
      var exact = exactUnit(kicker);
      if (exact) { select.appendChild(option(String(exact.id), exact.name + '（与引题相同）', value === String(exact.id))); }
      var likely = kicker ? units.filter(function (u) { return u !== exact && (u.name.indexOf(kicker) >= 0 || kicker.indexOf(u.shortName) >= 0); }) : [];
      if (likely.length) {
        var near = el('optgroup', { label: '名称相近' });
        likely.forEach(function (u) { near.appendChild(option(String(u.id), u.name, value === String(u.id))); });
        select.appendChild(near);
      }
      var all = el('optgroup', { label: '全部单位' });
      units.forEach(function (u) {
        if (u !== exact && likely.indexOf(u) < 0) { all.appendChild(option(String(u.id), u.name, value === String(u.id))); }
      });
      select.appendChild(all);
      if (select.value !== value) { select.value = value; }
    }

    function renderWarnings() {
      if (!model.warnings.length) {
        return el('section', { 'class': 'panel import-warnings import-warnings-done', 'aria-labelledby': 'warnings-heading' }, [
          el('h2', { id: 'warnings-heading', tabindex: '-1', text: '需要您处理（0）' }),
          el('p', { 'class': 'hint', text: '所有文字都已归入稿件、图片说明或署名。' })
        ]);
      }
      var list = el('ul', { 'class': 'import-warning-list' });
      model.warnings.forEach(function (w, k) {
        var item = el('li', { 'class': 'import-warning import-warning-' + w.kind }, [
          el('strong', { text: KIND_LABELS[w.kind] || w.kind }),
          w.article ? el('span', { 'class': 'meta', text: '（《' + w.article + '》）' }) : null,
          el('p', { 'class': 'pre', text: w.text }),
          sourceLink(w.text)
        ]);
        var options = storyOptions(null, 'add:', '加入');
        options.push(option('caption', '设为图片说明'), option('byline', '设为本版署名'), option('dismiss', w.kind === 'unattached' || w.kind === 'duplicate' ? '舍弃这段文字' : '知道了，移除提示'));
        item.appendChild(actionBox('warn-op-' + k, '处理这条提示', options, 'warning'));
        list.appendChild(item);
      });
      return el('section', { 'class': 'panel import-warnings', 'aria-labelledby': 'warnings-heading' }, [
        el('h2', { id: 'warnings-heading', tabindex: '-1', text: '需要您处理（' + model.warnings.length + '）' }),
        el('p', { 'class': 'hint', text: '未归属的文字没有放进任何稿件。请把它加入稿件、设为图片说明或署名，或确认后舍弃。' }),
        list
      ]);
    }

    function renderStory(a, i) {
      var unit = el('select', { id: 'unit-' + i, name: 'UnitChoice', 'data-index': String(i) });
      fillUnits(unit, a.kicker, choices[i].value);
      var link = null;
      if (existing.length) {
        link = el('select', { id: 'link-' + i, name: 'LinkTo', 'data-index': String(i) }, [option('', '创建为新草稿', links[i] === '')]
          .concat(existing.map(function (s) {
            var id = String(s.id);
            return option(id, '关联已有稿件：《' + s.title + '》（' + s.status + (s.title === a.title ? '，标题相同' : '') + '）', links[i] === id);
          })));
      }
      var body = [];
      a.sections.forEach(function (section, s) {
        if (section.heading !== null && section.heading !== undefined) {
          body.push(field('heading-' + i + '-' + s, '小标题', textInput('heading-' + i + '-' + s, section.heading, i + '.h.' + s, { 'class': 'import-heading-input' })));
        }
        section.paragraphs.forEach(function (text, p) {
          var options = storyOptions(i, 'move:', '移到');
          if (s > 0 || p > 0) { options.push(option('split', '从本段起拆成新稿件')); }
          options.push(option('caption', '设为图片说明'), option('byline', '设为本版署名'), option('unattach', '移出稿件（放回待处理）'));
          body.push(el('div', { 'class': 'import-para', 'data-i': String(i), 'data-s': String(s), 'data-p': String(p) }, [
            el('p', { 'class': 'import-para-text', text: text }),
            sourceLink(text),
            actionBox('op-' + i + '-' + s + '-' + p, '对这一段的操作', options, 'paragraph')
          ]));
        });
      });
      if (!paragraphCount(a)) {
        body.push(el('p', { 'class': 'field-error', text: '这篇稿件没有正文：请把段落移进来，或把它并入其他稿件。' }));
      }
      var tools = [];
      if (model.articles.length > 1) {
        tools.push(actionBox('merge-' + i, '把这篇并入另一篇', storyOptions(i, 'merge:', '并入'), 'story'));
      }
      var meta = '第 ' + (i + 1) + ' 篇' + (i === 0 && makesFeature() ? '（专题主稿）' : '') + (a.continues_on ? ' · 转' + a.continues_on : '');
      return el('article', { 'class': 'panel import-story', 'aria-labelledby': 'story-h-' + i }, [
        el('h3', { id: 'story-h-' + i, tabindex: '-1', text: a.title || '（请填写标题）' }),
        el('p', { 'class': 'meta', text: meta }),
        el('div', { 'class': 'field-row' }, [
          field('kicker-' + i, '引题', textInput('kicker-' + i, a.kicker, i + '.kicker')),
          field('title-' + i, '标题（必填）', textInput('title-' + i, a.title, i + '.title', { required: true, maxlength: '200', 'class': 'import-title-input' })),
          field('subtitle-' + i, '副题', textInput('subtitle-' + i, a.subtitle, i + '.subtitle'))
        ]),
        el('div', { 'class': 'field-row' }, [
          field('dateline-' + i, '电头', textInput('dateline-' + i, a.dateline, i + '.dateline')),
          field('credit-' + i, '电头署名', textInput('credit-' + i, a.credit, i + '.credit')),
          field('unit-' + i, '关联单位', unit)
        ])
      ].concat(link ? [el('div', { 'class': 'field-row' }, [field('link-' + i, '稿件来源', link)])] : []).concat(tools).concat(body));
    }

    function renderPhotos() {
      if (!model.photos.length) { return null; }
      var list = el('ul', { 'class': 'import-photo-list' });
      model.photos.forEach(function (ph, k) {
        list.appendChild(el('li', {}, [
          el('span', { text: ph.caption + ' ' }),
          el('span', { 'class': 'meta', text: (ph.credit_role ? ph.credit_role + ' ' : '') + ph.credit + ' ' + ph.credit_kind + ' ' }),
          el('button', { type: 'button', 'class': 'link-button', 'data-act': 'photo', 'data-k': String(k), text: '改回待处理文字' })
        ]));
      });
      return el('section', { 'class': 'panel', 'aria-labelledby': 'photos-heading' }, [
        el('h2', { id: 'photos-heading', tabindex: '-1', text: '图片说明（' + model.photos.length + '）' }),
        el('p', { 'class': 'hint', text: '图片说明不进稿件正文。创建后请在图片库上传图片并填写这些说明。' }),
        list
      ]);
    }

    function renderByline() {
      var b = model.byline;
      if (!b) { return null; }
      return el('section', { 'class': 'panel', 'aria-labelledby': 'byline-heading' }, [
        el('h2', { id: 'byline-heading', tabindex: '-1', text: '本版署名' }),
        el('p', {}, [el('strong', { text: b.label })]),
        el('ul', { 'class': 'import-byline' }, (b.roles || []).map(function (r) { return el('li', { text: r.role + '：' + r.names.join('、') }); })),
        el('button', { type: 'button', 'class': 'link-button', 'data-act': 'byline', text: '改回待处理文字' })
      ]);
    }

    // ---- the page image's regions (上传版面) ----
    // Every story's regions are drawn over the page image and can be moved (drag, or the arrow keys),
    // resized (the corner handle, or Shift with the arrow keys), given to another story, deleted, or drawn
    // anew for a story. Each change rewrites the proposal like any other edit; without this script the
    // regions are created as the importer read them.
    function initRegionEditor() {
      var panel = document.getElementById('import-page');
      var svg = panel && panel.querySelector('svg.import-regions');
      if (!svg) { return null; }
      var NS = 'http://www.w3.org/2000/svg';
      var view = svg.viewBox.baseVal;
      var tools = document.getElementById('region-tools');
      var label = document.getElementById('region-selected');
      var target = document.getElementById('region-story');
      var selected = null; // { i, j }
      var drawingFor = null;
      var drag = null;

      function regionOf(sel) { return sel && model.articles[sel.i] && (model.articles[sel.i].regions || [])[sel.j]; }
      function point(ev) {
        var m = svg.getScreenCTM();
        if (!m) { return { x: 0, y: 0 }; }
        var p = svg.createSVGPoint();
        p.x = ev.clientX; p.y = ev.clientY;
        var q = p.matrixTransform(m.inverse());
        return { x: Math.max(0, Math.min(view.width, q.x)), y: Math.max(0, Math.min(view.height, q.y)) };
      }
      function round(v) { return Math.round(v * 10) / 10; }
      function node(tag, attrs) {
        var n = document.createElementNS(NS, tag);
        Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
        return n;
      }
      function fillTargets() {
        target.textContent = '';
        model.articles.forEach(function (a, i) { target.appendChild(el('option', { value: String(i), text: title(i) })); });
        if (selected) { target.value = String(selected.i); }
      }
      function draw() {
        svg.textContent = '';
        model.articles.forEach(function (a, i) {
          (a.regions || []).forEach(function (r, j) {
            var on = selected && selected.i === i && selected.j === j;
            var g = node('g', { 'class': 'import-region' + (on ? ' is-selected' : ''), 'data-i': i, 'data-j': j });
            g.appendChild(node('rect', { x: r[0], y: r[1], width: r[2], height: r[3], 'data-part': 'body' }));
            var t = node('text', { x: r[0] + 8, y: r[1] + 28 });
            t.textContent = String(i + 1);
            g.appendChild(t);
            if (on) {
              g.appendChild(node('rect', { 'class': 'import-region-handle', x: r[0] + r[2] - 14, y: r[1] + r[3] - 14, width: 28, height: 28, 'data-part': 'corner' }));
            }
            svg.appendChild(g);
          });
        });
        fillTargets();
        tools.hidden = false;
        label.textContent = selected && regionOf(selected) ? '已选中' + title(selected.i) + '的第 ' + (selected.j + 1) + ' 个区域' : '点选版面图上的区域，或选择稿件后画新区域。';
        panel.querySelectorAll('[data-needs-selection]').forEach(function (b) { b.disabled = !regionOf(selected); });
        panel.classList.toggle('is-editing', !!regionOf(selected));
      }
      function changed(message) { save(); draw(); if (message) { say(message); } }

      svg.addEventListener('pointerdown', function (ev) {
        var p = point(ev);
        if (drawingFor !== null) {
          drag = { mode: 'draw', start: p, i: drawingFor };
          var a = model.articles[drawingFor];
          a.regions = a.regions || [];
          a.regions.push([round(p.x), round(p.y), 1, 1]);
          selected = { i: drawingFor, j: a.regions.length - 1 };
        } else {
          var g = ev.target.closest('g.import-region');
          if (!g) { selected = null; draw(); return; }
          selected = { i: Number(g.getAttribute('data-i')), j: Number(g.getAttribute('data-j')) };
          var r = regionOf(selected);
          drag = { mode: ev.target.getAttribute('data-part') === 'corner' ? 'resize' : 'move', start: p, from: r.slice() };
        }
        svg.setPointerCapture(ev.pointerId);
        ev.preventDefault();
        draw();
      });
      svg.addEventListener('pointermove', function (ev) {
        if (!drag) { return; }
        var p = point(ev);
        var r = regionOf(selected);
        if (drag.mode === 'move') {
          r[0] = round(Math.max(0, Math.min(view.width - drag.from[2], drag.from[0] + p.x - drag.start.x)));
          r[1] = round(Math.max(0, Math.min(view.height - drag.from[3], drag.from[1] + p.y - drag.start.y)));
        } else if (drag.mode === 'resize') {
          r[2] = round(Math.max(10, p.x - drag.from[0]));
          r[3] = round(Math.max(10, p.y - drag.from[1]));
        } else {
          r[0] = round(Math.min(p.x, drag.start.x)); r[1] = round(Math.min(p.y, drag.start.y));
          r[2] = round(Math.max(1, Math.abs(p.x - drag.start.x))); r[3] = round(Math.max(1, Math.abs(p.y - drag.start.y)));
        }
        draw();
      });
      function finish() {
        if (!drag) { return; }
        var mode = drag.mode;
        drag = null;
        var r = regionOf(selected);
        if (mode === 'draw') {
          drawingFor = null;
          panel.classList.remove('is-drawing');
          if (r && (r[2] < 10 || r[3] < 10)) {
            model.articles[selected.i].regions.splice(selected.j, 1);
            selected = null;
            changed('区域太小，没有添加。');
            return;
          }
          changed('已为' + title(selected.i) + '画出新区域。');
          return;
        }
        changed(mode === 'resize' ? '已调整区域大小。' : '已移动区域。');
      }
      svg.addEventListener('pointerup', finish);
      svg.addEventListener('pointercancel', finish);

      panel.addEventListener('keydown', function (ev) {
        var r = regionOf(selected);
        if (!r || ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].indexOf(ev.key) < 0 || ev.target.closest('select, input')) { return; }
        var dx = ev.key === 'ArrowLeft' ? -4 : ev.key === 'ArrowRight' ? 4 : 0;
        var dy = ev.key === 'ArrowUp' ? -4 : ev.key === 'ArrowDown' ? 4 : 0;
        if (ev.shiftKey) { r[2] = Math.max(10, r[2] + dx); r[3] = Math.max(10, r[3] + dy); }
        else { r[0] = Math.max(0, Math.min(view.width - r[2], r[0] + dx)); r[1] = Math.max(0, Math.min(view.height - r[3], r[1] + dy)); }
        ev.preventDefault();
        save();
        draw();
      });
      panel.addEventListener('click', function (ev) {
        var b = ev.target.closest('button[data-region]');
        if (!b) { return; }
        var act = b.getAttribute('data-region');
        var to = Number(target.value);
        if (act === 'move-to' && regionOf(selected)) {
          var moved = model.articles[selected.i].regions.splice(selected.j, 1)[0];
          var dest = model.articles[to];
          dest.regions = dest.regions || [];
          dest.regions.push(moved);
          selected = { i: to, j: dest.regions.length - 1 };
          changed('已把区域归入' + title(to) + '。');
        } else if (act === 'delete' && regionOf(selected)) {
          model.articles[selected.i].regions.splice(selected.j, 1);
          selected = null;
          changed('已删除区域。');
        } else if (act === 'draw') {
          drawingFor = to;
          panel.classList.add('is-drawing');
          say('请在版面图上按住并拖出' + title(to) + '的新区域。');
        } else if (act === 'next') {
          var all = [];
          model.articles.forEach(function (a, i) { (a.regions || []).forEach(function (r, j) { all.push({ i: i, j: j }); }); });
          if (!all.length) { return; }
          var k = selected ? all.findIndex(function (s) { return s.i === selected.i && s.j === selected.j; }) : -1;
          selected = all[(k + 1) % all.length];
          draw();
          say(label.textContent + '。方向键移动，Shift 加方向键调整大小。');
        }
      });
      draw();
      return { draw: draw };
    }

    function render(focusId) {
      root.textContent = '';
      root.appendChild(renderWarnings());
      root.appendChild(el('section', { 'aria-labelledby': 'stories-heading' }, [
        el('h2', { id: 'stories-heading', text: '拟建稿件（' + model.articles.length + ' 篇）' })
      ].concat(model.articles.map(renderStory))));
      var photos = renderPhotos();
      if (photos) { root.appendChild(photos); }
      var byline = renderByline();
      if (byline) { root.appendChild(byline); }
      save();
      if (regionEditor) { regionEditor.draw(); }
      var target = focusId && document.getElementById(focusId);
      if (target) { target.focus(); }
    }

    // ---- events ----
    root.addEventListener('click', function (e) {
      var link = e.target.closest('a.import-source-link');
      if (link) { e.preventDefault(); showSource(link); return; }
      var button = e.target.closest('button[data-act]');
      if (!button) { return; }
      var act = button.getAttribute('data-act');
      var result = null;
      if (act === 'photo') {
        var ph = model.photos.splice(Number(button.getAttribute('data-k')), 1)[0];
        unattached([ph.caption, ph.credit_role, ph.credit, ph.credit_kind].filter(Boolean).join(' '), null);
        result = ['warnings-heading', '已把图片说明改回待处理文字。'];
      } else if (act === 'byline') {
        unattached(model.byline.raw || model.byline.label, null);
        model.byline = null;
        result = ['warnings-heading', '已把本版署名改回待处理文字。'];
      } else {
        var select = document.getElementById(button.getAttribute('data-select'));
        var value = select.value;
        if (!value) { select.focus(); say('请先选择要做的操作。'); return; }
        if (act === 'paragraph') {
          var box = button.closest('.import-para');
          result = paragraphAction(Number(box.getAttribute('data-i')), Number(box.getAttribute('data-s')), Number(box.getAttribute('data-p')), value);
        } else if (act === 'warning') {
          result = warningAction(Number(select.id.substring('warn-op-'.length)), value);
        } else if (act === 'story') {
          result = mergeStory(Number(select.id.substring('merge-'.length)), Number(value.substring('merge:'.length)));
        }
      }
      if (result) { render(result[0]); say(result[1]); }
    });
    root.addEventListener('input', function (e) {
      var path = e.target.getAttribute('data-path');
      if (!path) { return; }
      var parts = path.split('.');
      var a = model.articles[Number(parts[0])];
      var value = e.target.value.trim() ? e.target.value : null;
      if (parts[1] === 'h') { a.sections[Number(parts[2])].heading = value; }
      else { a[parts[1]] = value; }
      if (parts[1] === 'title') {
        document.getElementById('story-h-' + parts[0]).textContent = value || '（请填写标题）';
      }
      if (parts[1] === 'kicker') {
        var i = Number(parts[0]);
        if (!choices[i].manual) { choices[i].value = defaultChoice(value); }
        if (choices[i].value === 'new' && !value) { choices[i].value = ''; }
        fillUnits(document.getElementById('unit-' + i), value, choices[i].value);
      }
      save();
    });
    root.addEventListener('change', function (e) {
      if (e.target.name === 'LinkTo') { links[Number(e.target.getAttribute('data-index'))] = e.target.value; return; }
      if (e.target.name !== 'UnitChoice') { return; }
      var i = Number(e.target.getAttribute('data-index'));
      choices[i] = { value: e.target.value, manual: true };
    });
    form.addEventListener('submit', function (e) {
      var empty = model.articles.map(paragraphCount).indexOf(0);
      if (empty >= 0) {
        e.preventDefault();
        document.getElementById('story-h-' + empty).focus();
        say('第 ' + (empty + 1) + ' 篇稿件没有正文，请先处理。');
        return;
      }
      save();
      // Disabled after the submission has started, so that a second click sends nothing; the
      // server's one-time batch key covers what gets through anyway.
      window.setTimeout(function () { createButton.disabled = true; createButton.textContent = '正在创建…'; }, 0);
    });

    var regionEditor = null;
    render(null);
    regionEditor = initRegionEditor();
  }

  function init() {
    var upload = document.getElementById('import-form');
    if (upload) { initUpload(upload); }
    var review = document.getElementById('import-review');
    if (review) { initReview(review); }
  }
  init();
})();

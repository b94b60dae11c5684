// The rich story editor (docs/decisions/ADR-0017-rich-editor.md): a WYSIWYG view (Tiptap) beside the
// Markdown textarea, which stays the form field. The WYSIWYG view is filled with the HTML of the
// site's own renderer and written back to Markdown by the serializer below, which knows only the
// house conventions. Pasted HTML (Word, WPS, WeChat, web pages) is cleaned in both modes; pictures
// dropped, pasted or taken with the camera go to the media library and onto the story's photo list.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  var body = document.getElementById('Body');
  var host = document.getElementById('rich-body');
  if (!form || !body || !host || !window.CnTiptap) { return; }
  var T = window.CnTiptap;
  var modes = document.getElementById('editor-modes');
  var tabRich = document.getElementById('mode-rich');
  var tabMarkdown = document.getElementById('mode-markdown');
  var hint = document.getElementById('markdown-hint');
  var wordCount = document.getElementById('word-count');
  var mediaStatus = document.getElementById('media-status');
  var uploads = document.getElementById('editor-uploads');
  var failedBox = document.getElementById('failed-images');
  var failedList = document.getElementById('failed-images-list');
  var photoInput = document.getElementById('PhotoIds');
  var fileInput = document.getElementById('body-photo-file');
  var previewUrl = form.getAttribute('data-preview-url');
  var uploadUrl = form.getAttribute('data-upload-url');
  var importUrl = form.getAttribute('data-import-url');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var modeKey = 'cn-editor-mode';
  var maxBytes = 10 * 1024 * 1024;
  var mode = 'markdown';
  var editable = !body.disabled && !body.closest('fieldset[disabled]');

  // ---- Markdown out of the editor's document (ProseMirror JSON) -------------------------------

  var markOrder = ['link', 'bold', 'italic', 'strike', 'code'];
  function markKey(m) { return m.type === 'link' ? 'link ' + m.attrs.href : m.type; }
  function escapeText(text, inTable) {
    var s = text.replace(/[\\`*_[\]]/g, '\\$&').replace(/~~/g, '\\~\\~');
    return inTable ? s.replace(/\|/g, '\\|') : s;
  }
  function linkTarget(href) {
    return String(href || '').replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
  }
  function opening(m) { return { bold: '**', italic: '*', strike: '~~', code: '`', link: '[' }[m.type]; }
  function closing(m) { return m.type === 'link' ? '](' + linkTarget(m.attrs.href) + ')' : opening(m); }

  // Leading full-width indents (　　), spaces and line breaks, and trailing ones, are never part of a paragraph.
  function trimmedInline(nodes) {
    var list = (nodes || []).map(function (n) { return n.type === 'text' ? { type: 'text', text: n.text, marks: n.marks } : n; });
    while (list.length && (list[0].type === 'hardBreak' || (list[0].type === 'text' && !list[0].text.replace(/^[\s\u3000\u00a0]+/, '')))) { list.shift(); }
    if (list.length && list[0].type === 'text') { list[0].text = list[0].text.replace(/^[\s\u3000\u00a0]+/, ''); }
    while (list.length && (list[list.length - 1].type === 'hardBreak' || (list[list.length - 1].type === 'text' && !list[list.length - 1].text.replace(/[\s\u3000\u00a0]+$/, '')))) { list.pop(); }
    if (list.length && list[list.length - 1].type === 'text') { list[list.length - 1].text = list[list.length - 1].text.replace(/[\s\u3000\u00a0]+$/, ''); }
    return list;
  }

  function inline(nodes, inTable) {
    var out = '';
    var open = [];
    trimmedInline(nodes).forEach(function (n) {
      var marks = (n.marks || []).filter(function (m) { return markOrder.indexOf(m.type) >= 0; })
        .sort(function (a, b) { return markOrder.indexOf(a.type) - markOrder.indexOf(b.type); });
      var keep = 0;
      while (keep < open.length && keep < marks.length && markKey(open[keep]) === markKey(marks[keep])) { keep++; }
      for (var i = open.length - 1; i >= keep; i--) { out += closing(open[i]); }
      open = open.slice(0, keep);
      for (var j = keep; j < marks.length; j++) { out += opening(marks[j]); open.push(marks[j]); }
      var code = open.some(function (m) { return m.type === 'code'; });
      if (n.type === 'text') { out += code ? n.text.replace(/`/g, '\u02cb') : escapeText(n.text, inTable); }
      else if (n.type === 'hardBreak') { out += inTable ? ' ' : '\\\n'; }
    });
    for (var k = open.length - 1; k >= 0; k--) { out += closing(open[k]); }
    return out;
  }

  // A line that would otherwise start a heading, quote, list or rule stays a paragraph's text.
  function escapeLineStarts(text) {
    return text.split('\n').map(function (line) {
      return line.replace(/^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|={2,}|-{2,}(?=\s*$))/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
    }).join('\n');
  }

  function indentLines(text, first, rest) {
    return text.split('\n').map(function (line, i) { return i === 0 ? first + line : (line ? rest + line : line); }).join('\n');
  }

  function table(node) {
    var rows = (node.content || []).map(function (row) {
      return (row.content || []).map(function (cell) {
        return (cell.content || []).map(function (p) { return inline(p.content, true); }).filter(Boolean).join(' ');
      });
    });
    if (!rows.length) { return null; }
    var width = Math.max.apply(null, rows.map(function (r) { return r.length; }));
    if (!width) { return null; }
    var line = function (cells) {
      var padded = cells.slice();
      while (padded.length < width) { padded.push(''); }
      return '| ' + padded.join(' | ') + ' |';
    };
    var lines = [line(rows[0]), line(new Array(width).fill('---'))];
    rows.slice(1).forEach(function (r) { lines.push(line(r)); });
    return lines.join('\n');
  }

  function block(node) {
    switch (node.type) {
      case 'paragraph': {
        var text = inline(node.content);
        return text ? escapeLineStarts(text) : null;
      }
      case 'heading': {
        var level = Math.min(4, Math.max(2, node.attrs && node.attrs.level || 2));
        var title = inline(node.content).replace(/\\\n/g, ' ');
        return title ? new Array(level + 1).join('#') + ' ' + title : null;
      }
      case 'blockquote': {
        var quoted = blocks(node.content);
        return quoted ? quoted.split('\n').map(function (l) { return l ? '> ' + l : '>'; }).join('\n') : null;
      }
      case 'bulletList':
      case 'orderedList': {
        var start = node.type === 'orderedList' ? (node.attrs && node.attrs.start) || 1 : 0;
        var items = (node.content || []).map(function (item, i) {
          var inner = blocks(item.content);
          if (!inner) { return null; }
          var marker = node.type === 'orderedList' ? (start + i) + '. ' : '- ';
          return indentLines(inner, marker, new Array(marker.length + 1).join(' '));
        }).filter(Boolean);
        return items.length ? items.join('\n') : null;
      }
      case 'codeBlock': {
        var code = (node.content || []).map(function (t) { return t.text || ''; }).join('');
        return code ? '```\n' + code.replace(/```/g, '``\u02cb') + '\n```' : null;
      }
      case 'horizontalRule': return '***';
      case 'table': return table(node);
      default: return node.content ? blocks(node.content) : null;
    }
  }

  function blocks(nodes) {
    return (nodes || []).map(block).filter(function (b) { return b; }).join('\n\n');
  }

  function toMarkdown(doc) { return blocks(doc.content); }

  // ---- Cleaning pasted HTML -------------------------------------------------------------------

  function replaceTag(el, name) {
    var next = el.ownerDocument.createElement(name);
    while (el.firstChild) { next.appendChild(el.firstChild); }
    el.parentNode.replaceChild(next, el);
    return next;
  }
  function unwrap(el) {
    while (el.firstChild) { el.parentNode.insertBefore(el.firstChild, el); }
    el.parentNode.removeChild(el);
  }
  function trimLeadingIndent(el) {
    var walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var t;
    while ((t = walker.nextNode())) {
      var trimmed = t.nodeValue.replace(/^[\s\u3000\u00a0]+/, '');
      t.nodeValue = trimmed;
      if (trimmed) { return; }
    }
  }
  function isEmptyBlock(el) {
    return !el.textContent.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '') && !el.querySelector('table');
  }

  // Word's and WPS's list paragraphs carry their number or bullet as text in an mso-list:Ignore span.
  function wordLists(root) {
    var paragraphs = root.querySelectorAll('p');
    Array.prototype.forEach.call(paragraphs, function (p) {
      var style = p.getAttribute('data-cn-style') || '';
      if (!/MsoListParagraph/i.test(p.className) && !/mso-list:\s*l\d/i.test(style)) { return; }
      var marker = p.querySelector('span[data-cn-style*="mso-list:Ignore" i], span[data-cn-style*="mso-list: Ignore" i]');
      var label = marker ? marker.textContent.replace(/[\s\u00a0]+/g, '') : '';
      if (marker) { marker.parentNode.removeChild(marker); }
      var ordered = /^(\(?[0-9０-９]+[.)、．）]?|[一二三四五六七八九十]+[、.．]|[a-zA-Z][.)])$/.test(label);
      var tag = ordered ? 'OL' : 'UL';
      var prev = p.previousElementSibling;
      var list = prev && prev.tagName === tag && prev.hasAttribute('data-word-list') ? prev : null;
      if (!list) {
        list = root.ownerDocument.createElement(tag);
        list.setAttribute('data-word-list', '');
        p.parentNode.insertBefore(list, p);
      }
      var item = root.ownerDocument.createElement('li');
      var para = root.ownerDocument.createElement('p');
      while (p.firstChild) { para.appendChild(p.firstChild); }
      item.appendChild(para);
      list.appendChild(item);
      p.parentNode.removeChild(p);
    });
  }

  var keptAttributes = { href: 1, colspan: 1, rowspan: 1, start: 1 };

  // Cleans pasted HTML in an inert document and lists the pictures it held in `images`; returns the
  // document's body, ready for ProseMirror's schema parser (which keeps only what the schema knows).
  function cleanDom(html, images) {
    var source = String(html)
      .replace(/<style[\s\S]*?<\/style\s*>/gi, '')
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      .replace(/<!\[if[^>]*>|<!\[endif\]>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/font-style\s*:\s*italic/gi, '')
      // Style attributes are renamed before parsing: even an inert document shares the page's CSP,
      // which refuses inline styles (and says so on the console). The bold and list rules read the copy.
      .replace(/<[a-zA-Z][^>]*>/g, function (tag) { return tag.replace(/(\s)style\s*=/gi, '$1data-cn-style='); });
    // An inert document: nothing in it runs or loads (no picture is requested from anywhere).
    var doc = new window.DOMParser().parseFromString(source, 'text/html');
    var root = doc.body;
    Array.prototype.forEach.call(root.querySelectorAll('style, script, meta, link, title, xml, noscript, iframe, object, embed, svg, video, audio, canvas, input, button, select, textarea'), function (el) {
      el.parentNode.removeChild(el);
    });
    Array.prototype.forEach.call(root.getElementsByTagName('*'), function (el) {
      if (el.tagName.indexOf(':') >= 0 && el.parentNode) { el.setAttribute('data-office', ''); }
    });
    Array.prototype.forEach.call(root.querySelectorAll('[data-office]'), function (el) { if (el.parentNode) { unwrap(el); } });
    Array.prototype.forEach.call(root.querySelectorAll('img'), function (img) {
      // WeChat keeps the real address in data-src and a placeholder in src.
      var src = img.getAttribute('data-src') || img.getAttribute('src') || '';
      var alt = (img.getAttribute('alt') || img.getAttribute('title') || '').trim();
      if (/^data:image\//i.test(src)) { images.push({ data: src, alt: alt }); }
      else if (/^https?:\/\//i.test(src)) { images.push({ url: src, alt: alt }); }
      else if (src) { images.push({ failed: src, alt: alt, reason: '这是复制来源电脑上的临时文件，无法读取，请另行上传。' }); }
      img.parentNode.removeChild(img);
    });
    Array.prototype.forEach.call(root.querySelectorAll('i, em'), unwrap);
    Array.prototype.forEach.call(root.querySelectorAll('h1'), function (h) { replaceTag(h, 'h2'); });
    Array.prototype.forEach.call(root.querySelectorAll('h5, h6'), function (h) { replaceTag(h, 'h4'); });
    wordLists(root);
    // Bold set by style (Word, WeChat) becomes <strong>; then every style, class and id goes.
    Array.prototype.forEach.call(root.querySelectorAll('[data-cn-style]'), function (el) {
      if (/font-weight\s*:\s*(bold|bolder|[6-9]00)/i.test(el.getAttribute('data-cn-style')) && !/^(STRONG|B|H\d|TH)$/.test(el.tagName)) {
        var strong = doc.createElement('strong');
        while (el.firstChild) { strong.appendChild(el.firstChild); }
        el.appendChild(strong);
      }
    });
    // A heading is bold already: WeChat's and Word's <strong> inside one would only add ** marks to the subhead.
    Array.prototype.forEach.call(root.querySelectorAll('h2 strong, h2 b, h3 strong, h3 b, h4 strong, h4 b'), unwrap);
    Array.prototype.forEach.call(root.querySelectorAll('*'), function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (a) {
        if (!keptAttributes[a.name.toLowerCase()]) { el.removeAttribute(a.name); }
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll('p, h2, h3, h4, li, td, th, div, section'), function (el) {
      if (el.tagName === 'P' || /^H\d$/.test(el.tagName) || el.tagName === 'LI') { trimLeadingIndent(el); }
    });
    Array.prototype.forEach.call(root.querySelectorAll('p, h2, h3, h4'), function (el) {
      if (isEmptyBlock(el) && !el.closest('td, th')) { el.parentNode.removeChild(el); }
    });
    return root;
  }
  function cleanHtml(html, images) { return cleanDom(html, images).innerHTML; }

  // Plain text with one paragraph per line (and 　　 indents) as the newsroom's copy arrives.
  function plainTextParagraphs(text) {
    return text.replace(/\r\n?/g, '\n').split('\n')
      .map(function (l) { return l.replace(/^[\s\u3000\u00a0]+/, '').replace(/[\s\u3000\u00a0]+$/, ''); })
      .filter(Boolean);
  }
  function looksLikeCopy(text) {
    var lines = text.replace(/\r\n?/g, '\n').split('\n');
    var blank = lines.some(function (l) { return !l.trim(); });
    // Markdown copied from another story (a table, a list, a subhead) is pasted as it is.
    if (lines.some(function (l) { return /^\s*([|#>*+-]|\d+[.)]\s|```)/.test(l); })) { return false; }
    return /^[\u3000\u00a0]/m.test(text) || (!blank && lines.length > 1);
  }

  // ---- The editor ----------------------------------------------------------------------------

  var editor = null;
  var loading = false;

  function htmlToMarkdown(html) {
    var images = [];
    var docNode = T.DOMParser.fromSchema(editor.schema).parse(cleanDom(html, images));
    return { markdown: toMarkdown(docNode.toJSON()), images: images };
  }

  function writeBack() {
    if (!editor || loading) { return; }
    var markdown = toMarkdown(editor.getJSON());
    if (markdown === body.value) { return; }
    body.value = markdown;
    // admin-editor.js listens on the form: the local copy, autosave and preview follow as if typed.
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function post(url, data) {
    if (token) { data.append('__RequestVerificationToken', token.value); }
    return fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
  }

  // The WYSIWYG view shows exactly what the public page will: the server's renderer draws it.
  function loadFromMarkdown() {
    var data = new FormData();
    data.append('body', body.value);
    return post(previewUrl, data).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.text();
    }).then(function (html) {
      // Parsed in an inert document; the fragment comes from the server's sanitizing renderer.
      var inner = new window.DOMParser().parseFromString(html, 'text/html').querySelector('.story-body');
      loading = true;
      editor.commands.setContent(inner ? inner.innerHTML : '', { emitUpdate: false });
      loading = false;
    });
  }

  var wanted = 'markdown';
  function setMode(next, focus) {
    wanted = next;
    if (next === 'rich') {
      tabRich.disabled = true;
      return loadFromMarkdown().then(function () {
        tabRich.disabled = false;
        // Markdown was chosen again while the server drew the text: stay there.
        if (wanted !== 'rich') { return; }
        mode = 'rich';
        host.hidden = false;
        body.hidden = true;
        if (hint) { hint.hidden = true; }
        select(tabRich, tabMarkdown);
        if (focus) { editor.commands.focus('end'); }
        try { localStorage.setItem(modeKey, 'rich'); } catch (e) { /* storage disabled */ }
        document.dispatchEvent(new CustomEvent('cn:editor-mode', { detail: 'rich' }));
      }).catch(function () {
        tabRich.disabled = false;
        status('无法载入可视编辑，请稍后再试；您可以继续在 Markdown 中编辑。', true);
      });
    }
    mode = 'markdown';
    host.hidden = true;
    body.hidden = false;
    if (hint) { hint.hidden = false; }
    select(tabMarkdown, tabRich);
    if (focus) { body.focus(); }
    try { localStorage.setItem(modeKey, 'markdown'); } catch (e) { /* storage disabled */ }
    document.dispatchEvent(new CustomEvent('cn:editor-mode', { detail: 'markdown' }));
    return Promise.resolve();
  }
  function select(on, off) {
    on.setAttribute('aria-selected', 'true'); on.tabIndex = 0;
    off.setAttribute('aria-selected', 'false'); off.tabIndex = -1;
  }

  // Bold lead-in: the selection, or the paragraph's first sentence (up to 。！？), optionally after ——.
  function leadIn(dash) {
    var state = editor.state;
    var $from = state.selection.$from;
    var para = $from.parent;
    if (para.type.name !== 'paragraph') { return editor.chain().focus().toggleBold().run(); }
    if (!state.selection.empty && !dash) { return editor.chain().focus().toggleBold().run(); }
    var start = $from.start();
    // The caret goes back where it was (after the —— when one is added): typing simply goes on.
    var caret = state.selection.head;
    var text = para.textBetween(0, para.content.size, '', '\n');
    var chain = editor.chain().focus();
    var offset = 0;
    if (dash) {
      if (text.indexOf('——') !== 0) { chain = chain.insertContentAt(start, '——'); text = '——' + text; caret += 2; }
      offset = 2;
    }
    var rest = text.substring(offset);
    if (!rest.trim()) {
      return chain.setTextSelection(start + text.length).insertContent({ type: 'text', text: '导语。', marks: [{ type: 'bold' }] }).run();
    }
    var end = rest.search(/[。！？!?]/);
    var stop = offset + (end >= 0 ? end + 1 : rest.length);
    return chain.setTextSelection({ from: start + offset, to: start + stop }).setMark('bold').setTextSelection(caret).run();
  }

  function promptLink(current) {
    var href = window.prompt('链接地址（以 http:// 或 https:// 开头）', current || 'https://');
    if (href === null) { return null; }
    href = href.trim();
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href)) {
      status('链接地址须以 http://、https:// 或 mailto: 开头。', true);
      return null;
    }
    return href;
  }
  function link() {
    var href = promptLink(editor.getAttributes('link').href);
    if (!href) { editor.commands.focus(); return true; }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      return editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href: href } }] }).run();
    }
    return editor.chain().focus().extendMarkRange('link').setLink({ href: href }).run();
  }

  var actions = {
    heading: function () { return editor.chain().focus().toggleHeading({ level: 2 }).run(); },
    bold: function () { return editor.chain().focus().toggleBold().run(); },
    leadin: function () { return leadIn(false); },
    bullet: function () { return leadIn(true); },
    link: link,
    quote: function () { return editor.chain().focus().toggleBlockquote().run(); }
  };

  var HouseKeys = T.Extension.create({
    name: 'houseKeys',
    addKeyboardShortcuts: function () {
      return {
        'Mod-k': function () { return link(); },
        'Mod-Alt-l': function () { return leadIn(false); },
        'Mod-Alt-d': function () { return leadIn(true); },
        'Mod-Alt-q': function () { return actions.quote(); }
      };
    }
  });

  // ---- Pictures ---------------------------------------------------------------------------------

  function status(text, isError) {
    mediaStatus.textContent = text;
    mediaStatus.classList.toggle('media-status-error', !!isError);
    mediaStatus.hidden = !text;
  }

  function attachPhoto(result) {
    var ids = photoInput.value.split(/[,，\s]+/).filter(Boolean);
    var id = String(result.id);
    if (ids.indexOf(id) < 0) {
      ids.push(id);
      photoInput.value = ids.join(',');
      photoInput.dispatchEvent(new Event('input', { bubbles: true }));
    }
    var item = document.createElement('li');
    item.setAttribute('data-media-id', id);
    var img = document.createElement('img');
    img.src = result.thumb;
    img.alt = '';
    img.width = 96;
    img.height = 64;
    var caption = document.createElement('span');
    caption.textContent = '#' + id + ' 已加入本稿图片 ';
    var edit = document.createElement('a');
    edit.href = result.edit;
    edit.target = '_blank';
    edit.rel = 'noopener';
    edit.textContent = '补写说明和署名';
    caption.appendChild(edit);
    item.appendChild(img);
    item.appendChild(caption);
    uploads.appendChild(item);
    uploads.hidden = false;
  }

  function listFailed(address, reason) {
    var item = document.createElement('li');
    var code = document.createElement('code');
    code.textContent = address.length > 120 ? address.substring(0, 117) + '…' : address;
    item.appendChild(code);
    item.appendChild(document.createTextNode('：' + (reason || '无法导入')));
    failedList.appendChild(item);
    failedBox.hidden = false;
  }

  var pending = 0;
  var added = 0;
  function settle() {
    pending--;
    if (pending > 0) { return; }
    status(added ? '已上传 ' + added + ' 张图片到图片库，并按顺序加入本稿的“图片”列表（图片显示在正文前后，不嵌入正文）。请补写图片说明和署名。' : '', false);
    added = 0;
  }

  function uploadFile(file, alt, progressList) {
    var list = progressList || uploads;
    var row = document.createElement('li');
    row.className = 'upload-progress';
    var label = document.createElement('span');
    label.textContent = '正在上传 ' + (file.name || '图片') + ' ';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', '上传进度');
    row.appendChild(label);
    row.appendChild(bar);
    if (file.size > maxBytes) {
      listFailed(file.name || '图片', '图片文件不能超过 10 MB，请压缩后再上传。');
      return;
    }
    list.appendChild(row);
    list.hidden = false;
    pending++;
    status('正在上传图片…', false);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl);
    xhr.setRequestHeader('X-Requested-With', 'fetch');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) { bar.value = Math.round(e.loaded / e.total * 100); }
    });
    xhr.addEventListener('load', function () {
      row.parentNode.removeChild(row);
      var answer = {};
      try { answer = JSON.parse(xhr.responseText || '{}'); } catch (e) { /* not JSON: a sign-in page or an error page */ }
      if (xhr.status === 200 && answer.id) { added++; attachPhoto(answer); }
      else { listFailed(file.name || '图片', answer.error || '上传失败（' + xhr.status + '），请稍后再试。'); }
      settle();
    });
    xhr.addEventListener('error', function () {
      row.parentNode.removeChild(row);
      listFailed(file.name || '图片', '无法连接服务器，图片没有上传。');
      settle();
    });
    var data = new FormData();
    data.append('file', file, file.name || 'image');
    data.append('alt', alt || '');
    if (token) { data.append('__RequestVerificationToken', token.value); }
    xhr.send(data);
  }

  function dataUrlToFile(dataUrl, index) {
    var match = /^data:(image\/[a-z0-9.+-]+)(;base64)?,(.*)$/i.exec(dataUrl);
    if (!match) { return null; }
    var bytes;
    if (match[2]) {
      var binary = window.atob(match[3]);
      bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    } else {
      bytes = new TextEncoder().encode(decodeURIComponent(match[3]));
    }
    return new File([bytes], '粘贴的图片' + (index + 1), { type: match[1] });
  }

  function importImages(images) {
    if (!images.length) { return; }
    var remote = [];
    images.forEach(function (image, i) {
      if (image.failed) { listFailed(image.failed, image.reason); }
      else if (image.data) {
        var file = dataUrlToFile(image.data, i);
        if (file) { uploadFile(file, image.alt); } else { listFailed('data:…', '无法识别的图片数据。'); }
      } else { remote.push(image); }
    });
    if (!remote.length) { return; }
    pending++;
    status('正在把粘贴内容中的 ' + remote.length + ' 张图片导入图片库…', false);
    var data = new FormData();
    remote.forEach(function (image) { data.append('url', image.url); data.append('alt', image.alt || ''); });
    post(importUrl, data).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, body: j }; });
    }).then(function (answer) {
      if (!answer.ok || !answer.body.images) {
        remote.forEach(function (image) { listFailed(image.url, answer.body.error || '导入失败，请稍后再试。'); });
        return;
      }
      answer.body.images.forEach(function (result) {
        if (result.id) { added++; attachPhoto(result); } else { listFailed(result.url, result.error); }
      });
    }).catch(function () {
      remote.forEach(function (image) { listFailed(image.url, '无法连接服务器，图片没有导入。'); });
    }).then(settle);
  }

  function imageFiles(list) {
    return Array.prototype.filter.call(list || [], function (f) { return /^image\//.test(f.type); });
  }

  /** Uploads each file, its progress shown in progressList (the body's upload list by default). */
  function uploadFiles(files, progressList) {
    files.forEach(function (f) { uploadFile(f, '', progressList); });
  }

  /** Whether a drag carries files from the computer (not text or an element of the page). */
  function carriesFiles(e) {
    return !!e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0;
  }

  // ---- Wiring ---------------------------------------------------------------------------------

  var pastedImages = [];
  editor = new T.Editor({
    element: host,
    editable: editable,
    // Tiptap's own <style> element would be refused by the CSP (style-src 'self'): its rules are in admin.css.
    injectCSS: false,
    extensions: [
      T.StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        underline: false,
        link: { openOnClick: false, autolink: false, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' }
      }),
      // Tiptap writes the table's width as an inline style, which the CSP refuses: a plain table instead.
      T.Table.extend({ renderHTML: function (props) { return ['table', props.HTMLAttributes, ['tbody', 0]]; } }).configure({ resizable: false }),
      T.TableRow, T.TableHeader, T.TableCell,
      HouseKeys
    ],
    editorProps: {
      attributes: { 'class': 'rich-body-text story-body', 'aria-label': '正文', 'aria-multiline': 'true', role: 'textbox', lang: 'zh-CN' },
      transformPastedHTML: function (html) {
        pastedImages = [];
        return cleanHtml(html, pastedImages);
      },
      transformPastedText: function (text) {
        return text.replace(/^[ \t\u3000\u00a0]+/gm, '');
      },
      handlePaste: function (view, event) {
        var data = event.clipboardData;
        var files = data ? imageFiles(data.files) : [];
        if (files.length && !data.getData('text/html')) {
          uploadFiles(files);
          return true;
        }
        // The images of pasted HTML are collected by transformPastedHTML, which runs before the paste is applied.
        window.setTimeout(function () { var images = pastedImages; pastedImages = []; importImages(images); }, 0);
        return false;
      },
      handleDrop: function (view, event, slice, moved) {
        var files = event.dataTransfer ? imageFiles(event.dataTransfer.files) : [];
        if (moved || !files.length) { return false; }
        event.preventDefault();
        uploadFiles(files);
        return true;
      }
    },
    onUpdate: writeBack
  });
  host.classList.add('rich-body-ready');

  window.CnRichEditor = {
    active: function () { return mode === 'rich'; },
    run: function (name) {
      if (mode !== 'rich' || !actions[name]) { return false; }
      actions[name]();
      return true;
    },
    toMarkdown: function () { return toMarkdown(editor.getJSON()); },
    htmlToMarkdown: function (html) { return htmlToMarkdown(html).markdown; },
    reload: function () { return mode === 'rich' ? loadFromMarkdown() : Promise.resolve(); },
    editor: editor
  };

  // Markdown mode: pasted HTML and one-paragraph-per-line text become clean Markdown at the cursor.
  function insertAtCursor(markdown) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.substring(0, start), after = body.value.substring(end);
    var lead = !before ? '' : /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var tail = !after ? '' : /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    body.setRangeText(lead + markdown + tail, start, end, 'end');
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }
  body.addEventListener('paste', function (e) {
    var data = e.clipboardData;
    if (!data) { return; }
    var html = data.getData('text/html');
    var files = imageFiles(data.files);
    if (files.length && !html) {
      e.preventDefault();
      uploadFiles(files);
      return;
    }
    if (html) {
      var result = htmlToMarkdown(html);
      if (result.markdown || result.images.length) {
        e.preventDefault();
        if (result.markdown) { insertAtCursor(result.markdown); }
        importImages(result.images);
      }
      return;
    }
    var text = data.getData('text/plain');
    if (text && looksLikeCopy(text)) {
      e.preventDefault();
      insertAtCursor(plainTextParagraphs(text).join('\n\n'));
    }
  });
  body.addEventListener('dragover', function (e) {
    if (carriesFiles(e)) { e.preventDefault(); }
  });
  body.addEventListener('drop', function (e) {
    var files = e.dataTransfer ? imageFiles(e.dataTransfer.files) : [];
    if (!files.length) { return; }
    e.preventDefault();
    uploadFiles(files);
  });
  // The 图片 area takes files too: dropped onto it, or chosen (or taken with the camera) with its own button.
  // Its uploads show their progress there and join the photo list like any other.
  var photoArea = document.getElementById('photos');
  if (photoArea && editable) {
    var areaUploads = document.createElement('ul');
    areaUploads.className = 'editor-uploads';
    areaUploads.id = 'photo-uploads';
    areaUploads.setAttribute('aria-label', '正在上传的图片');
    areaUploads.hidden = true;
    var areaPick = document.createElement('label');
    areaPick.className = 'button button-secondary photo-upload';
    areaPick.appendChild(document.createTextNode('上传图片'));
    var areaFile = document.createElement('input');
    areaFile.type = 'file';
    areaFile.id = 'photo-area-file';
    areaFile.accept = 'image/jpeg,image/png,image/webp';
    areaFile.multiple = true;
    areaFile.className = 'visually-hidden';
    areaPick.appendChild(areaFile);
    var areaHint = document.createElement('p');
    areaHint.className = 'hint photo-drop-hint';
    areaHint.textContent = '可把图片文件直接拖到这里上传。';
    // Placed once admin-photos.js (which runs after this script) has drawn the area's tool row.
    var placeUpload = function () {
      var tools = photoArea.querySelector('.photo-tools');
      var picker = document.getElementById('photo-picker-open');
      if (tools && picker) { tools.insertBefore(areaPick, picker.nextSibling); } else { photoArea.appendChild(areaPick); }
      photoArea.appendChild(areaHint);
      photoArea.appendChild(areaUploads);
    };
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', placeUpload); } else { window.setTimeout(placeUpload, 0); }
    photoArea.addEventListener('dragover', function (e) {
      if (!carriesFiles(e)) { return; }
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      photoArea.classList.add('photo-drop-active');
    });
    photoArea.addEventListener('dragleave', function (e) {
      if (!e.relatedTarget || !photoArea.contains(e.relatedTarget)) { photoArea.classList.remove('photo-drop-active'); }
    });
    photoArea.addEventListener('drop', function (e) {
      photoArea.classList.remove('photo-drop-active');
      if (!carriesFiles(e)) { return; }
      e.preventDefault();
      var files = imageFiles(e.dataTransfer.files);
      if (!files.length) { listFailed(e.dataTransfer.files[0] ? e.dataTransfer.files[0].name : '文件', '只能上传 JPEG、PNG 或 WebP 图片。'); return; }
      uploadFiles(files, areaUploads);
    });
    areaFile.addEventListener('change', function () {
      uploadFiles(imageFiles(areaFile.files), areaUploads);
      areaFile.value = '';
    });
  }
  if (fileInput) {
    fileInput.addEventListener('change', function () {
      uploadFiles(imageFiles(fileInput.files));
      fileInput.value = '';
    });
  }

  // 字数 as a Chinese newsroom counts it: every Chinese character and punctuation mark, and each word
  // or number written in Latin letters or digits, without the Markdown marks.
  function countWords(markdown) {
    var text = markdown
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
      .replace(/^\s*([-+*]|\d+\.)\s+/gm, '')
      .replace(/[#>*_~`|\\[\]]/g, ' ');
    var han = (text.match(/[\u2014\u2018-\u201d\u2026\u00b7\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]/g) || []).length;
    var words = (text.match(/[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*/g) || []).length;
    return han + words;
  }
  function showCount() {
    wordCount.textContent = '字数：' + countWords(body.value).toLocaleString('zh-CN');
  }
  form.addEventListener('input', showCount);
  body.addEventListener('cn:replaced', function () {
    showCount();
    if (mode === 'rich') { loadFromMarkdown(); }
  });
  showCount();

  tabRich.addEventListener('click', function () { if (wanted !== 'rich') { setMode('rich', true); } });
  tabMarkdown.addEventListener('click', function () { if (wanted !== 'markdown' || mode !== 'markdown') { setMode('markdown', true); } });
  modes.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') { return; }
    e.preventDefault();
    var target = mode === 'rich' ? tabMarkdown : tabRich;
    target.click();
    target.focus();
  });
  modes.hidden = false;
  var saved = null;
  try { saved = localStorage.getItem(modeKey); } catch (e) { /* storage disabled */ }
  if (saved !== 'markdown') { setMode('rich', false); }
})();

// The clerk's intake queue: reads /api/v1/intake/queue with the staff member's token (kept in this tab's sessionStorage
// only), renders each filing's suggestion and reasons with DOM text nodes (never HTML from data), and sends the clerk's
// decision — confirm, or override with subcategory / procedure / court and a reason — as one call to the API.
(() => {
  'use strict';
  const TOKEN_KEY = 'caseledger.intake.token';
  const REGISTRY_ROLES = ['clerk', 'court-system'];
  const text = JSON.parse(document.getElementById('intake-text').textContent);
  const choices = JSON.parse(document.getElementById('intake-choices').textContent);
  const lang = document.documentElement.lang || 'ru';
  const t = (key, fallback) => (text[key] !== undefined ? text[key] : (fallback !== undefined ? fallback : key));
  const $ = (id) => document.getElementById(id);
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' });
  const dateOnly = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const money = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const percent = (p) => (p > 0 && p < 0.01 ? '< ' + percentFormat.format(0.01) : percentFormat.format(p));
  const courtName = (id) => (choices.courts.find((c) => c.id === id) || {}).name || id;

  function el(tag, content, attributes) {
    const node = document.createElement(tag);
    if (content instanceof Node) {
      node.appendChild(content);
    } else if (content !== undefined && content !== null) {
      node.textContent = String(content);
    }
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    return node;
  }

  function say(message, kind) {
    const box = $('intake-status');
    box.textContent = message || '';
    box.classList.toggle('error', kind === 'error');
    box.classList.toggle('ok', kind === 'ok');
  }

  // The roles in the token, to show read-only readers (judges, chairs) no buttons. The API decides in any case.
  function roles(token) {
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return [].concat(payload.role || []);
    } catch {
      return [];
    }
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function api(path, options) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = Object.assign({ Authorization: 'Bearer ' + token, Accept: 'application/json', 'Accept-Language': lang }, (options || {}).headers || {});
    const response = await fetch(path, Object.assign({ cache: 'no-store' }, options || {}, { headers }));
    if (!response.ok) {
      let problem = {};
      try { problem = await response.json(); } catch { /* no body */ }
      const error = new Error(problem.detail || problem.title || String(response.status));
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function explain(error) {
    if (error.status === 401) return t('Error_Unauthorized');
    return error.message || t('Error_Other');
  }

  function problemText(code) {
    if (code.startsWith('missing:')) {
      const id = code.slice('missing:'.length);
      return t('Problem_missing') + ': ' + t('Attachment_' + id, id);
    }
    return t('Problem_' + code, code);
  }

  function field(list, name, label, value, raw) {
    const dd = el('dd', value instanceof Node ? value : (value === '' || value === null || value === undefined ? t('None') : value), { 'data-field': name });
    if (raw !== undefined && raw !== null) dd.setAttribute('data-value', String(raw));
    list.append(el('dt', label), dd);
    return dd;
  }

  function items(values, render, attributes) {
    if (!values || values.length === 0) return t('None');
    const ul = el('ul', null, attributes || {});
    for (const value of values) ul.appendChild(render(value));
    return ul;
  }

  function suggestionList(item) {
    const s = item.suggestion;
    const dl = el('dl', null, { class: 'suggestion' });
    field(dl, 'case', t('Case'), '№ ' + item.caseNumber + (item.claimSubject ? ' — ' + item.claimSubject : ''), item.caseId);
    const open = el('a', item.filing.fileName, { href: item.filing.documentUrl, 'data-sha256': item.filing.sha256, title: t('Open') });
    field(dl, 'file', t('File'), open, item.filing.sha256);
    field(dl, 'assessedAt', t('AssessedAt'), dateTime.format(new Date(item.assessedAt)), item.assessedAt);
    const category = t('Sub_' + s.subcategory, s.subcategory)
      + (s.confidence !== null && s.confidence !== undefined ? ' (' + t('Confidence') + ' ' + percent(s.confidence) + ')' : '');
    field(dl, 'subcategory', t('Category'), category, s.subcategory);
    field(dl, 'alternatives', t('Alternatives'),
      s.alternatives.map((a) => t('Sub_' + a.subcategory, a.subcategory) + ' ' + percent(a.probability)).join('; '),
      s.alternatives.map((a) => a.subcategory).join(' '));
    field(dl, 'kind', t('Kind'), t('Kind_' + s.kind, s.kind) + ', ' + t('Category_' + s.category, s.category), s.kind + '/' + s.category);
    field(dl, 'language', t('Language'), t('Lang_' + s.language, s.language), s.language);
    field(dl, 'parties', t('Parties'), items(s.parties, (p) => {
      const li = el('li', t('Role_' + p.role, p.role) + ': ' + p.name + (p.identifier ? ', ' + p.identifier : '') + (p.address ? ', ' + p.address : ''),
        { 'data-role': p.role });
      if (p.identifier && !p.identifierValid) li.appendChild(el('span', ' — ' + t('IdentifierWrong'), { class: 'wrong' }));
      return li;
    }), s.parties.length);
    field(dl, 'amount', t('Amount'), s.claimAmountTenge === null ? '' : money.format(s.claimAmountTenge) + ' ' + t('Tenge'), s.claimAmountTenge);
    field(dl, 'simplified', t('Simplified'), t('Simplified_' + String(s.simplifiedEligible)), String(s.simplifiedEligible));
    field(dl, 'court', t('Court'), s.courtId ? courtName(s.courtId) + ' (' + s.courtId + ')' : t('NoCourt'), s.courtId || '');
    field(dl, 'dates', t('Dates'), s.dates.map((d) => dateOnly.format(new Date(d + 'T00:00:00Z'))).join(', '), s.dates.join(' '));
    field(dl, 'articles', t('Articles'), s.articles.join('; '), s.articles.length);
    const problems = field(dl, 'problems', t('Problems'),
      s.problems.length === 0 ? t('NoProblems') : items(s.problems, (code) => el('li', problemText(code), { 'data-code': code })), s.problems.join(' '));
    if (s.problems.length > 0) problems.classList.add('problem');
    field(dl, 'terms', t('Terms'), s.topTerms.join(', '), s.topTerms.length);
    field(dl, 'model', t('Model'), el('code', item.modelVersion), item.modelVersion);
    return dl;
  }

  function reasonsList(item) {
    const details = el('details', el('summary', t('Reasons') + ' (' + item.reasons.length + ')'));
    const ul = el('ul', null, { class: 'reasons' });
    for (const r of item.reasons) {
      const li = el('li', el('span', r.rule, { class: 'reason-rule' }), { 'data-rule': r.rule });
      li.appendChild(document.createTextNode(': ' + r.detail));
      ul.appendChild(li);
    }
    details.appendChild(ul);
    return details;
  }

  function select(name, options, selected) {
    const box = el('select', null, { name });
    for (const [value, label] of options) {
      const option = el('option', label, { value });
      if (value === selected) option.selected = true;
      box.appendChild(option);
    }
    return box;
  }

  function decisionForms(item, article, status) {
    const s = item.suggestion;
    const wrap = el('div', null, { class: 'decide' });
    // One Idempotency-Key per filing on this page: a double click or a retry is answered, not appended twice.
    const key = newKey();
    const send = async (body, done) => {
      for (const b of wrap.querySelectorAll('button')) b.disabled = true;
      status.textContent = t('Loading');
      status.className = 'filing-status';
      try {
        await api(item.decisionUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'If-Match': '"' + item.caseVersion + '"', 'Idempotency-Key': key },
          body: JSON.stringify(body),
        });
        article.remove();
        say(done, 'ok');
        await showQueue(false);
      } catch (error) {
        status.textContent = explain(error);
        status.className = 'filing-status error';
        for (const b of wrap.querySelectorAll('button')) b.disabled = false;
      }
    };

    const confirm = el('button', t('Confirm'), { type: 'button', class: 'button confirm' });
    confirm.addEventListener('click', () => send({ decision: 'confirm' }, t('Confirmed')));
    wrap.appendChild(confirm);

    const form = el('form', el('h3', t('OverrideTitle')), { class: 'override', novalidate: '' });
    const id = item.assessmentId;
    const labelled = (name, label, control) => {
      control.id = name + '-' + id;
      form.append(el('label', label, { for: control.id }), control);
      return control;
    };
    labelled('subcategory', t('Category'), select('subcategory', choices.subcategories.map((v) => [v, t('Sub_' + v, v)]), s.subcategory));
    labelled('procedure', t('Procedure'), select('procedure', [['simplified', t('Procedure_simplified')], ['general', t('Procedure_general')]],
      s.simplifiedEligible ? 'simplified' : 'general'));
    labelled('court', t('Court'), select('court', [['', t('NoCourt')]].concat(choices.courts.map((c) => [c.id, c.name + ' (' + c.id + ')'])), s.courtId || ''));
    const reason = labelled('reason', t('Reason'), el('textarea', null, { name: 'reason', rows: '2' }));
    form.appendChild(el('p', el('button', t('Override'), { type: 'submit', class: 'button override-submit' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        status.textContent = t('ReasonRequired');
        status.className = 'filing-status error';
        reason.focus();
        return;
      }
      // Only what the clerk changed is sent; the API keeps the rest of the suggestion.
      const body = { decision: 'override', reason: reason.value.trim() };
      const subcategory = form.elements.subcategory.value;
      const procedure = form.elements.procedure.value;
      const court = form.elements.court.value;
      if (subcategory !== s.subcategory) body.subcategory = subcategory;
      if (procedure !== (s.simplifiedEligible ? 'simplified' : 'general')) body.procedure = procedure;
      if (court && court !== (s.courtId || '')) body.courtId = court;
      send(body, t('Overridden'));
    });
    wrap.appendChild(form);
    return wrap;
  }

  function render(item, canDecide) {
    const article = el('article', null, { class: 'filing', 'data-assessment': item.assessmentId, 'data-case': item.caseId });
    article.appendChild(el('h2', item.filing.fileName + ' — ' + t('Case') + ' № ' + item.caseNumber));
    article.appendChild(suggestionList(item));
    article.appendChild(reasonsList(item));
    const status = el('p', null, { class: 'filing-status', role: 'status' });
    if (canDecide) article.appendChild(decisionForms(item, article, status));
    article.appendChild(status);
    return article;
  }

  async function showQueue(clearStatus) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const canDecide = roles(token).some((r) => REGISTRY_ROLES.includes(r));
    const data = await api('/api/v1/intake/queue');
    const list = $('filings');
    list.replaceChildren();
    for (const item of data.items) list.appendChild(render(item, canDecide));
    $('queue-count').textContent = data.items.length === 0 ? t('Empty') : t('Count').replace('{0}', String(data.items.length));
    $('read-only').hidden = canDecide;
    $('queue').hidden = false;
    if (clearStatus) say('');
  }

  async function refresh() {
    const signedIn = Boolean(sessionStorage.getItem(TOKEN_KEY));
    $('token-form').hidden = signedIn;
    $('signed-in').hidden = !signedIn;
    $('queue').hidden = true;
    $('read-only').hidden = true;
    if (!signedIn) {
      say(t('SignedOut'));
      return;
    }
    say(t('Loading'));
    try {
      await showQueue(true);
    } catch (error) {
      say(explain(error), 'error');
    }
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    $('token').value = '';
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    refresh();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    refresh();
  });
  $('refresh').addEventListener('click', refresh);
  refresh();
})();

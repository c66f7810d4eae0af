// The electronic courtroom page: asks the API with the participant's token (kept in this tab's sessionStorage only)
// and renders the case with DOM text nodes (never HTML from data). Strings come from the page's resources.
(() => {
  'use strict';
  const TOKEN_KEY = 'caseledger.courtroom.token';
  const text = JSON.parse(document.getElementById('courtroom-text').textContent);
  const lang = document.documentElement.lang || 'ru';
  const t = (key, fallback) => (text[key] !== undefined ? text[key] : (fallback !== undefined ? fallback : key));
  const $ = (id) => document.getElementById(id);
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' });
  const dateOnly = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });

  const when = (iso) => (iso ? dateTime.format(new Date(iso)) : '');
  const day = (isoDate) => (isoDate ? dateOnly.format(new Date(isoDate + 'T00:00:00Z')) : '');
  const status = (value) => t('Status_' + value, value);

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

  function row(cells) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      tr.appendChild(cell instanceof Node && cell.tagName === 'TD' ? cell : el('td', cell));
    }
    return tr;
  }

  function fill(tableId, rows, columns) {
    const body = $(tableId).querySelector('tbody');
    body.replaceChildren();
    if (rows.length === 0) {
      body.appendChild(row([el('td', t('None'), { colspan: String(columns) })]));
      return;
    }
    for (const cells of rows) {
      body.appendChild(row(cells));
    }
  }

  function say(message, isError) {
    const box = $('courtroom-status');
    box.textContent = message || '';
    box.classList.toggle('error', Boolean(isError));
  }

  async function api(path) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + token, Accept: 'application/json', 'Accept-Language': lang },
      cache: 'no-store',
    });
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
    if (error.status === 404) return t('Error_NotFound');
    return t('Error_Other') + ' ' + error.message;
  }

  async function showList() {
    const data = await api('/api/v1/cases?limit=100');
    const list = $('case-list');
    list.replaceChildren();
    if (data.cases.length === 0) {
      list.appendChild(el('li', t('NoCases')));
    }
    for (const item of data.cases) {
      const link = el('a', item.caseNumber, { href: '/courtroom?case=' + encodeURIComponent(item.caseId), 'data-case': item.caseId });
      const li = el('li', link);
      li.appendChild(document.createTextNode(' — ' + status(item.status)));
      list.appendChild(li);
    }
    $('my-cases').hidden = false;
  }

  async function showCase(caseId) {
    const room = await api('/api/v1/cases/' + encodeURIComponent(caseId) + '/courtroom');
    const c = room.case;
    $('case-title').textContent = t('Case') + ' № ' + c.caseNumber;
    const summary = $('case-summary');
    summary.replaceChildren();
    for (const [label, value] of [[t('Court'), c.courtName || c.courtId], [t('CaseStatus'), status(c.status)], [t('Version'), c.version]]) {
      summary.append(el('dt', label), el('dd', value, label === t('CaseStatus') ? { 'data-status': c.status } : {}));
    }

    const participants = $('participants');
    participants.replaceChildren();
    for (const p of c.participants) {
      participants.appendChild(el('li', (p.displayName || p.participantId) + ' — ' + t('ParticipantRole_' + p.role, p.role)));
    }
    if (c.participants.length === 0) participants.appendChild(el('li', t('None')));

    fill('documents', room.documents.map((d) => {
      const hash = el('td', el('code', d.sha256), { class: 'hash', 'data-sha256': d.sha256 });
      const receipt = el('td', el('a', t('Receipt_Link'), { href: d.receiptUrl, 'data-event': d.eventId }));
      return [d.fileName || d.kind, t('Role_' + d.role, d.role) + ' (' + d.kind + ')', hash, when(d.at), receipt];
    }), 5);

    fill('motions', room.motions.map((m) => [
      m.kind, m.filedByName || m.filedBy, status(m.status), m.outcome ? t('Outcome_' + m.outcome, m.outcome) : '', when(m.filedAt),
    ]), 5);

    fill('hearings', room.hearings.map((h) => {
      const join = h.join ? el('td', el('a', t('Join'), { href: h.join.url, class: 'button join', rel: 'noopener noreferrer', target: '_blank' })) : el('td', '');
      return [when(h.startsAt), t('Format_' + h.format, h.format), h.courtroom, status(h.status), join];
    }), 5);

    const acts = $('acts');
    acts.replaceChildren();
    for (const a of c.acts) {
      acts.appendChild(el('li', a.kind + ' — ' + status(a.status) + ' — ' + when(a.issuedAt) + (a.outcome ? ' — ' + a.outcome : '')));
    }
    if (c.acts.length === 0) acts.appendChild(el('li', t('None')));

    fill('deadlines', c.deadlines.map((d) => {
      const state = el('td', status(d.status) + (d.overdue ? ' — ' + t('Overdue') : ''), { 'data-status': d.status });
      if (d.overdue) state.classList.add('overdue');
      return [d.kind, day(d.dueOn), state];
    }), 3);

    $('case-view').hidden = false;
  }

  async function render() {
    const signedIn = Boolean(sessionStorage.getItem(TOKEN_KEY));
    $('token-form').hidden = signedIn;
    $('signed-in').hidden = !signedIn;
    $('my-cases').hidden = true;
    $('case-view').hidden = true;
    if (!signedIn) {
      say(t('SignedOut'));
      return;
    }
    say(t('Loading'));
    const caseId = new URLSearchParams(window.location.search).get('case');
    try {
      if (caseId) {
        await showCase(caseId);
      } else {
        await showList();
      }
      say('');
    } catch (error) {
      say(explain(error), true);
    }
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    $('token').value = '';
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    }
    render();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    render();
  });
  render();
})();

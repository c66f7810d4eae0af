// Situation center dashboard: reads the statistics API with the bearer token kept in sessionStorage,
// shows tiles, charts, the courts table and the drill-down list, and refreshes itself.
(() => {
  'use strict';
  const root = document.querySelector('.situation');
  if (!root) return;
  const TOKEN_KEY = 'caseledger.situation.token';
  const text = JSON.parse(document.getElementById('situation-text').textContent);
  const lang = document.documentElement.lang || 'ru';
  const numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const authForm = document.getElementById('situation-auth');
  const filterForm = document.getElementById('situation-filter');
  const board = document.getElementById('situation-board');
  const authMessage = document.getElementById('situation-auth-message');
  const statusLine = document.getElementById('situation-status');
  const charts = {};
  let list = 'late';
  let timer = null;
  let courtNames = {};

  const token = () => sessionStorage.getItem(TOKEN_KEY);

  function query(extra) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(filterForm)) {
      if (value && name !== 'interval') params.set(name, value);
    }
    for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
    return params.toString();
  }

  async function api(path, extra) {
    const response = await fetch(`/api/v1/statistics/${path}?${query(extra)}`, {
      headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) {
      const problem = await response.json().catch(() => null);
      const error = new Error(problem?.detail || text.Auth_Refused);
      error.auth = true;
      throw error;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new Error(problem?.detail || text.Status_Error);
    }
    return response;
  }

  const format = (value) => (value === null || value === undefined ? '–' : numberFormat.format(value));

  function setValue(element, value) {
    element.dataset.value = value === null || value === undefined ? '' : String(value);
    element.textContent = format(value);
  }

  function cell(row, value, numeric) {
    const td = document.createElement('td');
    if (numeric) {
      td.className = 'num';
      setValue(td, value);
    } else {
      td.textContent = value ?? '';
    }
    row.appendChild(td);
  }

  function fillTable(id, rows, columns) {
    const body = document.querySelector(`#${id} tbody`);
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = columns.length;
      td.textContent = text.Empty;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const row of rows) {
      const tr = document.createElement('tr');
      for (const [key, numeric] of columns) cell(tr, typeof key === 'function' ? key(row) : row[key], numeric);
      body.appendChild(tr);
    }
  }

  function chart(id, config) {
    if (!window.Chart) return;
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update('none');
      return;
    }
    charts[id] = new window.Chart(document.getElementById(id), {
      ...config,
      options: { animation: false, responsive: true, maintainAspectRatio: false, ...(config.options || {}) },
    });
  }

  function showSummary(summary) {
    const f = summary.figures;
    for (const tile of document.querySelectorAll('.tile')) {
      setValue(tile.querySelector('.tile-value'), f[tile.dataset.figure]);
    }
    const ages = [f.pendingUnderTwoMonths, f.pendingTwoToSixMonths, f.pendingSixToTwelveMonths, f.pendingOverTwelveMonths];
    const years = [f.pendingOneToTwoYears, f.pendingTwoToThreeYears, f.pendingThreeToFiveYears, f.pendingFiveToTenYears, f.pendingOverTenYears];
    document.querySelectorAll('[data-age]').forEach((li) => setValue(li.querySelector('strong'), [...ages, ...years][Number(li.dataset.age)]));
    chart('age-chart', {
      type: 'bar',
      data: { labels: [text.Age_0, text.Age_1, text.Age_2, text.Age_3], datasets: [{ label: text.Series_Pending, data: ages, backgroundColor: '#1f4e79' }] },
      options: { plugins: { legend: { display: false } } },
    });
    fillTable('suspensions-table', summary.suspensions, [
      [(row) => `${text[`Ground_${row.ground}`] || row.ground} (${text[`Kind_${row.caseKind}`] || row.caseKind})`, false], ['currentCount', true], ['currentMeanDays', true], ['endedCount', true], ['meanDays', true], ['medianDays', true],
    ]);
    const fresh = summary.freshness;
    const updated = new Date().toLocaleTimeString(lang);
    statusLine.textContent = `${text.Status_Updated}: ${updated}` + (fresh.behind > 0 ? ` · ${format(fresh.behind)} ${text.Status_Behind}` : '');
    statusLine.dataset.asOf = summary.scope.asOf;
  }

  function showSeries(series) {
    chart('series-chart', {
      type: 'line',
      data: {
        labels: series.points.map((p) => p.periodStart),
        datasets: [
          { label: text.Series_Received, data: series.points.map((p) => p.incoming), borderColor: '#b8860b', backgroundColor: '#b8860b', yAxisID: 'flow' },
          { label: text.Series_Resolved, data: series.points.map((p) => p.resolved), borderColor: '#2e7d32', backgroundColor: '#2e7d32', yAxisID: 'flow' },
          { label: text.Series_Pending, data: series.points.map((p) => p.pendingEnd), borderColor: '#1f4e79', backgroundColor: '#1f4e79', yAxisID: 'pending' },
        ],
      },
      options: { scales: { flow: { position: 'left', beginAtZero: true }, pending: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } },
    });
    chart('rates-chart', {
      type: 'line',
      data: {
        labels: series.points.map((p) => p.periodStart),
        datasets: [
          { label: text.Series_Clearance, data: series.points.map((p) => p.clearanceRate), borderColor: '#2e7d32', backgroundColor: '#2e7d32', yAxisID: 'rate' },
          { label: text.Series_Disposition, data: series.points.map((p) => p.dispositionTimeDays), borderColor: '#8b1a1a', backgroundColor: '#8b1a1a', yAxisID: 'days' },
        ],
      },
      options: { spanGaps: true, scales: { rate: { position: 'left', beginAtZero: true }, days: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } },
    });
    root.dataset.seriesPoints = String(series.points.length);
  }

  function showCategories(breakdown) {
    fillTable('categories-table', breakdown.rows, [
      [(row) => text[`Category_${row.key}`] || row.key, false], ['cases', true], ['incoming', true], ['resolved', true], ['pendingEnd', true],
      ['clearanceRate', true], ['dispositionTimeDays', true], ['shareWithinTerm', true], ['pastTermNow', true],
    ]);
  }

  function showCourts(courts) {
    const name = (row) => (lang === 'en' ? row.nameEn : row.nameRu);
    fillTable('courts-table', courts.courts, [
      [name, false], ['incoming', true], ['resolved', true], ['pendingEnd', true], ['clearanceRate', true], ['dispositionTimeDays', true],
      ['turnover', true], ['shareWithinTerm', true], ['decidedPastTerm', true], ['pastTermNow', true], ['suspendedNow', true], ['setAsideOnAppeal', true],
    ]);
    chart('courts-chart', {
      type: 'bar',
      data: { labels: courts.courts.map(name), datasets: [{ label: '%', data: courts.courts.map((c) => c.clearanceRate), backgroundColor: '#1f4e79' }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }

  function showCases(cases) {
    fillTable('cases-table', cases.cases, [
      ['caseNumber', false], [(row) => courtNames[row.courtId] || row.courtId, false], [(row) => text[`Kind_${row.kind}`] || row.kind, false],
      [(row) => text[`Ground_${row.reason}`] || text[`Term_${row.reason}`] || row.reason, false], ['since', false], ['days', true],
    ]);
  }

  async function refresh() {
    if (!token()) return;
    const interval = filterForm.elements.interval.value;
    try {
      const [summary, series, courts, categories, cases] = await Promise.all([
        api('summary').then((r) => r.json()),
        api('series', { interval }).then((r) => r.json()),
        api('courts').then((r) => r.json()),
        api('breakdown', { by: 'category' }).then((r) => r.json()),
        api('cases', { list, limit: 200 }).then((r) => r.json()),
      ]);
      showSummary(summary);
      showSeries(series);
      showCourts(courts);
      showCategories(categories);
      showCases(cases);
      root.dataset.loaded = String(Number(root.dataset.loaded || 0) + 1);
    } catch (error) {
      if (error.auth) {
        signOut(error.message);
      } else {
        statusLine.textContent = error.message || text.Status_Error;
      }
    }
  }

  async function loadOptions() {
    const options = await (await api('options')).json();
    courtNames = Object.fromEntries(options.courts.map((c) => [c.id, lang === 'en' ? c.nameEn : c.nameRu]));
    const fill = (name, values, label) => {
      const select = filterForm.elements[name];
      select.replaceChildren();
      if (!(name === 'court' && options.courtFixed)) select.add(new Option(text.Filter_All, ''));
      for (const value of values) select.add(new Option(label(value), typeof value === 'string' ? value : value.id));
    };
    fill('court', options.courts, (c) => (lang === 'en' ? c.nameEn : c.nameRu));
    fill('region', options.regions, (r) => r);
    fill('kind', options.kinds, (k) => text[`Kind_${k}`] || k);
    fill('category', options.categories, (c) => text[`Category_${c}`] || c);
    if (!filterForm.elements.to.value) filterForm.elements.to.value = options.today;
    if (!filterForm.elements.from.value) {
      const from = new Date(`${options.today}T00:00:00Z`);
      from.setUTCDate(from.getUTCDate() - 364);
      filterForm.elements.from.value = from.toISOString().slice(0, 10);
    }
  }

  async function start() {
    if (!token()) {
      authMessage.textContent = text.Auth_Required;
      return;
    }
    try {
      await loadOptions();
    } catch (error) {
      if (error.auth) signOut(error.message);
      else authMessage.textContent = error.message;
      return;
    }
    authMessage.textContent = '';
    authForm.classList.add('signed-in');
    filterForm.hidden = false;
    board.hidden = false;
    await refresh();
    clearInterval(timer);
    timer = setInterval(refresh, Number(root.dataset.refreshSeconds || 30) * 1000);
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    clearInterval(timer);
    authForm.classList.remove('signed-in');
    filterForm.hidden = true;
    board.hidden = true;
    authMessage.textContent = message || text.Auth_Required;
  }

  async function download(kind) {
    const extra = { format: 'csv' };
    let path = kind;
    if (kind === 'series') extra.interval = filterForm.elements.interval.value;
    if (kind === 'cases') extra.list = list;
    if (kind === 'breakdown') extra.by = 'category';
    try {
      const blob = await (await api(path, extra)).blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `situation-${kind === 'cases' ? `cases-${list}` : kind === 'breakdown' ? 'breakdown-category' : kind}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      statusLine.textContent = error.message;
    }
  }

  authForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = authForm.elements.token.value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    authForm.elements.token.value = '';
    start();
  });
  document.getElementById('situation-signout').addEventListener('click', () => signOut());
  document.getElementById('situation-devtoken')?.addEventListener('click', async () => {
    const response = await fetch('/api/v1/statistics/dev-token', { method: 'POST' });
    if (response.ok) {
      sessionStorage.setItem(TOKEN_KEY, (await response.text()).trim());
      start();
    } else {
      authMessage.textContent = text.Auth_Refused;
    }
  });
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  for (const button of document.querySelectorAll('[data-list]')) {
    button.addEventListener('click', () => {
      list = button.dataset.list;
      for (const other of document.querySelectorAll('[data-list]')) {
        const pressed = other === button;
        other.setAttribute('aria-pressed', String(pressed));
        other.classList.toggle('secondary', !pressed);
      }
      refresh();
    });
  }
  for (const button of document.querySelectorAll('[data-export]')) {
    button.addEventListener('click', () => download(button.dataset.export));
  }
  start();
})();

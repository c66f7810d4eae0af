// Personal cabinet: keeps the participant's bearer token in sessionStorage (this tab only) and shows
// GET /api/v1/me/cases — the participant's own cases in full. Strings come from data-* attributes.
(() => {
  "use strict";
  const root = document.getElementById("cabinet");
  if (!root) return;
  const key = "caseledger.token";
  const form = document.getElementById("cabinet-form");
  const field = document.getElementById("cabinet-token");
  const signOut = document.getElementById("cabinet-sign-out");
  const status = document.getElementById("cabinet-status");
  const holder = document.getElementById("cabinet-cases");
  const text = root.dataset;
  const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium" });
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function list(title, items, render) {
    const part = document.createDocumentFragment();
    part.append(element("h3", "", title));
    if (!items.length) {
      part.append(element("p", "", text.none));
      return part;
    }
    const ul = element("ul");
    for (const item of items) ul.append(render(item));
    part.append(ul);
    return part;
  }

  const date = (value) => { const d = new Date(value); return Number.isNaN(d.getTime()) ? value : dateFormat.format(d); };
  const time = (value) => { const d = new Date(value); return Number.isNaN(d.getTime()) ? value : timeFormat.format(d); };

  function renderCase(c) {
    const article = element("article", "cabinet-case");
    article.dataset.caseId = c.caseId;
    article.append(element("h2", "", `${c.caseNumber} — ${c.courtName}`));
    article.append(element("p", "", `${text.myRole}: ${c.myRole} · ${text.status}: ${c.status}`));
    article.append(list(text.participants, c.participants, (p) => element("li", "", `${p.name} (${p.role})`)));
    article.append(list(text.hearings, c.hearings, (h) => element("li", "", `${time(h.startsAt)} — ${h.format}, ${h.status}`)));
    article.append(list(text.acts, c.acts, (a) => {
      const li = element("li", "", `${a.kind}, ${a.status}, ${date(a.issuedAt)} — `);
      li.append(element("code", "", a.documentHash));
      return li;
    }));
    article.append(list(text.filings, c.myFilings, (f) => element("li", "", `${f.type}${f.kind ? " «" + f.kind + "»" : ""}, ${f.status}, ${date(f.filedAt)}`)));
    article.append(list(text.deadlines, c.deadlines, (d) => {
      const li = element("li", "", `${d.kind}: ${text.dueOn} ${date(d.dueOn)}, ${d.status}`);
      if (d.overdue) li.append(" ", element("span", "overdue", text.overdue));
      if (d.mine) li.append(" ", element("span", "mine", text.mine));
      return li;
    }));
    return article;
  }

  async function load() {
    const token = sessionStorage.getItem(key);
    signOut.hidden = !token;
    if (!token) {
      holder.replaceChildren();
      return;
    }
    status.textContent = text.loading;
    try {
      const response = await fetch("/api/v1/me/cases", { headers: { Accept: "application/json", Authorization: `Bearer ${token}` } });
      if (response.status === 401) {
        sessionStorage.removeItem(key);
        signOut.hidden = true;
        holder.replaceChildren();
        status.textContent = text.unauthorized;
        return;
      }
      if (response.status === 403) {
        holder.replaceChildren();
        status.textContent = text.forbidden;
        return;
      }
      if (!response.ok) throw new Error(text.failed);
      const result = await response.json();
      holder.replaceChildren(...result.cases.map(renderCase));
      status.textContent = result.cases.length ? "" : text.noCases;
    } catch {
      status.textContent = text.failed;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = field.value.trim();
    if (!token) return;
    sessionStorage.setItem(key, token);
    field.value = "";
    load();
  });
  signOut.addEventListener("click", () => {
    sessionStorage.removeItem(key);
    status.textContent = "";
    load();
  });

  load();
})();

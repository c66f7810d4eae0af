// Public search over published judicial acts: reads the form, calls GET /api/v1/acts/search, shows ranked results
// with highlighted snippets (the server escapes them; only <mark> is markup) and pages. Strings come from data-* attributes.
(() => {
  "use strict";
  const root = document.getElementById("act-search");
  if (!root) return;
  const form = document.getElementById("search-form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const pages = document.getElementById("search-pages");
  const prev = document.getElementById("search-prev");
  const next = document.getElementById("search-next");
  const pageLabel = document.getElementById("search-page");
  const text = root.dataset;
  const outcomes = JSON.parse(text.outcomes || "{}");
  const kinds = JSON.parse(text.kinds || "{}");
  const courts = JSON.parse(text.courts || "{}");
  const fields = ["q", "court", "kind", "year", "article", "outcome"];
  const pageSize = 10;
  let page = 1;

  const format = (template, value) => template.replace("{0}", String(value));

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of fields) {
      const value = params.get(name);
      if (value !== null && form.elements[name]) form.elements[name].value = value;
    }
    page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    return fields.some((name) => params.get(name));
  }

  function query() {
    const params = new URLSearchParams();
    for (const name of fields) {
      const value = (form.elements[name].value || "").trim();
      if (value) params.set(name, value);
    }
    if (page > 1) params.set("page", String(page));
    return params;
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function renderHit(hit) {
    const item = element("li", "search-hit");
    item.dataset.actId = hit.actId;
    const title = element("h2", "search-hit-title", `${hit.caseNumber} — ${courts[hit.courtId] || hit.courtName}`);
    item.append(title);
    const meta = [kinds[hit.caseKind] || hit.caseKind, String(hit.year), outcomes[hit.outcome] || hit.outcome];
    if (hit.articles && hit.articles.length) meta.push(`${text.articles}: ${hit.articles.join(", ")}`);
    item.append(element("p", "search-hit-meta", meta.join(" · ")));
    const snippet = element("p", "search-hit-snippet");
    snippet.innerHTML = hit.snippetHtml; // escaped by the server; only <mark> highlights are markup
    item.append(snippet);

    const toggle = element("button", "button secondary search-hit-toggle", text.showText);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    const full = element("div", "search-hit-full");
    full.hidden = true;
    toggle.addEventListener("click", async () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      if (!open && !full.dataset.loaded) {
        const response = await fetch(`/api/v1/acts/${encodeURIComponent(hit.actId)}`, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const act = await response.json();
        full.append(element("pre", "search-hit-text", act.text));
        const hash = element("p", "search-hit-hash");
        hash.append(element("span", "", `${text.originalHash}: `), element("code", "", act.originalHash));
        full.append(hash);
        full.dataset.loaded = "true";
      }
      full.hidden = open;
      toggle.setAttribute("aria-expanded", String(!open));
      toggle.textContent = open ? text.showText : text.hideText;
    });
    item.append(toggle, full);
    return item;
  }

  async function search(pushUrl) {
    const params = query();
    if (pushUrl) {
      const url = `${window.location.pathname}${params.toString() ? "?" + params : ""}`;
      window.history.replaceState(null, "", url);
    }
    params.set("pageSize", String(pageSize));
    status.textContent = text.searching;
    root.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(`/api/v1/acts/search?${params}`, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        let detail = text.failed;
        try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
        throw new Error(detail);
      }
      const result = await response.json();
      list.replaceChildren(...result.hits.map(renderHit));
      status.textContent = result.total === 0
        ? text.nothing
        : result.totalIsLowerBound ? format(text.foundMore, result.total) : format(text.found, result.total);
      const lastPage = Math.max(1, Math.ceil(result.total / pageSize));
      pages.hidden = result.total <= pageSize;
      prev.disabled = page <= 1;
      next.disabled = page >= lastPage;
      pageLabel.textContent = format(text.pageOf, page);
    } catch (error) {
      list.replaceChildren();
      pages.hidden = true;
      status.textContent = error instanceof Error && error.message ? error.message : text.failed;
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    page = 1;
    search(true);
  });
  prev.addEventListener("click", () => { if (page > 1) { page -= 1; search(true); } });
  next.addEventListener("click", () => { page += 1; search(true); });

  if (readUrl()) search(false);
})();

// Small behaviours shared by every CaseLedger page. Pages work without JavaScript; this only adds comfort.

// <button data-copy="text" data-copied-label="Copied">: copies the text (hashes, receipt ids) to the clipboard.
function wireCopyButtons(root) {
  for (const button of root.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        const label = button.textContent;
        button.textContent = button.dataset.copiedLabel || label;
        setTimeout(() => { button.textContent = label; }, 1500);
      } catch {
        // Clipboard refused (insecure context or permission): the text stays visible to select by hand.
      }
    });
  }
}

// <time datetime="2026-01-31T10:00:00Z" data-local>: shows the instant in the reader's time zone and language.
function localizeTimes(root) {
  const lang = document.documentElement.lang || undefined;
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  for (const time of root.querySelectorAll('time[data-local]')) {
    const instant = new Date(time.dateTime);
    if (!Number.isNaN(instant.getTime())) {
      time.title = time.dateTime;
      time.textContent = format.format(instant);
    }
  }
}

// The navigation menu collapses behind a button on narrow screens.
function wireMenu(root) {
  const toggle = root.querySelector('[data-menu-toggle]');
  const menu = toggle && root.getElementById(toggle.getAttribute('aria-controls'));
  if (!toggle || !menu) return;
  toggle.hidden = false;
  menu.classList.add('collapsible');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    menu.classList.toggle('open', !open);
  });
}

function init() {
  wireCopyButtons(document);
  localizeTimes(document);
  wireMenu(document);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}

window.CaseLedger = { wireCopyButtons, localizeTimes };

// Document verification page. The file is hashed here (WebCrypto SHA-256) and never uploaded; the server's verdict
// is then re-checked in the browser: the log's checkpoint signature (Ed25519, C2SP signed note), the leaf that
// commits to the document, and its RFC 9162 inclusion proof up to the signed root (and the anchored root).
(() => {
  'use strict';

  const page = document.querySelector('[data-verify]');
  if (!page) {
    return;
  }

  const text = JSON.parse(document.getElementById('verify-text').textContent);
  const t = (key, ...args) => (text[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
  const $ = (selector) => page.querySelector(selector);
  const resultBox = $('[data-verify-result]');
  const verdictBox = $('[data-verify-verdict]');
  const detailsBox = $('[data-verify-details]');
  const proofBox = $('[data-verify-proof]');
  const hashInput = $('[data-verify-hash]');
  const fileInput = $('[data-verify-file]');
  const dropZone = $('[data-drop-zone]');
  const encoder = new TextEncoder();

  const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function show(state, message) {
    resultBox.hidden = false;
    verdictBox.replaceChildren(el('p', { class: 'status' }, message));
    verdictBox.dataset.state = state;
    detailsBox.replaceChildren();
    proofBox.replaceChildren();
    proofBox.className = 'proof';
    delete proofBox.dataset.state;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  }

  async function getText(url) {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.text();
  }

  // ---- verdict -------------------------------------------------------------------------------------------------

  const verdictKeys = {
    valid: ['Js_Valid_Title', 'Js_Valid_Text'],
    'not-found': ['Js_NotFound_Title', 'Js_NotFound_Text'],
    'set-aside': ['Js_SetAside_Title', 'Js_SetAside_Text'],
    amended: ['Js_Amended_Title', 'Js_Amended_Text'],
  };

  function row(list, label, value, className) {
    list.append(el('dt', null, label), el('dd', className ? { class: className } : null, value));
  }

  function localTime(iso) {
    const date = new Date(iso);
    const formatted = Number.isNaN(date.getTime())
      ? iso
      : new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'long', timeStyle: 'short' }).format(date);
    return el('time', { datetime: iso, title: iso }, formatted);
  }

  function render(result) {
    const [title, body] = verdictKeys[result.verdict] || verdictKeys['not-found'];
    resultBox.hidden = false;
    verdictBox.dataset.state = result.verdict;
    verdictBox.replaceChildren(el('div', { class: `verdict ${result.verdict}`, 'data-verdict': result.verdict },
      el('h3', null, t(title)), el('p', null, t(body)), el('p', { class: 'hash' }, `${t('Js_Hash')}: ${result.sha256}`)));
    detailsBox.replaceChildren();
    for (const e of result.events) {
      const list = el('dl', { class: 'verify-event', 'data-event-id': e.eventId });
      const kind = e.case.kind ? ` (${t(`Kind_${e.case.kind}`)})` : '';
      row(list, t('Js_Case'), (e.case.number || e.case.caseId) + kind);
      if (e.case.court) {
        row(list, t('Js_Court'), e.case.court);
      }
      row(list, t('Js_Event'), text[`Type_${e.eventType}`] ?? e.eventType);
      row(list, t('Js_Time'), localTime(e.occurredAt));
      if (e.act) {
        row(list, t('Js_Status'), el('span', { 'data-act-status': e.act.standing }, t(`Status_${e.act.standing}`)));
        if (e.act.supersededBy) {
          const later = e.act.supersededBy;
          row(list, t('Js_Later'), el('span', null, `${text[`Type_${later.eventType}`] ?? later.eventType}, `, localTime(later.occurredAt)));
          if (later.documentSha256) {
            row(list, t('Js_LaterDocument'), el('a', { href: `/verify?h=${later.documentSha256}`, class: 'hash' }, later.documentSha256));
          }
        }
      }
      const anchor = e.anchor || { status: 'pending' };
      row(list, t('Js_Anchor'), anchor.status === 'anchored'
        ? t('Js_Anchored', anchor.chainId, anchor.blockNumber, anchor.txHash)
        : t(anchor.status === 'not-sequenced' ? 'Js_NotSequenced' : 'Js_Pending'), 'hash-wrap');
      row(list, t('Js_Receipt'), el('a', { href: e.receiptUrl }, e.receiptUrl));
      detailsBox.append(list);
    }
    if (result.found) {
      detailsBox.append(el('p', null, el('img', {
        class: 'verify-qr', src: result.qrCodeUrl, alt: t('Js_Qr'), width: '160', height: '160',
      })));
    }
  }

  // ---- independent check in the browser ------------------------------------------------------------------------

  // C2SP signed note: the body is everything up to and including the newline before the blank line; each signature
  // line is "— <name> <base64(4-byte key id ‖ signature)>".
  async function verifyNote(note, verifierKey) {
    // name+keyid+base64: the base64 part may itself contain '+', so split at the first two only.
    const keyText = verifierKey.trim();
    const first = keyText.indexOf('+');
    const second = keyText.indexOf('+', first + 1);
    if (first < 0 || second < 0) {
      throw new Error('log key is malformed');
    }
    const name = keyText.slice(0, first);
    const keyIdHex = keyText.slice(first + 1, second);
    const keyBase64 = keyText.slice(second + 1);
    const raw = fromBase64(keyBase64);
    if (raw.length !== 33 || raw[0] !== 1) {
      throw new Error('log key is not an Ed25519 key');
    }
    const publicKey = raw.slice(1);
    const expectedId = (await sha256(concat(encoder.encode(name), new Uint8Array([0x0a, 0x01]), publicKey))).slice(0, 4);
    if (hex(expectedId) !== keyIdHex) {
      throw new Error('log key id does not match the key');
    }
    const split = note.indexOf('\n\n');
    if (split < 0) {
      throw new Error('checkpoint has no signatures');
    }
    const body = note.slice(0, split + 1);
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    for (const line of note.slice(split + 2).split('\n')) {
      const prefix = `\u2014 ${name} `;
      if (!line.startsWith(prefix)) {
        continue;
      }
      const signature = fromBase64(line.slice(prefix.length));
      if (signature.length !== 68 || !equal(signature.slice(0, 4), expectedId)) {
        continue;
      }
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.slice(4), encoder.encode(body))) {
        const [origin, size, root] = body.slice(0, -1).split('\n');
        return { origin, size: BigInt(size), root: fromBase64(root) };
      }
      throw new Error('checkpoint signature is invalid');
    }
    throw new Error('checkpoint is not signed by the log key');
  }

  // RFC 9162 §2.1.3.2.
  async function rootFromInclusion(index, size, leafHash, proof) {
    let fn = BigInt(index);
    let sn = BigInt(size) - 1n;
    if (fn > sn) {
      throw new Error('leaf index beyond tree size');
    }
    let r = leafHash;
    for (const p of proof) {
      if (sn === 0n) {
        throw new Error('inclusion proof too long');
      }
      if ((fn & 1n) === 1n || fn === sn) {
        r = await sha256(concat(new Uint8Array([1]), p, r));
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        r = await sha256(concat(new Uint8Array([1]), r, p));
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) {
      throw new Error('inclusion proof too short');
    }
    return r;
  }

  async function checkInBrowser(result) {
    const sequenced = result.events.filter((e) => e.leafIndex !== null && e.leafIndex !== undefined);
    if (sequenced.length === 0) {
      return;
    }
    if (!crypto.subtle || typeof crypto.subtle.importKey !== 'function') {
      proofBox.textContent = t('Js_Proof_Unsupported');
      return;
    }
    proofBox.textContent = t('Js_Proof_Checking');
    try {
      try {
        await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify']);
      } catch {
        proofBox.textContent = t('Js_Proof_Unsupported');
        return;
      }
      const [verifierKey, note] = await Promise.all([getText('/api/v1/log/key'), getText('/api/v1/log/checkpoint')]);
      const checkpoint = await verifyNote(note, verifierKey);
      const messages = [];
      for (const e of sequenced) {
        const leaf = await getJson(`/api/v1/log/leaves/${e.leafIndex}`);
        const leafInput = fromBase64(leaf.leafInput);
        const envelope = JSON.parse(new TextDecoder().decode(leafInput));
        if (leaf.eventId !== e.eventId || !envelope.documentHashes.includes(result.sha256)) {
          throw new Error(`entry ${e.leafIndex} does not commit to this document`);
        }
        if (envelope.origin !== checkpoint.origin) {
          throw new Error('entry and checkpoint belong to different logs');
        }
        const leafHash = await sha256(concat(new Uint8Array([0]), leafInput));
        const proof = await getJson(`/api/v1/log/proof/inclusion?index=${e.leafIndex}&size=${checkpoint.size}`);
        const root = await rootFromInclusion(e.leafIndex, checkpoint.size, leafHash, proof.proof.map(fromBase64));
        if (!equal(root, checkpoint.root)) {
          throw new Error(`entry ${e.leafIndex} is not in the signed tree`);
        }
        messages.push(t('Js_Proof_Ok', e.leafIndex, checkpoint.size));
        if (e.anchor && e.anchor.status === 'anchored' && e.anchor.treeSize) {
          const anchored = await getJson(`/api/v1/log/proof/inclusion?index=${e.leafIndex}&size=${e.anchor.treeSize}`);
          const anchoredRoot = await rootFromInclusion(e.leafIndex, e.anchor.treeSize, leafHash, anchored.proof.map(fromBase64));
          if (!equal(anchoredRoot, fromBase64(e.anchor.rootHash))) {
            throw new Error(`entry ${e.leafIndex} is not in the anchored tree`);
          }
          messages.push(t('Js_Proof_Anchor_Ok', e.anchor.treeSize));
        }
      }
      proofBox.textContent = messages.join(' ');
      proofBox.className = 'proof ok';
      proofBox.dataset.state = 'verified';
    } catch (error) {
      proofBox.textContent = t('Js_Proof_Failed', error.message);
      proofBox.className = 'proof failed';
      proofBox.dataset.state = 'failed';
    }
  }

  // ---- inputs ----------------------------------------------------------------------------------------------------

  async function verifyHash(hash) {
    const normalized = hash.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(normalized)) {
      show('error', t('Js_BadHash'));
      return;
    }
    hashInput.value = normalized;
    const url = new URL(window.location.href);
    url.searchParams.set('h', normalized);
    window.history.replaceState(null, '', url);
    show('checking', t('Js_Checking'));
    try {
      const result = await getJson(`/api/v1/verify/documents/${normalized}`);
      render(result);
      await checkInBrowser(result);
    } catch (error) {
      show('error', t('Js_Error', error.message));
    }
  }

  async function verifyFile(file) {
    if (!file) {
      return;
    }
    show('hashing', t('Js_Hashing'));
    const hash = hex(await sha256(await file.arrayBuffer()));
    await verifyHash(hash);
  }

  $('[data-verify-hash-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    verifyHash(hashInput.value);
  });
  $('[data-verify-file-form]').addEventListener('submit', (event) => event.preventDefault());
  fileInput.addEventListener('change', () => verifyFile(fileInput.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    dropZone.addEventListener(type, (event) => {
      event.preventDefault();
      dropZone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    dropZone.addEventListener(type, () => dropZone.classList.remove('dragging'));
  }
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    verifyFile(event.dataTransfer.files[0]);
  });

  if (page.dataset.initialHash) {
    verifyHash(page.dataset.initialHash);
  }
})();

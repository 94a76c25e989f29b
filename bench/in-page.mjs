/**
 * Functions that run inside the app's page (passed to addInitScript or page.evaluate, so each must be
 * self-contained). Times are performance.now() values of the page: milliseconds since its navigation
 * started. "Painted" means: the element was in the DOM at one animation frame and the next frame has
 * begun (double requestAnimationFrame), so the figures are frame-quantised (about 16.7 ms at 60 Hz).
 */

/**
 * Init script: defines `__mgBenchWatch(text)`, a promise of the time at which the last block of the
 * `.ProseMirror` element containing `text` has been painted, checked once per frame. When the tab's
 * sessionStorage holds `mg-bench-expect`, a watch starts as soon as the page does, as
 * `__mgBenchPainted`.
 */
export function paintProbe() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  window.__mgBenchWatch = async (text) => {
    for (;;) {
      await frame();
      const last = document.querySelector('.ProseMirror')?.lastElementChild;
      if (last?.textContent.includes(text)) break;
    }
    await frame();
    return performance.now();
  };
  if (!location.protocol.startsWith('http')) return; // about:blank has no storage
  const expected = sessionStorage.getItem('mg-bench-expect');
  if (expected) window.__mgBenchPainted = window.__mgBenchWatch(expected);
}

/**
 * Selects three words of block `paragraph` (or the next block that has them) that no highlight
 * covers yet, so the new highlight is an element of its own, after scrolling the block into view,
 * and arms the measurement of the next `c` key press as `__mgBenchTag`: a promise of { paint, persisted }
 * in ms after the keydown (a new `.mg-hl` painted; the 'annotations' store holding one more record).
 * Resolves to the selected phrase.
 */
export async function armTag(paragraph) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const pm = document.querySelector('.ProseMirror');
  let node = null;
  let words = [];
  for (let p = paragraph; p < pm.children.length && !node; p++) {
    const block = pm.children[p];
    block.scrollIntoView({ block: 'center' });
    await frame();
    await frame(); // highlights near the new viewport may be drawn now
    for (const child of block.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE) continue;
      const found = [...child.data.matchAll(/\S+/g)];
      if (found.length >= 6) {
        node = child;
        words = found.slice(1, 4);
        break;
      }
    }
  }
  if (!node) throw new Error(`no three words free of highlights from block ${paragraph} on`);
  const [first, , last] = words;
  const [a, ao, b, bo] = [node, first.index, node, last.index + last[0].length];
  pm.focus({ preventScroll: true });
  getSelection().setBaseAndExtent(a, ao, b, bo);
  await frame();
  await frame();

  window.__mgBenchIdb ??= await new Promise((resolve, reject) => {
    const open = indexedDB.open('marginalia');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const count = () =>
    new Promise((resolve, reject) => {
      const request = window.__mgBenchIdb.transaction('annotations').objectStore('annotations').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const before = await count();
  const seen = new Set([...pm.querySelectorAll('.mg-hl')].map((el) => el.dataset.annotationId));

  let t0;
  let startPolling;
  const persisted = new Promise((resolve, reject) => {
    startPolling = () => {
      const poll = () => count().then((k) => (k > before ? resolve(performance.now()) : poll()), reject);
      poll();
    };
  });
  const painted = new Promise((resolve) => {
    const isNew = (el) => el.classList.contains('mg-hl') && !seen.has(el.dataset.annotationId);
    const holdsNew = (el) => el.nodeType === 1 && (isNew(el) || [...el.querySelectorAll('.mg-hl')].some(isNew));
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => (r.type === 'attributes' ? isNew(r.target) : [...r.addedNodes].some(holdsNew)))) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    });
    observer.observe(pm, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-annotation-id'] });
  });
  const onKey = (e) => {
    if (e.key !== 'c') return;
    window.removeEventListener('keydown', onKey, true);
    t0 = performance.now();
    startPolling();
  };
  window.addEventListener('keydown', onKey, true);
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no highlight or record within 15 s of the key press')), 15_000));
  window.__mgBenchTag = Promise.race([Promise.all([painted, persisted]), timeout]).then(([paint, saved]) => ({ paint: paint - t0, persisted: saved - t0 }));
  return getSelection().toString();
}

/** Every stored annotation's kind and quote. */
export async function storedQuotes() {
  const db = window.__mgBenchIdb;
  return new Promise((resolve, reject) => {
    const request = db.transaction('annotations').objectStore('annotations').getAll();
    request.onsuccess = () => resolve(request.result.map((a) => ({ kind: a.kind, quote: a.anchor.quote })));
    request.onerror = () => reject(request.error);
  });
}

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
 * Selects three words of paragraph `paragraph` with the DOM Selection API (after scrolling it into
 * view), then arms the measurement of the next `c` key press as `__mgBenchTag`: a promise of
 * { paint, persisted } in ms after the keydown, where paint is when a new `.mg-hl` element has been
 * painted and persisted is when the 'annotations' store of the 'marginalia' IndexedDB database has
 * one more record. Resolves to the selected phrase.
 */
export async function armTag(paragraph) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const pm = document.querySelector('.ProseMirror');
  const block = pm.children[paragraph];
  block.scrollIntoView({ block: 'center' });
  const node = document.createTreeWalker(block, NodeFilter.SHOW_TEXT).nextNode();
  const [first, , last] = [...node.data.matchAll(/\S+/g)].slice(2, 5);
  pm.focus({ preventScroll: true });
  getSelection().setBaseAndExtent(node, first.index, node, last.index + last[0].length);
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
      const poll = () => count().then((n) => (n > before ? resolve(performance.now()) : poll()), reject);
      poll();
    };
  });
  const painted = new Promise((resolve) => {
    const isNewHighlight = (el) => el.classList.contains('mg-hl') && !seen.has(el.dataset.annotationId);
    const holdsNew = (el) => el.nodeType === 1 && (isNewHighlight(el) || [...el.querySelectorAll('.mg-hl')].some(isNewHighlight));
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => (r.type === 'attributes' ? isNewHighlight(r.target) : [...r.addedNodes].some(holdsNew)))) return;
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

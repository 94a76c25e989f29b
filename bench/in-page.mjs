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
 * Init script: times every read-write transaction of the app's `marginalia` database, from its
 * creation to its `complete` event, in `window.__mgTx` ({ start, commit, ping, end, stores, aborted };
 * `commit` when the transaction asked for commit(), null if it never did). It wraps
 * IDBDatabase.prototype.transaction before the app's scripts run (Dexie takes the method when it
 * opens the database) and each watched transaction's commit(); nothing in the app is changed.
 */
export function watchTransactions() {
  if (window.__mgTx) return;
  window.__mgTx = [];
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = original.call(this, stores, mode, options);
    if (mode === 'readwrite' && this.name === 'marginalia') {
      const entry = { start: performance.now(), commit: null, ping: null, end: null, stores: [...tx.objectStoreNames], aborted: false };
      window.__mgTx.push(entry);
      // When commit() is asked for (`commit`), and when a message posted then is delivered (`ping`:
      // how soon the page's main thread is free again to take the transaction's complete event).
      tx.commit = function () {
        entry.commit = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (entry.ping = performance.now());
        channel.port2.postMessage(null);
        return IDBTransaction.prototype.commit.call(this);
      };
      if (window.__mgTx.length > 1000) window.__mgTx.splice(0, 500);
      tx.addEventListener('complete', () => (entry.end = performance.now()));
      tx.addEventListener('abort', () => (entry.aborted = true));
    }
    return tx;
  };
}

/**
 * Selects three words of block `paragraph` (or the next block that has them) that no highlight
 * covers yet, so the new highlight is an element of its own, after scrolling the block into view,
 * and arms the measurement of the next `c` key press as `__mgBenchTag`: a promise of times in ms after
 * the keydown listener ran: `paint` (a new `.mg-hl` painted, double rAF), `nextPaint` (the browser's
 * Event Timing duration of the keydown, null under 16 ms), `persisted` (the tag's transaction
 * committed, when watchTransactions runs in the page; else the 'annotations' store, polled from a
 * connection of its own, holding one more record). Resolves to the selected phrase.
 */
export async function armTag(paragraph) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const pm = document.querySelector('.ProseMirror');
  let node = null;
  let words = [];
  // The text's blocks (a long text groups them in sections, editor/to-doc.ts).
  const blocks = pm.querySelectorAll(':scope > :not(.mg-section), :scope > .mg-section > *');
  for (let p = paragraph; p < blocks.length && !node; p++) {
    const block = blocks[p];
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
  let mutatedAt;
  let startPolling;
  const persisted = new Promise((resolve, reject) => {
    startPolling = () => {
      if (window.__mgTx) {
        // The tag's own transaction (the one over the events store) and the time it committed.
        const check = () => {
          const tx = window.__mgTx.find((t) => t.start >= t0 && t.stores.includes('events') && (t.end !== null || t.aborted));
          if (!tx) setTimeout(check, 5);
          else if (tx.aborted) reject(new Error('the tag transaction was aborted'));
          else resolve(tx.end);
        };
        check();
        return;
      }
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
      mutatedAt = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    });
    observer.observe(pm, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-annotation-id'] });
  });
  // The browser's own key press → next paint (Event Timing, the measure behind INP): from the key
  // event's time stamp to the presentation of the first frame after its handlers ran. Reported only
  // at 16 ms or more (the API's least threshold), in steps of 8 ms; none means under 16 ms.
  let keyEntry = null;
  const timing = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown' && t0 !== undefined && e.startTime >= t0 - 50) keyEntry ??= e;
  });
  timing.observe({ type: 'event', durationThreshold: 16, buffered: false });
  const onKey = (e) => {
    if (e.key !== 'c') return;
    window.removeEventListener('keydown', onKey, true);
    t0 = performance.now();
    startPolling();
  };
  window.addEventListener('keydown', onKey, true);
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no highlight or record within 15 s of the key press')), 15_000));
  window.__mgBenchTag = Promise.race([Promise.all([painted, persisted]), timeout]).then(async ([paint, saved]) => {
    // Event Timing entries are queued after the frame is presented: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    timing.takeRecords().forEach((e) => e.name === 'keydown' && e.startTime >= t0 - 50 && (keyEntry ??= e));
    timing.disconnect();
    return { paint: paint - t0, persisted: saved - t0, nextPaint: keyEntry ? keyEntry.duration : null, mutation: mutatedAt - t0 };
  });
  return getSelection().toString();
}

/** Every stored annotation's kind and quote. */
export async function storedQuotes() {
  window.__mgBenchIdb ??= await new Promise((resolve, reject) => {
    const open = indexedDB.open('marginalia');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const db = window.__mgBenchIdb;
  return new Promise((resolve, reject) => {
    const request = db.transaction('annotations').objectStore('annotations').getAll();
    request.onsuccess = () => resolve(request.result.map((a) => ({ kind: a.kind, quote: a.anchor.quote })));
    request.onerror = () => reject(request.error);
  });
}

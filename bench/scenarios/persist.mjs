/**
 * Persisting one user action: how long the IndexedDB transaction of a tag takes through the app's own
 * code path (the `c` key → db/history.ts runCreation → Dexie), how many read-write transactions one
 * key press opens, and raw IndexedDB writes of the same records, for comparison (rawPuts).
 *
 * No hook in the app: the page's IDBDatabase.prototype.transaction is wrapped (watchTransactions,
 * in-page.mjs, an init script that runs before the app opens its database) so every read-write
 * transaction of the `marginalia` database is timed from its creation to its `complete` event. That is
 * the transaction itself (Dexie's reads, the action's rule checks, the writes and the commit), not the
 * key handling or the painting. It is also split where the tag asks for commit(): the JavaScript
 * before, IndexedDB's part after.
 */
import { syntheticDocument } from '../synthetic-text.mjs';
import { watchTransactions } from '../in-page.mjs';

const TAGS = 120; // measured, after one warm-up
const RAW_PUTS = 200;
const RAW_PACED = 60; // per shape
/** ms between two paced raw transactions: about the time between two tags of the loop below. */
const RAW_GAP = 200;
const TITLE = 'Persist benchmark document';
const REVIEWER = 'Bench Reviewer';

/** In the page: select three words of paragraph `n` of the reader and clear the transaction log. */
async function selectIn(n) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const pm = document.querySelector('.ProseMirror');
  const block = pm.querySelectorAll(':scope > :not(.mg-section), :scope > .mg-section > *')[n];
  block.scrollIntoView({ block: 'center' });
  const node = document.createTreeWalker(block, NodeFilter.SHOW_TEXT).nextNode();
  const [first, , last] = [...node.data.matchAll(/\S+/g)].slice(1, 4);
  pm.focus({ preventScroll: true });
  getSelection().setBaseAndExtent(node, first.index, node, last.index + last[0].length);
  await frame();
  window.__mgTx.length = 0;
  return getSelection().toString();
}

/**
 * In the page: raw IndexedDB, in a database of its own with the app's schema for the stores an action
 * spans (src/db/database.ts, version 2). `runs` transactions, taking `shapes` in turn (side by side:
 * a machine's pace changes from minute to minute); ms each, per shape. A shape writes `records`: 1, an
 * annotation record of a tag's size, or 2, the record and its history event; over `stores` (the five
 * an action spanned until 2026-11-23, or the two a tag spans now); and, with `commit`, asks for the
 * commit (IDBTransaction.commit()) as soon as its requests are sent, as the app's tag does. `gap`: ms
 * of idle page between two transactions (0: one right after the other).
 */
async function rawPuts({ runs, shapes, gap = 0 }) {
  const name = 'mg-bench-persist-raw';
  await new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      const store = db.createObjectStore('annotations', { keyPath: 'id' });
      store.createIndex('documentId', 'documentId');
      store.createIndex('kind', 'kind');
      store.createIndex('fields.entityId', 'fields.entityId');
      store.createIndex('fields.attribution.entityId', 'fields.attribution.entityId');
      db.createObjectStore('entities', { keyPath: 'id' }).createIndex('name', 'name');
      db.createObjectStore('evidence', { keyPath: 'id' }).createIndex('claimId', 'claimId');
      const links = db.createObjectStore('links', { keyPath: 'id' });
      links.createIndex('fromId', 'fromId');
      links.createIndex('toId', 'toId');
      const events = db.createObjectStore('events', { keyPath: 'id' });
      events.createIndex('groupId', 'groupId');
      events.createIndex('subjects', 'subjects', { multiEntry: true });
      events.createIndex('at', 'at');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const times = shapes.map(() => []);
  for (let i = 0; i < runs * shapes.length; i++) {
    const shape = shapes[i % shapes.length];
    if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
    const record = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      documentId: '11111111-1111-4111-8111-111111111111',
      textHash: 'a'.repeat(64),
      anchor: { quote: 'the council said the river rose', prefix: 'In the early report of the valley ', suffix: ' before the storm season began.', start: 1000 + i, end: 1031 + i },
      creator: 'Bench Reviewer',
      created: new Date().toISOString(),
      modified: new Date().toISOString(),
      kind: 'claim',
      fields: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' },
    };
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction(shape.stores === 5 ? ['annotations', 'entities', 'links', 'evidence', 'events'] : shape.stores === 2 ? ['annotations', 'events'] : ['annotations'], 'readwrite');
      tx.objectStore('annotations').add(record);
      if (shape.records === 2) {
        const event = { id: crypto.randomUUID(), groupId: crypto.randomUUID(), seq: 0, at: record.created, reviewer: record.creator, action: 'tag claim', table: 'annotations', targetId: record.id, op: 'create', field: null, before: null, after: record, subjects: [record.id] };
        tx.objectStore('events').add(event);
      }
      if (shape.commit) tx.commit();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    times[i % shapes.length].push(performance.now() - t0);
  }
  db.close();
  indexedDB.deleteDatabase(name);
  return times;
}

export async function run({ context, baseUrl, within, median, percentile, log }) {
  const page = await context.newPage();
  try {
    // Before the app's scripts: Dexie binds IDBDatabase.transaction when it opens the database.
    await page.addInitScript(watchTransactions);
    await page.goto(baseUrl);
    await page.getByRole('table').getByRole('row').nth(1).waitFor({ timeout: 15_000 });
    if ((await page.getByText(`Reviewer: ${REVIEWER}`).count()) === 0) {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Reviewer name').fill(REVIEWER);
      await dialog.getByRole('button', { name: 'Save' }).click();
    }
    // A document of 300 paragraphs (about 100 kB): big enough for 120 tags in different paragraphs.
    const text = syntheticDocument({ paragraphs: 300, seed: 7 }).replace(/^[^\n]*/, TITLE);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import document' }).click();
    await (await chooser).setFiles({ name: 'persist-bench.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await page.getByRole('heading', { name: TITLE }).waitFor({ timeout: 30_000 });
    await page.locator('.ProseMirror p').nth(250).waitFor();

    log(`tagging ${TAGS + 1} times…`);
    const tx = [];
    const beforeCommit = [];
    const afterCommit = [];
    const pingDelay = [];
    const perPress = [];
    const starts = [];
    for (let i = 0; i <= TAGS; i++) {
      await page.evaluate(selectIn, 4 + i * 2);
      await page.keyboard.press('c');
      // The tag's transaction is the one over the events store; wait for it, then let follow-ups show.
      await within(15_000, 'the tag transaction', page.waitForFunction(() => window.__mgTx.some((t) => t.stores.includes('events') && t.end !== null)));
      await page.waitForTimeout(120);
      const log = await page.evaluate(() => window.__mgTx.map((t) => ({ ...t })));
      if (i === 0) continue;
      const action = log.find((t) => t.stores.includes('events'));
      tx.push(action.end - action.start);
      if (action.commit !== null) {
        beforeCommit.push(action.commit - action.start);
        afterCommit.push(action.end - action.commit);
        if (action.ping !== null) pingDelay.push(action.ping - action.commit);
      }
      starts.push(action.start);
      perPress.push(log.length);
    }
    // Back to back: one record over its one store, and a tag's two records over the five stores.
    const [raw, rawTag] = await page.evaluate(rawPuts, { runs: RAW_PUTS, shapes: [{ records: 1, stores: 1 }, { records: 2, stores: 5 }] });
    // Paced like the tags above (one about every RAW_GAP ms): a database left idle between two writes
    // answers the next one more slowly than one kept busy, so these are the floors to compare the
    // app's path with. Three shapes in turn: the two records over the five stores, committing on their
    // own (the floor until 2026-11-23); the two records over two stores with commit(), as the app's tag
    // writes now; one record alone with commit(), what one record per action would cost at best.
    const [rawPaced, rawPacedCommit, rawPacedOne] = await page.evaluate(rawPuts, {
      runs: RAW_PACED,
      gap: RAW_GAP,
      shapes: [{ records: 2, stores: 5 }, { records: 2, stores: 2, commit: true }, { records: 1, stores: 1, commit: true }],
    });
    const apart = median(starts.slice(1).map((t, i) => t - starts[i]));
    const counts = [...new Set(perPress)].sort().map((n) => `${perPress.filter((x) => x === n).length}× ${n}`).join(', ');
    return {
      rows: [
        { name: 'persist: tag, its Dexie transaction (app path)', times: tx, p95: true },
        { name: 'persist: raw IndexedDB put, own transaction', times: raw, p95: true },
        { name: 'persist: raw IndexedDB, a tag\'s two records, 5 stores', times: rawTag, p95: true },
        { name: `persist: the same raw, one every ${RAW_GAP} ms (the tags' pace)`, times: rawPaced, p95: true },
        { name: 'persist: the same over 2 stores, commit() (the tag\'s shape)', times: rawPacedCommit, p95: true },
        { name: 'persist: one record alone, paced, commit()', times: rawPacedOne, p95: true },
      ],
      lines: [
        `the tag transaction in two parts (${beforeCommit.length} of ${tx.length} asked for commit() early): created → commit() asked for, Dexie's and the app's JavaScript, median ${median(beforeCommit).toFixed(2)} ms; ` +
          `commit() → complete, IndexedDB's part, median ${median(afterCommit).toFixed(2)} ms (p95 ${percentile(afterCommit, 95).toFixed(2)}); ` +
          `a message posted at commit() was delivered ${median(pingDelay).toFixed(2)} ms later (p95 ${percentile(pingDelay, 95).toFixed(2)}): how soon the page was free again for the complete event`,
        `read-write transactions per key press: ${counts} (over ${TAGS} presses, ${apart.toFixed(0)} ms apart at the median)`,
        `tag transaction median ${median(tx).toFixed(2)} ms, p95 ${percentile(tx, 95).toFixed(2)} ms; raw put median ${median(raw).toFixed(2)} ms, p95 ${percentile(raw, 95).toFixed(2)} ms; ratio of medians ${(median(tx) / median(raw)).toFixed(1)}×; ` +
          `the same two records written raw over the same five stores: median ${median(rawTag).toFixed(2)} ms back to back (the app's path ${(median(tx) / median(rawTag)).toFixed(1)}× that), ` +
          `${median(rawPaced).toFixed(2)} ms one every ${RAW_GAP} ms as the tags are (the app's path ${(median(tx) / median(rawPaced)).toFixed(1)}× that), ` +
          `${median(rawPacedCommit).toFixed(2)} ms paced over the tag's two stores with commit() asked for once both are sent, as the app does (the app's path ${(median(tx) / median(rawPacedCommit)).toFixed(1)}× that); ` +
          `one record alone, paced, with commit(): ${median(rawPacedOne).toFixed(2)} ms (the app's path ${(median(tx) / median(rawPacedOne)).toFixed(1)}× that)`,
      ],
    };
  } finally {
    await page.close();
  }
}

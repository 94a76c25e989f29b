/**
 * Persisting one user action: how long the IndexedDB transaction of a tag takes through the app's own
 * code path (the `c` key → db/history.ts runAction → Dexie), how many read-write transactions one key
 * press opens, and a raw IndexedDB put of a record of the same size, for comparison.
 *
 * No hook in the app: the page's IDBDatabase.prototype.transaction is wrapped (watchTransactions,
 * in-page.mjs, an init script that runs before the app opens its database) so every read-write
 * transaction of the `marginalia` database is timed from its creation to its `complete` event. That is the transaction itself — Dexie's reads,
 * the action's rule checks, the writes and the commit — not the key handling or the painting.
 */
import { syntheticDocument } from '../synthetic-text.mjs';
import { watchTransactions } from '../in-page.mjs';

const TAGS = 120; // measured, after one warm-up
const RAW_PUTS = 200;
const RAW_PACED = 60;
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
 * In the page: raw IndexedDB, `runs` transactions, ms each. `put`: one ~300-byte record put in a
 * transaction over its one store. `tag`: what a tag writes, without Dexie: the record and its history
 * event, in a transaction over the five stores an action spans, with the app's indexes. `gap`: ms
 * of idle page between two transactions (0: one right after the other). `commit`: ask for the commit
 * (IDBTransaction.commit()) as soon as the requests are sent, as the app's tag does.
 */
async function rawPuts({ runs, kind, gap = 0, commit = false }) {
  const name = `mg-bench-persist-raw-${kind}`;
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
      if (kind !== 'tag') return;
      // The app's schema (src/db/database.ts, version 2) for the stores an action spans.
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
  const times = [];
  for (let i = 0; i < runs; i++) {
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
      const tx = db.transaction(kind === 'tag' ? ['annotations', 'entities', 'links', 'evidence', 'events'] : 'annotations', 'readwrite');
      tx.objectStore('annotations').put(record);
      if (kind === 'tag') {
        const event = { id: crypto.randomUUID(), groupId: crypto.randomUUID(), seq: 0, at: record.created, reviewer: record.creator, action: 'tag claim', table: 'annotations', targetId: record.id, op: 'create', field: null, before: null, after: record, subjects: [record.id] };
        tx.objectStore('events').add(event);
      }
      if (commit) tx.commit();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    times.push(performance.now() - t0);
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
      starts.push(action.start);
      perPress.push(log.length);
    }
    const raw = await page.evaluate(rawPuts, { runs: RAW_PUTS, kind: 'put' });
    const rawTag = await page.evaluate(rawPuts, { runs: RAW_PUTS, kind: 'tag' });
    // The same, paced like the tags above (one about every RAW_GAP ms): a database left idle between
    // two writes answers the next one more slowly than one kept busy, so this is the floor to compare
    // the app's path with.
    const rawPaced = await page.evaluate(rawPuts, { runs: RAW_PACED, kind: 'tag', gap: RAW_GAP });
    const rawPacedCommit = await page.evaluate(rawPuts, { runs: RAW_PACED, kind: 'tag', gap: RAW_GAP, commit: true });
    const apart = median(starts.slice(1).map((t, i) => t - starts[i]));
    const counts = [...new Set(perPress)].sort().map((n) => `${perPress.filter((x) => x === n).length}× ${n}`).join(', ');
    return {
      rows: [
        { name: 'persist: tag, its Dexie transaction (app path)', times: tx, p95: true },
        { name: 'persist: raw IndexedDB put, own transaction', times: raw, p95: true },
        { name: 'persist: raw IndexedDB, a tag\'s two records, 5 stores', times: rawTag, p95: true },
        { name: `persist: the same raw, one every ${RAW_GAP} ms (the tags' pace)`, times: rawPaced, p95: true },
        { name: 'persist: the same, paced, commit() once both are sent', times: rawPacedCommit, p95: true },
      ],
      lines: [
        `read-write transactions per key press: ${counts} (over ${TAGS} presses, ${apart.toFixed(0)} ms apart at the median)`,
        `tag transaction median ${median(tx).toFixed(2)} ms, p95 ${percentile(tx, 95).toFixed(2)} ms; raw put median ${median(raw).toFixed(2)} ms, p95 ${percentile(raw, 95).toFixed(2)} ms; ratio of medians ${(median(tx) / median(raw)).toFixed(1)}×; ` +
          `the same two records written raw over the same five stores: median ${median(rawTag).toFixed(2)} ms back to back (the app's path ${(median(tx) / median(rawTag)).toFixed(1)}× that), ` +
          `${median(rawPaced).toFixed(2)} ms one every ${RAW_GAP} ms as the tags are (the app's path ${(median(tx) / median(rawPaced)).toFixed(1)}× that), ` +
          `${median(rawPacedCommit).toFixed(2)} ms paced with commit() asked for once both are sent, as the app does (the app's path ${(median(tx) / median(rawPacedCommit)).toFixed(1)}× that)`,
      ],
    };
  } finally {
    await page.close();
  }
}

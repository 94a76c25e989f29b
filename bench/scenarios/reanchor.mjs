/**
 * Re-anchoring at scale: the 1 MB synthetic document with 100, 1,000 and 10,000 annotations (stored
 * with raw IndexedDB, spread over the text), then a revision with about 1% of its characters changed
 * by word-level edits spread through the text (bench/revise-text.mjs) imported with "Import new
 * version". Measured in the page: from the file input's change to the new version stored with its
 * carry, every placement in it (the `mg-version-stored` User Timing mark), the worker's compute time
 * alone, the longest long task on the main thread until then, and whether the progress bar showed;
 * then the moved annotation records written in batches after it (to `mg-version-carried`) and the
 * longest task meanwhile. Then the stored records are checked against where each span really went.
 */
import { reviseText } from '../revise-text.mjs';
import { seededRandom } from '../../scripts/seeded-random.mjs';
import { syntheticDocument } from '../synthetic-text.mjs';

const SIZES = (process.env.BENCH_REANCHOR_SIZES ?? '100,1000,10000').split(',').map(Number);
/** Measured runs per size, after one warm-up run at the smallest size. */
const RUNS = { 100: 5, 1_000: 5, 10_000: 5 };
const CONTEXT = 32;

/** Code-point offset of each UTF-16 index of `text` (length + 1 entries). */
function codePointOffsets(text) {
  const out = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out[i + 1] = cp;
      i++;
    }
    cp++;
  }
  out[text.length] = cp;
  return out;
}

/** `count` spans of 1–8 words at word starts spread over `text` (UTF-16), never inside an emoji. */
function spans(text, count, seed) {
  const random = seededRandom(seed);
  const out = [];
  while (out.length < count) {
    let from = text.indexOf(' ', 200 + Math.floor(random() * (text.length - 400))) + 1;
    while (text[from] === '\n') from++;
    let to = from;
    for (let w = 1 + Math.floor(random() * 8); w > 0; w--) to = text.indexOf(' ', to + 1);
    if (to > from && !/\n/.test(text.slice(from, to))) out.push([from, to]);
  }
  return out;
}

/** Annotation records for `ranges` of `text` (the shape the app stores). */
function records(text, offsets, ranges, documentId, textHash, tag) {
  const kinds = ['claim', 'entity', 'opinion'];
  const fieldsOf = { claim: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' }, entity: { entityId: null }, opinion: { attribution: null, note: '' } };
  return ranges.map(([from, to], n) => {
    const start = offsets[from];
    const end = offsets[to];
    const before = Array.from(text.slice(Math.max(0, from - 2 * CONTEXT), from));
    const after = Array.from(text.slice(to, to + 2 * CONTEXT));
    const kind = kinds[n % 3];
    return {
      id: `bench-${tag}-${n}`,
      documentId,
      textHash,
      kind,
      fields: fieldsOf[kind],
      anchor: { quote: text.slice(from, to), prefix: before.slice(-CONTEXT).join(''), suffix: after.slice(0, CONTEXT).join(''), start, end },
      creator: 'Bench Seeder',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    };
  });
}

/** In the page: the stored text of `documentId`, or puts `list` into the annotations store. */
async function idb({ op, documentId, list, previousId }) {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('marginalia');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const request = (store, method, ...args) =>
    new Promise((resolve, reject) => {
      const req = db.transaction(store)[`objectStore`](store)[method](...args);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  try {
    if (op === 'text') return await request('texts', 'get', documentId);
    if (op === 'results') {
      const next = (await request('documents', 'getAll')).find((d) => d.previousVersionId === previousId);
      const all = await request('annotations', 'getAll');
      return { documentId: next?.id, results: all.filter((a) => a.documentId === next?.id).map((a) => ({ id: a.id, status: a.anchoring?.status, start: a.anchor.start, end: a.anchor.end })) };
    }
    const tx = db.transaction('annotations', 'readwrite');
    for (const a of list) tx.objectStore('annotations').put(a);
    await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
    return list.length;
  } finally {
    db.close();
  }
}

/** In the page, before the file is chosen: arms the measurement of the next "Import new version". */
function arm() {
  performance.clearMarks();
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))));
  observer.observe({ type: 'longtask' });
  let progressSeen = 0;
  const watcher = new MutationObserver(() => {
    const bar = document.querySelector('progress[aria-label="Re-anchoring annotations"]');
    if (bar) progressSeen = Math.max(progressSeen, Number(bar.value) || 0, 1e-9);
  });
  watcher.observe(document.body, { childList: true, subtree: true, attributes: true });
  window.__mgBenchReanchor = new Promise((resolve, reject) => {
    document.addEventListener(
      'change',
      () => {
        const t0 = performance.now();
        const started = performance.now();
        const poll = () => {
          const stored = performance.getEntriesByName('mg-version-stored')[0];
          const carried = performance.getEntriesByName('mg-version-carried')[0];
          if (!stored || !carried) {
            if (performance.now() - started > 120_000) reject(new Error('no new version stored and carried within 120 s'));
            else setTimeout(poll, 5);
            return;
          }
          const start = performance.getEntriesByName('mg-reanchor-start')[0];
          const parsed = performance.getEntriesByName('mg-version-parsed')[0];
          const computed = performance.getEntriesByName('mg-reanchor-computed')[0];
          // Long tasks still being reported arrive within a frame or two.
          setTimeout(() => {
            observer.disconnect();
            watcher.disconnect();
            const during = (from, to) => Math.max(0, ...longTasks.filter((t) => t.start + t.duration > from && t.start < to).map((t) => t.duration));
            resolve({
              total: stored.startTime - t0,
              read: start.startTime - t0,
              parse: parsed.startTime - t0,
              worker: computed.startTime - start.startTime,
              compute: computed.detail.computeMs,
              inWorker: computed.detail.inWorker,
              stats: computed.detail.stats,
              store: stored.startTime - computed.startTime,
              carry: carried.startTime - stored.startTime,
              longestTask: during(t0, stored.startTime),
              longestTaskCarrying: during(stored.startTime, carried.startTime),
              longestTaskWhileComputing: during(start.startTime, computed.startTime),
              progressSeen: progressSeen > 0,
              counts: stored.detail,
            });
          }, 100);
        };
        poll();
      },
      { capture: true, once: true },
    );
  });
}

/** One run: a fresh copy of the document with `n` annotations, revised; returns the page's figures and the accuracy. */
async function once(ctx, base, n, tag) {
  const { context, baseUrl, within } = ctx;
  const page = await context.newPage();
  try {
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Import document' }).waitFor({ timeout: 15_000 });
    // A copy of its own (its own title, so its own hash) for every run.
    const title = `Re-anchoring benchmark ${tag}`;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import document' }).click();
    await (await chooser).setFiles({ name: `reanchor-${tag}.txt`, mimeType: 'text/plain', buffer: Buffer.from(base.replace(/^[^\n]*/, title), 'utf8') });
    await page.getByRole('heading', { name: title }).first().waitFor({ timeout: 60_000 });
    const documentId = decodeURIComponent(new URL(page.url()).hash.replace('#/doc/', ''));
    const stored = await page.evaluate(idb, { op: 'text', documentId });
    const old = stored.text;
    const offsets = codePointOffsets(old);
    const ranges = spans(old, n, 5 + n);
    const list = records(old, offsets, ranges, documentId, stored.textHash, tag);
    await page.evaluate(idb, { op: 'put', list });
    await page.reload();
    await page.getByRole('button', { name: 'Import new version' }).waitFor({ timeout: 60_000 });
    await page.locator('.ProseMirror').waitFor();
    await page.waitForTimeout(500); // let the opened document settle

    const revision = reviseText(old, { seed: 77 + n, rate: 0.01 });
    await page.evaluate(arm);
    const versionChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import new version' }).click();
    await (await versionChooser).setFiles({ name: `reanchor-${tag}-v2.txt`, mimeType: 'text/plain', buffer: Buffer.from(revision.text, 'utf8') });
    const figures = await within(180_000, `re-anchoring ${n} annotations`, page.evaluate(() => window.__mgBenchReanchor));

    // Accuracy: every stored result against where its span really went.
    const { results } = await page.evaluate(idb, { op: 'results', previousId: documentId });
    const byId = new Map(results.map((r) => [r.id, r]));
    const newOffsets = codePointOffsets(revision.text);
    const acc = { untouched: 0, untouchedExact: 0, inBudget: 0, inBudgetPlaced: 0, beyond: 0, beyondPlaced: 0, wrong: 0, missing: 0 };
    ranges.forEach(([from, to], i) => {
      const r = byId.get(list[i].id);
      if (!r) return void acc.missing++;
      const truth = revision.spanAfter(from, to);
      const start = newOffsets[truth.from];
      const end = newOffsets[truth.to];
      const placed = r.status !== 'orphan';
      if (placed && !(r.start < end && start < r.end)) acc.wrong++;
      const quote = list[i].anchor.quote;
      if (truth.cost === 0) {
        acc.untouched++;
        if (placed && r.start === start && r.end === end) acc.untouchedExact++;
      } else if (quote.length >= 6 && truth.cost <= Math.floor(quote.length * 0.25)) {
        acc.inBudget++;
        if (placed) acc.inBudgetPlaced++;
      } else {
        acc.beyond++;
        if (placed) acc.beyondPlaced++;
      }
    });
    if (results.length !== n) throw new Error(`${results.length} annotations on the new version, expected ${n}`);
    return { ...figures, acc, changed: revision.changed / old.length, edits: revision.edits.length };
  } finally {
    await page.close();
  }
}

export async function run(ctx) {
  const { median, log } = ctx;
  const base = syntheticDocument();
  const rows = [];
  const lines = [];
  log('warm-up…');
  await once(ctx, base, 100, 'warm-up');
  const medians = {};
  for (const n of SIZES) {
    const runs = [];
    for (let r = 0; r < RUNS[n]; r++) {
      log(`${n} annotations, run ${r + 1} of ${RUNS[n]}…`);
      runs.push(await once(ctx, base, n, `${n}-${r}`));
    }
    const label = n.toLocaleString('en');
    rows.push({ name: `re-anchor ${label}: file change → stored`, times: runs.map((x) => x.total) });
    rows.push({ name: `re-anchor ${label}: compute in the worker`, times: runs.map((x) => x.compute) });
    rows.push({ name: `re-anchor ${label}: write (version + carry)`, times: runs.map((x) => x.store) });
    rows.push({ name: `re-anchor ${label}: longest main-thread task`, times: runs.map((x) => x.longestTask) });
    rows.push({ name: `re-anchor ${label}: then records moved (batches)`, times: runs.map((x) => x.carry) });
    rows.push({ name: `re-anchor ${label}: longest task while moving`, times: runs.map((x) => x.longestTaskCarrying) });
    medians[n] = { total: median(runs.map((x) => x.total)), compute: median(runs.map((x) => x.compute)), store: median(runs.map((x) => x.store)), carry: median(runs.map((x) => x.carry)) };
    const a = runs[runs.length - 1];
    lines.push(
      `${label} annotations (last run): ${(a.changed * 100).toFixed(2)}% of characters changed by ${a.edits} edits; untouched ${a.acc.untouchedExact}/${a.acc.untouched} exact; ` +
        `within the error budget ${a.acc.inBudgetPlaced}/${a.acc.inBudget} placed; beyond it ${a.acc.beyondPlaced}/${a.acc.beyond} placed; wrong spot ${a.acc.wrong}; ` +
        `statuses ${JSON.stringify(a.counts)}; by alignment ${a.stats.byAlignment}, searched near ${a.stats.searchedNear}, wide ${a.stats.searchedWide}; ` +
        `in a worker: ${a.inWorker}; progress bar shown: ${runs.every((x) => x.progressSeen)}; longest task while the worker computed ${Math.max(...runs.map((x) => x.longestTaskWhileComputing)).toFixed(0)} ms; read+parse ${median(runs.map((x) => x.read)).toFixed(0)} ms median (parse ${median(runs.map((x) => x.parse)).toFixed(0)}, read ${median(runs.map((x) => x.read - x.parse)).toFixed(0)}), worker round trip ${median(runs.map((x) => x.worker)).toFixed(0)} ms median`,
    );
    if (runs.some((x) => x.acc.wrong > 0 || x.acc.untouchedExact !== x.acc.untouched)) lines.push(`${label}: ACCURACY PROBLEM in some run: ${JSON.stringify(runs.map((x) => x.acc))}`);
  }
  const first = SIZES[0];
  const growth = (key) =>
    `${key}: ${SIZES.map((n) => n.toLocaleString('en')).join(' → ')} annotations: ${SIZES.map((n) => `${medians[n][key].toFixed(0)} ms`).join(' → ')}` +
    ` (${SIZES.slice(1).map((n) => `×${(medians[n][key] / medians[first][key]).toFixed(1)}`).join(', ') || 'one size'})`;
  lines.push(`growth, ${growth('total')}`, `growth, ${growth('compute')}`, `growth, ${growth('store')}`, `growth, ${growth('carry')}`);
  return { rows, lines };
}

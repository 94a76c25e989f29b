/**
 * A library at scale: 1,000 documents of a few kB and 100,000 annotations (with entities, evidence,
 * links and history events), written with raw IndexedDB, exported through the Library's "Export JSON"
 * and "Export W3C annotations" buttons, then imported into an empty profile through "Import library
 * JSON" (preview, Import) and compared with raw IndexedDB writing the same records, side by side, five
 * times (`BENCH_LIBRARY_RUNS`), each import into a new empty profile. The same at 10 and 100 documents
 * (100 annotations each) for growth.
 *
 * Every library lives in fresh profiles of its own (one to export from, one to import into), launched
 * like the benchmark's, so the shared profile of bench/run.mjs keeps its size for the other scenarios.
 * Times are taken in the page with performance.now(); long tasks with a PerformanceObserver; tab
 * memory as the peak resident size of the page's renderer process (VmHWM in /proc, reset before each
 * step) and the largest JSHeapUsedSize seen by polling CDP Performance.getMetrics every 100 ms.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Library sizes: documents, and annotations per document (1×, 10×, 100×). */
const SIZES = (process.env.BENCH_LIBRARY_SIZES ?? '10,100,1000').split(',').map(Number);
const PER_DOC = 100;
const BATCH = 1000;
/** Imports (each into a new empty profile) and raw writes side by side, per library size. */
const RUNS = Number(process.env.BENCH_LIBRARY_RUNS ?? 5);

// ---- processes and memory ----
async function cmdline(pid) {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
}
/** The renderer processes of the Chromium whose profile is `dir` (they carry its --user-data-dir). */
async function renderers(dir) {
  const out = [];
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    // A renderer rewrites its command line as one string: match words in it.
    const words = (await cmdline(pid)).join(' ').split(' ');
    if (words.includes('--type=renderer') && words.includes(`--user-data-dir=${dir}`)) out.push(Number(pid));
  }
  return out;
}
/** Reset the peak resident size of the renderers (clear_refs 5). */
async function resetPeak(pids) {
  for (const pid of pids) await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}
/** The largest peak resident size among the renderers, in MB. */
async function peakMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb = Math.max(kb, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
  }
  return kb / 1024;
}

/** Runs `step` while watching memory: { result, peakRss (MB), peakHeap (MB) }. */
async function watchMemory(page, dir, step) {
  const pids = await renderers(dir);
  await resetPeak(pids);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const result = await step();
    return { result, peakRss: await peakMb(pids), peakHeap: peakHeap / 2 ** 20 };
  } finally {
    done = true;
    await poll;
    await cdp.detach().catch(() => undefined);
  }
}

async function freshContext() {
  const dir = await mkdtemp(join(os.tmpdir(), 'marginalia-bench-library-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 }, acceptDownloads: true, serviceWorkers: 'block' }); // the app's cache plays no part here
  const errors = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  for (const page of context.pages()) page.on('crash', () => errors.push('the page crashed'));
  context.on('page', (page) => page.on('crash', () => errors.push('the page crashed')));
  context.on('close', () => errors.push('the browser closed'));
  return {
    dir,
    context,
    errors,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

// ---- in the page (each function self-contained) ----

/** Installs window.__mgLib: long-task log, raw IndexedDB writing, a DOM waiter. */
function installHelpers() {
  if (window.__mgLib) return;
  const long = [];
  new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  const settle = () => new Promise((r) => setTimeout(r, 300));
  window.__mgLib = {
    /** The longest long task that ended after `t0` (ms; a task may begin before the code that reads t0), after letting the observer report. */
    async longestSince(t0) {
      await settle();
      return long.filter((e) => e.start + e.duration > t0).reduce((m, e) => Math.max(m, e.duration), 0);
    },
    /** Resolves to performance.now() when `test()` first holds (checked on every DOM change and every 50 ms). */
    when(test) {
      return new Promise((resolve) => {
        const check = () => {
          if (!test()) return false;
          observer.disconnect();
          clearInterval(timer);
          resolve(performance.now());
          return true;
        };
        const observer = new MutationObserver(check);
        const timer = setInterval(check, 50);
        if (!check()) observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      });
    },
    open(name, schema) {
      return new Promise((resolve, reject) => {
        const request = schema ? indexedDB.open(name, 1) : indexedDB.open(name);
        request.onupgradeneeded = () => {
          if (!schema) return;
          for (const [store, keyPath, indexes] of schema) {
            const s = request.result.createObjectStore(store, { keyPath });
            for (const index of indexes) s.createIndex(index.replace(/^\*/, ''), index.replace(/^\*/, ''), { multiEntry: index.startsWith('*') });
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    },
    /** Put `stores` ([name, records][]) in transactions of `batch` records, or all in one (batch 0); ms and the longest task. */
    async write(db, stores, batch) {
      const t0 = performance.now();
      const commit = (tx) => new Promise((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      if (batch === 0) {
        const tx = db.transaction(stores.map(([name]) => name), 'readwrite');
        for (const [name, records] of stores) {
          const store = tx.objectStore(name);
          for (const r of records) store.put(r);
        }
        await commit(tx);
      } else {
        for (const [name, records] of stores) {
          for (let i = 0; i < records.length; i += batch) {
            const tx = db.transaction(name, 'readwrite');
            const store = tx.objectStore(name);
            for (const r of records.slice(i, i + batch)) store.put(r);
            await commit(tx);
          }
        }
      }
      const ms = performance.now() - t0;
      return { ms, longest: await this.longestSince(t0), records: stores.reduce((n, [, list]) => n + list.length, 0) };
    },
  };
}

/** In the page: generate a library of `docs` documents × `perDoc` annotations and write it raw into `marginalia`. */
async function seedLibrary({ docs, perDoc, batch }) {
  let seed = 20261122;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const hex = (n) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const time = (i) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const WORDS = 'the a council river valley report minister engineer survey village water dam inspection warning budget figure official witness farmer bridge road school hospital harbour ledger study percent million people said according to claimed estimated reported denied confirmed rose fell record storm season evidence archive agency province mayor committee court ruling review data'.split(' ');
  const sentence = () => {
    const s = Array.from({ length: 8 + int(9) }, () => pick(WORDS)).join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const sha = async (text) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const creator = 'Bench Reviewer';
  const entities = Array.from({ length: Math.max(20, docs * 2) }, (_, i) => ({ id: uuid(), name: `Entity ${i} ${pick(WORDS)}`, type: pick(['person', 'organization', 'place']), aliases: i % 3 === 0 ? [`E${i}`] : [], externalId: i % 10 === 0 ? `Q${i + 1}` : '', creator, created: time(i), modified: time(i) }));
  const summaries = [];
  const texts = [];
  const annotations = [];
  const claims = [];
  for (let d = 0; d < docs; d++) {
    const paragraphs = Array.from({ length: 8 }, () => Array.from({ length: 4 + int(3) }, sentence).join(' '));
    const text = paragraphs.join('\n\n');
    const id = uuid();
    const textHash = await sha(text);
    summaries.push({ id, title: `Library benchmark article ${d + 1}`, sourceUrl: `https://example.org/news/${d + 1}`, publisher: 'Example Herald', author: 'A. Writer', publishedDate: '2025-12-01', retrievedAt: time(d), format: 'text', fileName: `article-${d + 1}.txt`, textHash, length: text.length, created: time(d), modified: time(d) });
    texts.push({ documentId: id, textHash, content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ text: p }] })), text });
    for (let k = 0; k < perDoc; k++) {
      const start = int(text.length - 70);
      const end = start + 20 + int(40);
      const anchor = { quote: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end };
      const base = { id: uuid(), documentId: id, textHash, anchor, creator, created: time(d * perDoc + k), modified: time(d * perDoc + k) };
      const r = random();
      let a;
      if (r < 0.6) {
        const verdict = random() < 0.2 ? pick(['true', 'false', 'half-true']) : null;
        const attribution = random() < 0.3 ? { entityId: pick(entities).id, quoteType: pick(['direct', 'reported']), cueId: null } : null;
        a = { ...base, kind: 'claim', fields: { status: verdict ? 'supported' : 'unverified', verdict, rationale: verdict ? 'Checked against the agency bulletin.' : '', attribution, note: '' } };
        claims.push(a);
      } else if (r < 0.9) a = { ...base, kind: 'entity', fields: { entityId: pick(entities).id } };
      else a = { ...base, kind: 'opinion', fields: { attribution: null, note: 'Tone of the editorial.' } };
      annotations.push(a);
    }
  }
  const evidence = Array.from({ length: Math.round(annotations.length * 0.05) }, (_, i) => ({ id: uuid(), claimId: pick(claims).id, relation: pick(['supports', 'contradicts', 'context']), url: `https://example.org/source/${i}`, title: `Source ${i}`, passage: 'The bulletin gives the figure as 47.', accessed: '2026-01-02', creator, created: time(i), modified: time(i) }));
  const links = Array.from({ length: Math.round(annotations.length * 0.02) }, (_, i) => ({ id: uuid(), fromId: pick(claims).id, toId: pick(claims).id, relation: pick(['same', 'supports', 'contradicts']), creator, created: time(i), modified: time(i) }));
  const events = annotations.filter((_, i) => i % 10 === 0).map((a) => ({ id: uuid(), groupId: uuid(), seq: 0, at: a.created, reviewer: creator, action: `tag ${a.kind}`, table: 'annotations', targetId: a.id, op: 'create', field: null, before: null, after: a, subjects: [a.id] }));
  const db = await window.__mgLib.open('marginalia');
  const stores = [['entities', entities], ['annotations', annotations], ['evidence', evidence], ['links', links], ['events', events], ['texts', texts], ['documents', summaries]];
  const result = await window.__mgLib.write(db, stores, batch);
  db.close();
  return result;
}

/** In the page: arm the measurement of the next export (click → blob handed to the download) and watch for its progress bar. */
function armExport() {
  window.__mgSawProgress = false;
  const watcher = new MutationObserver(() => {
    if (document.querySelector('progress[aria-label="Exporting"]')) window.__mgSawProgress = true;
  });
  watcher.observe(document.body, { childList: true, subtree: true });
  window.__mgExport = new Promise((resolve) => {
    let t0 = 0;
    document.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
    const original = URL.createObjectURL;
    URL.createObjectURL = function (blob) {
      URL.createObjectURL = original;
      watcher.disconnect();
      resolve({ t0, ms: performance.now() - t0, bytes: blob.size });
      return original.call(URL, blob);
    };
  });
}

/** In the page: write the records of the export at `url` raw into a fresh database with the app's indexes, as the import would. */
async function rawImport({ url, batch, name }) {
  const text = await (await fetch(url)).text();
  const t0 = performance.now();
  const file = JSON.parse(text);
  const parseMs = performance.now() - t0;
  const parseLongest = await window.__mgLib.longestSince(t0);
  await new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  const schema = [
    ['documents', 'id', ['created', 'lineageId']],
    ['texts', 'documentId', []],
    ['annotations', 'id', ['documentId', 'kind', 'fields.entityId', 'fields.attribution.entityId']],
    ['entities', 'id', ['name']],
    ['evidence', 'id', ['claimId']],
    ['links', 'id', ['fromId', 'toId']],
    ['events', 'id', ['groupId', '*subjects', 'at']],
    ['settings', 'key', []],
  ];
  const db = await window.__mgLib.open(name, schema);
  const texts = file.documents.map((d) => ({ documentId: d.id, textHash: d.textHash, content: d.content, text: d.text }));
  const summaries = file.documents.map(({ content, text, ...summary }) => (void content, void text, summary));
  // The import also logs one create event per record it adds (its own history group): write those too.
  const groupId = crypto.randomUUID();
  const at = new Date().toISOString();
  let seq = 0;
  const own = [];
  for (const table of ['entities', 'annotations', 'evidence', 'links']) {
    for (const r of file[table]) own.push({ id: crypto.randomUUID(), groupId, seq: seq++, at, reviewer: 'Bench Reviewer', action: 'import library', table, targetId: r.id, op: 'create', field: null, before: null, after: r, reason: 'Imported.', subjects: [r.id] });
  }
  const stores = [['entities', file.entities], ['annotations', file.annotations], ['evidence', file.evidence], ['links', file.links], ['events', [...file.events, ...own]], ['texts', texts], ['documents', summaries], ['settings', [{ key: 'verdictScale', value: file.verdictScale }]]];
  const result = await window.__mgLib.write(db, stores, batch);
  db.close();
  await new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  return { ...result, parseMs, parseLongest, fileRecords: result.records - own.length - 1 };
}

// ---- the steps ----
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function exportOnce(page, dir, button, save) {
  await page.evaluate(armExport);
  const pending = page.waitForEvent('download', { timeout: 180_000 });
  const mem = await watchMemory(page, dir, async () => {
    await page.getByRole('button', { name: button, exact: true }).click();
    return page.evaluate(() => window.__mgExport);
  });
  const download = await pending;
  await download.saveAs(save);
  const longest = await page.evaluate((t0) => window.__mgLib.longestSince(t0), mem.result.t0);
  const progress = await page.evaluate(() => window.__mgSawProgress);
  return { ms: mem.result.ms, bytes: mem.result.bytes, peakRss: mem.peakRss, peakHeap: mem.peakHeap, longest, progress };
}

async function importOnce(page, dir, file, log = () => undefined) {
  await page.evaluate(() => {
    window.__mgChosen = new Promise((resolve) => document.addEventListener('change', () => resolve(performance.now()), { capture: true, once: true }));
    window.__mgPreview = window.__mgLib.when(() => [...document.querySelectorAll('dialog button')].some((b) => b.textContent.trim() === 'Import') || document.querySelector('dialog [role="alert"]') !== null);
    window.__mgSawReadingProgress = false;
    window.__mgLib.when(() => document.querySelector('dialog progress[aria-label="Reading the file"]') !== null).then(() => (window.__mgSawReadingProgress = true));
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import library JSON' }).click();
  const memPreview = await watchMemory(page, dir, async () => {
    await (await chooser).setFiles(file);
    const [chosen, shown] = await page.evaluate(() => Promise.all([window.__mgChosen, window.__mgPreview]));
    return { chosen, shown };
  });
  const { chosen, shown } = memPreview.result;
  const dialog = page.getByRole('dialog', { name: 'Import library JSON' });
  if ((await dialog.getByRole('alert').count()) > 0) return { refused: await dialog.getByRole('alert').innerText() };
  const previewLongest = await page.evaluate((t0) => window.__mgLib.longestSince(t0), chosen);
  log(`  preview shown after ${((shown - chosen) / 1000).toFixed(2)} s (longest task ${previewLongest.toFixed(0)} ms); importing…`);
  const memMerge = await watchMemory(page, dir, async () => {
    await page.evaluate(() => {
      window.__mgClick = new Promise((resolve) => document.addEventListener('click', () => resolve(performance.now()), { capture: true, once: true }));
      window.__mgDone = window.__mgLib.when(() => /^Imported:/.test(document.querySelector('dialog [role="status"]')?.textContent ?? '') || document.querySelector('dialog [role="alert"]') !== null);
      window.__mgSawImportProgress = false;
      window.__mgLib.when(() => document.querySelector('dialog progress[aria-label="Importing"]') !== null).then(() => (window.__mgSawImportProgress = true));
    });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const [clicked, done] = await page.evaluate(() => Promise.all([window.__mgClick, window.__mgDone]));
    return { clicked, done };
  });
  const failed = await dialog.getByRole('alert').count();
  if (failed > 0) throw new Error(`The import failed: ${await dialog.getByRole('alert').innerText()}`);
  const mergeLongest = await page.evaluate((t0) => window.__mgLib.longestSince(t0), memMerge.result.clicked);
  const summary = await dialog.getByRole('status').innerText();
  const [readingProgress, importProgress] = await page.evaluate(() => [window.__mgSawReadingProgress, window.__mgSawImportProgress]);
  return {
    readingProgress,
    importProgress,
    previewMs: shown - chosen,
    previewLongest,
    mergeMs: memMerge.result.done - memMerge.result.clicked,
    mergeLongest,
    peakRss: Math.max(memPreview.peakRss, memMerge.peakRss),
    peakHeap: Math.max(memPreview.peakHeap, memMerge.peakHeap),
    summary,
  };
}

async function openLibrary(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByRole('table').getByRole('row').nth(1).waitFor({ timeout: 30_000 });
  await page.evaluate(installHelpers);
}

/** One library size, from seeding to import. */
async function measureSize(docs, baseUrl, within, log, work) {
  const result = { docs, annotations: docs * PER_DOC };
  const source = await freshContext();
  try {
    const page = source.context.pages()[0] ?? (await source.context.newPage());
    await openLibrary(page, baseUrl);
    log(`${docs} documents: seeding…`);
    result.seed = await within(180_000, 'seeding', page.evaluate(seedLibrary, { docs, perDoc: PER_DOC, batch: BATCH }));
    await openLibrary(page, baseUrl); // the Library reads what was written behind Dexie's back
    await page.getByRole('link', { name: `Library benchmark article ${docs}`, exact: true }).waitFor({ timeout: 60_000 });
    log(`${docs} documents: exporting…`);
    result.json = await within(180_000, 'Export JSON', exportOnce(page, source.dir, 'Export JSON', join(work, `library-${docs}.json`)));
    result.w3c = await within(180_000, 'Export W3C annotations', exportOnce(page, source.dir, 'Export W3C annotations', join(work, `library-${docs}.jsonld`)));
    if (source.errors.length > 0) throw new Error(`The page reported errors: ${source.errors.join('\n')}`);
  } finally {
    await source.close();
  }
  const file = join(work, `library-${docs}.json`);
  result.fileBytes = (await stat(file)).size;
  // Import and raw write side by side, RUNS times, each import into a new empty profile; the raw write
  // in one transaction (minutes at 1,000 documents) only in the first.
  result.imports = [];
  for (let run = 0; run < RUNS; run++) {
    if (RUNS > 1) log(`${docs} documents: import and raw write, run ${run + 1} of ${RUNS}…`);
    result.imports.push(await importAndRaw(docs, baseUrl, file, within, log, run === 0));
  }
  return result;
}

/** Import `file` into an empty profile, then write the same records raw from a page of another origin in that browser. */
async function importAndRaw(docs, baseUrl, file, within, log, withOneTransaction) {
  const result = {};
  const target = await freshContext();
  let cleanupServer = async () => undefined;
  try {
    const page = target.context.pages()[0] ?? (await target.context.newPage());
    await openLibrary(page, baseUrl);
    log(`${docs} documents: importing into an empty profile…`);
    result.import = await within(600_000, 'Import library JSON', importOnce(page, target.dir, file, log)).catch((e) => ({ refused: `failed: ${String(e.message ?? e).split('\n')[0]}` }));
    log(`${docs} documents: raw IndexedDB writing the same records…`);
    // The file for the raw writes, from a loopback server of its own (page.route would carry 100 MB
    // through the DevTools pipe, which the browser does not survive).
    // The raw writes run on a blank page of that server: they need no app, and the app's
    // Content Security Policy would refuse to fetch from another origin.
    const server = createServer((req, res) => {
      if (req.url === '/library.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        createReadStream(file).pipe(res);
      } else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>raw</title><body></body>');
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    cleanupServer = () => new Promise((done) => server.close(() => done()));
    const origin = `http://127.0.0.1:${server.address().port}/`;
    // Each raw write in a page of its own, so neither the import's nor the other write's objects are in
    // its heap (and a renderer that runs out of memory takes only that page with it).
    const raw = async (batch, name) => {
      let own;
      try {
        own = await target.context.newPage();
        await own.goto(origin);
        await own.evaluate(installHelpers);
        return await within(180_000, `raw writing (${name})`, own.evaluate(rawImport, { url: `${origin}library.json`, batch, name }));
      } catch (e) {
        return { error: String(e.message ?? e).split('\n')[0] };
      } finally {
        await own?.close().catch(() => undefined);
      }
    };
    await page.close().catch(() => undefined);
    result.afterImport = [...target.errors];
    result.rawBatched = await raw(BATCH, 'mg-bench-raw-batched');
    result.rawOne = withOneTransaction ? await raw(0, 'mg-bench-raw-one') : null;
    result.targetErrors = [...target.errors]; // a copy: closing the context below adds "the browser closed"
  } finally {
    await cleanupServer();
    await target.close();
  }
  return result;
}

export async function run({ baseUrl, within, median, log }) {
  const work = await mkdtemp(join(os.tmpdir(), 'marginalia-bench-files-'));
  const results = [];
  const failures = [];
  try {
    for (const docs of SIZES) {
      try {
        results.push(await measureSize(docs, baseUrl, within, log, work));
      } catch (e) {
        log(`${docs} documents failed: ${String(e.message ?? e).split('\n')[0]}`);
        failures.push(`${docs} documents: failed: ${String(e.message ?? e).split('\n')[0]}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const rows = [];
  const lines = [];
  const list = (xs, f) => xs.map(f).join(', ');
  for (const r of results) {
    const tag = `${r.docs} docs/${(r.annotations / 1000).toFixed(r.annotations < 1000 ? 1 : 0)}k ann.`;
    const imported = r.imports.filter((x) => !x.import.refused);
    const rawRuns = r.imports.filter((x) => !x.rawBatched.error);
    const rawOne = r.imports[0].rawOne;
    const n = r.imports.length;
    rows.push({ name: `library ${tag}: raw seed, ${BATCH}/transaction`, times: [r.seed.ms] });
    rows.push({ name: `library ${tag}: Export JSON (click → file)`, times: [r.json.ms] });
    rows.push({ name: `library ${tag}: Export W3C (click → file)`, times: [r.w3c.ms] });
    if (imported.length > 0) {
      rows.push({ name: `library ${tag}: import preview (file → preview)`, times: imported.map((x) => x.import.previewMs) });
      rows.push({ name: `library ${tag}: import (Import → done)`, times: imported.map((x) => x.import.mergeMs) });
    }
    if (rawOne && !rawOne.error) rows.push({ name: `library ${tag}: raw write same, 1 transaction`, times: [rawOne.ms] });
    if (rawRuns.length > 0) rows.push({ name: `library ${tag}: raw write same, ${BATCH}/transaction`, times: rawRuns.map((x) => x.rawBatched.ms) });
    const imports = imported.map((x) => x.import);
    const raws = rawRuns.map((x) => x.rawBatched);
    const mergeMs = imports.length > 0 ? median(imports.map((i) => i.mergeMs)) : NaN;
    const previewMs = imports.length > 0 ? median(imports.map((i) => i.previewMs)) : NaN;
    const rawMs = raws.length > 0 ? median(raws.map((x) => x.ms)) : NaN;
    r.medians = { mergeMs, previewMs, rawMs };
    const most = (xs, f) => Math.max(...xs.map(f));
    lines.push(
      `${tag}: seed ${r.seed.records} records raw in ${s(r.seed.ms)} (${BATCH}/transaction, longest task ${r.seed.longest.toFixed(0)} ms)`,
      `${tag}: Export JSON ${mb(r.json.bytes)} in ${s(r.json.ms)}, longest task ${r.json.longest.toFixed(0)} ms, renderer peak RSS ${r.json.peakRss.toFixed(0)} MB, JS heap peak seen ${r.json.peakHeap.toFixed(0)} MB, progress bar ${r.json.progress ? 'shown' : 'not shown'}`,
      `${tag}: Export W3C ${mb(r.w3c.bytes)} in ${s(r.w3c.ms)}, longest task ${r.w3c.longest.toFixed(0)} ms, renderer peak RSS ${r.w3c.peakRss.toFixed(0)} MB, JS heap peak seen ${r.w3c.peakHeap.toFixed(0)} MB, progress bar ${r.w3c.progress ? 'shown' : 'not shown'}`,
    );
    if (imports.length > 0) {
      lines.push(
        `${tag}: import into an empty profile, ${imports.length} of ${n} runs: preview median ${s(previewMs)} (${list(imports, (i) => s(i.previewMs))}; longest task ${most(imports, (i) => i.previewLongest).toFixed(0)} ms), ` +
          `import median ${s(mergeMs)} (${list(imports, (i) => s(i.mergeMs))}; longest task ${most(imports, (i) => i.mergeLongest).toFixed(0)} ms), renderer peak RSS up to ${most(imports, (i) => i.peakRss).toFixed(0)} MB (the import worker included), JS heap peak seen up to ${most(imports, (i) => i.peakHeap).toFixed(0)} MB; ` +
          `progress bar while reading shown in ${imports.filter((i) => i.readingProgress).length} of ${imports.length} runs, while importing in ${imports.filter((i) => i.importProgress).length}; ${imports[0].summary}`,
      );
    }
    for (const x of r.imports.filter((x) => x.import.refused)) lines.push(`${tag}: import refused: ${x.import.refused} (page: ${x.targetErrors.join('; ') || 'no error'})`);
    lines.push(
      `${tag}: raw write of the same records (the file's + the import's own create events), ${BATCH}/transaction, ${raws.length} of ${n} runs: ${raws.length > 0 ? `${raws[0].records} records, median ${s(rawMs)} (${list(raws, (x) => s(x.ms))}), longest task ${most(raws, (x) => x.longest).toFixed(0)} ms; JSON.parse of the file ${raws[0].parseMs.toFixed(0)} ms` : 'failed'}` +
        `${r.imports.filter((x) => x.rawBatched.error).map((x) => `; failed (${x.rawBatched.error})`).join('')}`,
      `${tag}: the same in one transaction (first run only): ${!rawOne ? 'not run' : rawOne.error ? `failed (${rawOne.error})` : `${s(rawOne.ms)}, longest task ${rawOne.longest.toFixed(0)} ms`}`,
      `${tag}: browser events after the imports: ${r.imports.flatMap((x) => x.afterImport).join('; ') || 'none'}; after the raw writes: ${r.imports.flatMap((x) => x.targetErrors.slice(x.afterImport.length)).join('; ') || 'none'}`,
    );
    const paired = r.imports.filter((x) => !x.import.refused && !x.rawBatched.error);
    lines.push(
      imports.length === 0 || raws.length === 0
        ? `${tag}: no import ratio`
        : `${tag}: import ÷ raw batched = ${(mergeMs / rawMs).toFixed(2)}× (medians of ${imports.length} and ${raws.length} runs, side by side; run by run ${list(paired, (x) => `${(x.import.mergeMs / x.rawBatched.ms).toFixed(2)}×`)}; preview + import ÷ raw batched = ${((previewMs + mergeMs) / rawMs).toFixed(2)}×)` +
            `${!rawOne || rawOne.error ? '' : `; import ÷ raw one transaction = ${(mergeMs / rawOne.ms).toFixed(2)}×`}`,
    );
  }
  lines.push(...failures);
  if (results.length > 1) {
    const first = results[0];
    const growth = (pick) => results.map((r) => `${(pick(r) / pick(first)).toFixed(1)}×`).join(' / ');
    lines.push(
      `growth at ${results.map((r) => `${r.docs}`).join(' / ')} documents (size ${results.map((r) => `${(r.docs / first.docs).toFixed(0)}×`).join(' / ')}): ` +
        `Export JSON ${growth((r) => r.json.ms)}, Export W3C ${growth((r) => r.w3c.ms)}, import preview ${growth((r) => r.medians.previewMs)}, import ${growth((r) => r.medians.mergeMs)}, raw batched write ${growth((r) => r.medians.rawMs)}`,
    );
  }
  return { rows, lines };
}

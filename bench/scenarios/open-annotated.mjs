/**
 * Scale scenario of issue 5: the 1 MB synthetic document holding thousands of annotations.
 *
 * Imports four copies of the document (titles differ): one bare and three seeded with raw IndexedDB
 * with 100, 1,000 and 10,000 annotations of every kind, spread over the whole text, some nested in
 * and some overlapping others. Measures, in a page of its own:
 *  - opening (navigation → last paragraph, the first highlight and the panel's count painted), the
 *    bare copy and the annotated ones side by side in the same run, and the ratio;
 *  - tagging three words with `c` (key press → new highlight painted; → record in IndexedDB), p95;
 *  - scrolling the bare and the 10,000-annotation copies under a 'longtask' PerformanceObserver: top
 *    to bottom at 600 px a frame, and 40,000 px at 120 px a frame;
 *  - the Annotations panel: rows rendered, filtering by kind and by text (input → list painted);
 *  - growth: open and tag at 100, 1,000 and 10,000 annotations, each against the 1× figure.
 * Afterwards it checks that every key press stored exactly one claim on exactly the selected words.
 */
import { tagRuns } from '../tag-runs.mjs';
import { SYNTHETIC_LAST_PARAGRAPH, SYNTHETIC_TITLE, syntheticDocument } from '../synthetic-text.mjs';

const SIZES = [100, 1000, 10000];
const OPEN_RUNS = 9; // in two halves, interleaved; the bare open is now short enough (about 0.35 s) that five runs left the ratio to chance
const TAG_RUNS = { 100: 20, 1000: 20, 10000: 30 };
const FILTER_RUNS = 7;
const SEEDER = 'Seeder';

// ---- in-page functions (self-contained: they run in the browser) ----

/**
 * Init script of the scenario's page: when sessionStorage holds `mg-oa-expect` ({ last, count,
 * highlight }), `__mgOaOpened` is a promise of the time (ms since navigation) at which the last
 * paragraph, the panel's count and the highlight of annotation `highlight` (if any) were all in the
 * DOM at one frame, and the next frame has begun.
 */
export function openProbe() {
  if (!location.protocol.startsWith('http')) return;
  const raw = sessionStorage.getItem('mg-oa-expect');
  if (!raw) return;
  const { last, count, highlight } = JSON.parse(raw);
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const ready = () => {
    const pm = document.querySelector('.ProseMirror');
    if (!pm?.lastElementChild?.textContent.includes(last)) return false;
    if (document.querySelector('.mg-count')?.textContent !== count) return false;
    return !highlight || pm.querySelector(`.mg-hl[data-annotation-id="${highlight}"]`) !== null;
  };
  window.__mgOaOpened = (async () => {
    while (!ready()) await frame();
    await frame();
    return performance.now();
  })();
}

/**
 * Seeds `n` annotations on document `documentId` with raw IndexedDB, in one transaction. They come in
 * groups of four spread evenly over the words of the text (the first group near the top): a claim of
 * 6 words (every 8th one 30 words, overlapping the next groups), an entity nested in it, an opinion
 * overlapping its end, and a cue attributing it. Offsets count code points, as stored anchors do.
 * Resolves to the first annotation (in text order), the last one, and the count per kind.
 */
export async function seedAnnotations({ documentId, n, seeder }) {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('marginalia');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const record = await new Promise((resolve, reject) => {
    const req = db.transaction('texts').objectStore('texts').get(documentId);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const cps = Array.from(record.text);
  const words = [];
  for (let i = 0, inWord = false, start = 0; i <= cps.length; i++) {
    const letter = i < cps.length && /[\p{L}\p{N}]/u.test(cps[i]);
    if (letter && !inWord) start = i;
    if (!letter && inWord) words.push([start, i]);
    inWord = letter;
  }
  const groups = Math.ceil(n / 4);
  const first = 12; // past the title line
  const span = words.length - first - 40;
  const time = '2026-01-01T00:00:00.000Z';
  const tx = db.transaction('annotations', 'readwrite');
  const store = tx.objectStore('annotations');
  const counts = { claim: 0, entity: 0, opinion: 0, cue: 0 };
  let made = 0;
  let firstId = null;
  let lastId = null;
  const put = (kind, fromWord, toWord, fields) => {
    if (made >= n) return null;
    const start = words[fromWord][0];
    const end = words[toWord][1];
    const id = crypto.randomUUID();
    store.put({
      id,
      documentId,
      textHash: record.textHash,
      kind,
      fields,
      anchor: { quote: cps.slice(start, end).join(''), prefix: cps.slice(Math.max(0, start - 32), start).join(''), suffix: cps.slice(end, end + 32).join(''), start, end },
      creator: seeder,
      created: time,
      modified: time,
    });
    made++;
    counts[kind]++;
    return id;
  };
  for (let g = 0; g < groups; g++) {
    const w = first + Math.floor((g * span) / groups);
    const claim = put('claim', w, w + (g % 8 === 7 ? 29 : 5), { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' });
    if (g === 0) firstId = claim;
    lastId = put('entity', w + 2, w + 2, { entityId: null }) ?? lastId;
    lastId = put('opinion', w + 4, w + 8, { attribution: null, note: '' }) ?? lastId;
    lastId = put('cue', w + 9, w + 10, { forId: claim }) ?? lastId;
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { made, firstId, lastId, counts };
}

/** Kind and quote of every annotation of `documentId` not made by the seeder. */
async function taggedQuotes({ documentId, seeder }) {
  const db = window.__mgBenchIdb; // opened by armTag (in-page.mjs)
  return new Promise((resolve, reject) => {
    const request = db.transaction('annotations').objectStore('annotations').index('documentId').getAll(documentId);
    request.onsuccess = () => resolve(request.result.filter((a) => a.creator !== seeder).map((a) => `${a.kind}:${a.anchor.quote}`));
    request.onerror = () => reject(request.error);
  });
}

/**
 * Scrolls the window from the top to the bottom, 600 px a frame, while a PerformanceObserver
 * collects 'longtask' entries. Resolves to { steps, ms, longTasks: durations, observerWorks }.
 */
export async function scrollThrough({ step = 600, limit = Infinity } = {}) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  // Check that the observer sees long tasks at all: a 70 ms busy task must be reported.
  setTimeout(() => {
    const end = performance.now() + 70;
    while (performance.now() < end);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const observerWorks = longTasks.length > 0;
  longTasks.length = 0;
  window.scrollTo(0, 0);
  await frame();
  const t0 = performance.now();
  let steps = 0;
  const el = document.scrollingElement;
  while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && el.scrollTop < limit) {
    el.scrollTop += step;
    steps++;
    await frame();
  }
  await frame();
  await frame();
  await new Promise((resolve) => setTimeout(resolve, 200)); // let pending entries arrive
  observer.disconnect();
  return { steps, ms: performance.now() - t0, longTasks, observerWorks };
}

/**
 * Arms the measurement of the next `eventType` event (capture, on the document) as `__mgOaFilter`:
 * a promise of ms from the event until the panel's count text has changed and been painted.
 */
function armFilter(eventType) {
  const count = document.querySelector('.mg-count');
  const before = count.textContent;
  let t0;
  window.__mgOaFilter = new Promise((resolve, reject) => {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms: performance.now() - t0, text: count.textContent })));
    const observer = new MutationObserver(() => {
      if (count.textContent === before) return;
      observer.disconnect();
      done();
    });
    document.addEventListener(
      eventType,
      () => {
        t0 = performance.now();
        observer.observe(count, { childList: true, characterData: true, subtree: true });
      },
      { capture: true, once: true },
    );
    setTimeout(() => reject(new Error(`the panel's count did not change within 15 s of the ${eventType}`)), 15_000);
  });
}

// ---- driving the page ----

async function importCopy(page, baseUrl, title, text) {
  await page.goto(baseUrl);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  const body = text.replace(SYNTHETIC_TITLE, title);
  await (await chooser).setFiles({ name: `${title}.txt`, mimeType: 'text/plain', buffer: Buffer.from(body, 'utf8') });
  await page.getByRole('heading', { name: title }).waitFor({ timeout: 60_000 });
  const url = page.url();
  if (!/#\/doc\//.test(url)) throw new Error(`The import did not open the document: ${url}`);
  return { url, id: decodeURIComponent(new URL(url).hash.replace('#/doc/', '')) };
}

const countText = (n) => `${n} annotation${n === 1 ? '' : 's'}`;

/** Loads `url` afresh `runs` times after one warm-up; each time, ms from navigation to painted (see openProbe). */
async function timeOpen(ctx, page, url, expect, runs) {
  await page.goto(url);
  await page.evaluate((e) => sessionStorage.setItem('mg-oa-expect', JSON.stringify(e)), expect);
  const times = [];
  for (let i = 0; i <= runs; i++) {
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'commit' });
    const t = await ctx.within(60_000, `opening ${url}`, page.evaluate(() => window.__mgOaOpened));
    if (i > 0) times.push(t);
  }
  await page.evaluate(() => sessionStorage.removeItem('mg-oa-expect'));
  return times;
}

/** Opens `url` and waits until it is painted with `expect`. */
async function openAndWait(ctx, page, url, expect) {
  await page.goto(url);
  await page.evaluate((e) => sessionStorage.setItem('mg-oa-expect', JSON.stringify(e)), expect);
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await ctx.within(60_000, `opening ${url}`, page.evaluate(() => window.__mgOaOpened));
  await page.evaluate(() => sessionStorage.removeItem('mg-oa-expect'));
}

async function timeTagging(page, doc, runs) {
  const { paint, nextPaint, persisted, phrases } = await tagRuns(page, runs);
  const stored = (await page.evaluate(taggedQuotes, { documentId: doc.id, seeder: SEEDER })).sort();
  const wanted = phrases.map((p) => `claim:${p}`).sort();
  if (JSON.stringify(stored) !== JSON.stringify(wanted)) throw new Error(`Stored annotations differ from the selections:\n${stored.join('\n')}\nwanted:\n${wanted.join('\n')}`);
  if (phrases.some((p) => p.split(/\s+/).length !== 3)) throw new Error(`Not every selection was three words: ${phrases.join(' | ')}`);
  return { paint, nextPaint, persisted };
}

/** Filter timing: `apply` changes the filter; each run is measured from its DOM event to the count painted. */
async function timeFilter(page, eventType, apply, runs) {
  const times = [];
  const texts = [];
  for (let i = 0; i <= runs; i++) {
    for (const step of apply) {
      await page.evaluate(armFilter, eventType);
      await step();
      const r = await page.evaluate(() => window.__mgOaFilter);
      if (i > 0) times.push(r.ms);
      texts.push(r.text);
      await page.waitForTimeout(50);
    }
  }
  return { times, texts };
}

const fmt = (x) => (x < 100 ? x.toFixed(1) : x.toFixed(0));

export async function run(ctx) {
  const { context, baseUrl, median, percentile, log } = ctx;
  const page = await context.newPage();
  await page.addInitScript(openProbe);
  const rows = [];
  const lines = [];
  try {
    const text = syntheticDocument();
    log('importing four copies of the 1 MB document…');
    const bare = await importCopy(page, baseUrl, 'Open-annotated bench: bare', text);
    const docs = {};
    for (const n of SIZES) {
      const doc = await importCopy(page, baseUrl, `Open-annotated bench: ${n} annotations`, text);
      const seeded = await page.evaluate(seedAnnotations, { documentId: doc.id, n, seeder: SEEDER });
      if (seeded.made !== n) throw new Error(`seeded ${seeded.made} annotations, wanted ${n}`);
      docs[n] = { ...doc, ...seeded };
      log(`seeded ${n} annotations (${Object.entries(seeded.counts).map(([k, c]) => `${c} ${k}`).join(', ')})`);
    }

    // 1 and 5: opening, side by side: bare, then each size, twice over, interleaved.
    log('opening…');
    const open = { bare: [] };
    for (const n of SIZES) open[n] = [];
    const half = Math.ceil(OPEN_RUNS / 2);
    for (const runs of [half, OPEN_RUNS - half]) {
      open.bare.push(...(await timeOpen(ctx, page, bare.url, { last: SYNTHETIC_LAST_PARAGRAPH, count: countText(0) }, runs)));
      for (const n of SIZES) open[n].push(...(await timeOpen(ctx, page, docs[n].url, { last: SYNTHETIC_LAST_PARAGRAPH, count: countText(n), highlight: docs[n].firstId }, runs)));
    }
    rows.push({ name: 'open 1 MB, no annotations (→ painted)', times: open.bare });
    for (const n of SIZES) rows.push({ name: `open 1 MB, ${n.toLocaleString('en')} annotations (→ highlights painted)`, times: open[n] });
    const bareMedian = median(open.bare);
    lines.push(`open with 10,000 annotations / bare: ${(median(open[10000]) / bareMedian).toFixed(2)}× (median ${fmt(median(open[10000]))} vs ${fmt(bareMedian)} ms; target < 1 s and ≤ 2×)`);

    // 2 and 5: tagging at each size.
    const tags = {};
    for (const n of SIZES) {
      log(`tagging with ${n} annotations…`);
      await openAndWait(ctx, page, docs[n].url, { last: SYNTHETIC_LAST_PARAGRAPH, count: countText(n), highlight: docs[n].firstId });
      tags[n] = await timeTagging(page, docs[n], TAG_RUNS[n]);
      docs[n].total = n + TAG_RUNS[n] + 1;
      rows.push({ name: `tag at ${n.toLocaleString('en')}: key press → next paint (Event Timing)`, times: tags[n].nextPaint, p95: true });
      rows.push({ name: `tag at ${n.toLocaleString('en')}: key press → highlight painted + 1 frame`, times: tags[n].paint, p95: true });
      rows.push({ name: `tag at ${n.toLocaleString('en')}: key press → record committed`, times: tags[n].persisted, p95: true });
    }
    lines.push(
      `tag at 10,000 (target: key press → painted → persisted < 33 ms at p95): next paint p95 ${fmt(percentile(tags[10000].nextPaint, 95))} ms; ` +
        `highlight painted + 1 frame p95 ${fmt(percentile(tags[10000].paint, 95))} ms; committed p95 ${fmt(percentile(tags[10000].persisted, 95))} ms`,
    );
    lines.push('every key press stored exactly one claim on exactly the selected words (checked at each size)');

    // 5: growth against the 1× figure.
    const growth = (label, f) => {
      const base = f(100);
      lines.push(`growth, ${label}: ${SIZES.map((n) => `${n / 100}× ${fmt(f(n))} ms (${(f(n) / base).toFixed(2)})`).join(', ')}`);
    };
    growth('open median', (n) => median(open[n]));
    growth('tag next paint median', (n) => median(tags[n].nextPaint));
    growth('tag painted median', (n) => median(tags[n].paint));
    growth('tag painted p95', (n) => percentile(tags[n].paint, 95));
    growth('tag persisted median', (n) => median(tags[n].persisted));

    // 3: scrolling, the bare copy and the 10,000-annotation copy side by side: top to bottom at 600 px
    // a frame (a fling), and the first 40,000 px at 120 px a frame (reading pace).
    log('scrolling…');
    const big = docs[10000];
    const summary = (r) => {
      const total = r.longTasks.reduce((a, b) => a + b, 0);
      const longest = r.longTasks.length ? Math.max(...r.longTasks) : 0;
      return `${r.steps} steps in ${fmt(r.ms)} ms; ${r.longTasks.length} long tasks, longest ${fmt(longest)} ms, total ${fmt(total)} ms`;
    };
    const scrolls = {};
    for (const [name, doc, expect] of [
      ['bare', bare, { last: SYNTHETIC_LAST_PARAGRAPH, count: countText(0) }],
      ['10,000', big, { last: SYNTHETIC_LAST_PARAGRAPH, count: countText(big.total), highlight: big.firstId }],
    ]) {
      await openAndWait(ctx, page, doc.url, expect);
      scrolls[name] = { fling: await page.evaluate(scrollThrough, { step: 600 }) };
      if (name === '10,000') scrolls[name].lastDrawn = await page.evaluate((id) => document.querySelector(`.ProseMirror .mg-hl[data-annotation-id="${id}"]`) !== null, big.lastId);
      scrolls[name].reading = await page.evaluate(scrollThrough, { step: 120, limit: 40_000 });
    }
    const scroll = scrolls['10,000'].fling;
    for (const name of ['bare', '10,000']) {
      lines.push(`scroll ${name}: top to bottom at 600 px a frame: ${summary(scrolls[name].fling)}; first 40,000 px at 120 px a frame: ${summary(scrolls[name].reading)}`);
    }
    lines.push(
      `scroll at 10,000 (target: no long task over 50 ms): last annotation's highlight drawn at the bottom: ${scrolls['10,000'].lastDrawn ? 'yes' : 'NO'}; the observer reported a 70 ms test task: ${scroll.observerWorks ? 'yes' : 'NO'}`,
    );
    for (const name of ['bare', '10,000']) {
      const { fling, reading } = scrolls[name];
      if (fling.longTasks.length) rows.push({ name: `scroll ${name}, 600 px/frame: long tasks`, times: fling.longTasks });
      if (reading.longTasks.length) rows.push({ name: `scroll ${name}, 120 px/frame: long tasks`, times: reading.longTasks });
    }

    // 4: the panel.
    log('panel…');
    await page.evaluate(() => window.scrollTo(0, 0));
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const list = panel.getByRole('list', { name: 'Annotations in text order' });
    const rendered = await list.getByRole('listitem').count();
    const setsize = await list.getByRole('listitem').first().getAttribute('aria-setsize');
    lines.push(`panel at ${big.total.toLocaleString('en')} entries: ${rendered} rows rendered (aria-setsize ${setsize}) — ${rendered < 100 ? 'virtualized' : 'NOT virtualized'}`);
    const kind = await timeFilter(page, 'change', [() => panel.getByLabel('Show').selectOption('claim'), () => panel.getByLabel('Show').selectOption('all')], FILTER_RUNS);
    rows.push({ name: `panel at 10,000: filter by kind (change → painted)`, times: kind.times });
    const search = panel.getByLabel('Search');
    const byText = await timeFilter(page, 'input', [() => search.fill('harbour'), () => search.fill('')], FILTER_RUNS);
    rows.push({ name: `panel at 10,000: filter by text (input → painted)`, times: byText.times });
    lines.push(`filter by kind: median ${fmt(median(kind.times))} ms, max ${fmt(Math.max(...kind.times))} ms ("${kind.texts[0]}"); by text: median ${fmt(median(byText.times))} ms, max ${fmt(Math.max(...byText.times))} ms ("${byText.texts[0]}"); target < 100 ms`);
  } finally {
    await page.close();
  }
  return { rows, lines };
}

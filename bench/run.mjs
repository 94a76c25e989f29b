#!/usr/bin/env node
/**
 * Speed of the built app in headless Chromium: opening the largest sample article, opening a 1 MB
 * document, and tagging a selection with the `c` key (highlight painted; record in IndexedDB).
 * Prints the machine and a table of medians (and p95 where there are enough runs). Results are
 * written up in docs/benchmarks.md. Run with `npm run bench` or `node bench/run.mjs`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { paintProbe, storedQuotes, watchTransactions } from './in-page.mjs';
import { tagRuns } from './tag-runs.mjs';
import { buildApp, serveDir } from '../scripts/serve-app.mjs';
import { SYNTHETIC_LAST_PARAGRAPH, SYNTHETIC_TITLE, syntheticDocument } from './synthetic-text.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures/articles');
const OPEN_RUNS = 7; // fixture opens measured, after one warm-up
const OPEN_1MB_RUNS = 5;
const TAG_RUNS = 30;
const REVIEWER = 'Bench Reviewer';
/** The scale scenarios, in the order they run (bench/scenarios/<name>.mjs). */
const SCENARIOS = ['open-annotated', 'persist', 'library-scale', 'reanchor'];

// ---- statistics and the table ----
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => sorted(xs)[Math.ceil((p / 100) * xs.length) - 1];
const ms = (x) => (x === undefined ? '–' : `${x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`);

function table(rows) {
  const head = ['measurement', 'runs', 'median', 'p95', 'min', 'max'];
  const cells = rows.map((r) => [r.name, String(r.times.length), ms(median(r.times)), ms(r.p95 ? percentile(r.times, 95) : undefined), ms(Math.min(...r.times)), ms(Math.max(...r.times))]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)].join('\n');
}

// ---- fixtures ----
/** The sample article with the most words: its title and the tail of its last paragraph, as rendered. */
function largestFixture() {
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8'));
  const articles = manifest.map((entry) => {
    const source = readFileSync(join(FIXTURES, entry.file), 'utf8');
    const blocks = source.trim().split(/\n\s*\n/);
    // The last paragraph without Markdown markup: links become their text, emphasis marks go.
    const last = blocks.at(-1).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
    return { title: entry.title, words: source.split(/\s+/).filter(Boolean).length, tail: last.slice(-40) };
  });
  return articles.reduce((a, b) => (b.words > a.words ? b : a));
}

// ---- measurements ----
/** `promise`, or an error naming `what` after `ms` milliseconds (so a broken app fails the run instead of hanging it). */
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Loads `url` afresh `runs` times after one warm-up; each time, ms from navigation start until `text` is painted. */
async function timeOpen(page, url, text, runs) {
  await page.evaluate((t) => sessionStorage.setItem('mg-bench-expect', t), text);
  const times = [];
  for (let i = 0; i <= runs; i++) {
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'commit' });
    const t = await within(60_000, `opening ${url}`, page.evaluate(() => window.__mgBenchPainted));
    if (i > 0) times.push(t);
  }
  await page.evaluate(() => sessionStorage.removeItem('mg-bench-expect'));
  return times;
}

async function openLibrary(page, url) {
  await page.goto(url);
  await page.getByRole('table').getByRole('row').nth(4).waitFor({ timeout: 15_000 }); // header + 4 samples
}

/** Imports the 1 MB document through the file chooser; resolves to its URL and the ms from the file input's change to the text painted. */
async function import1MB(page, url, text) {
  await openLibrary(page, url);
  await page.evaluate((last) => {
    window.__mgBenchImport = new Promise((resolve) => {
      document.addEventListener('change', () => {
        const t0 = performance.now();
        void window.__mgBenchWatch(last).then((t) => resolve(t - t0));
      }, { capture: true, once: true });
    });
  }, SYNTHETIC_LAST_PARAGRAPH);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  await (await chooser).setFiles({ name: 'synthetic-1mb.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  const time = await within(60_000, 'importing the 1 MB document', page.evaluate(() => window.__mgBenchImport));
  await page.getByRole('heading', { name: SYNTHETIC_TITLE }).waitFor();
  if (!/^#\/doc\//.test(new URL(page.url()).hash)) throw new Error(`The import did not open the document: ${page.url()}`);
  return { docUrl: page.url(), time };
}

async function setReviewer(page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Reviewer name').fill(REVIEWER);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`Reviewer: ${REVIEWER}`).waitFor();
}

/**
 * One warm-up and `runs` measured taggings of three words, each in a different paragraph spread over
 * the document (`block(i)`, as tagRuns).
 */
async function timeTagging(page, runs, block) {
  const quotesNow = async () => (await page.evaluate(storedQuotes)).map((a) => `${a.kind}:${a.quote}`);
  const before = await quotesNow();
  const { paint, nextPaint, persisted, phrases } = await tagRuns(page, runs, block);
  // Every key press made exactly one claim, on exactly the selected words.
  const quotes = await quotesNow();
  for (const q of before) quotes.splice(quotes.indexOf(q), 1);
  quotes.sort();
  const wanted = phrases.map((p) => `claim:${p}`).sort();
  if (JSON.stringify(quotes) !== JSON.stringify(wanted)) throw new Error(`Stored annotations differ from the selections:\n${quotes.join('\n')}\nwanted:\n${wanted.join('\n')}`);
  if (phrases.some((p) => p.split(' ').length !== 3)) throw new Error(`Not every selection was three words: ${phrases.join(' | ')}`);
  return { paint, nextPaint, persisted };
}

/** The commit measured, and whether src/ had changes not committed yet. */
function revision() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src', 'index.html') ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// ---- main ----
async function main() {
  const cleanups = [];
  const load = os.loadavg()[0].toFixed(2);
  const code = revision(); // before the build, which is what is measured
  try {
    console.log('Building the app…');
    const dist = await buildApp(ROOT);
    cleanups.push(() => rm(dist, { recursive: true, force: true }));
    const server = await serveDir(dist);
    cleanups.push(server.close);

    const profile = await mkdtemp(join(os.tmpdir(), 'marginalia-bench-profile-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true, maxRetries: 3 }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
    });
    cleanups.push(() => context.close().catch(() => undefined));
    const errors = [];
    context.on('weberror', (e) => errors.push(e.error().message));
    context.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await context.addInitScript(paintProbe);
    await context.addInitScript(watchTransactions);
    const page = context.pages()[0] ?? (await context.newPage());
    const { product } = await (await context.newCDPSession(page)).send('Browser.getVersion');

    const rows = [];
    console.log('Opening the largest sample article…');
    await openLibrary(page, server.url); // the first load adds the sample articles
    const fixture = largestFixture();
    const href = await page.getByRole('link', { name: fixture.title, exact: true }).getAttribute('href');
    rows.push({ name: `open largest sample article (${fixture.words} words)`, times: await timeOpen(page, new URL(href, server.url).href, fixture.tail, OPEN_RUNS) });

    console.log('Importing and opening the 1 MB document…');
    const text = syntheticDocument();
    const imported = await import1MB(page, server.url, text);
    const size = `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`;
    rows.push({ name: `import ${size} document (change → painted)`, times: [imported.time] });
    rows.push({ name: `open ${size} document (3,000 paragraphs)`, times: await timeOpen(page, imported.docUrl, SYNTHETIC_LAST_PARAGRAPH, OPEN_1MB_RUNS) });

    console.log('Tagging in the 1 MB document…');
    await setReviewer(page);
    const tag = await timeTagging(page, TAG_RUNS);
    rows.push({ name: 'tag: key press → next paint (Event Timing)', times: tag.nextPaint, p95: true });
    rows.push({ name: 'tag: key press → highlight painted + 1 frame', times: tag.paint, p95: true });
    rows.push({ name: 'tag: key press → record committed', times: tag.persisted, p95: true });

    // The same in a short text, side by side: what a tag costs whatever the text's size (the frame,
    // the compositor, the write).
    console.log('Tagging in the largest sample article…');
    await page.goto(new URL(href, server.url).href);
    await page.locator('.ProseMirror').waitFor();
    const blocks = await page.locator('.ProseMirror > :not(.mg-section), .ProseMirror > .mg-section > *').count();
    const small = await timeTagging(page, TAG_RUNS, (i) => 1 + (i % (blocks - 1)));
    rows.push({ name: `tag in the sample article: key press → next paint`, times: small.nextPaint, p95: true });
    rows.push({ name: `tag in the sample article: → highlight painted + 1 frame`, times: small.paint, p95: true });
    rows.push({ name: `tag in the sample article: → record committed`, times: small.persisted, p95: true });

    // The scale scenarios (bench/scenarios/*.mjs), each in its own module: `run(ctx)` returns rows for
    // the table (times in ms; `p95: true` to print it) and lines of other figures (ratios, growth).
    // `BENCH_ONLY=name,name` runs only those scenarios (the measurements above always run: they are quick).
    const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
    const lines = [];
    for (const name of SCENARIOS) {
      if (only && !only.has(name)) continue;
      console.log(`Scenario ${name}…`);
      const scenario = await import(`./scenarios/${name}.mjs`);
      const result = await scenario.run({ context, baseUrl: server.url, profile, root: ROOT, within, median, percentile, log: (m) => console.log(`  ${m}`) });
      rows.push(...result.rows);
      lines.push(...result.lines.map((l) => `${name}: ${l}`));
    }

    if (errors.length > 0) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
    const cpus = os.cpus();
    console.log(`\nMachine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`);
    console.log(`Node ${process.version}, ${product} (headless), load average ${load} at start and ${os.loadavg()[0].toFixed(2)} at end, code ${code}\n`);
    console.log(table(rows));
    if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);

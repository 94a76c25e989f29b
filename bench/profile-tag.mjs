#!/usr/bin/env node
/**
 * Where the time of a tag goes in the 1 MB document with 10,000 annotations: a CPU profile (CDP
 * Profiler, 100 µs sampling) over `PROFILE_TAGS` taggings (default 10), as in the open-annotated
 * scenario: three words selected, `c` pressed, 150 ms to settle. Prints the key press → painted times,
 * the long tasks seen, and the functions with the most self time and total time.
 * Run: `node bench/profile-tag.mjs` (about a minute). `PROFILE_ANNOTATIONS=1000` for another size;
 * `PROFILE_SCROLL=1` profiles scrolling top to bottom (600 px a frame) instead, with its long tasks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { buildApp, serveDir } from '../scripts/serve-app.mjs';
import { syntheticDocument } from './synthetic-text.mjs';
import { armTag } from './in-page.mjs';
import { scrollThrough, seedAnnotations } from './scenarios/open-annotated.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAGS = Number(process.env.PROFILE_TAGS ?? 10);
const N = Number(process.env.PROFILE_ANNOTATIONS ?? 10_000);

const dist = await buildApp(ROOT);
const server = await serveDir(dist);
const profile = await mkdtemp(join(os.tmpdir(), 'marginalia-profile-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.getByRole('table').getByRole('row').nth(4).waitFor({ timeout: 15_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  await (await chooser).setFiles({ name: 'profile.txt', mimeType: 'text/plain', buffer: Buffer.from(syntheticDocument(), 'utf8') });
  await page.waitForURL(/#\/doc\//, { timeout: 60_000 });
  const documentId = decodeURIComponent(new URL(page.url()).hash.replace('#/doc/', ''));
  await page.evaluate(seedAnnotations, { documentId, n: N, seeder: 'Seeder' });
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Reviewer name').fill('Profiler');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.reload();
  await page.getByText(`${N} annotations`).waitFor({ timeout: 60_000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const times = [];
  const scroll = process.env.PROFILE_SCROLL === '1';
  if (scroll) {
    await cdp.send('Profiler.start');
    const r = await page.evaluate(scrollThrough);
    const tasks = r.longTasks.map(Math.round).sort((a, b) => b - a);
    console.log(`scroll: ${r.steps} steps in ${Math.round(r.ms)} ms; ${tasks.length} long tasks, total ${tasks.reduce((a, b) => a + b, 0)} ms, longest ${tasks.slice(0, 10).join(', ')}`);
  }
  for (let i = 0; i <= (scroll ? -1 : TAGS); i++) {
    await page.evaluate(armTag, 40 + i * 95);
    if (i === 1) await cdp.send('Profiler.start');
    await page.keyboard.press('c');
    const t = await page.evaluate(() => window.__mgBenchTag);
    if (i > 0) times.push(Math.round(t.paint));
    await page.waitForTimeout(150);
  }
  const { profile: cpu } = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate(() => window.__longTasks);

  // Self time per node, then per function (name + url:line), and total time through the tree.
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = cpu.timeDeltas;
  cpu.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const parent = new Map();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfBy = new Map();
  const totalBy = new Map();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  if (!scroll) console.log(`${N} annotations, ${TAGS} tags: key press → painted ${times.join(', ')} ms`);
  console.log(`long tasks: ${longTasks.join(', ') || 'none'}`);
  console.log(`\nself time:\n${top(selfBy, 25)}`);
  console.log(`\ntotal time:\n${top(totalBy, 40)}`);
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
  await rm(dist, { recursive: true, force: true });
}

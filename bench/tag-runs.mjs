/**
 * The tagging measurement shared by bench/run.mjs and the open-annotated scenario: one warm-up and
 * `runs` measured key presses of `c`, each on three words of a different paragraph spread over the
 * document (armTag, in-page.mjs; `block(i)` picks the paragraph of press i). Resolves to the times (ms after the keydown: highlight painted,
 * next paint by Event Timing (16 ms standing for "under 16 ms", which the browser does not report),
 * record stored) and every phrase selected, the warm-up's included, for the caller's check of what
 * was stored.
 */
import { armTag } from './in-page.mjs';

export async function tagRuns(page, runs, block = (i) => 40 + i * 95) {
  const paint = [];
  const nextPaint = [];
  const persisted = [];
  const phrases = [];
  for (let i = 0; i <= runs; i++) {
    phrases.push(await page.evaluate(armTag, block(i)));
    await page.keyboard.press('c');
    const t = await page.evaluate(() => window.__mgBenchTag);
    if (i > 0) paint.push(t.paint), nextPaint.push(t.nextPaint ?? 16), persisted.push(t.persisted);
    await page.waitForTimeout(150); // let the panel, the annotation feed and the status notice settle
  }
  return { paint, nextPaint, persisted, phrases };
}

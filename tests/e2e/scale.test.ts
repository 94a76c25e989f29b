/**
 * Correctness at scale (speed is measured in bench/, never here): a document with 3,000 annotations
 * keeps its panel virtualized, filters by kind and text, and any entry can be reached and selected.
 * Highlights are drawn only around what is on screen, so the test also scrolls through the whole text
 * at reading pace and checks that every one of the 3,000 was drawn when its place was on screen. The
 * text itself is laid out only near the screen (sections away from it are skipped) and keeps a height
 * close to its own meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest } from './harness';
import { importWordArticle, seedWordAnnotations, wordArticle as article } from './seed-annotations';

const openBrowser = browserPerTest();

describe('a document with thousands of annotations', () => {
  it('lists them virtualized, filters them, and reaches any one', async () => {
    const session = await openBrowser();
    const { page } = session;
    await page.goto(appUrl());
    const docId = await importWordArticle(page, article(900));

    // Store 3,000 annotations straight into IndexedDB (spread over the whole text), then reload.
    const stored = await page.evaluate(seedWordAnnotations, { documentId: docId, count: 3000 });
    expect(stored.n).toBe(3000);
    const [word, claimsWithWord] = Object.entries(stored.claimWords).sort((a, b) => b[1] - a[1])[0]!;
    await page.reload();

    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const list = panel.getByRole('list', { name: 'Annotations in text order' });
    await expect.poll(() => panel.getByText('3000 annotations').count(), { timeout: 10_000 }).toBe(1);
    // Drawn around the screen only: some, not all.
    await expect.poll(() => page.locator('.ProseMirror .mg-hl').count()).toBeGreaterThan(20);
    expect(await page.locator('.ProseMirror .mg-hl').count()).toBeLessThan(3000);
    // The text is laid out and painted only near the screen: a section at the far end is skipped
    // (content-visibility), and stands in with an estimated height within a quarter of its own.
    const layout = await page.evaluate(() => {
      const sections = [...document.querySelectorAll<HTMLElement>('.ProseMirror .mg-section')];
      // A skipped section's own box is there; what is inside it is not rendered.
      const skipped = sections.map((s) => !s.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }));
      const estimated = document.scrollingElement!.scrollHeight;
      const style = document.createElement('style');
      style.textContent = '.mg-section { content-visibility: visible !important; }';
      document.head.append(style);
      const laidOut = document.scrollingElement!.scrollHeight;
      style.remove();
      return { sections: sections.length, firstSkipped: skipped[0], lastSkipped: skipped.at(-1), ratio: estimated / laidOut };
    });
    expect(layout.sections).toBe(19); // 901 blocks (the title and 900 paragraphs), 50 a section
    expect(layout.firstSkipped).toBe(false);
    expect(layout.lastSkipped).toBe(true);
    expect(layout.ratio).toBeGreaterThan(0.75);
    expect(layout.ratio).toBeLessThan(1.25);
    // Scrolling through the whole text draws every highlight when its place is on screen.
    // Bounded: a page that stops scrolling (or stops painting) fails with what it saw, never hangs.
    const sweep = await page.evaluate(async () => {
      const frame = () =>
        new Promise((resolve) => {
          const timer = setTimeout(resolve, 2_000);
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      const ids = new Set<string>();
      const el = document.scrollingElement!;
      const collect = () => document.querySelectorAll<HTMLElement>('.ProseMirror .mg-hl').forEach((h) => ids.add(h.dataset.annotationId!));
      window.scrollTo(0, 0);
      await frame();
      const deadline = performance.now() + 30_000;
      let steps = 0;
      let stalled = 0;
      let ended = 'bottom';
      for (;;) {
        await frame();
        await frame();
        collect();
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
        if (performance.now() > deadline) {
          ended = 'deadline';
          break;
        }
        const before = el.scrollTop;
        // Under half a screen a step: a fling (more) is drawn only where it comes to rest.
        el.scrollTop = before + el.clientHeight * 0.4;
        steps++;
        stalled = el.scrollTop > before ? 0 : stalled + 1;
        if (stalled >= 20) {
          ended = 'stuck';
          break;
        }
      }
      const where = { ended, steps, scrollTop: el.scrollTop, clientHeight: el.clientHeight, scrollHeight: el.scrollHeight };
      window.scrollTo(0, 0);
      return { ids: [...ids].sort(), where };
    });
    expect(sweep.where.ended, JSON.stringify(sweep.where)).toBe('bottom');
    const seen = sweep.ids;
    expect(seen).toEqual(stored.ids);
    const renderedRows = await list.getByRole('listitem').count();
    expect(renderedRows).toBeGreaterThan(5);
    expect(renderedRows).toBeLessThan(100);
    await panel.getByLabel('Show').selectOption('claim');
    await expect.poll(() => panel.getByText('1000 of 3000 annotations shown').count()).toBe(1);
    await panel.getByLabel('Search').fill(word.toUpperCase());
    await expect.poll(() => panel.getByText(`${claimsWithWord} of 3000 annotations shown`).count()).toBe(1);
    expect(Number(await list.getByRole('listitem').first().getAttribute('aria-setsize'))).toBe(claimsWithWord);
    const rendered = await list.getByRole('button').count();
    expect(rendered).toBeGreaterThan(0);
    expect(await list.getByRole('button', { name: `Claim: ${word} (unverified)`, exact: true }).count()).toBe(rendered);

    // Keyboard through the list: each step selects the next entry and brings its span into view.
    await panel.getByLabel('Search').fill('');
    await panel.getByLabel('Show').selectOption('all');
    await list.getByRole('button').first().click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(async () => list.locator('[aria-current="true"]').count()).toBe(1);
    const sixth = await list.getByRole('listitem').nth(5).getAttribute('aria-posinset');
    expect(sixth).toBe('6');

    // Jump to the very last annotation: the list scrolls to it and its highlight is marked and visible.
    const scroller = panel.locator('.mg-entries');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = list.locator('li[aria-posinset="3000"] button');
    await expect.poll(() => last.count(), { timeout: 5_000 }).toBe(1);
    await last.click();
    const active = page.locator('.ProseMirror .mg-hl-active');
    await expect.poll(() => active.count()).toBeGreaterThan(0);
    await expect.poll(() => active.first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    })).toBe(true);
    // Its section, skipped while away from the screen, is rendered now.
    expect(await active.first().evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);

    // Selecting an entry far from the screen draws its highlight there, marked active and visible.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    // The virtual list renders the rows of the new position a frame or two later: wait for them, then
    // click the very entry whose id was read.
    await expect.poll(async () => Number(await list.getByRole('listitem').first().getAttribute('aria-posinset'))).toBeGreaterThan(1000);
    // A row on screen, not one of those rendered above it (clicking one of those scrolls the list first).
    const middleId = await list.getByRole('button').nth(12).getAttribute('data-entry-id');
    await list.locator(`button[data-entry-id="${middleId}"]`).click();
    await expect.poll(() => active.first().getAttribute('data-annotation-id')).toBe(middleId);
    expect(await active.first().evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    expect(session.pageErrors).toEqual([]);
  });
});

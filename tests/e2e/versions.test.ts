/**
 * A revised article imported as a new version: annotations on sentences that moved, changed and were
 * deleted are carried over with their results, reviewed side by side, an orphan is re-attached, and
 * the older version still shows its annotations as they were. A version of 3,000 annotations opens
 * before their records are saved, and a reload in the middle of saving them loses nothing.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest, openLibrary } from './harness';
import { importWordArticle, seedWordAnnotations, wordArticle } from './seed-annotations';
import { selectWithMouse, selectedText } from './page-helpers';

const V1 = [
  'Dam breach in the Sella valley',
  '',
  'The reservoir held about 18 million cubic metres when the wall gave way.',
  '',
  'Emergency chief Dragan Tsvetkov said 47 people were killed and 19 remain missing.',
  '',
  'Engineers had warned in 2019 that the spillway gates were rusting shut.',
  '',
  'The water authority declined to comment on the inspection report.',
].join('\n');

// A paragraph added on top (everything moves), the toll corrected (fuzzy), the engineers' sentence
// rewritten and the authority's deleted (orphans).
const V2 = [
  'Dam breach in the Sella valley',
  '',
  'Updated on Sunday with figures from the regional directorate.',
  '',
  'The reservoir held about 18 million cubic metres when the wall gave way.',
  '',
  'Emergency chief Dragan Tsvetkov said 52 people were killed and 14 remain missing.',
  '',
  'A report from two years before the collapse described corroded gates.',
].join('\n');

/** In the page: carries pending, annotations on each version, and history events of the move to version 2. */
async function storedState({ v1, v2 }: { v1: string; v2: string }) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('marginalia');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(['carries', 'annotations', 'events']);
  const ask = <T,>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const byDocument = tx.objectStore('annotations').index('documentId');
  const [carries, onOld, onNew, events] = await Promise.all([ask(tx.objectStore('carries').count()), ask(byDocument.count(v1)), ask(byDocument.count(v2)), ask(tx.objectStore('events').getAll())]);
  db.close();
  return { carries, onOld, onNew, moveEvents: (events as { action: string }[]).filter((e) => e.action === 're-anchor onto version 2').length };
}

const openBrowser = browserPerTest();

describe('document versions', () => {
  it('carries annotations to a revised text, reviews them, re-attaches an orphan and keeps the old version', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Reviewer name').fill('Ines Okafor');
    await page.getByRole('button', { name: 'Save' }).click();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import document' }).click();
    await (await chooser).setFiles({ name: 'dam.txt', mimeType: 'text/plain', buffer: Buffer.from(V1, 'utf8') });
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Dam breach in the Sella valley' }).count()).toBe(1);
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const text = page.getByRole('region', { name: 'Document text' });
    for (const [phrase, key] of [
      ['18 million cubic metres', 'e'],
      ['47 people were killed and 19 remain missing', 'c'],
      ['Engineers had warned in 2019 that the spillway gates were rusting shut', 'c'],
      ['declined to comment on the inspection report', 'o'],
    ] as const) {
      await selectWithMouse(page, phrase);
      expect(await selectedText(page)).toBe(phrase);
      await page.keyboard.press(key);
      await expect.poll(() => panel.getByRole('button', { name: new RegExp(`: ${phrase}`) }).count()).toBe(1);
    }
    expect(await page.getByRole('navigation', { name: 'Versions' }).textContent()).toContain('Version 1 of 1');

    // Import the revision as version 2.
    const revision = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import new version' }).click();
    await (await revision).setFiles({ name: 'dam-updated.txt', mimeType: 'text/plain', buffer: Buffer.from(V2, 'utf8') });
    await expect.poll(() => page.getByRole('navigation', { name: 'Versions' }).textContent(), { timeout: 10_000 }).toContain('Version 2 of 2');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('0 in place, 1 moved, 1 matched approximately, 2 orphaned');
    await expect.poll(() => text.textContent()).toContain('Updated on Sunday');

    // Placed annotations are drawn on the new text; the corrected toll is highlighted where it now is.
    await expect.poll(() => text.locator('.mg-hl').count()).toBe(2);
    expect(await text.locator('.mg-hl-claim').textContent()).toBe('52 people were killed and 14 remain missing');

    // The review lists the three that need a look, old and new text side by side.
    const review = page.getByRole('region', { name: 'Re-anchoring review' });
    const rows = review.getByRole('row');
    await expect.poll(() => rows.count()).toBe(5); // header + moved + fuzzy + 2 orphans
    const rowText = await rows.allTextContents();
    expect(rowText.find((r) => r.startsWith('Entity'))).toContain('moved');
    const fuzzy = rowText.find((r) => r.includes('fuzzy'))!;
    expect(fuzzy).toMatch(/fuzzy \(score 0\.\d\d\)/);
    expect(fuzzy).toContain('47 people were killed and 19 remain missing');
    expect(fuzzy).toContain('52 people were killed and 14 remain missing');
    expect(rowText.filter((r) => r.includes('orphan'))).toHaveLength(2);

    // Re-attach the engineers' orphaned claim to the sentence that replaced it.
    await selectWithMouse(page, 'described corroded gates');
    await review.getByRole('button', { name: /^Re-attach “Engineers had warned/ }).click();
    await expect.poll(() => review.getByRole('status').textContent()).toContain('Re-attached to “described corroded gates”');
    await expect.poll(() => text.locator('.mg-hl-claim').count()).toBe(2);
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: described corroded gates/ }).count()).toBe(1);

    // Version 1 is kept as it was, with its annotations where they were, and cannot be annotated.
    await page.getByRole('navigation', { name: 'Versions' }).getByRole('link', { name: /^v1/ }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Versions' }).textContent()).toContain('Version 1 of 2');
    await expect.poll(() => page.getByRole('note').textContent()).toContain('older version');
    await expect.poll(() => text.locator('.mg-hl').count()).toBe(4);
    expect(await text.locator('.mg-hl-claim').allTextContents()).toEqual(['47 people were killed and 19 remain missing', 'Engineers had warned in 2019 that the spillway gates were rusting shut']);
    await selectWithMouse(page, 'The water authority');
    await page.keyboard.press('c');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('older version');
    expect(await text.locator('.mg-hl').count()).toBe(4);

    // Reload: both versions and their annotations persist.
    await page.reload();
    await expect.poll(() => text.locator('.mg-hl').count(), { timeout: 10_000 }).toBe(4);
    expect(session.pageErrors).toEqual([]);
  });
  it('shows a new version of 3,000 annotations at once while their records are saved, and finishes saving after a reload cuts it short', async () => {
    const session = await openBrowser();
    const { page } = session;
    await page.goto(appUrl());
    const original = wordArticle(900);
    const v1 = await importWordArticle(page, original);
    expect((await page.evaluate(seedWordAnnotations, { documentId: v1, count: 3000 })).n).toBe(3000);
    await page.reload();
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    await expect.poll(() => panel.getByText('3000 annotations').count(), { timeout: 10_000 }).toBe(1);

    // A paragraph added on top: every annotation moves.
    const revision = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import new version' }).click();
    const revised = original.replace('Scale test article\n\n', 'Scale test article\n\nA paragraph added on top of the revised text.\n\n');
    await (await revision).setFiles({ name: 'scale-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(revised, 'utf8') });
    // The new version opens with every annotation in place while their records are still being saved.
    await expect.poll(() => page.getByRole('navigation', { name: 'Versions' }).textContent(), { timeout: 15_000 }).toContain('Version 2 of 2');
    const v2 = decodeURIComponent(new URL(page.url()).hash.replace('#/doc/', ''));
    await expect.poll(() => panel.getByText('3000 annotations').count(), { timeout: 10_000 }).toBe(1);
    const saving = page.getByRole('progressbar', { name: 'Saving the moved annotations' });
    await expect.poll(() => saving.count(), { interval: 20 }).toBe(1);
    const waiting = await page.evaluate(storedState, { v1, v2 });
    expect(waiting.carries).toBe(1);
    expect(waiting.onNew).toBeLessThan(3000);
    await page.reload();

    // Reopened: the rest of the records are saved, each move once, and nothing waits any more.
    await expect.poll(() => page.evaluate(storedState, { v1, v2 }), { timeout: 30_000 }).toEqual({ carries: 0, onOld: 0, onNew: 3000, moveEvents: 3000 });
    await expect.poll(() => panel.getByText('3000 annotations').count(), { timeout: 10_000 }).toBe(1);
    expect(await saving.count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});

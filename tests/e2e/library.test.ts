/** The Library: drag-and-drop import, editing document details, deleting a document. */
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest, openLibrary } from './harness';

const openBrowser = browserPerTest();

describe('library', () => {
  it('imports Markdown dropped on it, edits the details, and deletes a document', async () => {
    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const before = await rows.count();

    // Drop a Markdown file on the Library, as from a file manager.
    const source = '# Council Minutes, 3 March\n\nThe *council* voted 7 to 2, according to the clerk.\n\n## Budget\n\n1. Roads: 4.2 million\n2. Schools: 3.9 million\n';
    const drop = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'minutes.md', { type: 'text/markdown' }));
      return dt;
    }, source);
    const library = page.getByRole('region', { name: 'Library' });
    await library.dispatchEvent('dragover', { dataTransfer: drop });
    await library.dispatchEvent('drop', { dataTransfer: drop });
    // One file: it opens at once.
    await expect.poll(() => page.getByRole('heading', { name: 'Council Minutes, 3 March' }).count()).toBeGreaterThan(0);
    const text = page.getByRole('region', { name: 'Document text' });
    expect(await text.locator('h2').textContent()).toBe('Budget');
    expect(await text.locator('ol li').count()).toBe(2);
    expect(await text.locator('em').textContent()).toBe('council');

    // The text cannot be changed by typing, pasting or deleting.
    await text.locator('p').first().click();
    await page.keyboard.type('XYZ');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    expect(await text.locator('p').first().textContent()).toBe('The council voted 7 to 2, according to the clerk.');

    // Edit the details; they persist and show in the Library.
    await page.getByText('Document details').click();
    await page.getByLabel('Title').fill('Council minutes (March)');
    await page.getByLabel('Publisher').fill('Town Gazette');
    await page.getByLabel('Published date').fill('2026-03-03');
    await page.getByLabel('Source URL').fill('https://example.org/minutes');
    await page.getByLabel('Source URL').blur();
    await expect.poll(() => page.getByRole('heading', { name: 'Council minutes (March)' }).count()).toBe(1);
    expect(await page.getByText(/^Text SHA-256:/).textContent()).toMatch(/[0-9a-f]{64}/);
    await page.reload();
    await page.getByRole('link', { name: 'Library' }).first().click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const row = rows.filter({ hasText: 'Council minutes (March)' });
    expect(await row.textContent()).toContain('Town Gazette');
    expect(await row.textContent()).toContain('2026-03-03');

    // Delete it, after confirming, while it is open in a second tab: that tab says so.
    const second = await session.context.newPage();
    await second.goto(page.url().replace(/#.*/, '') + (await row.getByRole('link').getAttribute('href')));
    await expect.poll(() => second.getByRole('region', { name: 'Document text' }).count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Council minutes (March)' }).click();
    await expect.poll(() => rows.count()).toBe(before);
    await expect.poll(() => second.getByRole('heading', { name: 'Document deleted' }).count(), { timeout: 3_000 }).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a clear page for a document that does not exist', async () => {
    const session = await openBrowser();
    const { page } = session;
    await page.goto(appUrl('#/doc/no-such-document'));
    await expect.poll(() => page.getByRole('heading', { name: 'Document not found' }).count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});

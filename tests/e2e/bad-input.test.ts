/**
 * Bad input never crashes the app or loses what is stored: each bad file gets a clear message, text in
 * other scripts renders and can be annotated.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest, openLibrary } from './harness';
import { selectedText, selectWithMouse } from './page-helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d4f00000000049454e44ae426082', 'hex');
const MULTILINGUAL = [
  'Многоязычный отчёт',
  '',
  'Министр Ирина Халдеева заявила, что погибли 47 человек.',
  '',
  'قال المتحدث باسم الوزارة إن السد انهار فجرا.',
  '',
  'Residents posted 🌊🏚️ photos; one wrote “👩‍👩‍👧 safe”, and the mayor thanked 𝔙𝔬𝔩𝔲𝔫𝔱𝔢𝔢𝔯𝔰.',
].join('\n');

const openBrowser = browserPerTest();

describe('bad input', () => {
  it('reports each bad file clearly, imports the good one, and keeps the library', async () => {
    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const before = await rows.count();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import document' }).click();
    await (await chooser).setFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'photo.txt', mimeType: 'text/plain', buffer: PNG },
      { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(20 * 1024 * 1024, 'All work and no play. ') },
      { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]) },
      { name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') },
      { name: 'multilingual.txt', mimeType: 'text/plain', buffer: Buffer.from(MULTILINGUAL, 'utf8') },
    ]);
    const results = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.getByRole('listitem').count(), { timeout: 30_000 }).toBe(6);
    const text = await results.textContent();
    expect(text).toContain('empty.txt is empty');
    expect(text).toMatch(/photo\.txt looks like a PNG image/);
    expect(text).toMatch(/huge\.txt is 20 MB; Marginalia imports text files of up to 10 MB/);
    expect(text).toMatch(/latin1\.txt is not valid UTF-8: the first bad byte is at byte 3/);
    expect(text).toMatch(/slides\.pdf/);
    expect(await results.getByRole('listitem').filter({ hasText: 'Not imported:' }).count()).toBe(5);
    expect(await page.getByRole('status').textContent()).toBe('1 of 6 files imported.');

    // Nothing already stored was lost; the good file was added.
    await expect.poll(() => rows.count()).toBe(before + 1);

    // Cyrillic, Arabic (right to left) and emoji render as imported, and can be annotated.
    await page.getByRole('link', { name: 'Многоязычный отчёт' }).click();
    const region = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => region.textContent()).toContain('قال المتحدث باسم الوزارة');
    expect(await region.textContent()).toContain('👩‍👩‍👧 safe');
    expect(await region.textContent()).toContain('𝔙𝔬𝔩𝔲𝔫𝔱𝔢𝔢𝔯𝔰');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Reviewer name').fill('Lena');
    await page.getByRole('button', { name: 'Save' }).click();

    const panel = page.getByRole('complementary', { name: 'Annotations' });
    await selectWithMouse(page, 'Ирина Халдеева');
    await page.keyboard.press('e');
    await selectWithMouse(page, 'السد انهار فجرا');
    await page.keyboard.press('c');
    await selectWithMouse(page, '𝔙𝔬𝔩𝔲𝔫𝔱𝔢𝔢𝔯𝔰');
    expect(await selectedText(page)).toBe('𝔙𝔬𝔩𝔲𝔫𝔱𝔢𝔢𝔯𝔰');
    await page.keyboard.press('e');
    await expect.poll(() => panel.getByRole('list', { name: 'Annotations in text order' }).getByRole('button').count()).toBe(3);
    expect(await panel.getByRole('button', { name: /^Entity: Ирина Халдеева$/ }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Claim: السد انهار فجرا/ }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Entity: 𝔙𝔬𝔩𝔲𝔫𝔱𝔢𝔢𝔯𝔰$/ }).count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('refuses empty pasted text and imports pasted Markdown', async () => {
    const session = await openBrowser();
    const { page } = session;
    await page.goto(appUrl());
    await page.getByRole('button', { name: 'Paste text' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByRole('button', { name: 'Import' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Paste some text first.');
    // Markdown with nothing to annotate is refused inside the dialog, where the reviewer is looking.
    await dialog.getByRole('textbox', { name: 'Text' }).fill('---\n\n![](chart.png)');
    await dialog.getByLabel('Markdown').check();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('has no text to annotate');
    await dialog.getByRole('textbox', { name: 'Text' }).fill('# Pasted brief\n\n> “It held,” the engineer said.\n\n- first point\n- second point');
    await dialog.getByLabel('Markdown').check();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Pasted brief' }).count()).toBeGreaterThan(0);
    const region = page.getByRole('region', { name: 'Document text' });
    expect(await region.locator('blockquote').textContent()).toBe('“It held,” the engineer said.');
    expect(await region.locator('li').count()).toBe(2);
    expect(session.pageErrors).toEqual([]);
  });
});

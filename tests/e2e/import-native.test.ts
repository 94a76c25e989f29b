/**
 * Moving a library to another browser profile: tag and export in one profile, import with "Import
 * library JSON" in a fresh one (preview, import, the annotation is there), import the same file again
 * (everything identical, nothing changes), and hostile files refused with a clear message and nothing
 * changed: another format, a newer version, missing fields, over 200 MB, deep nesting, `__proto__` keys.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPerTest, openLibrary } from './harness';
import { selectWithMouse } from './page-helpers';

const TITLE = 'Import round trip: the Varnek count';
const ARTICLE = `${TITLE}\n\nThe governor said 613 people were killed when the river rose.\n\nשלום 😀 and e\u0301.`;

const openBrowser = browserPerTest();
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marginalia-import-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Choose `path` with the Library's "Import library JSON" button; returns the dialog. */
async function chooseLibraryFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('group', { name: 'Library actions' }).getByRole('button', { name: 'Import library JSON' }).click();
  await (await chooser).setFiles(path);
  return page.getByRole('dialog', { name: 'Import library JSON' });
}

/** The cells of one row of the preview's counts: [new, identical, conflicting]. */
async function countsOf(page: Page, row: string): Promise<string[]> {
  const cells = page.getByRole('dialog', { name: 'Import library JSON' }).getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell');
  return cells.allTextContents();
}

/** In profile A: import an article, tag a claim, export the library; returns the file's path. */
async function exportFromFirstProfile(): Promise<string> {
  const session = await openBrowser();
  const { page } = session;
  await openLibrary(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  await (await chooser).setFiles({ name: 'varnek.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE, 'utf8') });
  const text = page.getByRole('region', { name: 'Document text' });
  await expect.poll(() => text.textContent()).toContain('613 people were killed');
  await selectWithMouse(page, '613 people were killed');
  await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Claim', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Reviewer name').fill('Ana Reviewer');
  await settings.getByRole('button', { name: 'Save' }).click();
  const panel = page.getByRole('complementary', { name: 'Annotations' });
  await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 people were killed/ }).count()).toBe(1);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Library actions' }).getByRole('button', { name: 'Export JSON' }).click();
  const path = join(dir, 'library.json');
  await (await download).saveAs(path);
  expect(session.pageErrors).toEqual([]);
  return path;
}

describe('import of a native JSON library', () => {
  it('exports from one profile, previews and imports into a fresh one, and a second import changes nothing', async () => {
    const path = await exportFromFirstProfile();
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    const documents = exported.documents.length as number;

    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const before = await rows.count();

    const dialog = await chooseLibraryFile(page, path);
    await expect.poll(() => dialog.getByRole('table').count()).toBe(1);
    expect(await countsOf(page, 'Documents')).toEqual([String(documents), '0', '0']);
    expect(await countsOf(page, 'Annotations')).toEqual(['1', '0', '0']);
    expect(await dialog.getByText('No conflicts').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Imported: \d+ added, 0 updated/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => rows.count()).toBe(before + documents);

    // The annotation is there, in its document, with its reviewer.
    await page.getByRole('link', { name: TITLE }).click();
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 people were killed/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('region', { name: 'Document text' }).locator('.mg-hl-claim').textContent()).toBe('613 people were killed');

    // The same file again: everything identical, and importing changes nothing.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await openLibrary(page);
    const again = await chooseLibraryFile(page, path);
    await expect.poll(() => again.getByRole('table').count()).toBe(1);
    expect(await countsOf(page, 'Documents')).toEqual(['0', String(documents), '0']);
    expect(await countsOf(page, 'Annotations')).toEqual(['0', '1', '0']);
    expect(await countsOf(page, 'History events')).toEqual(['0', String(exported.events.length), '0']);
    await again.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => again.getByRole('status').textContent()).toMatch(/^Imported: 0 added, 0 updated, \d+ skipped/);
    await again.getByRole('button', { name: 'Close' }).click();
    expect(await rows.count()).toBe(before + documents);
    expect(session.pageErrors).toEqual([]);
  });

  it('refuses hostile files with a clear message and changes nothing', async () => {
    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const before = await rows.count();
    // A valid export of this profile to break in different ways.
    const download = page.waitForEvent('download');
    await page.getByRole('group', { name: 'Library actions' }).getByRole('button', { name: 'Export JSON' }).click();
    const valid = readFileSync(await (await download).path(), 'utf8');
    const parsed = JSON.parse(valid);

    const missing = structuredClone(parsed);
    delete missing.documents[0].textHash;
    const cases: [string, string | Buffer, RegExp][] = [
      ['w3c.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [] } }), /w3c\.json is a W3C Web Annotation file \(AnnotationCollection\), not a Marginalia library export/],
      ['newer.json', JSON.stringify({ ...parsed, version: 3 }), /newer\.json was made by a newer Marginalia, version 3; this one reads version 2/],
      ['missing.json', JSON.stringify(missing), /documents\[0\]\.textHash: missing/],
      ['deep.json', '['.repeat(100_000) + ']'.repeat(100_000), /deep\.json nests lists and objects more than 512 levels deep/],
      ['proto.json', `{"__proto__":{"polluted":true},${valid.trim().slice(1)}`, /__proto__: the key “__proto__” is not allowed/],
      ['broken.json', valid.slice(0, 200), /broken\.json is not valid JSON/],
      ['huge.json', Buffer.alloc(201 * 1024 * 1024, 0x20), /huge\.json is 201\.0 MB; Marginalia imports library files of up to 200\.0 MB/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      const dialog = await chooseLibraryFile(page, path);
      await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(message);
      expect(await dialog.getByRole('button', { name: 'Import' }).count()).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
    }
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before);

    // Cancel after a preview changes nothing either.
    const other = join(dir, 'other.json');
    await writeFile(other, valid.replaceAll(parsed.documents[0].id, '00000000-0000-4000-8000-000000000001'));
    const dialog = await chooseLibraryFile(page, other);
    await expect.poll(() => dialog.getByRole('table').count()).toBe(1);
    expect((await countsOf(page, 'Documents'))[0]).toBe('1');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before);
    expect(session.pageErrors).toEqual([]);
  });
});

/**
 * Offline: once opened, the app reloads without a network and everything stored is there, and the
 * parts it loads only when first used (the export's worker, the library import's worker) load too.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserPerTest, openLibrary } from './harness';

const openBrowser = browserPerTest();

describe('offline', () => {
  it('reloads and opens a document with the network off', async () => {
    const session = await openBrowser();
    const { page, context } = session;
    const rows = await openLibrary(page);
    const count = await rows.count();
    // Wait until the service worker controls the page (it caches the app when it installs).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    // Every worker's bundle is cached on install (the manifest names each as an asset of the chunk
    // that starts it): a worker first needed offline would not load otherwise.
    const cached = await page.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the install's caching has settled
      const keys = await (await caches.open('marginalia-app-v1')).keys();
      return keys.map((r) => new URL(r.url).pathname);
    });
    for (const worker of ['text-blob.worker', 'import-library.worker', 'reanchor.worker']) expect(cached.some((path) => path.startsWith(`/assets/${worker}-`)), worker).toBe(true);
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(count);
      // The library export makes its file in a worker never loaded before: cached on install.
      const download = page.waitForEvent('download');
      await page.getByRole('group', { name: 'Library actions' }).getByRole('button', { name: 'Export JSON' }).click();
      const exported = JSON.parse(await readFile(await (await download).path(), 'utf8'));
      expect(exported.documents.length).toBe(count - 1);
      // So is the library import's worker: the preview of that file shows (nothing new in it).
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import library JSON' }).click();
      await (await chooser).setFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported), 'utf8') });
      const dialog = page.getByRole('dialog', { name: 'Import library JSON' });
      await expect.poll(() => dialog.getByRole('button', { name: 'Import', exact: true }).count(), { timeout: 20_000 }).toBe(1);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await rows.nth(1).getByRole('link').click();
      await expect.poll(() => page.getByRole('region', { name: 'Document text' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    } finally {
      await context.setOffline(false);
    }
    expect(session.pageErrors).toEqual([]);
  });
});

/** Offline: once opened, the app reloads without a network and everything stored is there. */
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
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(count);
      await rows.nth(1).getByRole('link').click();
      await expect.poll(() => page.getByRole('region', { name: 'Document text' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    } finally {
      await context.setOffline(false);
    }
    expect(session.pageErrors).toEqual([]);
  });
});

/** The built app loads in a fresh profile, shows its heading and throws nothing. */
import { afterEach, expect, it } from 'vitest';
import { appUrl, launchBrowser, type BrowserSession } from './harness';

let session: BrowserSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

it('opens the app with a fresh profile', async () => {
  session = await launchBrowser();
  const { page } = session;
  await page.goto(appUrl());
  const heading = page.getByRole('heading', { name: 'Marginalia' });
  await heading.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await heading.isVisible()).toBe(true);
  expect(session.pageErrors).toEqual([]);
});

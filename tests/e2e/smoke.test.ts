/** The built app loads in a fresh profile, shows its heading and throws nothing. */
import { expect, it } from 'vitest';
import { appUrl, browserPerTest } from './harness';

const openBrowser = browserPerTest();

it('opens the app with a fresh profile', async () => {
  const session = await openBrowser();
  const { page } = session;
  await page.goto(appUrl());
  const heading = page.getByRole('heading', { name: 'Marginalia' });
  await heading.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await heading.isVisible()).toBe(true);
  expect(session.pageErrors).toEqual([]);
});

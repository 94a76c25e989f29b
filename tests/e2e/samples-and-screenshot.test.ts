/**
 * The sample articles as a newcomer meets them: listed on first start, open, taggable with overlapping
 * spans. Also takes the README's screenshot (written to docs/ when UPDATE_SCREENSHOT=1).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest } from './harness';
import { selectWithMouse } from './page-helpers';

const manifest = JSON.parse(readFileSync('fixtures/articles/manifest.json', 'utf8')) as { title: string }[];

const openBrowser = browserPerTest();

describe('sample articles', () => {
  it('are listed once on first start, even with two tabs opening together', async () => {
    const session = await openBrowser();
    const { page, context } = session;
    const other = await context.newPage();
    await Promise.all([page.goto(appUrl()), other.goto(appUrl())]);
    for (const p of [page, other]) {
      await expect.poll(() => p.getByRole('table').getByRole('row').count(), { timeout: 10_000 }).toBe(manifest.length + 1);
    }
    for (const { title } of manifest) expect(await page.getByRole('link', { name: title }).count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('open, take overlapping highlights and let the reviewer choose between them', async () => {
    const session = await openBrowser();
    const { page } = session;
    await page.goto(appUrl());
    await page.getByRole('link', { name: manifest[0]!.title }).click();
    const text = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => text.textContent(), { timeout: 10_000 }).toContain('At least 47 people were killed');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Reviewer name').fill('Sam Checker');
    await page.getByRole('button', { name: 'Save' }).click();

    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const tools = page.getByRole('toolbar', { name: 'Annotation tools' });
    await selectWithMouse(page, 'At least 47 people were killed');
    await tools.getByRole('button', { name: 'Claim', exact: true }).click();
    await selectWithMouse(page, 'Dragan Tsvetkov');
    await tools.getByRole('button', { name: 'Entity' }).click();
    await selectWithMouse(page, 'We are dealing with the worst flood this valley has seen in living memory');
    await tools.getByRole('button', { name: 'Opinion' }).click();
    // Nested inside the claim: "47 people".
    await selectWithMouse(page, '47 people');
    await page.keyboard.press('e');
    await expect.poll(() => panel.getByRole('list', { name: 'Annotations in text order' }).getByRole('button').count()).toBe(4);

    // Clicking the nested span offers both annotations.
    await page.getByText('47 people', { exact: true }).first().click();
    const menu = page.getByRole('menu', { name: 'Choose annotation' });
    await expect.poll(() => menu.getByRole('menuitem').count()).toBe(2);
    await menu.getByRole('menuitem', { name: /^Claim:/ }).click();
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: At least 47/ }).getAttribute('aria-current')).toBe('true');

    // The selected entry scrolls its span into view and marks it.
    expect(await text.locator('.mg-hl-active').first().textContent()).toContain('At least');

    // Tall enough to show the opinion in the third paragraph beside the claim and the entities.
    await page.setViewportSize({ width: 1280, height: 1060 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = join(tmpdir(), `marginalia-screenshot-${process.pid}.png`);
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(shot, 'docs/screenshot.png');
    expect(session.pageErrors).toEqual([]);
  });
});

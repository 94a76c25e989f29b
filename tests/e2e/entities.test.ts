/**
 * The entity registry end to end, in headless Chromium against the built app: entities made by tagging
 * names in two sample articles, the Entities list with its counts and look-alike-insensitive filter,
 * an entity's page (editing aliases, moving a mention, merging) and its History.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUrl, browserPerTest, openLibrary } from './harness';
import { selectWithMouse } from './page-helpers';

const HERALD = 'Ostrel Dam Breach Kills 47 in Drenava Valley, Emergency Chief Says';
const MERIDIAN = 'Warnings Ignored as Ostrel Flood Toll Climbs to 74';

const openBrowser = browserPerTest();

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });

async function openDocument(page: Page, title: string): Promise<void> {
  await page.goto(appUrl());
  await page.getByRole('link', { name: title }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Document text' }).textContent()).toContain('Ostrel');
}

/** Select `phrase`, tag it as an entity with the key e, and wait until the panel shows it selected. */
async function tagEntity(page: Page, phrase: string, firstTag = false): Promise<void> {
  await selectWithMouse(page, phrase);
  await page.keyboard.press('e');
  if (firstTag) {
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Reviewer name').fill('Ana Reviewer');
    await settings.getByRole('button', { name: 'Save' }).click();
  }
  const selected = panelOf(page).getByRole('region', { name: 'Selected annotation' });
  await expect.poll(() => selected.textContent()).toContain(`“${phrase}”`);
}

/** In the panel's entity picker of the selected mention, choose `option` ("Create person “…”"). */
async function chooseEntity(page: Page, option: string, linkedName: string): Promise<void> {
  const panel = panelOf(page);
  await panel.getByRole('combobox', { name: 'Entity', exact: true }).click();
  await panel.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => panel.getByRole('link', { name: linkedName, exact: true }).count()).toBe(1);
}

/** The cells of the Entities table row whose name link is `name`. */
async function rowCells(page: Page, name: string): Promise<string[]> {
  const row = page.getByRole('table', { name: 'Entities' }).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  return row.getByRole('cell').allTextContents();
}

async function openEntity(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(name);
}

const historyText = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Events' }).textContent();

describe('the entity registry', () => {
  it('lists, filters, edits, moves mentions, merges and keeps the history', { timeout: 120_000 }, async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);

    // Tag names in one article and create their entities from the panel.
    await openDocument(page, HERALD);
    await tagEntity(page, 'Kersova', true);
    await chooseEntity(page, 'Create place “Kersova”', 'Kersova');
    await tagEntity(page, 'Dragan Tsvetkov');
    await chooseEntity(page, 'Create person “Dragan Tsvetkov”', 'Dragan Tsvetkov');
    await tagEntity(page, 'Mr Tsvetkov');
    await chooseEntity(page, 'Create person “Mr Tsvetkov”', 'Mr Tsvetkov');
    await tagEntity(page, 'National Water Authority');
    await chooseEntity(page, 'Create organization “National Water Authority”', 'National Water Authority');
    await tagEntity(page, 'NWA');
    await chooseEntity(page, 'Create organization “NWA”', 'NWA');

    // A claim attributed to the emergency chief.
    await selectWithMouse(page, 'At least 47 people were killed');
    await page.keyboard.press('c');
    const panel = panelOf(page);
    await expect.poll(() => panel.getByRole('region', { name: 'Selected annotation' }).textContent()).toContain('At least 47 people were killed');
    await panel.getByRole('combobox', { name: 'Attributed to' }).fill('Dragan');
    await panel.getByRole('option', { name: /^Dragan Tsvetkov \(person\)/ }).click();
    await expect.poll(() => panel.getByRole('link', { name: 'Dragan Tsvetkov', exact: true }).count()).toBe(1);

    // In another article, a mention spelled like an entity is linked to it as it is tagged.
    await openDocument(page, MERIDIAN);
    await tagEntity(page, 'Kersova');
    await expect.poll(() => panel.getByRole('link', { name: 'Kersova', exact: true }).count()).toBe(1);

    // The Entities list counts mentions and attributions.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Entities', level: 2 }).count()).toBe(1);
    await expect.poll(() => rowCells(page, 'Kersova')).toEqual(['Kersova', 'place', '', '2', '0']);
    expect(await rowCells(page, 'Dragan Tsvetkov')).toEqual(['Dragan Tsvetkov', 'person', '', '1', '1']);
    expect(await rowCells(page, 'NWA')).toEqual(['NWA', 'organization', '', '1', '0']);
    const nameLinks = page.getByRole('table', { name: 'Entities' }).getByRole('row').getByRole('link');
    expect(await nameLinks.allTextContents()).toEqual(['Dragan Tsvetkov', 'Kersova', 'Mr Tsvetkov', 'National Water Authority', 'NWA']);

    // The filter finds a name typed with a Cyrillic К in place of the Latin K.
    await page.getByLabel('Filter entities').fill('\u041Aersova');
    await expect.poll(() => nameLinks.allTextContents()).toEqual(['Kersova']);
    await page.getByLabel('Filter entities').fill('');
    await page.getByLabel('Type', { exact: true }).selectOption('organization');
    await expect.poll(() => nameLinks.allTextContents()).toEqual(['National Water Authority', 'NWA']);
    await page.getByLabel('Type', { exact: true }).selectOption('');

    // An entity's page: its mentions in both documents; aliases edited and kept after a reload.
    await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Kersova', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Kersova');
    const mentions = page.getByRole('region', { name: 'Mentions' });
    await expect.poll(() => mentions.getByRole('heading', { level: 4 }).allTextContents()).toEqual([HERALD, MERIDIAN]);
    expect(await mentions.getByRole('link', { name: 'Kersova', exact: true }).count()).toBe(2);
    await page.getByLabel('Aliases').fill('Kersovo\nKersova Municipality');
    await page.getByLabel('Aliases').blur();
    await expect.poll(() => historyText(page)).toContain('aliases: none → “Kersovo”, “Kersova Municipality”');
    await page.reload();
    await expect.poll(() => page.getByLabel('Aliases').inputValue(), { timeout: 10_000 }).toBe('Kersovo\nKersova Municipality');
    const history = await historyText(page);
    expect(history).toContain('Ana Reviewer');
    expect(history).toContain('create entity “Kersova”');
    expect(history).toContain('mention “Kersova”: entity: none → “Kersova”');
    expect(history).toContain('edit entity aliases');

    // A mention opens its document at that annotation.
    await mentions.getByRole('link', { name: 'Kersova', exact: true }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: HERALD }).count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/#\/doc\/[^/]+\/a\//);
    await expect.poll(() => panel.getByRole('region', { name: 'Selected annotation' }).textContent()).toContain('“Kersova”');

    // Move a mention linked to the wrong entry.
    await openEntity(page, 'Mr Tsvetkov');
    await page.getByRole('combobox', { name: 'Move “Mr Tsvetkov” to' }).fill('Dragan');
    await page.getByRole('option', { name: /^Dragan Tsvetkov \(person\)/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Mentions' }).textContent()).toContain('No document mentions Mr Tsvetkov yet.');
    await openEntity(page, 'Dragan Tsvetkov');
    await expect.poll(() => page.getByRole('region', { name: 'Mentions' }).getByRole('link', { name: /Tsvetkov$/ }).allTextContents()).toEqual(['Dragan Tsvetkov', 'Mr Tsvetkov']);
    const said = page.getByRole('table', { name: 'What they said' });
    expect(await said.getByRole('cell').allTextContents()).toEqual(['Claim', 'At least 47 people were killed', 'unverified', 'reported speech', HERALD]);
    expect(await historyText(page)).toContain('mention “Mr Tsvetkov”: entity: “Mr Tsvetkov” → “Dragan Tsvetkov”');

    // Merge NWA into the National Water Authority: its mention moves, its name becomes an alias.
    await openEntity(page, 'NWA');
    const nwaUrl = page.url();
    await page.getByRole('combobox', { name: 'Merge into' }).fill('National');
    await page.getByRole('option', { name: /^National Water Authority \(organization\)/ }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('National Water Authority');
    expect(await page.getByRole('status').textContent()).toBe('Merged “NWA” into “National Water Authority”: 1 mention moved.');
    expect(await page.getByLabel('Aliases').inputValue()).toBe('NWA');
    await expect.poll(() => page.getByRole('region', { name: 'Mentions' }).getByRole('link', { name: /^(NWA|National Water Authority)$/ }).allTextContents()).toEqual([
      'National Water Authority',
      'NWA',
    ]);
    const merged = await historyText(page);
    expect(merged).toContain('merge entities');
    expect(merged).toContain('aliases: none → “NWA”');
    expect(merged).toContain('mention “NWA”: entity: “NWA” → “National Water Authority”');

    // The merged entity's page says it is gone, and what happened to it.
    await page.goto(nwaUrl);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Entity not found');
    await expect.poll(() => historyText(page)).toContain('merge entities');
    await page.getByRole('link', { name: 'Back to Entities' }).click();
    await expect.poll(() => rowCells(page, 'National Water Authority')).toEqual(['National Water Authority', 'organization', 'NWA', '2', '0']);
    expect(await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'NWA', exact: true }).count()).toBe(0);

    expect(session.pageErrors).toEqual([]);
  });
});

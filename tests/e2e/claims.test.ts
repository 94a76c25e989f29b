/**
 * The claim board and the verdict scale, in headless Chromium against the built app: claims tagged in
 * two sample reports are filtered, searched and sorted on the board, a row opens its claim, the chart's
 * numbers are read from its table; the scale is edited in Settings (rename, add, move, refuse to remove
 * a level in use, refuse an empty label, reset) and claims keep their verdict through it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserPerTest, openLibrary } from './harness';
import { selectWithMouse, selectedText } from './page-helpers';

const HERALD = 'Ostrel Dam Breach Kills 47 in Drenava Valley, Emergency Chief Says';
const MERIDIAN = 'Warnings Ignored as Ostrel Flood Toll Climbs to 74';

const openBrowser = browserPerTest();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations axe-core finds on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function nameReviewer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Reviewer name').fill('Lena Board');
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog', { name: 'Settings' }).isVisible()).toBe(false);
}

async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2, name: title }).count()).toBe(1);
  await expect.poll(() => page.getByRole('region', { name: 'Document text' }).locator('.ProseMirror').count()).toBe(1);
}

/** Tag `phrase` as a claim with the key c; the new claim is selected. */
async function tagClaim(page: Page, phrase: string): Promise<Locator> {
  await selectWithMouse(page, phrase);
  expect(await selectedText(page)).toBe(phrase);
  await page.keyboard.press('c');
  const selected = page.getByRole('region', { name: 'Selected annotation' });
  await expect.poll(() => selected.textContent()).toContain(`Claim “${phrase}”`);
  return selected;
}

async function openBoard(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Claims', exact: true }).count()).toBe(1);
  return page.getByRole('table', { name: 'Claims', exact: true });
}

/** The quotes of the board's rows, top to bottom. */
const quotes = (board: Locator) => board.locator('tbody tr td:first-child').allTextContents();

describe('the claim board', () => {
  it('filters, searches, sorts, opens a claim in its document and charts statuses per document', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    await nameReviewer(page);

    // Herald: a speaker entity, a claim attributed to him with a verdict and a rationale, and a bare claim.
    await openDocument(page, HERALD);
    await selectWithMouse(page, 'Dragan Tsvetkov');
    await page.keyboard.press('e');
    const selected = page.getByRole('region', { name: 'Selected annotation' });
    await selected.getByRole('combobox', { name: 'Entity' }).click();
    await selected.getByRole('option', { name: 'Create person “Dragan Tsvetkov”' }).click();
    await expect.poll(() => selected.getByRole('link', { name: 'Dragan Tsvetkov' }).count()).toBe(1);

    await tagClaim(page, 'At least 47 people were killed');
    const speaker = selected.getByRole('combobox', { name: 'Attributed to' });
    await speaker.fill('Tsvetkov');
    await selected.getByRole('option', { name: /^Dragan Tsvetkov \(person\)/ }).click();
    await expect.poll(() => speaker.inputValue()).toBe('Dragan Tsvetkov');
    await selected.getByLabel('Status').selectOption('in-review');
    await selected.getByLabel('Verdict').selectOption({ label: 'False' });
    await selected.getByLabel('Rationale').fill('Les registres de la morgue, vérifiés lundi, disent 74.');
    await selected.getByLabel('Rationale').blur();
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: At least 47 .*\(in review\)$/ }).count()).toBe(1);

    await tagClaim(page, '19 people remain missing');

    // Meridian: one claim in review.
    await openDocument(page, MERIDIAN);
    const meridianClaim = await tagClaim(page, '74 people were killed');
    await meridianClaim.getByLabel('Status').selectOption('in-review');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 74 people .*\(in review\)$/ }).count()).toBe(1);

    // The board lists all three.
    const board = await openBoard(page);
    const count = page.getByText(/^\d+ of \d+ claims?$/);
    await expect.poll(() => board.getByRole('row').count()).toBe(4);
    expect(await count.textContent()).toBe('3 of 3 claims');
    const row47 = board.getByRole('row').filter({ hasText: 'At least 47' });
    expect(await row47.getByRole('cell').allTextContents()).toEqual([
      'At least 47 people were killed',
      HERALD,
      'in review',
      'False',
      'Dragan Tsvetkov',
      expect.stringMatching(/\d/),
    ]);

    // Filters, each with its visible label as its name.
    const filters = page.getByRole('search', { name: 'Claim filters' });
    await filters.getByLabel('Status').selectOption('in-review');
    await expect.poll(() => count.textContent()).toBe('2 of 3 claims');
    expect((await quotes(board)).sort()).toEqual(['74 people were killed', 'At least 47 people were killed']);
    await filters.getByLabel('Verdict').selectOption({ label: 'No verdict' });
    await expect.poll(() => quotes(board)).toEqual(['74 people were killed']);
    await filters.getByLabel('Status').selectOption({ label: 'All statuses' });
    await filters.getByLabel('Verdict').selectOption({ label: 'All verdicts' });
    await filters.getByLabel('Document').selectOption({ label: HERALD });
    await expect.poll(() => count.textContent()).toBe('2 of 3 claims');
    await filters.getByLabel('Attributed to').selectOption({ label: 'Not attributed' });
    await expect.poll(() => quotes(board)).toEqual(['19 people remain missing']);
    await filters.getByLabel('Attributed to').selectOption({ label: 'Dragan Tsvetkov' });
    await expect.poll(() => quotes(board)).toEqual(['At least 47 people were killed']);
    await filters.getByLabel('Document').selectOption({ label: 'All documents' });
    await filters.getByLabel('Attributed to').selectOption({ label: 'Anyone' });
    await expect.poll(() => count.textContent()).toBe('3 of 3 claims');

    // Text search covers the rationale, ignoring case and accents.
    await filters.getByLabel('Text').fill('REGISTRES DE LA MORGUE, VERIFIES');
    await expect.poll(() => quotes(board)).toEqual(['At least 47 people were killed']);
    await filters.getByLabel('Text').fill('remain');
    await expect.poll(() => quotes(board)).toEqual(['19 people remain missing']);
    await filters.getByLabel('Text').fill('nothing like this');
    await expect.poll(() => page.getByText('No claim matches these filters.').count()).toBe(1);
    await filters.getByLabel('Text').fill('');
    await expect.poll(() => count.textContent()).toBe('3 of 3 claims');

    // Sorting: a header button sorts by its column, again reverses; aria-sort says which and how.
    const claimHeader = board.getByRole('columnheader', { name: 'Claim' });
    await claimHeader.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => claimHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await board.getByRole('columnheader', { name: 'Document' }).getAttribute('aria-sort')).toBeNull();
    expect(await quotes(board)).toEqual(['19 people remain missing', '74 people were killed', 'At least 47 people were killed']);
    await claimHeader.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => claimHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await quotes(board)).toEqual(['At least 47 people were killed', '74 people were killed', '19 people remain missing']);
    // Verdict sorts by the scale; claims without one come last.
    await board.getByRole('button', { name: 'Verdict' }).click();
    await expect.poll(() => quotes(board).then((q) => q[0])).toBe('At least 47 people were killed');
    // Keyboard: the header buttons are reachable and work with Enter.
    await board.getByRole('button', { name: 'Status' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => board.getByRole('columnheader', { name: 'Status' }).getAttribute('aria-sort')).toBe('ascending');
    expect((await quotes(board))[0]).toBe('19 people remain missing');

    // The chart's numbers, read from its table.
    expect(await page.getByRole('figure').getByText('Claims by status per document').count()).toBe(1);
    const numbers = page.getByRole('table', { name: 'Status counts per document' });
    const header = await numbers.locator('thead th').allTextContents();
    expect(header).toEqual(['Document', 'unverified', 'in review', 'attributed', 'supported', 'disputed', 'refuted', 'unverifiable', 'Total']);
    const bodyRows = await numbers.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(bodyRows).toEqual([
      [HERALD, '1', '1', '0', '0', '0', '0', '0', '2'],
      [MERIDIAN, '0', '1', '0', '0', '0', '0', '0', '1'],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    // The chart follows the filters.
    await filters.getByLabel('Document').selectOption({ label: MERIDIAN });
    await expect.poll(() => numbers.locator('tbody tr').count()).toBe(1);
    await filters.getByLabel('Document').selectOption({ label: 'All documents' });

    // A row's quote opens its document with that claim selected.
    await board.getByRole('link', { name: '74 people were killed' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: MERIDIAN }).count()).toBe(1);
    await expect.poll(() => panel.locator('[aria-current="true"]').textContent()).toContain('74 people were killed');
    expect(session.pageErrors).toEqual([]);
  });
});

describe('the verdict scale in Settings', () => {
  it('renames, adds and moves levels, refuses removing a used level or an empty label, and claims keep their verdict', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    await nameReviewer(page);
    await openDocument(page, HERALD);
    const selected = await tagClaim(page, 'At least 47 people were killed');
    await selected.getByLabel('Verdict').selectOption({ label: 'False' });
    await expect.poll(() => selected.getByLabel('Verdict').inputValue()).toBe('false');

    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const scale = dialog.getByRole('group', { name: 'Verdict scale' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => scale.getByRole('group', { name: /^Level \d+$/ }).count()).toBe(6);
    expect(await scale.getByLabel('Label of level 1', { exact: true }).inputValue()).toBe('True');
    expect(await axeViolations(page)).toEqual([]);

    // Removing "False" (level 5), which the claim uses, is refused on the spot.
    await scale.getByRole('button', { name: 'Remove level 5', exact: true }).click();
    await expect.poll(() => scale.getByRole('alert').textContent()).toBe('“False” cannot be removed: 1 claim has this verdict. Give it another verdict first.');
    expect(await scale.getByRole('group', { name: /^Level \d+$/ }).count()).toBe(6);

    // Rename level 1, add a level and move it up one place.
    await scale.getByLabel('Label of level 1', { exact: true }).fill('Accurate');
    await scale.getByRole('button', { name: 'Add level' }).click();
    const newLabel = scale.getByLabel('Label of level 7', { exact: true });
    await expect.poll(() => newLabel.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Needs context');
    await scale.getByLabel('Description of level 7', { exact: true }).fill('True, but missing what changes its meaning.');
    await scale.getByRole('button', { name: 'Move up level 7', exact: true }).click();
    expect(await scale.getByLabel('Label of level 6', { exact: true }).inputValue()).toBe('Needs context');
    expect(await scale.getByRole('button', { name: 'Move up level 1', exact: true }).getAttribute('aria-disabled')).toBe('true');

    // An empty label is refused when saving; the dialog stays open.
    await scale.getByLabel('Label of level 2', { exact: true }).fill('  ');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => scale.getByRole('alert').textContent()).toBe('Level 2 has no label: give it one or remove it.');
    expect(await dialog.isVisible()).toBe(true);
    await scale.getByLabel('Label of level 2', { exact: true }).fill('Mostly true');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // The claim keeps its verdict (the id), and the panel offers the new labels in the new order.
    const verdict = selected.getByLabel('Verdict');
    await expect.poll(() => verdict.locator('option').allTextContents()).toEqual([
      'No verdict yet',
      'Accurate',
      'Mostly true',
      'Half true',
      'Mostly false',
      'False',
      'Needs context',
      'Unverifiable',
    ]);
    expect(await verdict.inputValue()).toBe('false');
    await verdict.selectOption({ label: 'Needs context' });
    await expect.poll(() => verdict.inputValue()).toBe('needs-context');

    // The board's verdict filter and column use the scale's labels.
    const board = await openBoard(page);
    await page.getByRole('search', { name: 'Claim filters' }).getByLabel('Verdict').selectOption({ label: 'Needs context' });
    await expect.poll(() => quotes(board)).toEqual(['At least 47 people were killed']);
    expect(await board.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()).toBe('Needs context');

    // Reset to default: "Needs context" is in use now, so saving the default scale is refused.
    await page.getByRole('button', { name: 'Settings' }).click();
    await scale.getByRole('button', { name: 'Reset to default' }).click();
    expect(await scale.getByLabel('Label of level 1', { exact: true }).inputValue()).toBe('True');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => scale.getByRole('alert').textContent()).toBe(
      '“Needs context” cannot be removed: 1 claim has this verdict. Give it another verdict first.',
    );
    // Cancel keeps the saved scale.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await scale.getByLabel('Label of level 1', { exact: true }).inputValue()).toBe('Accurate');
    // An unused level can be removed; focus moves to the next level's label.
    await scale.getByRole('button', { name: 'Remove level 1', exact: true }).click();
    await expect.poll(() => scale.getByRole('group', { name: /^Level \d+$/ }).count()).toBe(6);
    await expect.poll(() => scale.getByLabel('Label of level 1', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await scale.getByLabel('Label of level 1', { exact: true }).inputValue()).toBe('Mostly true');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('search', { name: 'Claim filters' }).getByLabel('Verdict').locator('option').count()).toBe(2 + 6);
    expect(session.pageErrors).toEqual([]);
  });
});

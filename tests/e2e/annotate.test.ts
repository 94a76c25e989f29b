/**
 * A reviewer's whole path through the app, in headless Chromium against the built app: import,
 * select with mouse and keyboard, tag each kind, edit, undo/redo, reload, a second tab, export.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserPerTest, openLibrary } from './harness';
import { selectWithKeyboard, selectWithMouse, selectedText } from './page-helpers';
import { validateNativeExport } from '../validate-native-export';

const ARTICLE = [
  'Flood in Varnek: officials count the cost',
  '',
  'The regional governor, Mira Castell, said on Tuesday that 613 people were killed when the river rose.',
  '',
  '“We have never seen water like this,” said Tomas Ilvane, a farmer from the valley.',
  '',
  'According to the Varnek Water Authority, the dam had been inspected in 2019.',
  '',
  'Critics believe the authority ignored repeated warnings from engineers.',
].join('\n');

const openBrowser = browserPerTest();

describe('annotating an article end to end', () => {
  it('imports, tags, edits, undoes, persists, syncs across tabs and exports', async () => {
    const session = await openBrowser();
    const { page, context } = session;
    // The Library starts with the sample articles.
    await openLibrary(page);

    // Import a .txt through the file chooser; the new document opens.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import document' }).click();
    await (await chooser).setFiles({ name: 'varnek-flood.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE, 'utf8') });
    await expect.poll(() => page.getByRole('heading', { name: 'Flood in Varnek: officials count the cost' }).count()).toBe(1);
    const text = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => text.textContent()).toContain('613 people were killed');

    // Select one phrase with the mouse and tag it with the Claim button; the first tag asks for a name.
    await selectWithMouse(page, '613 people were killed');
    expect(await selectedText(page)).toBe('613 people were killed');
    // Cancelling the name prompt tags nothing and says so; the selection is still there to try again.
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Nothing was tagged');
    expect(await text.locator('.mg-hl').count()).toBe(0);
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Claim', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Reviewer name').fill('Ana Reviewer');
    await settings.getByRole('button', { name: 'Save' }).click();
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 people were killed/ }).count()).toBe(1);
    expect(await text.locator('.mg-hl-claim').textContent()).toBe('613 people were killed');

    // Select another with Shift+arrows and tag it with the key e.
    await selectWithKeyboard(page, 'Mira Castell');
    expect(await selectedText(page)).toBe('Mira Castell');
    await page.keyboard.press('e');
    await expect.poll(() => panel.getByRole('button', { name: /^Entity: Mira Castell/ }).count()).toBe(1);

    // An opinion by key o, overlapping nothing.
    await selectWithMouse(page, 'the authority ignored repeated warnings');
    await page.keyboard.press('o');
    await expect.poll(() => panel.getByRole('button', { name: /^Opinion: the authority ignored/ }).count()).toBe(1);
    expect(await text.locator('.mg-hl').count()).toBe(3);

    // Entries are listed in text order.
    const kinds = await panel.getByRole('list', { name: 'Annotations in text order' }).getByRole('button').evaluateAll((els) => els.map((e) => e.textContent?.split(':')[0]));
    expect(kinds).toEqual(['Entity', 'Claim', 'Opinion']);

    // Edit fields of the claim. "Disputed" is refused without contradicting evidence, and says why.
    await panel.getByRole('button', { name: /^Claim: 613/ }).click();
    await panel.getByLabel('Status').selectOption('disputed');
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('disputed only with at least one contradicting evidence item');
    expect(await panel.getByLabel('Status').inputValue()).toBe('unverified');
    await panel.getByLabel('Status').selectOption('in-review');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 .*\(in review\)$/ }).count()).toBe(1);
    // Attribute it to a speaker created on the spot from the combobox.
    const speaker = panel.getByRole('combobox', { name: 'Attributed to' });
    await speaker.fill('Mira Castell');
    await panel.getByRole('option', { name: 'Create person “Mira Castell”' }).click();
    await expect.poll(() => speaker.inputValue()).toBe('Mira Castell');

    // Undo the attribution, then the status change; redo both.
    await text.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => speaker.inputValue()).toBe('');
    await page.keyboard.press('Control+z');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 .*\(unverified\)$/ }).count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => speaker.inputValue()).toBe('Mira Castell');
    await expect.poll(() => panel.getByLabel('Status').inputValue()).toBe('in-review');

    // Delete the opinion with the Delete key, undo brings it back.
    await panel.getByRole('button', { name: /^Opinion:/ }).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => panel.getByRole('button', { name: /^Opinion:/ }).count()).toBe(0);
    await text.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => panel.getByRole('button', { name: /^Opinion:/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Undone: delete opinion.');

    // A tag taken back in the same breath: Ctrl+Z pressed before the tag is stored waits for it, then
    // takes back that tag (not the step before it).
    await selectWithMouse(page, 'inspected in 2019');
    await page.keyboard.press('c');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Undone: tag claim.');
    expect(await panel.getByRole('button', { name: /^Claim: inspected/ }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Opinion:/ }).count()).toBe(1);

    // Reload: everything is back.
    await page.reload();
    await expect.poll(() => panel.getByRole('button', { name: /^(Claim|Entity|Opinion):/ }).count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => text.locator('.mg-hl').count()).toBe(3);
    await panel.getByRole('button', { name: /^Claim: 613/ }).click();
    expect(await panel.getByRole('combobox', { name: 'Attributed to' }).inputValue()).toBe('Mira Castell');
    expect(await panel.getByLabel('Status').inputValue()).toBe('in-review');

    // A second tab on the same document sees a change made in the first.
    const second = await context.newPage();
    await second.goto(page.url());
    const panel2 = second.getByRole('complementary', { name: 'Annotations' });
    await expect.poll(() => panel2.getByRole('button', { name: /^(Claim|Entity|Opinion):/ }).count(), { timeout: 10_000 }).toBe(3);
    await panel.getByLabel('Status').selectOption('refuted');
    const changedAt = Date.now();
    await expect.poll(() => panel2.getByRole('button', { name: /^Claim: 613 .*\(refuted\)$/ }).count(), { timeout: 2_000, interval: 25 }).toBe(1);
    const latency = Date.now() - changedAt;
    expect(latency).toBeLessThan(2_000);
    // And the other way round.
    await panel2.getByRole('button', { name: /^Claim:/ }).click();
    await panel2.getByLabel('Verdict').selectOption('false');
    await expect.poll(() => panel.getByLabel('Verdict').inputValue(), { timeout: 2_000 }).toBe('false');

    // The second tab changes the claim; undo here (of "refuted") must not overwrite that.
    await panel2.getByRole('button', { name: /^Claim:/ }).click();
    await panel2.getByLabel('Status').selectOption('supported');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 .*\(supported\)$/ }).count(), { timeout: 2_000 }).toBe(1);
    await text.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'the status of the claim “613 people were killed” was changed since' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Claim: 613 .*\(supported\)$/ }).count()).toBe(1);
    expect(await panel2.getByRole('button', { name: /^Claim: 613 .*\(supported\)$/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await panel2.getByLabel('Status').selectOption('refuted');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 613 .*\(refuted\)$/ }).count(), { timeout: 2_000 }).toBe(1);
    await second.close();

    // Export this document and validate the file.
    const download = page.waitForEvent('download');
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(validateNativeExport(exported)).toEqual([]);
    expect(exported.documents).toHaveLength(1);
    expect(exported.annotations).toHaveLength(3);
    const claim = exported.annotations.find((a: { kind: string }) => a.kind === 'claim');
    expect(claim.anchor.quote).toBe('613 people were killed');
    expect(claim.creator).toBe('Ana Reviewer');
    const castell = exported.entities.find((e: { name: string }) => e.name === 'Mira Castell');
    expect(castell.type).toBe('person');
    expect(claim.fields).toEqual({ status: 'refuted', verdict: 'false', rationale: '', attribution: { entityId: castell.id, quoteType: 'reported', cueId: null }, note: '' });
    // The history of every change travels with the file.
    const statusEvents = exported.events.filter((e: { targetId: string; field: string }) => e.targetId === claim.id && e.field === 'fields.status');
    expect(statusEvents.map((e: { after: string }) => e.after)).toEqual(['in-review', 'unverified', 'in-review', 'refuted', 'supported', 'refuted']);
    const plain = exported.documents[0].text as string;
    expect([...plain].slice(claim.anchor.start, claim.anchor.end).join('')).toBe('613 people were killed');
    expect(session.pageErrors).toEqual([]);
  });

  it('exports the whole library from the Library and the file validates', async () => {
    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(validateNativeExport(exported)).toEqual([]);
    expect(exported.documents.length).toBe((await rows.count()) - 1);
    expect(session.pageErrors).toEqual([]);
  });
});

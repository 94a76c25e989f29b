/**
 * The fact-checker's workflow across the library, on the two sample reports of the Ostrel Dam collapse
 * that disagree on the death toll (47 in the Herald, 74 in the Meridian Post): entities shared between
 * documents and found by another spelling, attribution with its cue, two claims linked as
 * contradicting, a disputed status backed by that link, a verdict, merging two entities, the entity
 * page, the claim board, reload, and the history in the exported file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserPerTest, openLibrary } from './harness';
import { selectWithMouse, selectedText } from './page-helpers';
import { validateNativeExport } from '../validate-native-export';

const HERALD = 'Ostrel Dam Breach Kills 47 in Drenava Valley, Emergency Chief Says';
const MERIDIAN = 'Warnings Ignored as Ostrel Flood Toll Climbs to 74';

const openBrowser = browserPerTest();

/** Open a document from the Library by its title and wait for its text. */
async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2, name: title }).count()).toBe(1);
  await expect.poll(() => page.getByRole('region', { name: 'Document text' }).locator('.ProseMirror').count()).toBe(1);
}

/** Select `phrase` with the mouse and tag it with the key for `kind`. */
async function tag(page: Page, phrase: string, key: 'c' | 'e' | 'o'): Promise<void> {
  await selectWithMouse(page, phrase);
  expect(await selectedText(page)).toBe(phrase);
  await page.keyboard.press(key);
  const kind = { c: 'Claim', e: 'Entity', o: 'Opinion' }[key];
  const selected = page.getByRole('region', { name: 'Selected annotation' });
  await expect.poll(() => selected.textContent()).toContain(`${kind} “${phrase}”`);
}

describe('fact-checking workflow across documents', () => {
  it('takes a claim from highlight to a disputed verdict with evidence, across two reports, with its full history', async () => {
    const session = await openBrowser();
    const { page } = session;
    page.on('dialog', (d) => void d.accept());
    await openLibrary(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Reviewer name').fill('Ines Okafor');
    await page.getByRole('button', { name: 'Save' }).click();

    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const selected = page.getByRole('region', { name: 'Selected annotation' });

    // Herald: the emergency chief becomes a registry entity from his mention.
    await openDocument(page, HERALD);
    await tag(page, 'Dragan Tsvetkov', 'e');
    await selected.getByRole('combobox', { name: 'Entity' }).click();
    await selected.getByRole('option', { name: 'Create person “Dragan Tsvetkov”' }).click();
    await expect.poll(() => selected.getByRole('link', { name: 'Dragan Tsvetkov' }).count()).toBe(1);

    // The Herald's death toll, attributed to him by typing another spelling of his name.
    await tag(page, 'At least 47 people were killed', 'c');
    const speaker = selected.getByRole('combobox', { name: 'Attributed to' });
    await speaker.fill('Cvetkov');
    await selected.getByRole('option', { name: /^Dragan Tsvetkov \(person\)/ }).click();
    await expect.poll(() => speaker.inputValue()).toBe('Dragan Tsvetkov');
    // The cue that attributes it is its own annotation.
    await selectWithMouse(page, 'according to');
    await selected.getByRole('button', { name: 'Mark selected text as cue' }).click();
    await expect.poll(() => selected.getByText('Cue:').textContent()).toContain('according to');
    await expect.poll(() => panel.getByRole('button', { name: /^Cue: according to$/ }).count()).toBe(1);
    await selected.getByLabel('Status').selectOption('attributed');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: At least 47 .*\(attributed\)$/ }).count()).toBe(1);

    // Two spellings of one organisation, tagged as two entities (to be merged later).
    await tag(page, 'National Water Authority', 'e');
    await selected.getByRole('combobox', { name: 'Entity' }).click();
    await selected.getByRole('option', { name: 'Create organization “National Water Authority”' }).click();
    await expect.poll(() => selected.getByRole('link', { name: 'National Water Authority' }).count()).toBe(1);
    await tag(page, 'NWA', 'e');
    await selected.getByRole('combobox', { name: 'Entity' }).click();
    // The registry already offers the full name for the initials; the reviewer creates a separate entry anyway.
    await expect.poll(() => selected.getByRole('option', { name: /^National Water Authority \(organization\)/ }).count()).toBe(1);
    await selected.getByRole('option', { name: 'Create organization “NWA”' }).click();
    await expect.poll(() => selected.getByRole('link', { name: 'NWA' }).count()).toBe(1);

    // Meridian: the same man spelled differently is found in the registry.
    await openDocument(page, MERIDIAN);
    await tag(page, 'Dragan Cvetkov', 'e');
    await selected.getByRole('combobox', { name: 'Entity' }).click();
    await selected.getByRole('option', { name: /^Dragan Tsvetkov \(person\)/ }).click();
    await expect.poll(() => selected.getByRole('link', { name: 'Dragan Tsvetkov' }).count()).toBe(1);

    // The Meridian's figure cannot be disputed before anything contradicts it…
    await tag(page, '74 people were killed', 'c');
    await selected.getByLabel('Status').selectOption('disputed');
    await expect.poll(() => selected.getByRole('alert').textContent()).toContain('disputed only with at least one contradicting evidence item or a linked claim');
    // …so link it to the Herald's as contradicting, then dispute it with that link as evidence.
    await selected.getByRole('combobox', { name: 'Link to claim' }).fill('47 people');
    await selected.getByRole('option', { name: new RegExp(`^“At least 47 people were killed” — ${HERALD}`) }).click();
    await selected.getByLabel('Link type').selectOption('contradicts');
    await selected.getByRole('button', { name: 'Link claims' }).click();
    await expect.poll(() => selected.getByRole('list', { name: 'Linked claims' }).textContent()).toContain('Contradicts: “At least 47 people were killed”');
    await selected.getByLabel('Reason for the change').fill('The Herald, quoting the directorate, reports 47 deaths.');
    await selected.getByLabel('Status').selectOption('disputed');
    await expect.poll(() => panel.getByRole('button', { name: /^Claim: 74 people were killed \(disputed\)$/ }).count()).toBe(1);
    // The reason went with that change and the field is ready for the next one.
    await expect.poll(() => selected.getByLabel('Reason for the change').inputValue()).toBe('');
    // A verdict, its rationale and a source.
    await selected.getByLabel('Verdict').selectOption({ label: 'Unverifiable' });
    await selected.getByLabel('Rationale').fill('Two outlets report 47 and 74 deaths; no official final count has been published.');
    await selected.getByLabel('Rationale').blur();
    await selected.getByText('New evidence item…').click();
    await selected.getByLabel('Source URL').fill('https://example.org/drenava-directorate/bulletin-3');
    await selected.getByLabel('Source title').fill('Directorate bulletin no. 3');
    await selected.getByLabel('Quoted passage').fill('Confirmed deaths: 47.');
    await selected.getByLabel('Relation').selectOption('contradicts');
    await selected.getByRole('button', { name: 'Add evidence' }).click();
    await expect.poll(() => selected.getByRole('list', { name: 'Evidence items' }).textContent()).toContain('Directorate bulletin no. 3');
    // The article says it in its own voice: attributed to its author.
    await selected.getByRole('button', { name: 'Article’s own voice' }).click();
    await expect.poll(() => selected.getByRole('combobox', { name: 'Attributed to' }).inputValue()).toBe('Aurel Dimitrescu');
    await expect.poll(() => selected.getByLabel('Quote type').inputValue()).toBe('own-voice');

    // The link shows on the Herald's side too.
    await selected.getByRole('list', { name: 'Linked claims' }).getByRole('link', { name: '“At least 47 people were killed”' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: HERALD }).count()).toBe(1);
    await expect.poll(() => selected.getByRole('list', { name: 'Linked claims' }).textContent()).toContain('Contradicts: “74 people were killed”');

    // Merge NWA into National Water Authority from NWA's entity page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
    await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'NWA' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'NWA', exact: true }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Merge into' }).fill('National Water');
    await page.getByRole('option', { name: /^National Water Authority \(organization\)/ }).click();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'National Water Authority', exact: true }).count()).toBe(1);
    const mentions = page.getByRole('region', { name: 'Mentions' });
    await expect.poll(() => mentions.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => page.getByLabel('Aliases').inputValue()).toContain('NWA');
    // Undo and redo reach library-wide actions too.
    await page.getByRole('heading', { name: 'National Water Authority', exact: true }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Undone: merge entities.');
    await expect.poll(() => mentions.getByRole('listitem').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Redone: merge entities.');
    await expect.poll(() => mentions.getByRole('listitem').count()).toBe(2);

    // The speaker's page: his mentions in both documents and what he said.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
    await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Dragan Tsvetkov' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Mentions' }).getByRole('listitem').count()).toBe(2);
    const said = page.getByRole('region', { name: 'What they said' });
    await expect.poll(() => said.textContent()).toContain('At least 47 people were killed');

    // The claim board: filter to disputed claims; the row opens the claim in its document.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
    const board = page.getByRole('table', { name: 'Claims' });
    await expect.poll(() => board.getByRole('row').count()).toBe(3);
    await page.getByLabel('Status').selectOption('disputed');
    await expect.poll(() => board.getByRole('row').count()).toBe(2);
    await board.getByRole('link', { name: '74 people were killed' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: MERIDIAN }).count()).toBe(1);
    await expect.poll(() => panel.locator('[aria-current="true"]').textContent()).toContain('74 people were killed');

    // Reload: the record is all there.
    await page.reload();
    await expect.poll(() => selected.getByLabel('Status').inputValue(), { timeout: 10_000 }).toBe('disputed');
    await expect.poll(() => selected.getByLabel('Verdict').inputValue()).toBe('unverifiable');
    await expect.poll(() => selected.getByRole('list', { name: 'Evidence items' }).textContent()).toContain('Directorate bulletin no. 3');
    // Its history lists every step, with who and what.
    await selected.getByText('Show history').click();
    const history = selected.getByRole('region', { name: 'History' });
    await expect.poll(() => history.textContent()).toContain('link claims (contradicts)');
    expect(await history.textContent()).toContain('Ines Okafor');

    // Export the library: the history travels with it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('group', { name: 'Library actions' }).getByRole('button', { name: 'Export JSON' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(validateNativeExport(exported)).toEqual([]);
    const actions = new Set(exported.events.map((e: { action: string }) => e.action));
    for (const a of ['tag claim', 'merge entities', 'link claims (contradicts)', 'add evidence', 'mark attribution cue', 'attribute to the article']) expect(actions).toContain(a);
    const disputed = exported.annotations.find((a: { anchor: { quote: string } }) => a.anchor.quote === '74 people were killed');
    const statusChanges = exported.events.filter((e: { targetId: string; field: string }) => e.targetId === disputed.id && e.field === 'fields.status');
    expect(statusChanges.map((e: { after: string; reviewer: string; reason?: string }) => [e.after, e.reviewer, e.reason])).toEqual([
      ['disputed', 'Ines Okafor', 'The Herald, quoting the directorate, reports 47 deaths.'],
    ]);
    expect(exported.links).toHaveLength(1);
    expect(exported.links[0].relation).toBe('contradicts');
    const nwa = exported.entities.find((e: { name: string }) => e.name === 'National Water Authority');
    expect(nwa.aliases).toContain('NWA');
    expect(exported.entities.some((e: { name: string }) => e.name === 'NWA')).toBe(false);
    expect(session.pageErrors).toEqual([]);
  });
});

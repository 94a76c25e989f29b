/**
 * Accessibility checked by axe-core (WCAG 2 A and AA rules) on each view, with annotations present,
 * plus a keyboard-only pass: every step of tagging without the mouse.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerTest, openLibrary } from './harness';
import { selectWithKeyboard } from './page-helpers';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // The app's Content Security Policy forbids inline scripts; evaluate() runs axe outside it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const openBrowser = browserPerTest();

describe('accessibility', () => {
  it('every view, a document with highlights, the claim form and the dialogs pass axe; tagging and linking work from the keyboard alone', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Reviewer name').fill('Kai');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Settings' }).isVisible()).toBe(false);

    // Keyboard only: reach the first document's link with Tab and open it.
    const firstLink = page.getByRole('table').getByRole('link').first();
    await firstLink.focus();
    await page.keyboard.press('Enter');
    const text = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => text.count()).toBe(1);

    await selectWithKeyboard(page, 'Dragan Tsvetkov');
    await page.keyboard.press('e');
    const panel = page.getByRole('complementary', { name: 'Annotations' });
    const entry = panel.getByRole('button', { name: /^Entity: Dragan Tsvetkov/ });
    await expect.poll(() => entry.count()).toBe(1);
    // Tab from the text reaches the toolbar buttons and the panel; Enter on an entry selects it.
    await entry.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => entry.getAttribute('aria-current')).toBe('true');
    // Link it to a new registry entry with the keyboard: the combobox opens on focus, Enter takes the
    // first option ("Create person …"), arrows move between options.
    const entity = panel.getByRole('combobox', { name: 'Entity' });
    await entity.focus();
    await expect.poll(() => entity.getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('link', { name: 'Dragan Tsvetkov' }).count()).toBe(1);

    // A claim's whole form (attribution, verdict, evidence, links, history) passes too.
    await selectWithKeyboard(page, 'At least 47 people were killed');
    await page.keyboard.press('c');
    await expect.poll(() => panel.getByRole('combobox', { name: 'Attributed to' }).count()).toBe(1);
    await panel.getByText('New evidence item…').click();
    await panel.getByText('Show history').click();
    expect(await axeViolations(page)).toEqual([]);

    // The library-wide views.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Dragan Tsvetkov' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Dragan Tsvetkov' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Dragan Tsvetkov', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Claims' }).getByRole('row').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});

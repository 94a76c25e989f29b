/**
 * Real-world sources in, against the built app: a web page carrying scripts and event handlers (none
 * runs), a Word document, several files at once with a bad one among them, pasted HTML, and a
 * document with words that mix scripts (warned on import, marked on request, text unchanged).
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUrl, browserPerTest, openLibrary, type BrowserSession } from './harness';
import { sampleDocx } from '../docx-fixture';
import { selectedText } from './page-helpers';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Every trick below would add to window.__mgPwned, call alert() or log "PWNED". */
const pwn = (what: string) => `(window.__mgPwned = window.__mgPwned || []).push('${what}'); alert('${what}'); console.log('PWNED ${what}')`;

const para = (n: number) =>
  `<p>Paragraph ${n}: inspectors from the river authority said the spillway of the Lisno dam showed new cracks, ` +
  `and that the reservoir would be lowered by ${n * 10} centimetres a day until the repairs were finished.</p>`;

const PAGE = `<!doctype html><html><head>
<title>Lisno dam cracks widen | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Mira Tashkent">
<meta property="article:published_time" content="2026-03-14T08:30:00Z">
<link rel="canonical" href="https://courier.example/lisno-dam">
<script>${pwn('head script')}</script>
</head><body onload="${pwn('body onload')}">
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Lisno dam cracks widen</h1>
${[1, 2, 3, 4, 5].map(para).join('\n')}
<p>Residents were told to <strong>stay calm</strong>.<img src="nowhere.png" onerror="${pwn('img onerror')}"><script>${pwn('inline script')}</script></p>
<p>Read <a href="javascript:${pwn('link')}">the notice</a> or <a href="https://authority.example/notice">the authority's page</a>.</p>
<svg onload="${pwn('svg onload')}"><circle r="3"/></svg>
<iframe srcdoc="<script>parent.__mgPwned=['iframe']</script>"></iframe>
</article>
<aside class="advert">ADVERTISEMENT: cheap boats</aside>
</body></html>`;

/** Plain text paragraphs with look-alike letters: Cyrillic К and а, Greek ο. */
const MIXED = [
  'Report on \u041Ahojaly',
  'Officials in \u041Ahojaly said the road to \u0410ghdam was closed.',
  'A spokesman for the C\u03BFuncil declined to comment.',
].join('\n\n');

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

const openBrowser = browserPerTest();

/** Record dialogs and console output of the page; the page's own flag is read with `pwned`. */
function watch(session: BrowserSession): { dialogs: string[]; logs: string[] } {
  const seen = { dialogs: [] as string[], logs: [] as string[] };
  session.page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  session.page.on('console', (m) => seen.logs.push(m.text()));
  return seen;
}

/**
 * Page errors other than the Content Security Policy's reports of inline event handlers it blocked.
 * Chrome checks the policy when it parses an event-handler attribute, even into an inert document, so
 * each handler of a hostile page is reported once, as blocked; nothing else may appear.
 */
const unexpected = (session: BrowserSession): string[] =>
  session.pageErrors.filter((e) => !/Executing inline event handler violates the following Content Security Policy directive.*The action has been blocked/.test(e));

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __mgPwned?: string[] }).__mgPwned ?? null);

async function chooseFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  await (await chooser).setFiles(files);
}

describe('importing web pages and Word documents', () => {
  it('imports a hostile web page without running any of it, with the page metadata', async () => {
    const session = await openBrowser();
    const { page } = session;
    const seen = watch(session);
    await openLibrary(page);
    await chooseFiles(page, [{ name: 'lisno.html', mimeType: 'text/html', buffer: Buffer.from(PAGE, 'utf8') }]);
    // One file: it opens at once.
    const region = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => region.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => region.textContent()).toContain('Paragraph 5: inspectors');
    const text = (await region.textContent()) ?? '';
    expect(text).toContain('Residents were told to stay calm.');
    expect(text).not.toContain('ADVERTISEMENT');
    expect(text).not.toContain('Sport');
    expect(await region.locator('strong').textContent()).toBe('stay calm');
    expect(await region.locator('h1, h2, h3').first().textContent()).toBe('Lisno dam cracks widen');
    // Nothing imported is live markup: no images, frames, svg or links in the text.
    expect(await region.locator('img, iframe, svg, script, a').count()).toBe(0);
    // Link targets are kept as metadata (shown as a title); the javascript: one is dropped.
    expect(await region.locator('.mg-link').evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(['https://authority.example/notice']);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/^Lisno dam cracks widen/);
    expect(await page.locator('.mg-byline').textContent()).toBe('Mira Tashkent · Valley Courier · 2026-03-14');
    await page.getByText('Document details').click();
    expect(await page.getByLabel('Source URL').inputValue()).toBe('https://courier.example/lisno-dam');

    await page.waitForTimeout(300);
    expect(await pwned(page)).toBeNull();
    expect(seen.dialogs).toEqual([]);
    expect(seen.logs.filter((l) => l.includes('PWNED'))).toEqual([]);
    expect(unexpected(session)).toEqual([]);
  });

  it('imports a .docx with its heading, paragraphs and formatting', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    await chooseFiles(page, [{ name: 'kelmar.docx', mimeType: DOCX_TYPE, buffer: Buffer.from(sampleDocx()) }]);
    const region = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => region.locator('h1').textContent(), { timeout: 15_000 }).toBe('Crane collapse at Kelmar harbour');
    expect(await region.locator('p').count()).toBe(2);
    expect(await region.locator('strong').textContent()).toBe('Monday');
    expect(await region.locator('em').textContent()).toBe('Two workers');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Crane collapse at Kelmar harbour');
    expect(session.pageErrors).toEqual([]);
  });

  it('imports several files at once with a progress bar and a result for each, a bad one included', async () => {
    const session = await openBrowser();
    const { page } = session;
    const rows = await openLibrary(page);
    const before = await rows.count();
    // Remember the progress bar if it shows, however briefly.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __progressSeen: number[] }).__progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) seen.push(bar.max);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await chooseFiles(page, [
      { name: 'lisno.html', mimeType: 'text/html', buffer: Buffer.from(PAGE, 'utf8') },
      { name: 'kelmar.docx', mimeType: DOCX_TYPE, buffer: Buffer.from(sampleDocx()) },
      { name: 'empty-page.htm', mimeType: 'text/html', buffer: Buffer.from('<html><body><script>1</script></body></html>') },
      { name: 'mixed.txt', mimeType: 'text/plain', buffer: Buffer.from(MIXED, 'utf8') },
      { name: 'old.docx', mimeType: DOCX_TYPE, buffer: Buffer.from('\u00d0\u00cf\u0011\u00e0 not a zip', 'latin1') },
    ]);
    const results = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.getByRole('listitem').count(), { timeout: 30_000 }).toBe(5);
    expect(await page.evaluate(() => (window as unknown as { __progressSeen: number[] }).__progressSeen)).toContain(5);
    const items = await results.getByRole('listitem').allTextContents();
    expect(items[0]).toMatch(/^Imported: Imported “Lisno dam cracks widen/);
    expect(items[1]).toBe('Imported: Imported “Crane collapse at Kelmar harbour”.');
    expect(items[2]).toMatch(/^Not imported: empty-page\.htm has no text to annotate/);
    expect(items[3]).toBe(
      'Imported: Imported “Report on \u041Ahojaly”. 4 words mix Latin with Cyrillic or Greek letters (\u041Ahojaly, \u0410ghdam, C\u03BFuncil); the text is stored exactly as imported.',
    );
    expect(items[4]).toMatch(/^Not imported: old\.docx is not a Word document \(\.docx\)/);
    expect(await page.getByRole('status').textContent()).toBe('3 of 5 files imported.');
    await expect.poll(() => rows.count()).toBe(before + 3);
    expect(unexpected(session)).toEqual([]);
  });

  it('imports pasted HTML, markup from the clipboard included, without running it', async () => {
    const session = await openBrowser();
    const { page } = session;
    const seen = watch(session);
    await page.goto(appUrl());
    await page.getByRole('button', { name: 'Paste text' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByLabel('HTML').check();
    // A paste from a web page carries text/html besides the plain words: with HTML chosen, the markup is taken.
    await dialog.getByRole('textbox', { name: 'Text' }).focus();
    await page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'plain words only');
      dt.setData('text/html', html);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, `<h2>Pasted statement</h2><p>The ministry said <em>47</em> people were evacuated.<img src=x onerror="${pwn('pasted img')}"></p><ul><li>Kersova</li><li>Lisno</li></ul><script>${pwn('pasted script')}</script>`);
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Text' }).inputValue()).toContain('<h2>Pasted statement</h2>');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Pasted statement' }).count()).toBeGreaterThan(0);
    const region = page.getByRole('region', { name: 'Document text' });
    expect(await region.locator('em').textContent()).toBe('47');
    expect(await region.locator('li').count()).toBe(2);
    expect(await region.locator('img, script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await pwned(page)).toBeNull();
    expect(seen.dialogs).toEqual([]);
    expect(unexpected(session)).toEqual([]);
  });

  it('shows and marks mixed-script words on request, the stored text exactly as imported', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);
    await chooseFiles(page, [{ name: 'mixed.txt', mimeType: 'text/plain', buffer: Buffer.from(MIXED, 'utf8') }]);
    const region = page.getByRole('region', { name: 'Document text' });
    await expect.poll(() => region.textContent(), { timeout: 15_000 }).toContain('declined to comment');
    expect(await region.locator('.mg-mixed-script').count()).toBe(0);

    const toggle = page.getByRole('checkbox', { name: 'Show mixed-script words' });
    await toggle.check();
    await expect.poll(() => region.locator('.mg-mixed-script').count()).toBe(4);
    expect(await region.locator('.mg-mixed-script').allTextContents()).toEqual(['\u041Ahojaly', '\u041Ahojaly', '\u0410ghdam', 'C\u03BFuncil']);
    const list = page.getByRole('list', { name: 'Mixed-script words' });
    expect(await list.getByRole('listitem').count()).toBe(4);
    expect(await list.getByRole('listitem').nth(2).textContent()).toContain('U+0410 CYRILLIC CAPITAL LETTER A');
    expect(await list.getByRole('listitem').nth(3).textContent()).toContain('U+03BF GREEK SMALL LETTER OMICRON');
    // A word in the list selects it in the text.
    await list.getByRole('button', { name: '\u0410ghdam' }).click();
    await expect.poll(() => selectedText(page)).toBe('\u0410ghdam');

    // The text and its hash are those of the file, look-alikes and all.
    await page.getByText('Document details').click();
    expect(await page.getByText(/^Text SHA-256:/).textContent()).toContain(sha256(MIXED));
    expect(await region.textContent()).toBe(MIXED.replace(/\n\n/g, ''));

    await toggle.uncheck();
    await expect.poll(() => region.locator('.mg-mixed-script').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});

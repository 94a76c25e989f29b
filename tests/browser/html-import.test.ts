/**
 * HTML import in a real browser: hostile markup never runs, the article is found among navigation and
 * advertising, and the blocks keep headings, paragraphs, lists, quotes, inline formatting and links.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { htmlToBlocks, htmlMetadataOf, safeHref } from '../../src/io/html-to-blocks';
import { importBytes, importDocument } from '../../src/io/import-document';
import { plainTextOf, type Block } from '../../src/model/document';
import { MARKUP_READERS, readHtml } from '../../src/ui/read-html';

declare global {
  interface Window {
    __mgPwned?: string[];
  }
}

const NOW = '2026-04-02T10:00:00.000Z';

/** Every way the hostile page below tries to run code sets this flag (or calls alert). */
const HOSTILE = `<!doctype html>
<html><head>
  <title>Dam report | Valley Courier</title>
  <script>(window.__mgPwned ??= []).push('head script')</script>
  <style>body { display: none }</style>
</head>
<body onload="(window.__mgPwned ??= []).push('body onload')">
  <h1>Dam inspection delayed</h1>
  <p>Engineers <em>postponed</em> the <strong>inspection</strong> of the <code>Lisno</code> dam.<script>(window.__mgPwned ??= []).push('inline script')</script></p>
  <p><img src="x" onerror="(window.__mgPwned ??= []).push('img onerror')">A photo was here.</p>
  <p>Read <a href="javascript:(window.__mgPwned ??= []).push('js link')">this</a> and <a href="https://example.org/report" onclick="alert(1)">the report</a>.</p>
  <iframe src="javascript:parent.__mgPwned=['iframe']"></iframe>
  <svg onload="(window.__mgPwned ??= []).push('svg onload')"><text>SVG TEXT</text></svg>
  <form action="/steal"><input name="q" value="FORM VALUE"><button>Send</button></form>
  <ul>
    <li>First level
      <ul><li>Second <b>level</b></li><li>Another</li></ul>
    </li>
    <li>Back to first</li>
  </ul>
  <ol><li><p>Numbered</p></li></ol>
  <blockquote><p>“It will hold,” the engineer said.</p></blockquote>
  <h3>Timeline</h3>
  <details open ontoggle="(window.__mgPwned ??= []).push('details ontoggle')"><summary>More</summary></details>
</body></html>`;

/** Parse into an inert document, as read-html.ts does; the test then converts what it likes. */
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** Let anything that would run asynchronously (image errors, frame loads) have its chance. */
const settle = () => new Promise((r) => setTimeout(r, 200));

afterEach(() => {
  delete window.__mgPwned;
  vi.restoreAllMocks();
});

describe('htmlToBlocks', () => {
  it('maps headings, paragraphs, marks, links, nested lists and quotes', () => {
    const doc = parse(`<h2>Title  of
      the <i>day</i></h2>
      <p>One <strong>bold <em>and</em></strong> <a href="https://a.example/x">link</a>.<br>Second line.</p>
      <ul><li>a<ul><li>b</li></ul></li><li><p>c</p></li></ul>
      <blockquote>Quoted <b>text</b><p>and a paragraph</p></blockquote>
      <pre>  code
    kept</pre>
      <table><tr><th>Town</th><th>Dead</th></tr><tr><td>Kersova</td><td>47</td></tr></table>`);
    const blocks = htmlToBlocks(doc.body);
    expect(blocks).toEqual<Block[]>([
      { type: 'heading', level: 2, content: [{ text: 'Title of the ' }, { text: 'day', marks: ['em'] }] },
      {
        type: 'paragraph',
        content: [
          { text: 'One ' },
          { text: 'bold ', marks: ['strong'] },
          { text: 'and', marks: ['em', 'strong'] },
          { text: ' ' },
          { text: 'link', href: 'https://a.example/x' },
          { text: '.\nSecond line.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          [
            { type: 'paragraph', content: [{ text: 'a' }] },
            { type: 'list', ordered: false, items: [[{ type: 'paragraph', content: [{ text: 'b' }] }]] },
          ],
          [{ type: 'paragraph', content: [{ text: 'c' }] }],
        ],
      },
      {
        type: 'blockquote',
        content: [
          { type: 'paragraph', content: [{ text: 'Quoted ' }, { text: 'text', marks: ['strong'] }] },
          { type: 'paragraph', content: [{ text: 'and a paragraph' }] },
        ],
      },
      { type: 'paragraph', content: [{ text: '  code\n    kept', marks: ['code'] }] },
      { type: 'paragraph', content: [{ text: 'Town | Dead' }] },
      { type: 'paragraph', content: [{ text: 'Kersova | 47' }] },
    ]);
    expect(plainTextOf(blocks)).toBe('Title of the day\n\nOne bold and link.\nSecond line.\n\na\n\nb\n\nc\n\nQuoted text\n\nand a paragraph\n\n  code\n    kept\n\nTown | Dead\n\nKersova | 47');
  });

  it('drops scripts, images, forms and unsafe links even when given unsanitized markup, and never empties a block into nothing', () => {
    const doc = parse('<p><script>x()</script>Safe <a href=" JaVaScRiPt:alert(1)">text</a><img alt="ALT"></p><p>  </p><ul><li> </li></ul><style>p{}</style><form><button>Go</button></form>');
    expect(htmlToBlocks(doc.body)).toEqual([{ type: 'paragraph', content: [{ text: 'Safe text' }] }]);
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('java\tscript:alert(1)')).toBeNull();
    expect(safeHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeHref('#notes')).toBe('#notes');
  });

  it('reads blocks wrapped in an inline element (as Google Docs pastes them) as blocks', () => {
    const doc = parse('<b style="font-weight:normal"><p>One</p><p>Two</p></b>');
    expect(plainTextOf(htmlToBlocks(doc.body))).toBe('One\n\nTwo');
  });

  it('reads what a page says about itself', () => {
    const doc = parse(`<html><head><title>Fallback title</title>
      <meta property="og:title" content="Dam inspection delayed">
      <meta name="author" content="By  Mira Tashkent">
      <meta property="og:site_name" content="Valley Courier">
      <meta property="article:published_time" content="2026-03-14T08:30:00+02:00">
      <link rel="canonical" href="https://courier.example/dam">
      </head><body><p>x</p></body></html>`);
    expect(htmlMetadataOf(doc)).toEqual({
      title: 'Dam inspection delayed',
      author: 'Mira Tashkent',
      publisher: 'Valley Courier',
      publishedDate: '2026-03-14',
      sourceUrl: 'https://courier.example/dam',
    });
    const bare = parse('<title> Only  a title </title><time datetime="2025-12-01">1 Dec</time><meta property="og:url" content="javascript:alert(1)">');
    expect(htmlMetadataOf(bare)).toEqual({ title: 'Only a title', publishedDate: '2025-12-01' });
  });
});

describe('readHtml', () => {
  it('runs nothing from a hostile page and keeps its article', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    const before = document.body.innerHTML;
    const { blocks, meta } = await readHtml(HOSTILE);
    await settle();
    expect(window.__mgPwned).toBeUndefined();
    expect(alert).not.toHaveBeenCalled();
    // Nothing was added to the live page.
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector('iframe')).toBeNull();

    const text = plainTextOf(blocks);
    expect(text).toContain('Engineers postponed the inspection of the Lisno dam.');
    expect(text).toContain('“It will hold,” the engineer said.');
    for (const bad of ['__mgPwned', 'SVG TEXT', 'FORM VALUE', 'Send', 'display: none']) expect(text).not.toContain(bad);
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/javascript:|onerror|onclick|onload/i);
    expect(json).toContain('"href":"https://example.org/report"');
    // The javascript: link keeps its words, without a target.
    expect(text).toContain('Read this and the report.');
    // The nested list and the quote keep their structure.
    const list = blocks.find((b) => b.type === 'list' && !b.ordered);
    expect(list?.type === 'list' && list.items[0]?.some((b) => b.type === 'list')).toBe(true);
    expect(blocks.some((b) => b.type === 'blockquote')).toBe(true);
    expect(blocks.some((b) => b.type === 'heading' && b.level === 3)).toBe(true);
    expect(meta.title).toMatch(/^Dam (report|inspection delayed)/);
  });

  it('finds the article among navigation, advertising and comments, with its metadata', async () => {
    const para = (n: number) =>
      `<p>Paragraph ${n} of the report: the regional water authority said on Tuesday that the reservoir level had fallen by a further ${n} centimetres, and that inspectors would return to the Lisno dam before the end of the month to examine the spillway.</p>`;
    const page = `<!doctype html><html><head>
      <title>Reservoir falls again - Valley Courier</title>
      <meta property="og:site_name" content="Valley Courier">
      <meta property="og:url" content="https://courier.example/reservoir">
      <meta property="article:published_time" content="2026-02-03T07:00:00Z">
      <meta name="author" content="Anton Vey">
      </head><body>
      <header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
      <aside class="ad sidebar"><p>ADVERTISEMENT: Buy cheap boats now!</p></aside>
      <main><article>
        <h1>Reservoir falls again</h1>
        <p class="byline">By Anton Vey</p>
        ${[1, 2, 3, 4, 5, 6].map(para).join('\n')}
        <p>See <a href="/archive/dam">our archive</a>.</p>
      </article></main>
      <div class="comments"><p>COMMENT: first!</p></div>
      <footer><p>© Valley Courier. All rights reserved. Privacy policy.</p></footer>
      </body></html>`;
    const { blocks, meta } = await readHtml(page);
    const text = plainTextOf(blocks);
    expect(text).toContain('Paragraph 1 of the report');
    expect(text).toContain('Paragraph 6 of the report');
    for (const noise of ['Sport', 'Weather', 'ADVERTISEMENT', 'All rights reserved']) expect(text).not.toContain(noise);
    // A relative link is resolved against the page's own address, not the app's.
    expect(JSON.stringify(blocks)).toContain('"href":"https://courier.example/archive/dam"');
    expect(meta).toMatchObject({ author: 'Anton Vey', publisher: 'Valley Courier', publishedDate: '2026-02-03', sourceUrl: 'https://courier.example/reservoir' });
    expect(meta.title).toMatch(/^Reservoir falls again/);
    // The headline stays in the text (Readability drops it as a repeat of the title).
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, content: [{ text: 'Reservoir falls again' }] });
  });

  it('keeps a pasted fragment whole, with relative links left relative', async () => {
    const { blocks } = await readHtml('<p>Short note with <a href="/notes/1">a link</a>.</p><ul><li>one</li></ul>');
    expect(blocks).toEqual<Block[]>([
      { type: 'paragraph', content: [{ text: 'Short note with ' }, { text: 'a link', href: '/notes/1' }, { text: '.' }] },
      { type: 'list', ordered: false, items: [[{ type: 'paragraph', content: [{ text: 'one' }] }]] },
    ]);
  });
});

describe('importing HTML', () => {
  it('imports an .html file with the page metadata; the given title wins; text and hash follow the blocks', async () => {
    const bytes = new TextEncoder().encode(HOSTILE);
    const result = await importBytes(bytes, 'dam.html', NOW, 'doc-1', {}, MARKUP_READERS);
    await settle();
    expect(window.__mgPwned).toBeUndefined();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('html');
    expect(result.value.text).toBe(plainTextOf(result.value.content));
    expect(result.value.textHash).toMatch(/^[0-9a-f]{64}$/);

    const pasted = await importDocument({ fileName: '', text: '<p>Pasted <em>words</em></p>', format: 'html' }, NOW, 'doc-2', { title: 'Mine' }, MARKUP_READERS);
    expect(pasted.ok && pasted.value.title).toBe('Mine');
    expect(pasted.ok && pasted.value.content).toEqual([{ type: 'paragraph', content: [{ text: 'Pasted ' }, { text: 'words', marks: ['em'] }] }]);
  });

  it('refuses a page with no article text, and bad bytes as for text files', async () => {
    const empty = await importBytes(new TextEncoder().encode('<html><body><script>x()</script><img src=x></body></html>'), 'blank.html', NOW, 'd', {}, MARKUP_READERS);
    expect(empty.ok ? '' : empty.errors.join(' ')).toContain('blank.html has no text to annotate (no article text was found');
    const latin1 = await importBytes(new Uint8Array([0x3c, 0x70, 0x3e, 0x43, 0x61, 0x66, 0xe9]), 'cafe.htm', NOW, 'd', {}, MARKUP_READERS);
    expect(latin1.ok ? '' : latin1.errors.join(' ')).toContain('cafe.htm is not valid UTF-8');
  });
});

import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/io/parse-markdown';
import { plainTextOf, textBlocksOf, type Block, type InlineRun } from '../../src/model/document';
import { toDoc } from '../../src/editor/to-doc';

const blocks = (source: string): Block[] => parseMarkdown(source).blocks;
const p = (...content: InlineRun[]): Block => ({ type: 'paragraph', content });
const t = (text: string): InlineRun => ({ text });

/** No empty text blocks, no empty containers, anywhere. */
function assertNoEmpties(list: readonly Block[]): void {
  expect(list.length).toBeGreaterThan(0);
  for (const b of list) {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        expect(b.content.map((r) => r.text).join('')).not.toBe('');
        for (const r of b.content) expect(r.text).not.toBe('');
        break;
      case 'blockquote':
        assertNoEmpties(b.content);
        break;
      case 'list':
        expect(b.items.length).toBeGreaterThan(0);
        for (const item of b.items) assertNoEmpties(item);
        break;
    }
  }
}

/** The text blocks of the ProseMirror document, joined as the plain text joins them. */
function pmText(list: readonly Block[]): string {
  const parts: string[] = [];
  toDoc(list).descendants((node) => {
    if (node.isTextblock) {
      parts.push(node.textContent);
      return false;
    }
    return true;
  });
  return parts.join('\n\n');
}

describe('parseMarkdown: blocks', () => {
  it('maps ATX and setext headings to headings of their level', () => {
    expect(blocks('# One\n\n### Three\n\n###### Six\n\nTwo\n---\n\nAlso one\n===')).toEqual([
      { type: 'heading', level: 1, content: [t('One')] },
      { type: 'heading', level: 3, content: [t('Three')] },
      { type: 'heading', level: 6, content: [t('Six')] },
      { type: 'heading', level: 2, content: [t('Two')] },
      { type: 'heading', level: 1, content: [t('Also one')] },
    ]);
  });

  it('maps paragraphs, keeping soft and hard line breaks as "\\n"', () => {
    expect(blocks('First line\nsoft break\n\nHard  \nbreak and\\\nbackslash break')).toEqual([
      p(t('First line\nsoft break')),
      p(t('Hard\nbreak and\nbackslash break')),
    ]);
  });

  it('maps block quotes, including nested quotes and quotes holding lists', () => {
    expect(blocks('> Quoted\n>\n> > Inner\n>\n> - item')).toEqual([
      {
        type: 'blockquote',
        content: [p(t('Quoted')), { type: 'blockquote', content: [p(t('Inner'))] }, { type: 'list', ordered: false, items: [[p(t('item'))]] }],
      },
    ]);
  });

  it('maps bullet and ordered lists, nested, with one Block[] per item', () => {
    const source = ['- one', '- two', '  1. two.a', '  2. two.b', '     - deep', '- three', '', '3. x', '4. y'].join('\n');
    expect(blocks(source)).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [
          [p(t('one'))],
          [p(t('two')), { type: 'list', ordered: true, items: [[p(t('two.a'))], [p(t('two.b')), { type: 'list', ordered: false, items: [[p(t('deep'))]] }]] }],
          [p(t('three'))],
        ],
      },
      { type: 'list', ordered: true, items: [[p(t('x'))], [p(t('y'))]] },
    ]);
  });

  it('keeps loose list items with several paragraphs', () => {
    expect(blocks('* first para\n\n  second para\n\n* next')).toEqual([
      { type: 'list', ordered: false, items: [[p(t('first para')), p(t('second para'))], [p(t('next'))]] },
    ]);
  });

  it('turns fenced and indented code into a paragraph marked code, keeping indentation and inner blank lines', () => {
    expect(blocks('```js\nconst a = 1;\n  if (a) {}\n```\n\n    indented code\n      more')).toEqual([
      p({ text: 'const a = 1;\n  if (a) {}', marks: ['code'] }),
      p({ text: 'indented code\n  more', marks: ['code'] }),
    ]);
  });

  it('skips thematic breaks', () => {
    expect(blocks('Before\n\n---\n\n***\n\nAfter')).toEqual([p(t('Before')), p(t('After'))]);
  });

  it('makes each table row a paragraph with cells joined by " | "', () => {
    expect(blocks('| Region | Deaths |\n|---|--:|\n| Kersova | **31** |\n| Lisno | 16 |')).toEqual([
      p(t('Region | Deaths')),
      p(t('Kersova | '), { text: '31', marks: ['strong'] }),
      p(t('Lisno | 16')),
    ]);
  });
});

describe('parseMarkdown: inline content', () => {
  it('turns emphasis, strong and inline code into marks, nested marks in a fixed order', () => {
    expect(blocks('a *em* __strong__ `code` ***both*** **bold _and em_**')).toEqual([
      p(
        t('a '),
        { text: 'em', marks: ['em'] },
        t(' '),
        { text: 'strong', marks: ['strong'] },
        t(' '),
        { text: 'code', marks: ['code'] },
        t(' '),
        { text: 'both', marks: ['em', 'strong'] },
        t(' '),
        { text: 'bold ', marks: ['strong'] },
        { text: 'and em', marks: ['em', 'strong'] },
      ),
    ]);
  });

  it('keeps the text of strikethrough without a mark', () => {
    expect(blocks('a ~~gone~~ b')).toEqual([p(t('a gone b'))]);
  });

  it('turns links into runs with href and lists them in order', () => {
    const result = parseMarkdown('See [the *report*](https://example.org/r?a=1&b=2 "Title") and <https://example.com/x>.\n\n[ref link][r]\n\n[r]: /relative/path');
    expect(result.blocks).toEqual([
      p(
        t('See '),
        { text: 'the ', href: 'https://example.org/r?a=1&b=2' },
        { text: 'report', marks: ['em'], href: 'https://example.org/r?a=1&b=2' },
        t(' and '),
        { text: 'https://example.com/x', href: 'https://example.com/x' },
        t('.'),
      ),
      p({ text: 'ref link', href: '/relative/path' }),
    ]);
    expect(result.links).toEqual([
      { text: 'the report', href: 'https://example.org/r?a=1&b=2' },
      { text: 'https://example.com/x', href: 'https://example.com/x' },
      { text: 'ref link', href: '/relative/path' },
    ]);
  });

  it('does not turn bare URLs into links (linkify is off) and never makes javascript: links', () => {
    const result = parseMarkdown('Visit https://example.com today. [x](javascript:alert(1))');
    expect(result.links).toEqual([]);
    expect(plainTextOf(result.blocks)).toBe('Visit https://example.com today. [x](javascript:alert(1))');
  });

  it('replaces images by their alt text, and drops images without one', () => {
    expect(blocks('Map: ![The *valley* map](map.png "t") end\n\n![](decoration.png)\n\nText')).toEqual([p(t('Map: The valley map end')), p(t('Text'))]);
  });

  it('shows raw HTML as literal text, never interpreting it', () => {
    const source = '<div class="x">\n<script>alert(1)</script>\n</div>\n\nInline <b>bold</b> &amp; <!-- comment -->';
    expect(plainTextOf(blocks(source))).toBe('<div class="x">\n<script>alert(1)</script>\n</div>\n\nInline <b>bold</b> & <!-- comment -->');
    for (const b of textBlocksOf(blocks(source))) for (const r of b.content) expect(r.marks).toBeUndefined();
  });

  it('keeps backslash escapes as the escaped character', () => {
    expect(plainTextOf(blocks('\\*not em\\* and 1\\. not a list'))).toBe('*not em* and 1. not a list');
  });
});

describe('parseMarkdown: never empty blocks or containers', () => {
  it('drops empty headings, empty quotes, empty list items and lists with nothing in them', () => {
    const source = ['#', '', '>', '', '-', '-  ', '', '1. ', '', '> ![](x.png)', '', 'Kept', '', '- ', '- item'].join('\n');
    const result = blocks(source);
    expect(result).toEqual([p(t('Kept')), { type: 'list', ordered: false, items: [[p(t('item'))]] }]);
    assertNoEmpties(result);
  });

  it('gives no blocks for empty input or input with only rules', () => {
    expect(blocks('')).toEqual([]);
    expect(blocks('---\n\n***\n')).toEqual([]);
  });

  it('agrees with the ProseMirror document: its text blocks joined by a blank line are the plain text', () => {
    const source = [
      '# Title',
      '',
      'Para with *em* and a [link](https://x.org).',
      '',
      '> quote',
      '> - in list',
      '>   1. deeper',
      '',
      '- a',
      '',
      '  b',
      '',
      '```',
      'code',
      '',
      'with blank line',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n');
    const result = blocks(source);
    assertNoEmpties(result);
    expect(pmText(result)).toBe(plainTextOf(result));
  });

  it('keeps every character of multilingual text', () => {
    const source = '## Заголовок 😀\n\nالنص العربي مع e\u0301 و 𝔘\n\n- 中文';
    expect(plainTextOf(blocks(source))).toBe('Заголовок 😀\n\nالنص العربي مع e\u0301 و 𝔘\n\n中文');
  });
});

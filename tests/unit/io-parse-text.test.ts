import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/io/parse-text';
import { plainTextOf, type Block } from '../../src/model/document';

/** The text of each paragraph, checking every block is a non-empty paragraph with one run. */
function paragraphs(blocks: Block[]): string[] {
  return blocks.map((b) => {
    if (b.type !== 'paragraph') throw new Error(`expected a paragraph, got ${b.type}`);
    expect(b.content).toHaveLength(1);
    const text = b.content[0]!.text;
    expect(text.trim()).not.toBe('');
    return text;
  });
}

describe('parseText', () => {
  it('splits paragraphs on blank lines and keeps single line breaks inside a paragraph', () => {
    const text = 'First line\nstill first paragraph\n\nSecond paragraph\n\n\n\nThird';
    expect(paragraphs(parseText(text))).toEqual(['First line\nstill first paragraph', 'Second paragraph', 'Third']);
  });

  it('counts lines holding only whitespace as blank', () => {
    expect(paragraphs(parseText('One\n   \t \nTwo\n\u00a0\nThree'))).toEqual(['One', 'Two', 'Three']);
  });

  it('trims each paragraph but keeps the indentation of its inner lines', () => {
    expect(paragraphs(parseText('   Indented start\n    poem line\t \n\n  next  '))).toEqual(['Indented start\n    poem line', 'next']);
  });

  it('makes every line a paragraph when there is no blank line at all', () => {
    const scraped = 'Headline of the story\nFirst paragraph of the story.\n  Second paragraph.  \nThird paragraph.';
    expect(paragraphs(parseText(scraped))).toEqual(['Headline of the story', 'First paragraph of the story.', 'Second paragraph.', 'Third paragraph.']);
  });

  it('ignores blank lines at the start and end when deciding which rule applies', () => {
    expect(paragraphs(parseText('\n\n  \nline one\nline two\n\n\n'))).toEqual(['line one', 'line two']);
    expect(paragraphs(parseText('Just one line\n'))).toEqual(['Just one line']);
  });

  it('gives no blocks for empty or whitespace-only text', () => {
    expect(parseText('')).toEqual([]);
    expect(parseText(' \n\t\n  ')).toEqual([]);
  });

  it('treats CRLF and CR like LF', () => {
    expect(paragraphs(parseText('a\r\nb\r\n\r\nc\r\rd'))).toEqual(['a\nb', 'c', 'd']);
  });

  it('changes nothing else: no Unicode normalization, inner spaces and punctuation kept', () => {
    const text = 'Cafe\u0301  "quoted"  -- dash\n\nМосква 😀 \u0627\u0644\u0633\u062f';
    expect(plainTextOf(parseText(text))).toBe(text);
  });
});

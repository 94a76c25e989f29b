import { describe, expect, it } from 'vitest';
import { codePointLength, plainTextOf, type Block } from '../../src/model/document';
import { toDoc } from '../../src/editor/to-doc';
import { createTextIndex } from '../../src/anchoring/text-index';

const p = (text: string): Block => ({ type: 'paragraph', content: text ? [{ text }] : [] });

describe('plain text of a document', () => {
  it('joins text blocks with a blank line, through quotes and nested lists', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, content: [{ text: 'Title' }] },
      p('One'),
      { type: 'blockquote', content: [p('Quoted'), p('Twice')] },
      { type: 'list', ordered: false, items: [[p('a')], [p('b'), { type: 'list', ordered: true, items: [[p('c')]] }]] },
    ];
    expect(plainTextOf(blocks)).toBe('Title\n\nOne\n\nQuoted\n\nTwice\n\na\n\nb\n\nc');
  });

  it('ignores formatting: marks and links do not change the text', () => {
    const blocks: Block[] = [{ type: 'paragraph', content: [{ text: 'a ' }, { text: 'bold', marks: ['strong'] }, { text: ' link', href: 'https://example.com' }] }];
    expect(plainTextOf(blocks)).toBe('a bold link');
  });

  it('agrees with the ProseMirror document even for empty containers', () => {
    const blocks: Block[] = [p('a'), { type: 'blockquote', content: [] }, { type: 'list', ordered: false, items: [[]] }, { type: 'list', ordered: true, items: [] }, p('b')];
    expect(createTextIndex(toDoc(blocks)).text).toBe(plainTextOf(blocks));
    expect(createTextIndex(toDoc([])).text).toBe(plainTextOf([]));
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('中文')).toBe(2);
  });
});

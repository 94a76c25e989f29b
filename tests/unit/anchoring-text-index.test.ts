import { describe, it, expect } from 'vitest';
import type { Node as PmNode } from 'prosemirror-model';
import { createTextIndex, type TextIndex } from '../../src/anchoring/text-index';
import { describeSpan } from '../../src/anchoring/describe';
import { SECTION_BLOCKS, toDoc } from '../../src/editor/to-doc';
import { BLOCK_SEPARATOR, plainTextOf, textBlocksOf, textOfBlock, type Block } from '../../src/model/document';
import { asCodePoint as cp, asPmPos as pm } from '../../src/model/units';
import { seededRandom as prng } from '../../scripts/seeded-random.mjs';

const p = (text: string): Block => ({ type: 'paragraph', content: text === '' ? [] : [{ text }] });
const h = (text: string, level: 1 | 2 = 1): Block => ({ type: 'heading', level, content: [{ text }] });
const quote = (...content: Block[]): Block => ({ type: 'blockquote', content });
const list = (ordered: boolean, ...items: Block[][]): Block => ({ type: 'list', ordered, items });

/** Headings, marks, a link, a blockquote with an empty paragraph, a nested list, astral characters. */
const RICH: Block[] = [
  { type: 'heading', level: 1, content: [{ text: 'Title ' }, { text: 'bold', marks: ['strong'] }] },
  { type: 'paragraph', content: [{ text: 'First 😀 with ' }, { text: 'a link', href: 'https://example.org' }, { text: '.' }] },
  quote(p('Quoted 𠀋 one.'), p('')),
  list(false, [p('Item one')], [p('Item two'), list(true, [p('Nested 👩‍👩‍👧'), quote(p('Deep 🇦🇿'))])]),
  h('End 𝔘', 2),
];

/** Code-point length, counted the obvious way. */
const cps = (s: string): number => Array.from(s).length;

/** Content ranges [start, end] of every textblock, found by resolving every position (not by the index's walk). */
function textblockRanges(doc: PmNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let pos = 0; pos <= doc.content.size; pos++) {
    const $pos = doc.resolve(pos);
    if (!$pos.parent.isTextblock) continue;
    const start = $pos.start();
    if (ranges.at(-1)?.[0] !== start) ranges.push([start, $pos.end()]);
  }
  return ranges;
}

/** Code-point offsets of each block's start and end in the plain text, from the model alone. */
function blockBounds(content: readonly Block[]): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let at = 0;
  for (const block of textBlocksOf(content)) {
    const n = cps(textOfBlock(block));
    bounds.push([at, at + n]);
    at += n + BLOCK_SEPARATOR.length;
  }
  return bounds;
}

/** PM range of the only occurrence of `sub`, found through the textblock that contains it. */
function pmRangeOf(doc: PmNode, sub: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const i = node.textContent.indexOf(sub);
    if (i >= 0) {
      expect(found).toBeNull();
      found = { from: pos + 1 + i, to: pos + 1 + i + sub.length };
    }
    return false;
  });
  if (!found) throw new Error(`"${sub}" not in document`);
  return found;
}

/** Check every position and every offset of `doc` against independently computed expectations. */
function checkRoundTrips(content: readonly Block[], doc: PmNode, index: TextIndex): void {
  const ranges = textblockRanges(doc);
  const bounds = blockBounds(content);
  expect(ranges.length).toBe(bounds.length);
  // Every position inside a textblock's content maps back to itself (a position inside a pair to the pair's start).
  ranges.forEach(([start, end], b) => {
    const blockText = doc.resolve(start).parent.textContent;
    for (let pos = start; pos <= end; pos++) {
      const k = pos - start;
      const splitsPair = /[\ud800-\udbff]/.test(blockText[k - 1] ?? '') && /[\udc00-\udfff]/.test(blockText[k] ?? '');
      const offset = index.toOffset(pm(pos));
      expect(offset).toBe(bounds[b]![0] + cps(blockText.slice(0, splitsPair ? k - 1 : k)));
      expect(index.toPos(offset)).toBe(splitsPair ? pos - 1 : pos);
    }
  });
  // Every offset: block boundaries and inner offsets map back to themselves; offsets inside a separator
  // go to the end of the previous block ('end') or the start of the next one ('start').
  for (let o = 0; o <= index.length; o++) {
    const b = bounds.findIndex(([s, e]) => s <= o && o <= e);
    if (b >= 0) {
      expect(index.toOffset(index.toPos(cp(o), 'start'))).toBe(o);
      expect(index.toOffset(index.toPos(cp(o), 'end'))).toBe(o);
    } else {
      const next = bounds.findIndex(([s]) => s > o);
      expect(index.toPos(cp(o), 'start')).toBe(ranges[next]![0]);
      expect(index.toPos(cp(o), 'end')).toBe(ranges[next - 1]![1]);
    }
  }
}

describe('createTextIndex: the plain text', () => {
  it('equals plainTextOf(content) and doc.textBetween with the block separator', () => {
    const doc = toDoc(RICH);
    const index = createTextIndex(doc);
    expect(index.text).toBe(plainTextOf(RICH));
    expect(index.text).toBe(doc.textBetween(0, doc.content.size, BLOCK_SEPARATOR));
    expect(index.text).toBe(
      'Title bold\n\nFirst 😀 with a link.\n\nQuoted 𠀋 one.\n\n\n\nItem one\n\nItem two\n\nNested 👩‍👩‍👧\n\nDeep 🇦🇿\n\nEnd 𝔘',
    );
    expect(index.length).toBe(cps(index.text));
  });

  it('keeps empty blocks at the edges as empty strings between separators', () => {
    const content = [p(''), p('x'), p('')];
    const index = createTextIndex(toDoc(content));
    expect(index.text).toBe('\n\nx\n\n');
    expect(index.text).toBe(plainTextOf(content));
  });

  it('is the same for a long document, whose blocks are grouped in sections', () => {
    const content = Array.from({ length: SECTION_BLOCKS * 2 + 7 }, (_, i) => (i % 9 === 4 ? quote(p(`quoted ${i} 😀`)) : p(`block ${i}`)));
    const doc = toDoc(content);
    expect(doc.childCount).toBe(3);
    expect(doc.firstChild!.type.name).toBe('section');
    const index = createTextIndex(doc);
    expect(index.text).toBe(plainTextOf(content));
    // Every block's first character maps to a position inside that block and back.
    let at = 0;
    for (const block of textBlocksOf(content)) {
      const pos = index.toPos(cp(at));
      expect(doc.resolve(pos).parent.textContent).toBe(textOfBlock(block));
      expect(index.toOffset(pos)).toBe(at);
      at += cps(textOfBlock(block)) + cps(BLOCK_SEPARATOR);
    }
    // A short one is not grouped.
    expect(toDoc(content.slice(0, SECTION_BLOCKS)).firstChild!.type.name).toBe('paragraph');
  });

  it('maps everything to 0 in an empty document', () => {
    const doc = toDoc([]); // one empty paragraph
    const index = createTextIndex(doc);
    expect(index.text).toBe('');
    expect([0, 1, 2].map((pos) => index.toOffset(pm(pos)))).toEqual([0, 0, 0]);
    expect(index.toPos(cp(0))).toBe(1);
  });
});

describe('createTextIndex: positions and offsets', () => {
  // <p>ab</p><p>cd</p>: positions 1..3 are "ab", 5..7 are "cd"; text "ab\n\ncd".
  const doc = toDoc([p('ab'), p('cd')]);
  const index = createTextIndex(doc);

  it('converts positions inside blocks to offsets', () => {
    expect([1, 2, 3, 5, 6, 7].map((pos) => index.toOffset(pm(pos)))).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('maps a position between blocks to the nearest boundary, a tie going forward, or to the side asked', () => {
    expect(index.toOffset(pm(0))).toBe(0); // before the first block
    expect(index.toOffset(pm(8))).toBe(6); // after the last block
    expect(index.toOffset(pm(4))).toBe(4); // equidistant from 3 and 5: start of "cd"
    expect(index.toOffset(pm(4), 'end')).toBe(2);
    expect(index.toOffset(pm(4), 'start')).toBe(4);
  });

  it('maps an offset inside a separator by bias: end of the previous block or start of the next', () => {
    expect(index.toPos(cp(2))).toBe(3); // end of "ab": a block boundary, no bias needed
    expect(index.toPos(cp(2), 'start')).toBe(3);
    expect(index.toPos(cp(3))).toBe(5); // between the two "\n": default bias 'start'
    expect(index.toPos(cp(3), 'start')).toBe(5);
    expect(index.toPos(cp(3), 'end')).toBe(3);
    expect(index.toPos(cp(4), 'end')).toBe(5); // start of "cd": a block boundary
  });

  it('uses distances in positions when blocks are nested', () => {
    // <p>ab</p><blockquote><p>cd</p></blockquote>: "ab" is 1..3, "cd" is 6..8.
    const nested = createTextIndex(toDoc([p('ab'), quote(p('cd'))]));
    expect(nested.toOffset(pm(4))).toBe(2); // 1 from the end of "ab", 2 from the start of "cd"
    expect(nested.toOffset(pm(5))).toBe(4); // 2 from the end of "ab", 1 from the start of "cd"
    expect(nested.toOffset(pm(4), 'start')).toBe(4);
    expect(nested.toOffset(pm(5), 'end')).toBe(2);
    expect(nested.toOffset(pm(10))).toBe(6);
  });

  it('keeps a range inside the blocks it covers', () => {
    // The range of a whole blockquote (from before it to after it) is exactly its text.
    const content = [p('ab'), quote(p('cd'), p('ef')), p('gh')];
    const d = toDoc(content);
    const idx = createTextIndex(d);
    const bq = d.child(1);
    const before = d.child(0).nodeSize;
    expect(idx.rangeToOffsets(pm(before), pm(before + bq.nodeSize))).toEqual({ start: 4, end: 10 });
    expect(idx.text.slice(4, 10)).toBe('cd\n\nef');
    // Both ends in the same gap: an empty range.
    expect(idx.rangeToOffsets(pm(before), pm(before))).toEqual({ start: 2, end: 2 });
    // A span ending at a separator does not spill into the next block, nor one starting in it into the previous.
    expect(idx.offsetsToRange(cp(0), cp(3))).toEqual({ from: 1, to: 3 });
    expect(idx.offsetsToRange(cp(3), cp(6))).toEqual({ from: 6, to: 8 });
    expect(idx.offsetsToRange(cp(3), cp(3))).toEqual({ from: 6, to: 6 });
  });

  it('rounds a position inside a surrogate pair down to the pair', () => {
    const idx = createTextIndex(toDoc([p('😀x')]));
    expect([1, 2, 3, 4].map((pos) => idx.toOffset(pm(pos)))).toEqual([0, 0, 1, 2]);
    expect([0, 1, 2].map((o) => idx.toPos(cp(o)))).toEqual([1, 3, 4]);
  });

  it('throws RangeError for positions and offsets outside the document', () => {
    expect(() => index.toOffset(pm(9))).toThrow(new RangeError('Position 9 outside document of size 8'));
    expect(() => index.toOffset(pm(-1))).toThrow(RangeError);
    expect(() => index.toPos(cp(7))).toThrow(new RangeError('Offset 7 outside text of 6 code points'));
    expect(() => index.rangeToOffsets(pm(5), pm(3))).toThrow(RangeError);
    expect(() => index.offsetsToRange(cp(3), cp(2))).toThrow(RangeError);
  });

  it('round-trips every position and every offset of a document with headings, quotes and nested lists', () => {
    const d = toDoc(RICH);
    checkRoundTrips(RICH, d, createTextIndex(d));
  });

  it('round-trips with empty blocks at the edges', () => {
    const content = [p(''), h('😀'), quote(p(''), p('a')), list(false, [p('')]), p('')];
    const d = toDoc(content);
    checkRoundTrips(content, d, createTextIndex(d));
  });
});

describe('createTextIndex: scripts', () => {
  const SAMPLES: Array<[string, string]> = [
    ['family emoji (ZWJ)', '👩‍👩‍👧'],
    ['flag', '🇦🇿'],
    ['emoji', '😀'],
    ['mathematical letter', '𝔘'],
    ['CJK extension B', '𠀋'],
    ['CJK', '中文新闻'],
    ['Arabic', 'قال المتحدث'],
    ['combining acute', 'caf' + 'e\u0301'],
    ['Zalgo', 'Z\u0351\u0334\u0321a\u0352\u0336l\u0353\u0337g\u0354o\u0355\u0338'],
    ['Cyrillic look-alikes', 'Сlаim Кyiv'], // С and а are Cyrillic
    ['mixed', 'a😀中e\u0301𝔘 🇦🇿'],
  ];

  for (const [name, sample] of SAMPLES) {
    it(`maps a span of ${name} both ways`, () => {
      const content: Block[] = [
        h('Heading 🎉 x'),
        p('Lead 𝒜 text.'),
        quote(p(`Before ${sample} after.`)),
        list(false, [p('Item 🐈')]),
      ];
      const doc = toDoc(content);
      const index = createTextIndex(doc);
      const text = plainTextOf(content);
      expect(index.text).toBe(text);
      const at = text.indexOf(sample);
      expect(text.lastIndexOf(sample)).toBe(at);
      const start = cps(text.slice(0, at));
      const end = start + cps(sample);
      const { from, to } = pmRangeOf(doc, sample);

      expect(index.toOffset(pm(from))).toBe(start);
      expect(index.toOffset(pm(to))).toBe(end);
      expect(index.toPos(cp(start))).toBe(from);
      expect(index.toPos(cp(end))).toBe(to);
      expect(index.rangeToOffsets(pm(from), pm(to))).toEqual({ start, end });
      expect(index.offsetsToRange(cp(start), cp(end))).toEqual({ from, to });
      expect(doc.textBetween(from, to)).toBe(sample);
      expect(describeSpan(index.text, index.codePoints, cp(start), cp(end)).quote).toBe(doc.textBetween(from, to));
      expect(index.codePointsOf(cp(start), cp(end))).toEqual(Array.from(sample));
    });
  }

  it('describes a span across blocks as textBetween with the separator does', () => {
    const content = [p('Lead 😀 text.'), quote(p('中文 𝔘 done'))];
    const doc = toDoc(content);
    const index = createTextIndex(doc);
    const from = pmRangeOf(doc, '😀').from;
    const to = pmRangeOf(doc, '𝔘').to;
    const { start, end } = index.rangeToOffsets(pm(from), pm(to));
    expect([start, end]).toEqual([5, 18]); // "Lead " is 5; 12 + 2 + "中文 " is 17; 𝔘 is one code point
    expect(describeSpan(index.text, index.codePoints, start, end).quote).toBe(doc.textBetween(from, to, BLOCK_SEPARATOR));
    expect(describeSpan(index.text, index.codePoints, start, end).quote).toBe('😀 text.\n\n中文 𝔘');
  });
});


const PIECES = ['a', 'b', ' ', '.', '😀', '👩‍👩‍👧', '🇦🇿', '𝔘', '𠀋', '中', '文', 'ق', 'e\u0301', '\u0301', 'К'];

function randomBlocks(next: () => number, depth: number): Block[] {
  const n = 1 + Math.floor(next() * 4);
  const out: Block[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    let text = '';
    const len = Math.floor(next() * 8);
    for (let k = 0; k < len; k++) text += PIECES[Math.floor(next() * PIECES.length)]!;
    if (depth < 3 && r < 0.15) out.push(quote(...randomBlocks(next, depth + 1)));
    else if (depth < 3 && r < 0.3) out.push(list(next() < 0.5, randomBlocks(next, depth + 1), randomBlocks(next, depth + 1)));
    else if (r < 0.4) out.push(h(text === '' ? 'x' : text));
    else out.push(p(text));
  }
  return out;
}

describe('createTextIndex: generated documents (seeded)', () => {
  it('round-trips every position and offset of 150 random documents', () => {
    const next = prng(42);
    for (let round = 0; round < 150; round++) {
      const content = randomBlocks(next, 0);
      const doc = toDoc(content);
      const index = createTextIndex(doc);
      expect(index.text).toBe(plainTextOf(content));
      checkRoundTrips(content, doc, index);
    }
  });
});

describe('createTextIndex: size', () => {
  it('builds the index of a 1 MB document of 3,000 paragraphs (its speed is measured by npm run bench, opening the 1 MB text)', () => {
    const sentence = 'Officials said 83 😀 children (中文) were 𝔘 hurt; e\u0301 ';
    const para = sentence.repeat(Math.ceil(340 / sentence.length));
    const content: Block[] = [];
    for (let i = 0; i < 3000; i++) content.push(i % 50 === 0 ? h(`Section ${i}`) : p(para));
    const doc = toDoc(content);
    const index = createTextIndex(doc);
    expect(index.text.length).toBeGreaterThan(1_000_000);
    expect(index.text).toBe(plainTextOf(content));
    // Spot checks at the far end: the last block's first position and the end of the text (the blocks
    // are in sections, the last one closing one position before the end of the document).
    const lastBlock = doc.lastChild!.lastChild!;
    const lastStart = doc.content.size - 1 - lastBlock.nodeSize + 1;
    const lastOffset = index.length - cps(para);
    expect(index.toOffset(pm(lastStart))).toBe(lastOffset);
    expect(index.toPos(cp(lastOffset))).toBe(lastStart);
    expect(index.toPos(index.length)).toBe(doc.content.size - 2);
  });
});

import { describe, it, expect } from 'vitest';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { DEFAULT_CONTEXT_LENGTH, describeSpan, quoteAt, verifyAnchor } from '../../src/anchoring/describe';
import type { Anchor } from '../../src/model/annotation';
import { asCodePoint as cp } from '../../src/model/units';

/** Describe `start..end` of `text` with a fresh index. */
const describeIn = (text: string, start: number, end: number, contextLength?: number): Anchor =>
  describeSpan(text, new CodePointIndex(text), cp(start), cp(end), contextLength);

/** True when `s` holds half a surrogate pair. */
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('describeSpan', () => {
  it('gives the quote, up to 32 code points either side, and the offsets', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(DEFAULT_CONTEXT_LENGTH).toBe(32);
    expect(describeIn(text, 4, 9)).toEqual({
      quote: 'quick',
      prefix: 'The ',
      suffix: ' brown fox jumps over the lazy d',
      start: 4,
      end: 9,
    });
  });

  it('has an empty prefix at the start of the text and an empty suffix at its end', () => {
    const text = 'Start 😀 end';
    expect(describeIn(text, 0, 5)).toMatchObject({ quote: 'Start', prefix: '', suffix: ' 😀 end' });
    expect(describeIn(text, 8, 11)).toMatchObject({ quote: 'end', prefix: 'Start 😀 ', suffix: '' });
    expect(describeIn(text, 0, 11)).toMatchObject({ quote: text, prefix: '', suffix: '' });
  });

  it('counts the context in code points, so an astral character at the 32nd place is kept whole', () => {
    // 😀 is the 32nd code point before the quote: it is in the prefix, both halves.
    const a = describeIn('😀' + 'a'.repeat(31) + 'QUOTE', 32, 37);
    expect(a.prefix).toBe('😀' + 'a'.repeat(31));
    expect(a.prefix.length).toBe(33);
    // 😀 is the 33rd: it is left out, both halves.
    expect(describeIn('😀' + 'a'.repeat(32) + 'QUOTE', 33, 38).prefix).toBe('a'.repeat(32));
    // Same after the quote.
    expect(describeIn('Q' + 'b'.repeat(31) + '𠀋c', 0, 1).suffix).toBe('b'.repeat(31) + '𠀋');
    expect(describeIn('Q' + 'b'.repeat(32) + '𠀋c', 0, 1).suffix).toBe('b'.repeat(32));
  });

  it('keeps 32 astral characters of context, 64 code units, never half of one', () => {
    const a = describeIn('😀'.repeat(40) + 'Q' + '𝔘'.repeat(40), 40, 41);
    expect(a.quote).toBe('Q');
    expect(a.prefix).toBe('😀'.repeat(32));
    expect(a.suffix).toBe('𝔘'.repeat(32));
    expect(a.prefix.length).toBe(64);
    expect(hasLoneSurrogate(a.prefix + a.quote + a.suffix)).toBe(false);
  });

  it('may cut a grapheme cluster: context counts code points, as the W3C model does', () => {
    // 👩‍👩‍👧 is 5 code points (woman ZWJ woman ZWJ girl); the prefix keeps only its last two.
    const a = describeIn('👩‍👩‍👧' + 'a'.repeat(30) + 'Q', 35, 36);
    expect(a.prefix).toBe('\u200d👧' + 'a'.repeat(30));
    // A combining accent after the quote belongs to the suffix, not the quote.
    expect(describeIn('cafe\u0301 noir', 0, 4)).toMatchObject({ quote: 'cafe', suffix: '\u0301 noir' });
  });

  it('takes the context length asked for', () => {
    const text = 'Аbc 中文新闻 قال المتحدث';
    expect(describeIn(text, 4, 8, 3)).toMatchObject({ quote: '中文新闻', prefix: 'bc ', suffix: ' قا' });
    expect(describeIn(text, 4, 8, 0)).toMatchObject({ quote: '中文新闻', prefix: '', suffix: '' });
  });

  it('describes an empty span', () => {
    expect(describeIn('ab😀cd', 3, 3, 2)).toEqual({ quote: '', prefix: 'b😀', suffix: 'cd', start: 3, end: 3 });
  });

  it('throws RangeError for programmer errors', () => {
    const text = 'abc';
    const index = new CodePointIndex(text);
    expect(() => describeSpan(text, index, cp(2), cp(1))).toThrow(new RangeError('Span start 2 after its end 1'));
    expect(() => describeSpan(text, index, cp(0), cp(4))).toThrow(RangeError);
    expect(() => describeSpan('abcd', index, cp(0), cp(1))).toThrow(RangeError);
    expect(() => describeSpan(text, index, cp(0), cp(1), -1)).toThrow(RangeError);
  });

  it('describes random spans of a mixed text consistently (seeded)', () => {
    const text = 'Say 👩‍👩‍👧 and 🇦🇿, 𝔘 𠀋; 中文新闻 قال المتحدث e\u0301 Z\u0351\u0334a Кyiv '.repeat(3);
    const index = new CodePointIndex(text);
    const chars = Array.from(text);
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 500; k++) {
      const start = next(chars.length + 1);
      const end = start + next(chars.length + 1 - start);
      const a = describeSpan(text, index, cp(start), cp(end));
      expect(a.quote).toBe(chars.slice(start, end).join(''));
      expect(a.prefix).toBe(chars.slice(Math.max(0, start - 32), start).join(''));
      expect(a.suffix).toBe(chars.slice(end, end + 32).join(''));
      expect(hasLoneSurrogate(a.prefix + a.quote + a.suffix)).toBe(false);
      expect(verifyAnchor(text, index, a)).toBe(true);
    }
  });
});

describe('quoteAt', () => {
  it('returns the text between two code-point offsets', () => {
    const text = 'x😀y𠀋z';
    const index = new CodePointIndex(text);
    expect(quoteAt(text, index, cp(1), cp(4))).toBe('😀y𠀋');
    expect(quoteAt(text, index, cp(2), cp(2))).toBe('');
  });
});

describe('verifyAnchor', () => {
  const text = 'Officials said 83 children 😀 were hurt.';
  const index = new CodePointIndex(text);
  const anchor = describeSpan(text, index, cp(15), cp(26));

  it('is true when the stored offsets still hold the quote', () => {
    expect(anchor.quote).toBe('83 children');
    expect(verifyAnchor(text, index, anchor)).toBe(true);
    expect(verifyAnchor(text, index, { ...anchor, start: cp(29), end: cp(33), quote: 'were' })).toBe(true);
  });

  it('is false when the text there differs, even by one code point', () => {
    expect(verifyAnchor(text, index, { ...anchor, quote: '63 children' })).toBe(false);
    expect(verifyAnchor(text, index, { ...anchor, start: cp(14), end: cp(25) })).toBe(false);
    // Offsets counted in UTF-16 instead of code points point one place too far after the emoji.
    expect(verifyAnchor(text, index, { ...anchor, start: cp(30), end: cp(34), quote: 'were' })).toBe(false);
  });

  it('is false, without throwing, for offsets that do not fit this text', () => {
    expect(verifyAnchor(text, index, { ...anchor, start: cp(38), end: cp(80) })).toBe(false);
    expect(verifyAnchor(text, index, { ...anchor, start: cp(-1), end: cp(3) })).toBe(false);
    expect(verifyAnchor(text, index, { ...anchor, start: cp(5), end: cp(4) })).toBe(false);
    expect(verifyAnchor(text, index, { ...anchor, start: cp(Number.NaN), end: cp(4) })).toBe(false);
  });
});

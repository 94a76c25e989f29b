import { describe, it, expect } from 'vitest';
import { CodePointIndex, createCodePointIndex, sliceCodePoints } from '../../src/anchoring/code-points';
import { codePointLength } from '../../src/model/document';
import { asCodePoint as cp, asUtf16 as u16 } from '../../src/model/units';
import { seededRandom as prng } from '../../scripts/seeded-random.mjs';


const PIECES = ['a', 'Z', ' ', '\n', '😀', '👩‍👩‍👧', '🇦🇿', '𝔘', '𠀋', '中', '文', 'ق', 'ا', 'e\u0301', '\u0301', 'К', 'О', 'у'];

function randomText(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

/** The expected answers, computed the slow obvious way from Array.from. */
function naive(text: string): { cpToUtf16: number[]; utf16ToCp: number[] } {
  const chars = Array.from(text);
  const cpToUtf16: number[] = [];
  const utf16ToCp: number[] = [];
  let u = 0;
  chars.forEach((ch, k) => {
    cpToUtf16.push(u);
    for (let j = 0; j < ch.length; j++) utf16ToCp.push(k); // both halves of a pair round down to k
    u += ch.length;
  });
  cpToUtf16.push(u);
  utf16ToCp.push(chars.length);
  return { cpToUtf16, utf16ToCp };
}

describe('CodePointIndex', () => {
  it('is the identity on text without astral characters', () => {
    const index = createCodePointIndex('中文新闻 قال المتحدث e\u0301');
    expect(index.length).toBe(19);
    expect(index.astralCount).toBe(0);
    for (let i = 0; i <= 19; i++) {
      expect(index.toUtf16(cp(i))).toBe(i);
      expect(index.toCodePoint(u16(i))).toBe(i);
    }
  });

  it('counts an astral character as one code point and two code units', () => {
    const index = new CodePointIndex('a😀b𝔘');
    expect(index.length).toBe(4);
    expect(index.utf16Length).toBe(6);
    expect([0, 1, 2, 3, 4].map((i) => index.toUtf16(cp(i)))).toEqual([0, 1, 3, 4, 6]);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => index.toCodePoint(u16(i)))).toEqual([0, 1, 1, 2, 3, 3, 4]);
  });

  it('rounds an index inside a surrogate pair down to the pair start, and says so', () => {
    const index = new CodePointIndex('😀😀');
    expect(index.toCodePoint(u16(1))).toBe(0);
    expect(index.toCodePoint(u16(3))).toBe(1);
    expect([0, 1, 2, 3, 4].map((i) => index.splitsPair(u16(i)))).toEqual([false, true, false, true, false]);
  });

  it('counts the code points of ZWJ sequences and flags one by one', () => {
    // 👩‍👩‍👧 is woman, ZWJ, woman, ZWJ, girl: 5 code points, 8 code units. 🇦🇿 is two regional indicators.
    const index = new CodePointIndex('👩‍👩‍👧🇦🇿');
    expect(index.length).toBe(7);
    expect(index.utf16Length).toBe(12);
    expect(index.toUtf16(cp(5))).toBe(8);
    expect(index.toUtf16(cp(6))).toBe(10);
  });

  it('counts lone surrogates as one code point each, like codePointLength and Array.from', () => {
    for (const text of ['\ud800x\udc00', '\udc00\ud800', 'a\ud83d', '\ude00b', '\ud83d\ud83d\ude00']) {
      const index = new CodePointIndex(text);
      expect(index.length).toBe(codePointLength(text));
      expect(index.length).toBe(Array.from(text).length);
    }
    const index = new CodePointIndex('\ud83d\ud83d\ude00'); // a lone high surrogate, then a real pair
    expect(index.toUtf16(cp(1))).toBe(1);
    expect(index.toUtf16(cp(2))).toBe(3);
  });

  it('handles the empty text', () => {
    const index = new CodePointIndex('');
    expect(index.length).toBe(0);
    expect(index.toUtf16(cp(0))).toBe(0);
    expect(index.toCodePoint(u16(0))).toBe(0);
  });

  it('throws a RangeError naming the value and the bound for out-of-range input', () => {
    const index = new CodePointIndex('a😀');
    expect(() => index.toUtf16(cp(3))).toThrow(new RangeError('Code point offset 3 outside text of 2 code points'));
    expect(() => index.toUtf16(cp(-1))).toThrow(RangeError);
    expect(() => index.toUtf16(cp(1.5))).toThrow(RangeError);
    expect(() => index.toUtf16(cp(Number.NaN))).toThrow(RangeError);
    expect(() => index.toCodePoint(u16(4))).toThrow(new RangeError('UTF-16 index 4 outside text of 3 code units'));
    expect(() => index.toCodePoint(u16(-1))).toThrow(RangeError);
  });

  it('agrees with Array.from on every offset of random mixed texts (seeded)', () => {
    const next = prng(20240611);
    for (let round = 0; round < 300; round++) {
      const text = randomText(next, 60);
      const index = new CodePointIndex(text);
      const expected = naive(text);
      expect(index.length).toBe(expected.cpToUtf16.length - 1);
      for (let c = 0; c <= index.length; c++) {
        const u = index.toUtf16(cp(c));
        expect(u).toBe(expected.cpToUtf16[c]);
        expect(index.toCodePoint(u)).toBe(c);
      }
      for (let i = 0; i <= text.length; i++) expect(index.toCodePoint(u16(i))).toBe(expected.utf16ToCp[i]);
    }
  });
});

describe('sliceCodePoints', () => {
  it('slices by code points and never splits a pair', () => {
    const text = 'x😀y𠀋z';
    const index = new CodePointIndex(text);
    expect(sliceCodePoints(text, index, cp(1), cp(2))).toBe('😀');
    expect(sliceCodePoints(text, index, cp(2), cp(5))).toBe('y𠀋z');
  });

  it('refuses an index built from another text, and reversed offsets', () => {
    const index = new CodePointIndex('abc');
    expect(() => sliceCodePoints('abcd', index, cp(0), cp(1))).toThrow(RangeError);
    expect(() => sliceCodePoints('abc', index, cp(2), cp(1))).toThrow(new RangeError('Span start 2 after its end 1'));
  });
});

describe('CodePointIndex on a 1 MB text full of emoji', () => {
  it('builds in O(n) and answers 200,000 queries quickly and correctly', () => {
    const unit = 'Lorem 😀 ipsum 👩‍👩‍👧 中文 𝔘 e\u0301 🇦🇿. '; // 32 code points, 39 code units
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
    new CodePointIndex(text.slice(0, 1000)); // warm up the JIT
    const t0 = performance.now();
    const index = new CodePointIndex(text);
    const built = performance.now() - t0;
    const unitCp = Array.from(unit).length;
    const copies = text.length / unit.length;
    expect(index.length).toBe(copies * unitCp);

    const t1 = performance.now();
    let check = 0;
    for (let q = 0; q < 100_000; q++) {
      const c = (q * 7919) % index.length;
      check += index.toUtf16(cp(c));
      check -= index.toCodePoint(u16((q * 104729) % text.length));
    }
    const queried = performance.now() - t1;
    expect(Number.isFinite(check)).toBe(true);
    // The start of the k-th copy: k * 32 code points ↔ k * 39 code units.
    expect(index.toUtf16(cp(1000 * unitCp))).toBe(1000 * unit.length);
    expect(index.toCodePoint(u16(2000 * unit.length + 7))).toBe(2000 * unitCp + 6); // inside 😀 → its start
    // Generous bounds (a slow CI machine), still far below what an O(n) scan per query would take.
    expect(built).toBeLessThan(200);
    expect(queried).toBeLessThan(500);
  });
});

import { describe, it, expect } from 'vitest';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { locateAnchor } from '../../src/anchoring/locate';
import { createTextIndex } from '../../src/anchoring/text-index';
import { toDoc } from '../../src/editor/to-doc';
import type { Anchor } from '../../src/model/annotation';
import type { Block } from '../../src/model/document';
import { asCodePoint as cp, asUtf16 as u16 } from '../../src/model/units';

/** The anchor of the `nth` (0-based) occurrence of `quote` in `text`. */
function anchorOf(text: string, quote: string, nth = 0, contextLength?: number): Anchor {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`"${quote}" #${nth} not in text`);
  const start = Array.from(text.slice(0, at)).length;
  return describeSpan(text, new CodePointIndex(text), cp(start), cp(start + Array.from(quote).length), contextLength);
}

const locate = (text: string, anchor: Anchor) => locateAnchor(text, new CodePointIndex(text), anchor);

const ARTICLE =
  'The ministry said 83 children were killed in the strikes. ' +
  'A rival outlet later said 63 children were killed, and 487 injured. ' +
  'The OIC condemned the attack.';

describe('locateAnchor', () => {
  it('finds an anchor at its stored offsets: exact', () => {
    const anchor = anchorOf(ARTICLE, '487 injured');
    expect(anchor.start).toBe(113);
    expect(locate(ARTICLE, anchor)).toEqual({ status: 'exact', start: 113, end: 124 });
  });

  it('finds the quote again after text was inserted before it: moved', () => {
    const anchor = anchorOf(ARTICLE, 'The OIC condemned');
    const edited = 'UPDATED: ' + ARTICLE;
    expect(locate(edited, anchor)).toEqual({ status: 'moved', start: anchor.start + 9, end: anchor.end + 9 });
  });

  it('shifts by code points, not code units, when emoji are inserted before', () => {
    const anchor = anchorOf(ARTICLE, 'rival outlet');
    const edited = '😀👩‍👩‍👧 ' + ARTICLE; // 1 + 5 + 1 code points, 2 + 8 + 1 code units
    const result = locate(edited, anchor);
    expect(result).toEqual({ status: 'moved', start: anchor.start + 7, end: anchor.end + 7 });
  });

  it('chooses among copies of the quote by prefix and suffix, even over a closer copy', () => {
    // "said" occurs three times; the anchor is on the second ("later said").
    const anchor = anchorOf(ARTICLE, 'said', 1);
    expect(anchor.prefix.endsWith('later ')).toBe(true);
    // Shift the text so that the first "said" lands one place after the old start: closest, but wrong context.
    const first = ARTICLE.indexOf('said');
    const edited = 'x'.repeat(anchor.start - first + 1) + ARTICLE;
    const result = locate(edited, anchor);
    const expectedStart = anchor.start + (anchor.start - first + 1);
    expect(result).toEqual({ status: 'moved', start: expectedStart, end: expectedStart + 4 });
  });

  it('prefers the copy closest to the old start when the context matches equally well', () => {
    const text = 'x 83 y x 83 y x 83 y';
    const middle = anchorOf(text, '83', 1, 2); // prefix "x ", suffix " y": the same around every copy
    expect(middle).toMatchObject({ prefix: 'x ', suffix: ' y', start: 9 });
    expect(locate('z' + text, middle)).toEqual({ status: 'moved', start: 10, end: 12 });
    const last = anchorOf(text, '83', 2, 2);
    expect(locate('z' + text, last)).toEqual({ status: 'moved', start: 17, end: 19 });
    expect(locate('zz' + text, { ...middle, start: cp(0), end: cp(2) })).toEqual({ status: 'moved', start: 4, end: 6 });
  });

  it('counts matching context in code points, astral characters included', () => {
    // Two copies of "claim"; only the second has "𝔘😀 " before it, as the stored prefix does.
    const text = 'ab claim cd. 𝔘😀 claim ef.';
    const anchor = anchorOf(text, 'claim', 1);
    expect(anchor.prefix).toBe('ab claim cd. 𝔘😀 ');
    const edited = '中文 ' + text.replace('ab claim cd.', 'claim');
    // "中文 " (3) + "claim " (6) + "𝔘😀 " (3): the second copy now starts at code point 12.
    expect(locate(edited, anchor)).toEqual({ status: 'moved', start: 12, end: 17 });
  });

  it('is an orphan when the quote is gone', () => {
    const anchor = anchorOf(ARTICLE, '83 children');
    const corrected = ARTICLE.replace('83 children', '73 children');
    expect(locate(corrected, anchor)).toEqual({ status: 'orphan' });
    expect(locate('', anchor)).toEqual({ status: 'orphan' });
  });

  it('is an orphan, not an exception, for stored offsets beyond a shorter text', () => {
    const anchor = anchorOf(ARTICLE, 'OIC');
    expect(locate('Short.', anchor)).toEqual({ status: 'orphan' });
    expect(locate('The OIC.', anchor)).toEqual({ status: 'moved', start: 4, end: 7 });
  });

  it('places an empty quote only at its stored position', () => {
    const empty = describeSpan('abc', new CodePointIndex('abc'), cp(1), cp(1));
    expect(locate('abc', empty)).toEqual({ status: 'exact', start: 1, end: 1 });
    expect(locate('', empty)).toEqual({ status: 'orphan' });
  });

  it('does not match half of a surrogate pair', () => {
    const anchor: Anchor = { quote: '\ude00', prefix: '', suffix: '', start: cp(5), end: cp(6) };
    expect(locate('x😀y', anchor)).toEqual({ status: 'orphan' });
  });

  it('carries an anchor from one version of a document to the next', () => {
    const v1: Block[] = [
      { type: 'heading', level: 1, content: [{ text: 'Strikes 🇦🇿' }] },
      { type: 'paragraph', content: [{ text: 'قال المتحدث that 83 children were killed.' }] },
    ];
    const v2: Block[] = [v1[0]!, { type: 'paragraph', content: [{ text: 'Correction 😀 appended.' }] }, v1[1]!];
    const i1 = createTextIndex(toDoc(v1));
    const at = (s: string) => i1.codePoints.toCodePoint(u16(i1.text.indexOf(s)));
    const anchor = describeSpan(i1.text, i1.codePoints, at('83 children'), at(' were'));
    expect(anchor.start).toBe(29); // 🇦🇿 is two code points, four code units
    expect(anchor.quote).toBe('83 children');

    const doc2 = toDoc(v2);
    const i2 = createTextIndex(doc2);
    const result = locateAnchor(i2.text, i2.codePoints, anchor);
    // The inserted paragraph is 22 code points, plus a separator.
    expect(result).toEqual({ status: 'moved', start: anchor.start + 24, end: anchor.end + 24 });
    if (result.status === 'orphan') return;
    const { from, to } = i2.offsetsToRange(result.start, result.end);
    expect(doc2.textBetween(from, to)).toBe('83 children');
  });

  it('keeps stored baselines stable', () => {
    // Selectors as they were saved; re-anchoring them on the same text must give the same answers.
    const baselines: Array<[Anchor, ReturnType<typeof locateAnchor>]> = [
      [
        { quote: '63 children', prefix: 'ed in the strikes. A rival outlet later said ', suffix: ' were killed', start: cp(84), end: cp(95) },
        { status: 'exact', start: cp(84), end: cp(95) },
      ],
      [
        { quote: 'were killed', prefix: 'said 63 children ', suffix: ', and 487', start: cp(40), end: cp(51) },
        { status: 'moved', start: cp(96), end: cp(107) },
      ],
      [{ quote: 'Organisation of Islamic Cooperation', prefix: '', suffix: '', start: cp(131), end: cp(166) }, { status: 'orphan' }],
    ];
    for (const [anchor, expected] of baselines) expect(locate(ARTICLE, anchor)).toEqual(expected);
  });
});

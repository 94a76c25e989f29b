/**
 * Describing a span of the plain text so it can be found again: the W3C TextQuoteSelector (`exact` quote
 * with a `prefix` and `suffix` of context) together with the TextPositionSelector (`start`, `end`).
 *
 * Why it exists: the stored anchor is the only link between an annotation and its text. Offsets alone
 * break as soon as the text changes; the quote lets us verify them, and the context lets us choose
 * between several copies of the same quote (see locate.ts).
 *
 * Everything here counts code points, never UTF-16 units, so context never starts or ends inside a
 * surrogate pair. It may end inside a grapheme cluster (between an "e" and its combining accent, or
 * inside a ZWJ emoji family): the W3C model counts code points, not what a reader sees as a character.
 */
import type { Anchor } from '../model/annotation';
import { asCodePoint, type CodePoint } from '../model/units';
import { sliceCodePoints, type CodePointIndex } from './code-points';

/** Code points of context kept on each side of a quote, as Hypothesis and the W3C examples do. */
export const DEFAULT_CONTEXT_LENGTH = 32;

/**
 * The anchor of `start..end` (code points, end excluded) in `text`: the exact quote, up to
 * `contextLength` code points before it as prefix (fewer at the start of the text) and after it as suffix.
 * @throws RangeError for offsets outside the text, `start > end`, a negative context length, or an
 * `index` not built from `text`.
 */
export function describeSpan(
  text: string,
  index: CodePointIndex,
  start: CodePoint,
  end: CodePoint,
  contextLength: number = DEFAULT_CONTEXT_LENGTH,
): Anchor {
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`Context length ${contextLength} is not a non-negative integer`);
  }
  const quote = sliceCodePoints(text, index, start, end);
  const prefixStart = asCodePoint(Math.max(0, start - contextLength));
  const suffixEnd = asCodePoint(Math.min(index.length, end + contextLength));
  return {
    quote,
    prefix: sliceCodePoints(text, index, prefixStart, start),
    suffix: sliceCodePoints(text, index, end, suffixEnd),
    start,
    end,
  };
}

/**
 * The text of `start..end` (code points, end excluded).
 * @throws RangeError for offsets outside the text, `start > end`, or an `index` not built from `text`.
 */
export function quoteAt(text: string, index: CodePointIndex, start: CodePoint, end: CodePoint): string {
  return sliceCodePoints(text, index, start, end);
}

/**
 * Whether the stored offsets of `anchor` still hold its quote in `text`. An anchor made on another
 * version of the text may point past its end; that is an answer (false), not an error.
 * @throws RangeError only when `index` was not built from `text` (a programmer error).
 */
export function verifyAnchor(text: string, index: CodePointIndex, anchor: Anchor): boolean {
  const { start, end, quote } = anchor;
  if (text.length !== index.utf16Length) {
    throw new RangeError(`Text of ${text.length} code units does not match an index of ${index.utf16Length}`);
  }
  const inRange = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= index.length;
  if (!inRange) return false;
  // Compare lengths first: cheap, and it settles most mismatches without slicing.
  const from = index.toUtf16(start);
  const to = index.toUtf16(end);
  return to - from === quote.length && text.startsWith(quote, from);
}

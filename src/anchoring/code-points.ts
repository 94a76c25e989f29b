/**
 * Conversion between Unicode code-point offsets and UTF-16 string indices for one text.
 *
 * Why it exists: W3C selectors (TextPositionSelector) count code points, JavaScript strings count UTF-16
 * code units, and the two differ by one for every astral character (emoji, 𝔘, 𠀋, …), which JavaScript
 * stores as a surrogate pair. Counting from the start of a 1 MB text on every conversion would be
 * O(n) per call; instead the index records, once, where each surrogate pair starts. Both directions
 * then reduce to "how many pairs lie before this point", a binary search.
 *
 * Lone surrogates (malformed UTF-16) count as one code point each, as `Array.from`, `for…of` and
 * model/document.ts `codePointLength` count them.
 */
import { asCodePoint, asUtf16, type CodePoint, type Utf16Index } from '../model/units';

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Number of entries of the ascending array `sorted` that are strictly less than `value`. */
function countBelow(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Code point ↔ UTF-16 conversion for one immutable string. Built in O(n), answers in O(log a) where a is
 * the number of astral characters. It keeps no reference to the text, only the pair positions.
 */
export class CodePointIndex {
  /** Length of the text in code points. */
  readonly length: CodePoint;
  /** Length of the text in UTF-16 code units (`text.length`). */
  readonly utf16Length: Utf16Index;
  /** UTF-16 index of the high surrogate of each well-formed pair, ascending. */
  private readonly pairStarts: Uint32Array;
  /** Code-point offset of each pair, ascending: `pairStarts[k] - k`. */
  private readonly pairOffsets: Uint32Array;

  constructor(text: string) {
    // Two passes so the arrays are allocated once at their exact size.
    let pairs = 0;
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        pairs++;
        i++;
      }
    }
    this.pairStarts = new Uint32Array(pairs);
    this.pairOffsets = new Uint32Array(pairs);
    let k = 0;
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.pairStarts[k] = i;
        this.pairOffsets[k] = i - k;
        k++;
        i++;
      }
    }
    this.utf16Length = asUtf16(text.length);
    this.length = asCodePoint(text.length - pairs);
  }

  /** Number of astral characters (surrogate pairs) in the text. */
  get astralCount(): number {
    return this.pairStarts.length;
  }

  /**
   * The UTF-16 index where code point `cp` starts; `length` maps to `utf16Length`.
   * @throws RangeError when `cp` is not an integer in 0..length.
   */
  toUtf16(cp: CodePoint): Utf16Index {
    if (!Number.isInteger(cp) || cp < 0 || cp > this.length) {
      throw new RangeError(`Code point offset ${cp} outside text of ${this.length} code points`);
    }
    // Every pair that starts before `cp` adds one extra code unit.
    return asUtf16(cp + countBelow(this.pairOffsets, cp));
  }

  /**
   * The code-point offset of UTF-16 index `i`. An index between the two halves of a surrogate pair
   * rounds down to the pair's start.
   * @throws RangeError when `i` is not an integer in 0..utf16Length.
   */
  toCodePoint(i: Utf16Index): CodePoint {
    if (!Number.isInteger(i) || i < 0 || i > this.utf16Length) {
      throw new RangeError(`UTF-16 index ${i} outside text of ${this.utf16Length} code units`);
    }
    // Each pair starting before `i` took two units for one code point. When `i` splits a pair, that
    // pair is counted too, which lands exactly on the pair's start: the rounding down comes for free.
    return asCodePoint(i - countBelow(this.pairStarts, i));
  }

  /** True when UTF-16 index `i` is between the two halves of a surrogate pair. */
  splitsPair(i: Utf16Index): boolean {
    const k = countBelow(this.pairStarts, i) - 1;
    return k >= 0 && this.pairStarts[k]! + 1 === i;
  }
}

/** A CodePointIndex of `text`. */
export function createCodePointIndex(text: string): CodePointIndex {
  return new CodePointIndex(text);
}

/**
 * The substring of `text` from code point `start` to code point `end` (end excluded).
 * Never splits a surrogate pair, since both ends are code-point boundaries.
 * @throws RangeError when the offsets are out of range, `start > end`, or `index` was not built from a
 * text of this length.
 */
export function sliceCodePoints(text: string, index: CodePointIndex, start: CodePoint, end: CodePoint): string {
  if (text.length !== index.utf16Length) {
    throw new RangeError(`Text of ${text.length} code units does not match an index of ${index.utf16Length}`);
  }
  if (start > end) throw new RangeError(`Span start ${start} after its end ${end}`);
  return text.slice(index.toUtf16(start), index.toUtf16(end));
}

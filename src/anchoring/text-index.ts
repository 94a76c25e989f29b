/**
 * ProseMirror positions ↔ code-point offsets in a document's plain text.
 *
 * Why it exists: anchors count code points in the plain text (the text of each textblock, in document
 * order, joined by BLOCK_SEPARATOR — the same string as model `plainTextOf(content)`), while the editor
 * speaks ProseMirror positions, which count UTF-16 units inside a textblock plus one for each node
 * boundary. The index lists the textblocks once, with where each starts in both units, and answers
 * every conversion by binary search over that list plus a CodePointIndex for the astral characters.
 *
 * Two places have no exact counterpart, and are mapped by these rules:
 * - A position between textblocks (in the structure around them: before or after a paragraph, inside a
 *   blockquote or list item but outside its paragraphs) maps to the nearest textblock boundary counted in
 *   positions; on a tie, to the start of the following block. `bias` picks a side instead: 'start' → the
 *   start of the following block, 'end' → the end of the preceding one. Before the first block is offset
 *   0 and after the last is the text's length, whatever the bias.
 * - An offset strictly inside a separator (between its two "\n") maps to the end of the preceding block
 *   with bias 'end' and to the start of the following block with bias 'start' (the default). Offsets at
 *   either edge of a separator are block boundaries and map exactly.
 * So a range given by `rangeToOffsets` / `offsetsToRange` never spills over a block boundary it only touches.
 */
import type { Node as PmNode } from 'prosemirror-model';
import { BLOCK_SEPARATOR } from '../model/document';
import { asCodePoint, asPmPos, asUtf16, type CodePoint, type PmPos, type Utf16Index } from '../model/units';
import { CodePointIndex, sliceCodePoints } from './code-points';

/** Which side to take when a place falls between two textblocks. */
export type Bias = 'start' | 'end';

/** One textblock: where its content starts in the document and in the plain text. */
interface BlockEntry {
  /** Position of the first place inside the block (just after its opening token). */
  readonly pmStart: number;
  /** UTF-16 index of the block's first character in the plain text. */
  readonly textStart: number;
  /** Length of the block's text in UTF-16 units (= its content size: text-only content). */
  readonly length: number;
}

/** Conversions for one ProseMirror document. Immutable; build a new one for a new document. */
export interface TextIndex {
  /** The document's plain text. */
  readonly text: string;
  /** Code point ↔ UTF-16 conversion for `text`. */
  readonly codePoints: CodePointIndex;
  /** Length of `text` in code points. */
  readonly length: CodePoint;
  /** The code-point offset of a document position (see the module comment for positions between blocks). */
  toOffset(pos: PmPos, bias?: Bias): CodePoint;
  /** The document position of a code-point offset; `bias` (default 'start') decides offsets inside a separator. */
  toPos(offset: CodePoint, bias?: Bias): PmPos;
  /** Offsets of a document range: `from` biased to 'start', `to` biased to 'end'. */
  rangeToOffsets(from: PmPos, to: PmPos): { start: CodePoint; end: CodePoint };
  /** Document range of a span of offsets: `start` biased to 'start', `end` biased to 'end'. */
  offsetsToRange(start: CodePoint, end: CodePoint): { from: PmPos; to: PmPos };
  /** The characters (code points) of the span `start..end`, one string each. */
  codePointsOf(start: CodePoint, end: CodePoint): string[];
}

/** Index of the last entry whose `key` is <= `value`, or -1 when there is none. */
function lastAtOrBefore(entries: readonly BlockEntry[], key: 'pmStart' | 'textStart', value: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]![key] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** List the textblocks of `doc` and build its plain text. Throws if a textblock holds non-text content. */
function collectBlocks(doc: PmNode): { entries: BlockEntry[]; text: string } {
  const entries: BlockEntry[] = [];
  const parts: string[] = [];
  let textStart = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const text = node.textContent;
    if (text.length !== node.content.size) {
      throw new RangeError(`Textblock at ${pos} holds inline nodes other than text; the text index cannot map it`);
    }
    if (entries.length > 0) textStart += BLOCK_SEPARATOR.length;
    entries.push({ pmStart: pos + 1, textStart, length: text.length });
    parts.push(text);
    textStart += text.length;
    return false; // its children are text; nothing more to visit
  });
  return { entries, text: parts.join(BLOCK_SEPARATOR) };
}

/**
 * Build the index of `doc` in O(size of the document): one walk over its block structure, never into text.
 * @throws RangeError when a textblock contains inline nodes other than text (the schema does not allow any).
 */
export function createTextIndex(doc: PmNode): TextIndex {
  const { entries, text } = collectBlocks(doc);
  const codePoints = new CodePointIndex(text);
  const docSize = doc.content.size;

  const toOffset = (pos: PmPos, bias?: Bias): CodePoint => {
    if (!Number.isInteger(pos) || pos < 0 || pos > docSize) {
      throw new RangeError(`Position ${pos} outside document of size ${docSize}`);
    }
    const i = lastAtOrBefore(entries, 'pmStart', pos);
    const block = entries[i];
    if (!block) return asCodePoint(0); // before the first block, or no block at all
    const blockEnd = block.pmStart + block.length;
    let utf16: number;
    if (pos <= blockEnd) utf16 = block.textStart + (pos - block.pmStart);
    else {
      const next = entries[i + 1];
      const prevText = block.textStart + block.length;
      if (!next) utf16 = prevText;
      else if (bias === 'end') utf16 = prevText;
      else if (bias === 'start') utf16 = next.textStart;
      else utf16 = pos - blockEnd < next.pmStart - pos ? prevText : next.textStart;
    }
    // A position inside a surrogate pair rounds down to the pair's start.
    return codePoints.toCodePoint(asUtf16(utf16));
  };

  const toPos = (offset: CodePoint, bias: Bias = 'start'): PmPos => {
    if (!Number.isInteger(offset) || offset < 0 || offset > codePoints.length) {
      throw new RangeError(`Offset ${offset} outside text of ${codePoints.length} code points`);
    }
    const utf16: Utf16Index = codePoints.toUtf16(offset);
    const i = lastAtOrBefore(entries, 'textStart', utf16);
    const block = entries[i];
    if (!block) return asPmPos(0); // only when the document has no textblock
    if (utf16 <= block.textStart + block.length) return asPmPos(block.pmStart + (utf16 - block.textStart));
    // Strictly inside the separator after `block`, so a next block exists.
    const next = entries[i + 1]!;
    return asPmPos(bias === 'end' ? block.pmStart + block.length : next.pmStart);
  };

  const rangeToOffsets = (from: PmPos, to: PmPos): { start: CodePoint; end: CodePoint } => {
    if (from > to) throw new RangeError(`Range start ${from} after its end ${to}`);
    const start = toOffset(from, 'start');
    const end = toOffset(to, 'end');
    // Both ends in the same gap between blocks: an empty range, placed where `from` is nearest.
    if (start > end) {
      const at = toOffset(from);
      return { start: at, end: at };
    }
    return { start, end };
  };

  const offsetsToRange = (start: CodePoint, end: CodePoint): { from: PmPos; to: PmPos } => {
    if (start > end) throw new RangeError(`Span start ${start} after its end ${end}`);
    const from = toPos(start, 'start');
    const to = toPos(end, 'end');
    // An empty span inside a separator: collapse onto the start of the following block.
    return from > to ? { from, to: from } : { from, to };
  };

  const codePointsOf = (start: CodePoint, end: CodePoint): string[] =>
    Array.from(sliceCodePoints(text, codePoints, start, end));

  return { text, codePoints, length: codePoints.length, toOffset, toPos, rangeToOffsets, offsetsToRange, codePointsOf };
}

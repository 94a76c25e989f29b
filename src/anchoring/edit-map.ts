/**
 * Where each part of an old text went in a new version of it: a cheap alignment of the two texts as
 * a list of matching blocks (old start, new start, length), in order.
 *
 * Why it exists: re-anchoring thousands of spans onto a revision needs, for each span, where to look.
 * Scaling the old offset by the change of length drifts by the sum of every edit before the span;
 * this alignment follows the edits instead, so a span whose text was not touched is placed in O(log n)
 * and an edited one is searched for in a small window around the right place.
 *
 * How: walk both texts together while they agree; at a difference, resynchronise on the nearest
 * K-character stretch of the old text that the new text has just ahead (bounded look-ahead, so the
 * whole alignment is about linear for edits spread through the text). It is greedy, not a minimal
 * diff: a move or a long rewrite becomes one large unaligned gap, which callers treat as "unknown"
 * and search widely. Everything counts UTF-16 units.
 */

/** Length of the stretch of old text that must reappear verbatim to resynchronise (UTF-16 units). */
export const SYNC_LENGTH = 32;
/** How far ahead, in either text, a resynchronisation is looked for before giving up on the bound. */
const LOOK_AHEAD = 2048;
/** How many far (unbounded) resynchronisation attempts are made before the rest is one gap. */
const FAR_TRIES = 64;

/** Where an old position lies in the new text. */
export interface Mapped {
  /** The new position (UTF-16); estimated by proportion when `aligned` is false. */
  at: number;
  /** True when the position lies in (or at the end of) a block the two texts share. */
  aligned: boolean;
}

/** A contiguous range of the new text (UTF-16, end excluded). */
export interface Region {
  from: number;
  to: number;
}

/** The matching blocks of two texts and the queries re-anchoring needs. Immutable once built. */
export class EditMap {
  /** Old start, new start and length of each matching block, ascending. */
  private readonly oldStarts: Int32Array;
  private readonly newStarts: Int32Array;
  private readonly lengths: Int32Array;

  constructor(
    readonly oldLength: number,
    readonly newLength: number,
    blocks: readonly (readonly [number, number, number])[],
  ) {
    this.oldStarts = Int32Array.from(blocks, (b) => b[0]);
    this.newStarts = Int32Array.from(blocks, (b) => b[1]);
    this.lengths = Int32Array.from(blocks, (b) => b[2]);
  }

  /** Number of matching blocks. */
  get blockCount(): number {
    return this.lengths.length;
  }

  /** Characters of the old text that the alignment found unchanged. */
  get alignedLength(): number {
    let n = 0;
    for (const l of this.lengths) n += l;
    return n;
  }

  /** Index of the last block starting at or before old position `p`, or -1. */
  private blockAtOrBefore(p: number): number {
    let lo = 0;
    let hi = this.oldStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.oldStarts[mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The gap (unaligned old and new ranges) after block `k` (-1: before the first block). */
  private gapAfter(k: number): { oldFrom: number; oldTo: number; newFrom: number; newTo: number } {
    const oldFrom = k < 0 ? 0 : this.oldStarts[k]! + this.lengths[k]!;
    const newFrom = k < 0 ? 0 : this.newStarts[k]! + this.lengths[k]!;
    const last = k + 1 >= this.oldStarts.length;
    return { oldFrom, newFrom, oldTo: last ? this.oldLength : this.oldStarts[k + 1]!, newTo: last ? this.newLength : this.newStarts[k + 1]! };
  }

  /** Where old position `p` (0..oldLength) went. */
  map(p: number): Mapped {
    const k = this.blockAtOrBefore(p);
    if (k >= 0 && p <= this.oldStarts[k]! + this.lengths[k]!) return { at: this.newStarts[k]! + (p - this.oldStarts[k]!), aligned: true };
    const g = this.gapAfter(k);
    const share = g.oldTo > g.oldFrom ? (p - g.oldFrom) / (g.oldTo - g.oldFrom) : 0;
    return { at: Math.round(g.newFrom + share * (g.newTo - g.newFrom)), aligned: false };
  }

  /**
   * How far old range `from..to` moved when one matching block holds all of it (its text is unchanged
   * and went to `from + shift`), else null.
   */
  shiftOf(from: number, to: number): number | null {
    const k = this.blockAtOrBefore(from);
    if (k < 0 || to > this.oldStarts[k]! + this.lengths[k]!) return null;
    return this.newStarts[k]! - this.oldStarts[k]!;
  }

  /**
   * The range of the new text that old range `from..to` became: from where its start went (or the
   * start of the unaligned gap holding it) to where its end went (or the end of that gap). It is null
   * when that range is larger than `limit` units: then the alignment does not say where the text went
   * (a long rewrite, or text moved elsewhere).
   */
  regionOf(from: number, to: number, limit: number): Region | null {
    const ks = this.blockAtOrBefore(from);
    const start = ks >= 0 && from <= this.oldStarts[ks]! + this.lengths[ks]! ? this.newStarts[ks]! + (from - this.oldStarts[ks]!) : this.gapAfter(ks).newFrom;
    const ke = this.blockAtOrBefore(to);
    // An end at the very start of a block belongs to the gap before it (nothing of the block is in range).
    const inBlock = ke >= 0 && to > this.oldStarts[ke]! && to <= this.oldStarts[ke]! + this.lengths[ke]!;
    const end = inBlock ? this.newStarts[ke]! + (to - this.oldStarts[ke]!) : ke >= 0 && to === this.oldStarts[ke]! ? this.newStarts[ke]! : this.gapAfter(ke).newTo;
    if (end < start || end - start > limit) return null;
    return { from: start, to: end };
  }
}

/** Length of the common run of `a` from `i` and `b` from `j`. */
function commonRun(a: string, b: string, i: number, j: number): number {
  let n = 0;
  const max = Math.min(a.length - i, b.length - j);
  while (n < max && a.charCodeAt(i + n) === b.charCodeAt(j + n)) n++;
  return n;
}

/** The nearest place after a difference at (i, j) where both texts agree again for SYNC_LENGTH units, or null. */
function resync(a: string, b: string, i: number, j: number): [number, number] | null {
  // Near: the smallest skip in the old text whose next stretch the new text has within LOOK_AHEAD.
  const ahead = b.slice(j, j + LOOK_AHEAD + SYNC_LENGTH);
  for (let di = 0; di <= LOOK_AHEAD && i + di + SYNC_LENGTH <= a.length; di++) {
    const dj = ahead.indexOf(a.slice(i + di, i + di + SYNC_LENGTH));
    if (dj >= 0) return [i + di, j + dj];
  }
  // Far: a long rewrite or a move. Sample stretches of the old text further on, found anywhere ahead.
  for (let t = 1; t <= FAR_TRIES; t++) {
    const di = LOOK_AHEAD + t * t * SYNC_LENGTH;
    if (i + di + SYNC_LENGTH > a.length) break;
    const at = b.indexOf(a.slice(i + di, i + di + SYNC_LENGTH), j);
    if (at >= 0) return [i + di, at];
  }
  return null;
}

/** The alignment of `oldText` to `newText` (see the module comment). O(n) for spread edits. */
export function createEditMap(oldText: string, newText: string): EditMap {
  const blocks: [number, number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < oldText.length && j < newText.length) {
    const run = commonRun(oldText, newText, i, j);
    if (run > 0) blocks.push([i, j, run]);
    i += run;
    j += run;
    if (i >= oldText.length || j >= newText.length) break;
    const next = resync(oldText, newText, i, j);
    if (!next) break;
    [i, j] = next;
  }
  // A common ending that the walk did not reach (text deleted or added at the very end is aligned too).
  const last = blocks[blocks.length - 1];
  const oldDone = last ? last[0] + last[2] : 0;
  const newDone = last ? last[1] + last[2] : 0;
  let tail = 0;
  while (tail < oldText.length - oldDone && tail < newText.length - newDone && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  if (tail > 0 && (oldDone < oldText.length - tail || newDone < newText.length - tail)) blocks.push([oldText.length - tail, newText.length - tail, tail]);
  return new EditMap(oldText.length, newText.length, blocks);
}

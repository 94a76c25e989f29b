/**
 * Carrying every anchor of one version of a text to the next at once: the work of "Import new
 * version", pure so that it runs in a Web Worker (src/workers/reanchor.worker.ts) or, in tests and
 * where workers are missing, on the calling thread.
 *
 * Why it exists: reanchor() on its own knows only the new text, so it must search it for each span.
 * Here the two versions are aligned once (edit-map.ts, about linear), which turns most of that work
 * into lookups:
 *   - a span whose quote lies in one block the versions share is placed by that block's shift
 *     (O(log n)): 'exact' when the offsets did not change, else 'moved';
 *   - an edited span whose text the alignment can follow (its context landed in a small region and
 *     enough of its own text is there) is searched for there only, verbatim then approximately
 *     (reanchor() with ReanchorOptions.region);
 *   - one whose own text is (mostly) gone from there was deleted or moved: only a verbatim copy
 *     elsewhere whose context agrees places it, else it is an orphan;
 *   - one inside a long rewrite or a move gets the whole pipeline, searched wide;
 *   - anchors not on the old text (orphans of an earlier version) get the full reanchor().
 * Each placed span is described afresh on the new text (quote, prefix, suffix, offsets).
 */
import type { Anchor } from '../model/annotation';
import { asCodePoint, asUtf16 } from '../model/units';
import { createCodePointIndex } from './code-points';
import { describeSpan } from './describe';
import { createEditMap } from './edit-map';
import { occurrenceWithin } from './locate';
import { contextAgrees, MAX_ERROR_RATE, reanchor, WINDOW, type ReanchorResult } from './reanchor';

/** One anchor to carry, and whether it sits on the old text (false: an orphan kept from an earlier version). */
export interface CarryInput {
  anchor: Anchor;
  onOldText: boolean;
}

/** The result for one anchor, and its anchor described on the new text (null for an orphan). */
export interface Carried {
  result: ReanchorResult;
  anchor: Anchor | null;
}

export interface ReanchorAllOptions {
  /** Called after every `every` anchors and once at the end, with how many are done. */
  onProgress?(done: number, total: number): void;
  /** How many anchors between progress calls (default 500). */
  every?: number;
}

/** Figures about one run, for the benchmark and the tests. */
export interface ReanchorStats {
  /** Anchors placed by the alignment alone, with no search. */
  byAlignment: number;
  /** Anchors that went through reanchor() with a known region, and without one. */
  searchedNear: number;
  searchedWide: number;
}

/**
 * Carry each of `inputs` from `oldText` to `newText`, in order (see the module comment). Never throws
 * for an anchor that cannot be placed: that one is an orphan.
 */
export function reanchorAll(oldText: string, newText: string, inputs: readonly CarryInput[], options: ReanchorAllOptions = {}): { carried: Carried[]; stats: ReanchorStats } {
  const every = Math.max(1, options.every ?? 500);
  const oldIndex = createCodePointIndex(oldText);
  const index = createCodePointIndex(newText);
  const edits = createEditMap(oldText, newText);
  const stats: ReanchorStats = { byAlignment: 0, searchedNear: 0, searchedWide: 0 };
  const carried: Carried[] = [];

  for (const [n, { anchor, onOldText }] of inputs.entries()) {
    let result: ReanchorResult;
    const onOld = onOldText && anchor.start <= anchor.end && anchor.end <= oldIndex.length;
    const from = onOld ? oldIndex.toUtf16(anchor.start) : 0;
    if (onOld && oldText.startsWith(anchor.quote, from)) {
      const to = from + anchor.quote.length;
      const shift = edits.shiftOf(from, to);
      if (shift !== null && newText.startsWith(anchor.quote, from + shift)) {
        // The quote lies in a block the versions share: that block says where it went.
        stats.byAlignment++;
        const start = index.toCodePoint(asUtf16(from + shift));
        result = { status: start === anchor.start ? 'exact' : 'moved', start, end: asCodePoint(start + (anchor.end - anchor.start)) };
      } else {
        // Edited (or next to an edit the alignment could not pin down). Where did its text and context go?
        const around = edits.regionOf(from - anchor.prefix.length, to + anchor.suffix.length, 2 * WINDOW);
        const own = around && edits.regionOf(from, to, 2 * WINDOW);
        if (own && own.to - own.from >= anchor.quote.length * (1 - MAX_ERROR_RATE)) {
          // Its text is still there, edited: search there only.
          stats.searchedNear++;
          result = reanchor(newText, anchor, { index, expectedUtf16: own.from, region: own });
        } else if (around) {
          // Its context is there but too little of its own text: deleted here, or moved elsewhere with
          // its context. Only a verbatim copy whose context agrees can place it.
          stats.searchedWide++;
          const copy = occurrenceWithin(newText, index, anchor, 0, newText.length, index.toCodePoint(asUtf16(around.from)));
          // A copy next to where it was, not over what is left of it, is the other of two repeated words
          // one of which was deleted: ambiguous, so not placed. One over what is left of it, or far away, is.
          const [cFrom, cTo] = copy ? [index.toUtf16(copy.start), index.toUtf16(copy.end)] : [0, 0];
          const overLeft = own !== null && cFrom < own.to && own.from < cTo;
          const elsewhere = cTo <= around.from || cFrom >= around.to;
          result = copy && (overLeft || elsewhere) && contextAgrees(anchor, copy.context) ? { status: 'moved', start: copy.start, end: copy.end } : { status: 'orphan' };
        } else {
          // A long rewrite or a move around it: the whole pipeline, expected where the alignment guesses.
          stats.searchedWide++;
          result = reanchor(newText, anchor, { index, expectedUtf16: edits.map(from).at });
        }
      }
    } else {
      stats.searchedWide++;
      result = reanchor(newText, anchor, { index });
    }
    carried.push({ result, anchor: result.status === 'orphan' ? null : describeSpan(newText, index, result.start, result.end) });
    if ((n + 1) % every === 0 || n + 1 === inputs.length) options.onProgress?.(n + 1, inputs.length);
  }
  return { carried, stats };
}

/**
 * Finding an anchor again in a text, for example when a document is reopened and its stored offsets
 * must be checked, or when an annotation made on one version of a text is carried to the next.
 *
 * Why it exists: offsets are precise but fragile, quotes are robust but ambiguous. The pipeline tries the
 * precise selector first and falls back to the robust one:
 *   1. position: the text at `start..end` still equals the quote → 'exact';
 *   2. quote: every exact occurrence of the quote is a candidate; the one whose surroundings share the most
 *      code points with the stored prefix and suffix wins, then the one closest to the old start → 'moved';
 *   3. nothing → 'orphan', a value the UI shows with its stored quote so a person can re-attach it.
 * A failure is a result, never an exception. Approximate (fuzzy) matching is a later step in this chain.
 */
import type { Anchor } from '../model/annotation';
import { codePointLength } from '../model/document';
import { asCodePoint, asUtf16, type CodePoint } from '../model/units';
import type { CodePointIndex } from './code-points';
import type { Region } from './edit-map';
import { verifyAnchor } from './describe';

/** Where an anchor was found: at its stored offsets, elsewhere, or nowhere. */
export type LocateResult =
  | { status: 'exact'; start: CodePoint; end: CodePoint }
  | { status: 'moved'; start: CodePoint; end: CodePoint }
  | { status: 'orphan' };

/** One place where the quote occurs, with how well it fits the stored anchor. */
interface Candidate {
  start: CodePoint;
  /** Code points of the stored prefix and suffix that match the text around this occurrence. */
  context: number;
  /** Distance in code points from the stored start. */
  distance: number;
}

/** Code points of `chars`, taken from the end, that the text has just before UTF-16 index `at`. */
function matchBefore(text: string, at: number, chars: readonly string[]): number {
  let n = 0;
  let i = at;
  for (let k = chars.length - 1; k >= 0; k--) {
    const c = chars[k]!;
    if (i < c.length || !text.startsWith(c, i - c.length)) break;
    i -= c.length;
    n++;
  }
  return n;
}

/** Code points of `chars`, taken from the start, that the text has from UTF-16 index `at` on. */
function matchAfter(text: string, at: number, chars: readonly string[]): number {
  let n = 0;
  let i = at;
  for (const c of chars) {
    if (!text.startsWith(c, i)) break;
    i += c.length;
    n++;
  }
  return n;
}

/** True when `a` fits the stored anchor better than `b`: more matching context, then closer. */
function isBetter(a: Candidate, b: Candidate): boolean {
  if (a.context !== b.context) return a.context > b.context;
  return a.distance < b.distance;
}

/**
 * Every exact occurrence of `quote` in `text` (overlapping ones included) that starts and ends on
 * code-point boundaries, scored against the stored context of `anchor`, lying wholly within UTF-16
 * `from..to` (the whole text by default); distances are measured from code point `reference` (the
 * stored start by default). The best one, or null.
 */
function bestOccurrence(text: string, index: CodePointIndex, anchor: Anchor, from = 0, to = text.length, reference: number = anchor.start, overlapping?: Region): Candidate | null {
  const { quote } = anchor;
  const prefix = Array.from(anchor.prefix);
  const suffix = Array.from(anchor.suffix);
  let best: Candidate | null = null;
  // Search a slice, so that a quote absent from the range does not cost a scan to the end of the text.
  const hay = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let k = hay.indexOf(quote); k !== -1; k = hay.indexOf(quote, k + 1)) {
    const i = k + from;
    const j = i + quote.length;
    if (overlapping && !(i < overlapping.to && overlapping.from < j)) continue;
    // A match that begins or ends between the halves of a surrogate pair is not a span of characters.
    if (index.splitsPair(asUtf16(i)) || index.splitsPair(asUtf16(j))) continue;
    const start = index.toCodePoint(asUtf16(i));
    const candidate: Candidate = {
      start,
      context: matchBefore(text, i, prefix) + matchAfter(text, j, suffix),
      distance: Math.abs(start - reference),
    };
    if (best === null || isBetter(candidate, best)) best = candidate;
  }
  return best;
}

/** An occurrence of the quote and how much of the stored context surrounds it. */
export interface Occurrence {
  start: CodePoint;
  end: CodePoint;
  /** Code points of the stored prefix and suffix that the text around it repeats (contiguous from the quote). */
  context: number;
}

/**
 * The occurrence of the quote lying wholly within UTF-16 `from..to` whose surroundings best match the
 * stored context, then the nearest to code point `reference`, and that overlaps UTF-16 range
 * `overlapping` when given; null when there is none. The search costs the length of the range, not
 * of the text.
 */
export function occurrenceWithin(text: string, index: CodePointIndex, anchor: Anchor, from: number, to: number, reference: number, overlapping?: Region): Occurrence | null {
  if (anchor.quote === '') return null;
  const best = bestOccurrence(text, index, anchor, Math.max(0, from), Math.min(text.length, to), reference, overlapping);
  return best === null ? null : { start: best.start, end: asCodePoint(best.start + codePointLength(anchor.quote)), context: best.context };
}

/**
 * The occurrence of the quote whose surroundings best match the stored context (then the nearest to
 * the stored start), ignoring whether the stored offsets still hold it; null when the quote is absent.
 */
export function locateByQuote(text: string, index: CodePointIndex, anchor: Anchor): { start: CodePoint; end: CodePoint } | null {
  if (anchor.quote === '') return null;
  const best = bestOccurrence(text, index, anchor);
  return best === null ? null : { start: best.start, end: asCodePoint(best.start + codePointLength(anchor.quote)) };
}

/**
 * Find `anchor` in `text` (whose CodePointIndex is `index`): 'exact' when its stored offsets still hold
 * its quote, 'moved' with new offsets when the quote is found elsewhere, 'orphan' otherwise. An empty
 * quote is only ever found at its stored position.
 * @throws RangeError only when `index` was not built from `text` (a programmer error).
 */
export function locateAnchor(text: string, index: CodePointIndex, anchor: Anchor): LocateResult {
  if (verifyAnchor(text, index, anchor)) return { status: 'exact', start: anchor.start, end: anchor.end };
  if (anchor.quote === '') return { status: 'orphan' };
  const best = bestOccurrence(text, index, anchor);
  if (best === null) return { status: 'orphan' };
  return { status: 'moved', start: best.start, end: asCodePoint(best.start + codePointLength(anchor.quote)) };
}

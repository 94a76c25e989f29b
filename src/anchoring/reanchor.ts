/**
 * Carrying an anchor made on one version of a text to the next version. The pipeline goes from the
 * most precise to the most forgiving, and a span that cannot be placed is a value, never an exception:
 *   1. position, then the exact quote disambiguated by its context (locate.ts) → 'exact' or 'moved'
 *      (when the old offsets hold the quote but another occurrence has context that agrees better, as
 *      when a revision swaps two sentences that share words, the better one wins);
 *   2. an approximate match of the quote (Myers' bit-parallel algorithm, approx-string-match), with at
 *      most a quarter of the quote's length in errors, searched first near where the span should be and
 *      then in the whole text, scored on the quote, the prefix, the suffix and the distance from the
 *      expected place (weights below) → 'fuzzy' with its score;
 *   3. nothing good enough → 'orphan': the reviewer sees the stored quote and can re-attach it.
 * Being conservative is the point: a span placed in a wrong spot is worse than an orphan, so a fuzzy
 * match must look like the quote AND, for short quotes, sit in a context that looks like the old one.
 */
import search from 'approx-string-match';
import type { Anchor } from '../model/annotation';
import { codePointLength } from '../model/document';
import { asCodePoint, asUtf16, type CodePoint } from '../model/units';
import { createCodePointIndex, type CodePointIndex } from './code-points';
import type { Region } from './edit-map';
import { locateByQuote, occurrenceWithin } from './locate';
import { verifyAnchor } from './describe';

export type ReanchorResult =
  | { status: 'exact'; start: CodePoint; end: CodePoint }
  | { status: 'moved'; start: CodePoint; end: CodePoint }
  | { status: 'fuzzy'; start: CodePoint; end: CodePoint; score: number }
  | { status: 'orphan' };

/** The weights of a fuzzy match's score (they sum to 1). The quote matters most; position least. */
export const WEIGHTS = {
  /** How close the matched text is to the stored quote (1 − errors / quote length). */
  quote: 0.5,
  /** How much of the stored prefix the text before the match repeats. */
  prefix: 0.2,
  /** How much of the stored suffix the text after the match repeats. */
  suffix: 0.2,
  /** How near the match is to where the span was expected. */
  position: 0.1,
} as const;

/** The most errors a fuzzy match may have, as a share of the quote's length. */
export const MAX_ERROR_RATE = 0.25;
/** Quotes shorter than this (UTF-16 units) are never matched approximately: too easy to match by chance. */
export const MIN_FUZZY_LENGTH = 6;
/** A fuzzy match scoring below this is not trusted: the span becomes an orphan. */
export const MIN_SCORE = 0.6;
/** Quotes shorter than this need context that agrees (prefix or suffix) for a fuzzy match. */
const SHORT_QUOTE = 24;
/** How far around the expected place the first, cheap search looks (UTF-16 units each side). */
export const WINDOW = 1000;

/** Share of `wanted`'s characters, from its end, that the text has just before `at` (in order). */
function contextBefore(text: string, at: number, wanted: string): number {
  if (wanted.length === 0) return 1;
  let n = 0;
  while (n < wanted.length && at - n - 1 >= 0 && text[at - n - 1] === wanted[wanted.length - n - 1]) n++;
  // Allow the context itself to have been edited: also try an approximate comparison of the whole.
  const exactShare = n / wanted.length;
  const window = text.slice(Math.max(0, at - wanted.length), at);
  return Math.max(exactShare, similarity(window, wanted));
}

/** Share of `wanted`'s characters, from its start, that the text has from `at` on. */
function contextAfter(text: string, at: number, wanted: string): number {
  if (wanted.length === 0) return 1;
  let n = 0;
  while (n < wanted.length && at + n < text.length && text[at + n] === wanted[n]) n++;
  const exactShare = n / wanted.length;
  const window = text.slice(at, at + wanted.length);
  return Math.max(exactShare, similarity(window, wanted));
}

/** 1 − (edit distance / length) of two short strings, at least 0. */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const max = Math.max(a.length, b.length);
  const matches = search(a, b, Math.floor(max / 2));
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((m) => m.errors)) + Math.abs(a.length - b.length);
  return Math.max(0, 1 - errors / max);
}

export interface FuzzyCandidate {
  /** UTF-16 start and end in the new text. */
  start: number;
  end: number;
  errors: number;
  score: number;
}

/** The score of one approximate match (see WEIGHTS). */
export function scoreMatch(text: string, anchor: Anchor, m: { start: number; end: number; errors: number }, expected: number): number {
  const quote = 1 - m.errors / Math.max(1, anchor.quote.length);
  const prefix = contextBefore(text, m.start, anchor.prefix);
  const suffix = contextAfter(text, m.end, anchor.suffix);
  const position = 1 - Math.min(1, Math.abs(m.start - expected) / Math.max(1, text.length));
  return WEIGHTS.quote * quote + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position;
}

/** The best approximate match of `anchor` in `text[from..to)` (overlapping `within` when given), or null. */
function bestFuzzy(text: string, anchor: Anchor, from: number, to: number, expected: number, within?: Region): FuzzyCandidate | null {
  const maxErrors = Math.floor(anchor.quote.length * MAX_ERROR_RATE);
  const slice = text.slice(from, to);
  let best: FuzzyCandidate | null = null;
  for (const m of search(slice, anchor.quote, maxErrors)) {
    const start = m.start + from;
    const end = m.end + from;
    if (within && !(start < within.to && within.from < end)) continue;
    const score = scoreMatch(text, anchor, { start, end, errors: m.errors }, expected);
    if (!best || score > best.score) best = { start, end, errors: m.errors, score };
  }
  return best;
}

/** Whether a fuzzy candidate is trustworthy enough to place the span there. */
function trusted(text: string, anchor: Anchor, c: FuzzyCandidate): boolean {
  if (c.score < MIN_SCORE) return false;
  if (anchor.quote.length < SHORT_QUOTE) {
    const prefix = contextBefore(text, c.start, anchor.prefix);
    const suffix = contextAfter(text, c.end, anchor.suffix);
    if (Math.max(prefix, suffix) < 0.5) return false;
  }
  return true;
}

/** Whether the text around the anchor's offsets still reads exactly its stored prefix and suffix. */
function contextHolds(text: string, index: CodePointIndex, anchor: Anchor): boolean {
  const from = index.toUtf16(anchor.start);
  const to = index.toUtf16(anchor.end);
  return text.startsWith(anchor.prefix, from - anchor.prefix.length) && text.startsWith(anchor.suffix, to);
}

export interface ReanchorOptions {
  /** The new text's code-point index, if already built (it is reused across many anchors). */
  index?: CodePointIndex;
  /**
   * Where the span is expected in the new text, in UTF-16 units (for example the old start moved by
   * the edits before it, edit-map.ts). Defaults to the old start.
   */
  expectedUtf16?: number;
  /**
   * Where the span's own text went in the new text (UTF-16), when a comparison of the two versions
   * says so for sure (edit-map.ts `regionOf`). The quote is then looked for there only: found
   * verbatim over it, it is placed whatever its context; otherwise only an approximate match
   * overlapping it can place it, and the whole text is never searched.
   */
  region?: Region;
}

/** Whether an occurrence found away from the stored offsets agrees with at least half of the stored context (code points). */
export function contextAgrees(anchor: Anchor, context: number): boolean {
  const stored = codePointLength(anchor.prefix) + codePointLength(anchor.suffix);
  return context * 2 >= stored;
}

/** Carry `anchor` to `text` (see the module comment for the pipeline). */
export function reanchor(text: string, anchor: Anchor, options: ReanchorOptions = {}): ReanchorResult {
  const index = options.index ?? createCodePointIndex(text);
  const { region } = options;
  const expected = Math.max(0, Math.min(text.length, options.expectedUtf16 ?? (anchor.start <= index.length ? index.toUtf16(anchor.start) : text.length)));
  const expectedCp = index.toCodePoint(asUtf16(expected));
  const reach = WINDOW + anchor.quote.length;
  // With a region, occurrences that overlap it (the alignment may misplace its ends by a few units
  // where the edited text and its neighbours share letters); else a window around the expected place.
  const near = region ? { from: region.from - anchor.quote.length, to: region.to + anchor.quote.length } : { from: expected - reach, to: expected + reach };

  // With a region, stored offsets outside it hold the quote only by chance (the text moved away).
  const atStored = verifyAnchor(text, index, anchor) && (!region || (index.toUtf16(anchor.start) >= region.from && index.toUtf16(anchor.end) <= region.to));
  if (atStored) {
    if (contextHolds(text, index, anchor)) return { status: 'exact', start: anchor.start, end: anchor.end };
    // In a new version the old offsets may hold the same words in another sentence: prefer an
    // occurrence whose context agrees better (ties go to the nearest, i.e. the old offsets). When the
    // whole stored context is still there, nothing can agree better, so the search is skipped; a
    // nearby occurrence with the whole context, or one where the text around the span went, settles it too.
    const close = occurrenceWithin(text, index, anchor, near.from, near.to, anchor.start, region);
    const full = codePointLength(anchor.prefix) + codePointLength(anchor.suffix);
    const byContext = close && (close.context === full || region) ? close : locateByQuote(text, index, anchor);
    if (byContext && byContext.start !== anchor.start) return { status: 'moved', start: byContext.start, end: byContext.end };
    return { status: 'exact', start: anchor.start, end: anchor.end };
  }

  // The quote elsewhere, verbatim: where the text around it went, or nearby with context that agrees,
  // and only then anywhere (unless the comparison of the versions says where the text went).
  const close = occurrenceWithin(text, index, anchor, near.from, near.to, expectedCp, region);
  if (close && (region || contextAgrees(anchor, close.context))) return moved(anchor, close);
  if (!region) {
    const anywhere = occurrenceWithin(text, index, anchor, 0, text.length, expectedCp);
    if (anywhere) return moved(anchor, anywhere);
  }
  if (anchor.quote.length < MIN_FUZZY_LENGTH) return { status: 'orphan' };

  // Near the expected place first: cheap, and where an edited span usually is.
  const from = region ? region.from - anchor.quote.length : expected - reach;
  const to = region ? region.to + anchor.quote.length : expected + reach;
  let best = bestFuzzy(text, anchor, Math.max(0, from), Math.min(text.length, to), expected, region);
  if (!region && (!best || !trusted(text, anchor, best))) {
    const everywhere = bestFuzzy(text, anchor, 0, text.length, expected);
    if (everywhere && (!best || everywhere.score > best.score)) best = everywhere;
  }
  if (!best || !trusted(text, anchor, best)) return { status: 'orphan' };

  // Snap to code-point boundaries: a match may begin or end between the halves of a surrogate pair.
  let start = best.start;
  let end = best.end;
  if (index.splitsPair(asUtf16(start))) start--;
  if (index.splitsPair(asUtf16(end))) end++;
  return {
    status: 'fuzzy',
    start: index.toCodePoint(asUtf16(start)),
    end: asCodePoint(index.toCodePoint(asUtf16(end))),
    score: Math.round(best.score * 1000) / 1000,
  };
}

/** An exact occurrence away from the stored offsets, as a result. */
function moved(anchor: Anchor, at: { start: CodePoint; end: CodePoint }): ReanchorResult {
  return { status: at.start === anchor.start ? 'exact' : 'moved', start: at.start, end: at.end };
}

/**
 * Spans in document order, for the two questions the highlights ask many times over thousands of
 * spans: which spans meet a range (the part of the text on screen) and which cover a position (a
 * click). Both are a binary search plus a scan over the spans that start at most `maxLength` before
 * the range, so they cost O(log n + k) while no single span is very long. Immutable: `with` and
 * `without` return new indexes.
 */

/** Anything with a start and an end (end excluded); the index keeps the objects it is given. */
export interface Span {
  from: number;
  to: number;
}

export interface SpanIndex<S extends Span> {
  readonly size: number;
  /** Every span, in order of `from` (then `to`). */
  all(): readonly S[];
  /** Spans with from < `to` and to > `from`. */
  overlapping(from: number, to: number): S[];
  /** Spans with from <= `pos` <= to (a position at either edge of a span touches it). */
  covering(pos: number): S[];
  /** A new index that also holds `spans`. */
  with(spans: readonly S[]): SpanIndex<S>;
  /** A new index without these span objects (compared by identity). */
  without(spans: ReadonlySet<S>): SpanIndex<S>;
}

const byStart = (a: Span, b: Span) => a.from - b.from || a.to - b.to;

/** Index of the first span whose `from` is at least `pos`. */
function lowerBound(sorted: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.from < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fromSorted<S extends Span>(sorted: readonly S[], maxLength: number): SpanIndex<S> {
  const scan = (from: number, to: number, keep: (s: S) => boolean): S[] => {
    const out: S[] = [];
    for (let i = lowerBound(sorted, from - maxLength); i < sorted.length && sorted[i]!.from <= to; i++) {
      if (keep(sorted[i]!)) out.push(sorted[i]!);
    }
    return out;
  };
  return {
    size: sorted.length,
    all: () => sorted,
    overlapping: (from, to) => scan(from, to, (s) => s.from < to && s.to > from),
    covering: (pos) => scan(pos, pos, (s) => s.from <= pos && s.to >= pos),
    with(spans) {
      if (spans.length === 0) return this;
      const next = [...sorted];
      let longest = maxLength;
      for (const s of spans) {
        let i = lowerBound(next, s.from);
        while (i < next.length && byStart(next[i]!, s) < 0) i++;
        next.splice(i, 0, s);
        longest = Math.max(longest, s.to - s.from);
      }
      return fromSorted(next, longest);
    },
    without(spans) {
      if (spans.size === 0) return this;
      // maxLength stays an upper bound: lookups only scan a little further than they need to.
      return fromSorted(
        sorted.filter((s) => !spans.has(s)),
        maxLength,
      );
    },
  };
}

/** An index of `spans` (not copied into new objects; the array itself is not kept). */
export function createSpanIndex<S extends Span>(spans: readonly S[]): SpanIndex<S> {
  const sorted = [...spans].sort(byStart);
  return fromSorted(
    sorted,
    sorted.reduce((m, s) => Math.max(m, s.to - s.from), 0),
  );
}

/** The span index the highlights use: its answers equal a scan of every span, as spans come and go. */
import { describe, expect, it } from 'vitest';
import { createSpanIndex, type Span } from '../../src/editor/span-index';

/** A small seeded generator (so a failure can be replayed). */
function lcg(seed: number): () => number {
  let a = seed >>> 0;
  return () => (a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const key = (s: Span) => `${s.from}-${s.to}`;
const sortedKeys = (xs: readonly Span[]) => xs.map(key).sort();

describe('span index', () => {
  it('finds the spans meeting a range and covering a position, as a full scan does, through additions and removals', () => {
    const random = lcg(5);
    const make = (): Span => {
      const from = Math.floor(random() * 5000);
      return { from, to: from + 1 + Math.floor(random() * (random() < 0.05 ? 400 : 30)) };
    };
    let spans = Array.from({ length: 800 }, make);
    let index = createSpanIndex(spans);
    for (let round = 0; round < 40; round++) {
      const added = Array.from({ length: 5 }, make);
      const removed = new Set(spans.filter(() => random() < 0.01));
      spans = [...spans.filter((s) => !removed.has(s)), ...added];
      index = index.without(removed).with(added);
      expect(index.size).toBe(spans.length);
      const from = Math.floor(random() * 5200);
      const to = from + Math.floor(random() * 300);
      expect(sortedKeys(index.overlapping(from, to))).toEqual(sortedKeys(spans.filter((s) => s.from < to && s.to > from)));
      expect(sortedKeys(index.covering(from))).toEqual(sortedKeys(spans.filter((s) => s.from <= from && s.to >= from)));
    }
    const all = index.all();
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.from <= all[i]!.from).toBe(true);
  });
});

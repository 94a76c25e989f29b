/**
 * `changedStretch` (what a new list changes, by identity) and `insertInTextOrder`: both checked
 * against their plain definitions on random lists.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changedStretch } from '../../src/editor/changed-stretch';
import { createAnnotation, insertInTextOrder, sortInTextOrder, type Annotation } from '../../src/model/annotation';
import { asCodePoint } from '../../src/model/units';

const pool = Array.from({ length: 8 }, (_, i) => ({ name: `o${i}` }));
const list = fc.array(fc.constantFrom(...pool), { maxLength: 12 });

describe('changedStretch', () => {
  it('splits two lists into a common beginning, the changed stretch and a common end', () => {
    fc.assert(
      fc.property(list, list, (prev, next) => {
        const { removed, added } = changedStretch(prev, next);
        const head = prev.length - removed.length;
        // What is kept around the stretch is the same in both lists, object for object.
        const start = (() => {
          let s = 0;
          while (s < Math.min(prev.length, next.length) && prev[s] === next[s]) s++;
          return s;
        })();
        expect(prev.slice(0, start)).toEqual(next.slice(0, start));
        expect([...prev.slice(0, start), ...removed, ...prev.slice(start + removed.length)]).toEqual(prev);
        expect([...next.slice(0, start), ...added, ...next.slice(start + added.length)]).toEqual(next);
        expect(prev.slice(start + removed.length)).toEqual(next.slice(start + added.length));
        expect(head).toBe(next.length - added.length);
      }),
    );
  });

  it('names exactly the object added, replaced or removed by one edit', () => {
    const [a, b, c, d, x] = pool;
    expect(changedStretch([a, b, c], [a, b, x, c])).toEqual({ removed: [], added: [x] });
    expect(changedStretch([a, b, c], [a, x, c])).toEqual({ removed: [b], added: [x] });
    expect(changedStretch([a, b, c, d], [a, c, d])).toEqual({ removed: [b], added: [] });
    expect(changedStretch([a, b], [a, b])).toEqual({ removed: [], added: [] });
    expect(changedStretch([], [a])).toEqual({ removed: [], added: [a] });
  });
});

describe('insertInTextOrder', () => {
  const at = (id: string, start: number, end: number): Annotation =>
    createAnnotation({ id, kind: 'claim', documentId: 'd', textHash: 'h', anchor: { quote: 'x', prefix: '', suffix: '', start: asCodePoint(start), end: asCodePoint(end) }, creator: 'T', now: '2026-01-01T00:00:00.000Z' });
  const span = fc.tuple(fc.nat(20), fc.nat(5)).map(([s, n]) => [s, s + n + 1] as const);

  it('gives the same list as sorting with the new one added, without changing the old list', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 15 }), span, (spans, [s, e]) => {
        const sorted = sortInTextOrder(spans.map(([x, y], i) => at(`a${i}`, x, y)));
        const copy = [...sorted];
        const item = at('new', s, e);
        expect(insertInTextOrder(sorted, item)).toEqual(sortInTextOrder([...sorted, item]));
        expect(sorted).toEqual(copy);
      }),
    );
  });
});

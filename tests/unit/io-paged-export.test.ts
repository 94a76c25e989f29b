/**
 * Exports written a page at a time (io/native-json.ts NativeExportWriter, io/w3c-annotations.ts
 * W3cCollectionWriter, through io/json-parts.ts JsonWriter) give exactly the text of the whole-library
 * serializers, JSON.stringify(…, null, 2), however the records are cut into pages, as long as the pages
 * come in the export's order; pages out of order and wrong totals are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonWriter } from '../../src/io/json-parts';
import { NATIVE_SECTIONS, NativeExportWriter, serializeLibrary, type NativeSection, type SerializeInput, type StoredRecord } from '../../src/io/native-json';
import { W3cCollectionWriter, serializeW3cAnnotations } from '../../src/io/w3c-annotations';
import type { Annotation } from '../../src/model/annotation';
import { fullLibrary, libraryArb } from '../arbitraries';

const AT = '2026-11-22T10:00:00.000Z';
const COLLECTION = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
/** The full test library, made once (it takes a while). */
let full: SerializeInput | undefined;
const library = (): SerializeInput => (full ??= fullLibrary());

/** `list` in the export's order, cut into pages of the sizes `cuts` cycles through. */
function pagesOf<T>(list: readonly T[], order: (a: T, b: T) => number, cuts: readonly number[]): T[][] {
  const sorted = [...list].sort(order);
  const pages: T[][] = [];
  for (let i = 0, k = 0; i < sorted.length; k++) {
    const size = Math.max(1, cuts[k % cuts.length] ?? 1);
    // Each page shuffled: the writer sorts within a page.
    pages.push(sorted.slice(i, i + size).reverse());
    i += size;
  }
  return pages;
}

/** The export order of each list, as docs/format.md gives it (the page cut must follow it). */
const ORDER: { [S in NativeSection]: (a: StoredRecord<S>, b: StoredRecord<S>) => number } = (() => {
  const c = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    documents: (a, b) => c(a.created, b.created) || c(a.id, b.id),
    annotations: (a, b) => c(a.documentId, b.documentId) || a.anchor.start - b.anchor.start || b.anchor.end - a.anchor.end || c(a.id, b.id),
    entities: (a, b) => c(a.name, b.name) || c(a.id, b.id),
    evidence: (a, b) => c(a.claimId, b.claimId) || c(a.created, b.created) || c(a.id, b.id),
    links: (a, b) => c(a.created, b.created) || c(a.id, b.id),
    events: (a, b) => c(a.at, b.at) || c(a.groupId, b.groupId) || a.seq - b.seq,
  };
})();

function pagedNative(input: SerializeInput, cuts: readonly number[], takeEvery = 1): string {
  const out = new JsonWriter();
  let text = '';
  const writer = new NativeExportWriter(out, input);
  let n = 0;
  for (const section of NATIVE_SECTIONS) {
    const list = input[section] as readonly StoredRecord<typeof section>[];
    for (const page of pagesOf(list, ORDER[section] as (a: unknown, b: unknown) => number, cuts)) {
      writer.add(section, page as never);
      if (++n % takeEvery === 0) text += out.take();
    }
  }
  writer.finish();
  return text + out.take();
}

function pagedW3c(input: SerializeInput, cuts: readonly number[], pageSize: number): string {
  const out = new JsonWriter();
  const writer = new W3cCollectionWriter(out, { ...input, collectionId: COLLECTION, label: 'L', exportedAt: AT, pageSize, total: input.annotations.length });
  const documents = new Map(input.documents.map((d) => [d.id, d]));
  for (const page of pagesOf(input.annotations, ORDER.annotations, cuts)) writer.add(page, documents);
  writer.finish();
  return out.take();
}

describe('paged native export', () => {
  it('equals JSON.stringify(serializeLibrary(…), null, 2) of the full test library for pages of 1, 2, 3 and 1,000', () => {
    const input = { ...library(), exportedAt: AT };
    const expected = JSON.stringify(serializeLibrary(input), null, 2);
    for (const cuts of [[1], [2], [3, 1, 2], [1000]]) expect(pagedNative(input, cuts, 2)).toBe(expected);
  }, 60_000);

  it('equals it for generated libraries cut anywhere', () => {
    fc.assert(
      fc.property(libraryArb(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (input, cuts) => {
        const full = { ...input, exportedAt: AT };
        expect(pagedNative(full, cuts)).toBe(JSON.stringify(serializeLibrary(full), null, 2));
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('writes empty lists for an empty library and for lists never given', () => {
    const empty: SerializeInput = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [], verdictScale: library().verdictScale, exportedAt: AT };
    const out = new JsonWriter();
    const writer = new NativeExportWriter(out, empty);
    writer.finish();
    expect(out.take()).toBe(JSON.stringify(serializeLibrary(empty), null, 2));
  }, 60_000);

  it('refuses pages out of order and lists after later ones', () => {
    const input = library();
    const sorted = [...input.annotations].sort(ORDER.annotations);
    const writer = new NativeExportWriter(new JsonWriter(), { ...input, exportedAt: AT });
    writer.add('annotations', sorted.slice(1, 2));
    expect(() => writer.add('annotations', sorted.slice(0, 1))).toThrow(RangeError);
    writer.add('entities', []);
    expect(() => writer.add('documents', [])).toThrow(RangeError);
  }, 60_000);
});

describe('paged W3C collection', () => {
  it('equals JSON.stringify(serializeW3cAnnotations(…), null, 2) whatever the read pages and AnnotationPage size', () => {
    const input = { ...library(), exportedAt: AT };
    for (const pageSize of [1, 2, 3, 1000]) {
      const expected = JSON.stringify(serializeW3cAnnotations({ ...input, collectionId: COLLECTION, label: 'L', exportedAt: AT, pageSize }), null, 2);
      for (const cuts of [[1], [2, 5], [1000]]) expect(pagedW3c(input, cuts, pageSize)).toBe(expected);
    }
  }, 60_000);

  it('equals it for generated libraries, including none and exactly full pages', () => {
    fc.assert(
      fc.property(libraryArb(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (input, cuts, pageSize) => {
        const expected = JSON.stringify(serializeW3cAnnotations({ ...input, collectionId: COLLECTION, label: 'L', exportedAt: AT, pageSize }), null, 2);
        expect(pagedW3c(input, cuts, pageSize)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('refuses pages out of order and a total that does not match', () => {
    const input = library();
    const sorted: Annotation[] = [...input.annotations].sort(ORDER.annotations);
    const head = { ...input, collectionId: COLLECTION, label: 'L', exportedAt: AT };
    const docs = new Map(input.documents.map((d) => [d.id, d]));
    const writer = new W3cCollectionWriter(new JsonWriter(), { ...head, total: sorted.length });
    writer.add(sorted.slice(1, 2), docs);
    expect(() => writer.add(sorted.slice(0, 1), docs)).toThrow(RangeError);
    expect(() => writer.finish()).toThrow(RangeError);
    const short = new W3cCollectionWriter(new JsonWriter(), { ...head, total: 1 });
    expect(() => short.add(sorted.slice(0, 2), docs)).toThrow(RangeError);
  }, 60_000);
});

describe('JsonWriter', () => {
  it('refuses a key in an array, none in an object, a second top value and closing at the top', () => {
    const w = new JsonWriter();
    w.openArray();
    expect(() => w.value(1, 'k')).toThrow(RangeError);
    w.openObject();
    expect(() => w.value(1)).toThrow(RangeError);
    w.close();
    w.close();
    expect(() => w.close()).toThrow(RangeError);
    expect(() => w.value(1)).toThrow(RangeError);
    expect(w.take()).toBe('[\n  {}\n]');
  });

  it('writes a list of values at any depth as the same text as one value() each', () => {
    const awkward: unknown[] = [{ a: 1, b: [1, { c: 'x\ny\u2028' }], d: undefined }, [], {}, null, undefined, () => 1, 'text', 3.5, { toJSON: () => ({ t: [1] }) }, [[[]], { e: {} }]];
    // The containers down to the array written into: a(rray) or o(bject), each after an entry of its own.
    const paths = [['a'], ['a', 'a'], ['o', 'a'], ['a', 'o', 'a'], ['o', 'o', 'a', 'a', 'a']];
    for (const path of paths) {
      for (const items of [awkward, awkward.slice(0, 1), [[1, 2]]]) {
        const one = new JsonWriter();
        const batch = new JsonWriter();
        for (const w of [one, batch]) {
          path.forEach((kind, d) => {
            const key = d > 0 && path[d - 1] === 'o' ? `k${d}` : undefined;
            if (kind === 'a') w.openArray(key);
            else w.openObject(key);
            w.value('first', kind === 'o' ? 'before' : undefined);
          });
        }
        for (const item of items) one.value(item);
        batch.values(items.slice(0, 2));
        batch.values([]);
        batch.values(items.slice(2));
        for (const w of [one, batch]) while (w.depth > 0) w.close();
        expect(batch.take(), path.join('')).toBe(one.take());
      }
    }
    const first = new JsonWriter();
    first.openArray();
    first.values([1, { a: [2] }]);
    first.close();
    expect(first.take()).toBe(JSON.stringify([1, { a: [2] }], null, 2));
    const inObject = new JsonWriter();
    inObject.openObject();
    expect(() => inObject.values([1])).toThrow(RangeError);
  });
});

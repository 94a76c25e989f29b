/**
 * JSON in parts (io/json-parts.ts): the parts joined are exactly JSON.stringify(value, null, 2), for
 * native exports (what "Export JSON" downloads), W3C collections and awkward JSON values, whatever
 * the split depth and part size; the record counts end at the total.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRecords, stringifyParts } from '../../src/io/json-parts';
import { serializeLibrary } from '../../src/io/native-json';
import { serializeW3cAnnotations } from '../../src/io/w3c-annotations';
import { fullLibrary, libraryArb } from '../arbitraries';

const joined = (value: unknown, depth: number, partChars?: number): string => [...stringifyParts(value, depth, partChars)].map((p) => p.text).join('');

describe('stringifyParts', () => {
  it('writes a native export byte for byte as JSON.stringify(…, null, 2), at any depth and part size', () => {
    const value = serializeLibrary({ ...fullLibrary(), exportedAt: '2026-11-22T10:00:00.000Z' });
    const expected = JSON.stringify(value, null, 2);
    for (const depth of [0, 1, 2, 6]) for (const size of [100, 1 << 20]) expect(joined(value, depth, size)).toBe(expected);
  }, 60_000);

  it('does so for generated libraries, native and W3C', () => {
    fc.assert(
      fc.property(libraryArb(), (input) => {
        const native = serializeLibrary({ ...input, exportedAt: '2026-11-22T10:00:00.000Z' });
        expect(joined(native, 2, 64)).toBe(JSON.stringify(native, null, 2));
        const w3c = serializeW3cAnnotations({ ...input, collectionId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', label: 'L', exportedAt: '2026-11-22T10:00:00.000Z', pageSize: 2 });
        expect(joined(w3c, 4, 64)).toBe(JSON.stringify(w3c, null, 2));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('follows JSON.stringify on empty containers, undefined, functions, toJSON and line breaks in strings', () => {
    const odd = { a: [], b: {}, c: undefined, d: () => 1, e: [undefined, () => 2, null, 'x\ny'], f: new Date(0), g: { h: { i: [1, { j: '"\u2028' }] } }, 'k"\n': 0 };
    for (const depth of [0, 1, 2, 3, 4, 5]) expect(joined(odd, depth, 1)).toBe(JSON.stringify(odd, null, 2));
    expect(joined([], 3)).toBe('[]');
    expect(joined('s', 3)).toBe('"s"');
    expect(() => [...stringifyParts(undefined, 1)]).toThrow(RangeError);
  });

  it('counts records: the last part reports the total', () => {
    const value = serializeLibrary({ ...fullLibrary(), exportedAt: '2026-11-22T10:00:00.000Z' });
    const parts = [...stringifyParts(value, 2, 1000)];
    expect(parts.at(-1)?.records).toBe(countRecords(value, 2));
    expect(countRecords(value, 2)).toBeGreaterThan(value.annotations.length);
    const counts = parts.map((p) => p.records);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  }, 60_000);
});

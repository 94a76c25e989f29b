/**
 * Round trip of the native export, as properties over generated libraries (tests/arbitraries.ts):
 * serialize → JSON text → parse is accepted and valid against the JSON Schema; planned against an
 * empty library everything is new and the records written are the input; planned against the same
 * library everything is identical and nothing is written; exporting what was written gives the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeLibrary, type SerializeInput } from '../../src/io/native-json';
import { parseNative, verifyTextHashes } from '../../src/io/parse-native';
import { planImport, resolveImport, RECORD_TYPES, type StoredRecords } from '../../src/io/merge-plan';
import { libraryArb } from '../arbitraries';
import { validateNativeExport } from '../validate-native-export';

const RUNS = { numRuns: 100 };
const EMPTY: StoredRecords = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [], verdictScale: null };

const text = (x: SerializeInput): string => JSON.stringify(serializeLibrary(x), null, 2);

describe('native export round trip (property-based)', () => {
  it('parse(serialize(x)) is accepted, equals the export, and validates against the JSON Schema', () => {
    fc.assert(
      fc.property(libraryArb(), (x) => {
        const json = text(x);
        const parsed = parseNative(json, 'library.json');
        if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
        expect(parsed.value).toEqual(JSON.parse(json));
        expect(validateNativeExport(JSON.parse(json))).toEqual([]);
        // Bytes read the same as text.
        expect(parseNative(new TextEncoder().encode(json)).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('text hashes of generated libraries verify', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArb(), async (x) => {
        const parsed = parseNative(text(x));
        expect(parsed.ok && (await verifyTextHashes(parsed.value)).ok).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('imported into an empty library, the records written are the input, and exporting them gives the same file', () => {
    fc.assert(
      fc.property(libraryArb(), (x) => {
        const exported = serializeLibrary(x);
        const parsed = parseNative(JSON.stringify(exported));
        if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
        const plan = planImport(parsed.value, EMPTY);
        expect(plan.conflicts).toEqual([]);
        for (const type of RECORD_TYPES) expect(plan.counts[type]).toEqual({ new: x[type].length, identical: 0, conflicting: 0 });
        const writes = resolveImport(plan);
        expect(writes.verdictScale).toEqual(x.verdictScale);
        const again = serializeLibrary({ ...writes, verdictScale: writes.verdictScale!, exportedAt: x.exportedAt });
        expect(again).toEqual(JSON.parse(JSON.stringify(exported)));
        // One create event per record with a history, for the import's own group.
        expect(writes.changes).toHaveLength(x.annotations.length + x.entities.length + x.evidence.length + x.links.length);
        expect(writes.changes.every((c) => c.op === 'create')).toBe(true);
      }),
      RUNS,
    );
  });

  it('imported into the library it came from, everything is identical and nothing is written', () => {
    fc.assert(
      fc.property(libraryArb(), (x) => {
        const parsed = parseNative(text(x));
        if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
        const plan = planImport(parsed.value, x);
        expect(plan.conflicts).toEqual([]);
        for (const type of RECORD_TYPES) expect(plan.counts[type]).toEqual({ new: 0, identical: x[type].length, conflicting: 0 });
        expect(plan.counts.verdictScale).toEqual({ new: 0, identical: 1, conflicting: 0 });
        const writes = resolveImport(plan);
        for (const type of RECORD_TYPES) expect(writes[type]).toEqual([]);
        expect(writes.verdictScale).toBeNull();
        expect(writes.changes).toEqual([]);
      }),
      RUNS,
    );
  });
});

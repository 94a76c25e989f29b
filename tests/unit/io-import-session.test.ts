/**
 * The import session the worker runs (io/import-session.ts) and the batches it hands out
 * (io/import-batches.ts): a file read and checked gives the ids to look up; a refused file gives its
 * reasons; the plan against what the page found; the writes cut into batches, in the write order,
 * covering every record once, each with what it must find stored; calls out of order are programmer errors.
 */
import { describe, expect, it } from 'vitest';
import { createImportSession } from '../../src/io/import-session';
import { importBatches, WRITE_ORDER } from '../../src/io/import-batches';
import { planImport, resolveImport, RECORD_TYPES } from '../../src/io/merge-plan';
import { serializeLibrary, type NativeExport } from '../../src/io/native-json';
import { fullLibrary } from '../arbitraries';

const LIB = fullLibrary();
const TEXT = JSON.stringify(serializeLibrary(LIB));
const FILE = JSON.parse(TEXT) as NativeExport;
const bytes = (text: string) => new TextEncoder().encode(text);

describe('an import session', () => {
  it('reads and checks the file, reporting its steps, and gives every id to look up, a stretch at a time', async () => {
    const session = createImportSession();
    const steps: string[] = [];
    const read = await session.read(bytes(TEXT), 'library.json', (s) => steps.push(s));
    expect(steps).toEqual(['checking', 'hashing']);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    for (const item of RECORD_TYPES) {
      expect(read.value[item]).toBe(FILE[item].length);
      const all = FILE[item].map((r) => r.id);
      expect(session.ids(item, 0, all.length + 5)).toEqual(all);
      // In stretches of two: the same ids, in order; past the end, none.
      const stretches: string[] = [];
      for (let from = 0; from < all.length; from += 2) stretches.push(...session.ids(item, from, 2));
      expect(stretches).toEqual(all);
      expect(session.ids(item, all.length, 2)).toEqual([]);
    }
  });

  it('refuses a bad file with its reasons, and has nothing to plan', async () => {
    const session = createImportSession();
    const read = await session.read(bytes('{"format":"marginalia","version":3}'), 'new.json', () => {});
    expect(read).toEqual({ ok: false, errors: [expect.stringMatching(/^new\.json was made by a newer Marginalia/)] });
    expect(() => session.plan(null)).toThrow('The import session has no file yet');
  });

  it('plans against the stored records it is given, in parts, as planImport does', async () => {
    const session = createImportSession();
    await session.read(bytes(TEXT), 'library.json', () => {});
    session.addStored({ entities: [LIB.entities[0]!] });
    session.addStored({ annotations: LIB.annotations.slice(0, 2) });
    const summary = session.plan(LIB.verdictScale);
    const expected = planImport(FILE, { documents: [], annotations: LIB.annotations.slice(0, 2), entities: [LIB.entities[0]!], evidence: [], links: [], events: [], verdictScale: LIB.verdictScale });
    expect(summary).toEqual({ counts: expected.counts, conflicts: expected.conflicts, exportedAt: FILE.exportedAt, generator: FILE.generator });
    expect(summary.counts.annotations.identical).toBe(2);
  });

  it('resolves into batches: write order, every record once, at most the batch size, each with what it replaces', async () => {
    const session = createImportSession();
    await session.read(bytes(TEXT), 'library.json', () => {});
    session.plan(null);
    const resolved = session.resolve([]);
    const batches = [...Array(resolved.batches).keys()].map((i) => session.batch(i));
    expect(resolved.total).toBe(RECORD_TYPES.reduce((n, item) => n + FILE[item].length, 0));
    expect(batches.map((b) => b.item)).toEqual([...batches.map((b) => b.item)].sort((a, b) => WRITE_ORDER.indexOf(a) - WRITE_ORDER.indexOf(b)));
    for (const item of RECORD_TYPES) expect(batches.filter((b) => b.item === item).flatMap((b) => b.records.map((r) => r.id))).toEqual(FILE[item].map((r) => r.id));
    expect(batches.every((b) => b.replaces.every((r) => r === null))).toBe(true);
    expect(() => session.batch(resolved.batches)).toThrow(RangeError);
  });

  it('cuts batches of the given sizes, documents apart, and carries the stored record a replacement expects', () => {
    const changed = structuredClone(LIB.annotations[0]!);
    changed.modified = '2019-01-01T00:00:00.000Z';
    const plan = planImport(FILE, { documents: [], annotations: [changed], entities: [], evidence: [], links: [], events: [], verdictScale: null });
    const writes = resolveImport(plan);
    const batches = importBatches(plan, writes, 2, 1);
    expect(batches.every((b) => b.records.length <= (b.item === 'documents' ? 1 : 2) && b.records.length === b.replaces.length)).toBe(true);
    const at = batches.flatMap((b) => b.records.map((r, i) => [r.id, b.replaces[i]] as const)).find(([id]) => id === changed.id);
    expect(at?.[1]).toEqual(plan.stored.annotations.get(changed.id));
  });
});

/**
 * Planning a merge: new, identical and conflicting records by id; the default resolution (newer
 * `modified` wins; equal times and different texts are the reviewer's, keeping what is stored until
 * chosen); events never duplicated nor rewritten; the verdict scale; what is written for each choice.
 */
import { describe, expect, it } from 'vitest';
import { serializeLibrary, type NativeExport, type SerializeInput } from '../../src/io/native-json';
import { defaultChoices, jsonEqual, planImport, resolveImport, type Choice, type StoredRecords } from '../../src/io/merge-plan';
import type { Annotation } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { fullLibrary, sha256Sync } from '../arbitraries';

const LIB: SerializeInput = fullLibrary();
const FILE: NativeExport = JSON.parse(JSON.stringify(serializeLibrary(LIB))) as NativeExport;
const EMPTY: StoredRecords = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [], verdictScale: null };

/** A library whose lists can be changed in place. */
type Lib = { -readonly [K in keyof SerializeInput]: SerializeInput[K] extends readonly (infer T)[] ? T[] : SerializeInput[K] };

/** The library as stored, changed by `change` (on a deep copy). */
function stored(change: (s: Lib) => void = () => {}): StoredRecords {
  const s = structuredClone(LIB) as Lib;
  change(s);
  return s;
}
const LATER = '2031-01-01T00:00:00.000Z';
const EARLIER = '2019-01-01T00:00:00.000Z';
const claimOf = (s: { annotations: readonly Annotation[] }) => s.annotations.find((a) => a.kind === 'claim')!;
const choose = (key: string, choice: Choice) => new Map([[key, choice]]);

describe('planImport', () => {
  it('counts everything as new against an empty library, and the stored scale as new', () => {
    const plan = planImport(FILE, EMPTY);
    expect(plan.counts.documents).toEqual({ new: LIB.documents.length, identical: 0, conflicting: 0 });
    expect(plan.counts.events).toEqual({ new: LIB.events.length, identical: 0, conflicting: 0 });
    expect(plan.counts.verdictScale).toEqual({ new: 1, identical: 0, conflicting: 0 });
    expect(resolveImport(plan).summary.annotations).toEqual({ added: LIB.annotations.length, updated: 0, skipped: 0 });
  });

  it('counts a mix: a new record beside identical ones', () => {
    const plan = planImport(FILE, stored((s) => s.entities.splice(0, 1)));
    expect(plan.counts.entities).toEqual({ new: 1, identical: LIB.entities.length - 1, conflicting: 0 });
    const writes = resolveImport(plan);
    expect(writes.entities.map((e) => e.id)).toEqual([LIB.entities[0]!.id]);
    expect(writes.changes).toEqual([{ table: 'entities', op: 'create', after: writes.entities[0] }]);
    expect(writes.summary.entities).toEqual({ added: 1, updated: 0, skipped: LIB.entities.length - 1 });
  });

  it('ignores key order and properties the export does not hold', () => {
    const plan = planImport(FILE, stored((s) => Object.assign(s.documents[0]!, { dexieInternal: 1 })));
    expect(plan.conflicts).toEqual([]);
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });

  it('newer wins: the file is newer, so theirs replaces mine by default', () => {
    const s = stored((s) => {
      const c = claimOf(s);
      c.modified = EARLIER;
      if (c.kind === 'claim') c.fields.note = 'my old note';
    });
    const plan = planImport(FILE, s);
    expect(plan.counts.annotations.conflicting).toBe(1);
    const [conflict] = plan.conflicts;
    expect(conflict).toMatchObject({ item: 'annotations', id: claimOf(LIB).id, reason: 'theirs-newer', defaultChoice: 'theirs', fields: ['fields.note'] });
    expect(conflict!.label).toMatch(/^the claim “/);
    expect(conflict!.description).toMatch(/^note differs; theirs is newer \(/);
    const writes = resolveImport(plan);
    expect(writes.annotations).toEqual([FILE.annotations.find((a) => a.id === conflict!.id)]);
    expect(writes.summary.annotations.updated).toBe(1);
    expect(writes.changes).toEqual([{ table: 'annotations', op: 'update', before: plan.stored.annotations.get(conflict!.id), after: writes.annotations[0] }]);
  });

  it('older loses: mine is newer, so mine is kept by default, and theirs only when chosen', () => {
    const plan = planImport(FILE, stored((s) => Object.assign(s.entities[0]!, { name: 'My spelling', modified: LATER })));
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ item: 'entities', reason: 'mine-newer', defaultChoice: 'mine', fields: ['name'] });
    expect(resolveImport(plan).entities).toEqual([]);
    expect(resolveImport(plan).summary.entities.skipped).toBe(LIB.entities.length);
    expect(resolveImport(plan, choose(plan.conflicts[0]!.key, 'theirs')).entities).toEqual([FILE.entities.find((e) => e.id === LIB.entities[0]!.id)]);
  });

  it('equal times with different content: the reviewer decides; mine until then', () => {
    const plan = planImport(FILE, stored((s) => Object.assign(s.links[0]!, { relation: s.links[0]!.relation === 'same' ? 'supports' : 'same' })));
    expect(plan.conflicts[0]).toMatchObject({ item: 'links', reason: 'same-time', defaultChoice: 'mine', fields: ['relation'], choices: ['mine', 'theirs'] });
    expect(plan.conflicts[0]!.description).toMatch(/relation differs, both changed at .*: you decide/);
    expect(defaultChoices(plan).get(plan.conflicts[0]!.key)).toBe('mine');
    expect(resolveImport(plan).links).toEqual([]);
    expect(resolveImport(plan, choose(plan.conflicts[0]!.key, 'theirs')).links).toHaveLength(1);
  });

  it('only `modified` differing is still a conflict, settled by the newer time', () => {
    const plan = planImport(FILE, stored((s) => (s.evidence[0]!.modified = EARLIER)));
    expect(plan.conflicts[0]).toMatchObject({ fields: ['modified'], defaultChoice: 'theirs' });
  });

  describe('a document whose text differs', () => {
    const docId = claimOf(LIB).documentId;
    const otherText = (s: Lib) => {
      const d = s.documents.find((x) => x.id === docId)!;
      const text = 'Another text altogether.';
      Object.assign(d, { content: [{ type: 'paragraph', content: [{ text }] }], text, textHash: sha256Sync(text), length: text.length, modified: LATER });
      // The annotations stored on it are others, made on that text.
      s.annotations = s.annotations.filter((a) => a.documentId !== docId);
      const keep = new Set(s.annotations.map((a) => a.id));
      s.evidence = s.evidence.filter((e) => keep.has(e.claimId));
      s.links = s.links.filter((l) => keep.has(l.fromId) && keep.has(l.toId));
    };

    it('is always a conflict for the reviewer, whatever the times, keeping my text by default', () => {
      const plan = planImport(FILE, stored(otherText));
      const conflict = plan.conflicts.find((c) => c.item === 'documents')!;
      expect(conflict).toMatchObject({ id: docId, reason: 'text', defaultChoice: 'mine' });
      expect(conflict.fields).toEqual(expect.arrayContaining(['content', 'text', 'textHash', 'length']));
      expect(conflict.description).toMatch(/^The text differs \(.*\)\. A text is never replaced unless you choose theirs/);
    });

    it('kept mine: the file annotations on its text are skipped, with the evidence and links that need them', () => {
      const plan = planImport(FILE, stored(otherText));
      const writes = resolveImport(plan);
      expect(writes.documents).toEqual([]);
      const onDoc = new Set(FILE.annotations.filter((a) => a.documentId === docId).map((a) => a.id));
      expect(writes.annotations).toEqual([]);
      expect(writes.summary.annotations.skipped).toBe(FILE.annotations.length);
      expect(writes.evidence.some((e) => onDoc.has(e.claimId))).toBe(false);
      expect(writes.links.some((l) => onDoc.has(l.fromId) || onDoc.has(l.toId))).toBe(false);
      expect(writes.notes[0]).toBe(`${onDoc.size} annotation${onDoc.size === 1 ? ' was' : 's were'} skipped: made on a document text you kept your own version of.`);
      // Their history is history all the same: kept.
      expect(writes.events).toEqual([]);
    });

    it('taken: the document with its text and its annotations are written', () => {
      const plan = planImport(FILE, stored(otherText));
      const key = plan.conflicts.find((c) => c.item === 'documents')!.key;
      const writes = resolveImport(plan, choose(key, 'theirs'));
      expect(writes.documents.map((d: DocumentRecord) => d.textHash)).toEqual([FILE.documents.find((d) => d.id === docId)!.textHash]);
      expect(writes.summary.documents.updated).toBe(1);
      expect(writes.annotations.length).toBe(FILE.annotations.filter((a) => a.documentId === docId).length);
      // Documents have no history of their own.
      expect(writes.changes.some((c) => c.op !== 'delete' && c.after.id === docId)).toBe(false);
    });
  });

  it('events: identical ones are not written again; a different event under a stored id is kept as it is', () => {
    const s = stored((s) => s.events.splice(0, 2));
    const writes = resolveImport(planImport(FILE, s));
    expect(writes.events.map((e) => e.id)).toEqual(FILE.events.slice(0, 2).map((e) => e.id));
    const changed = stored((s) => (s.events[0]!.reviewer = 'Someone else'));
    const plan = planImport(FILE, changed);
    expect(plan.conflicts[0]).toMatchObject({ item: 'events', reason: 'history', choices: ['mine'], fields: ['reviewer'] });
    expect(plan.conflicts[0]!.description).toContain('History never changes, so yours is kept.');
    // Even when "theirs" is asked for.
    expect(resolveImport(plan, choose(plan.conflicts[0]!.key, 'theirs')).events).toEqual([]);
  });

  it('the verdict scale: kept by default, with the levels imported claims need added; replaced when chosen', () => {
    const used = FILE.annotations.flatMap((a) => (a.kind === 'claim' && a.fields.verdict ? [a.fields.verdict] : []));
    const mine = { name: 'Ours', levels: [{ id: 'ours-only', label: 'Ours only', description: '' }] };
    const plan = planImport(FILE, { ...EMPTY, verdictScale: mine });
    const conflict = plan.conflicts.find((c) => c.item === 'verdictScale')!;
    expect(conflict).toMatchObject({ reason: 'scale', defaultChoice: 'mine', fields: ['name', 'levels'] });
    const kept = resolveImport(plan).verdictScale!;
    expect(kept.name).toBe('Ours');
    expect(kept.levels.map((l) => l.id)).toEqual(['ours-only', ...FILE.verdictScale.levels.map((l) => l.id).filter((id) => used.includes(id))]);
    expect(resolveImport(plan, choose(conflict.key, 'theirs')).verdictScale).toEqual(FILE.verdictScale);
    // The same scale: nothing to write.
    expect(resolveImport(planImport(FILE, { ...EMPTY, verdictScale: FILE.verdictScale })).verdictScale).toBeNull();
  });
});

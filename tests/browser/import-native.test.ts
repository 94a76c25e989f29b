/**
 * Importing a native export into Chromium's real IndexedDB: the preview reads what is stored, the
 * merge writes in one transaction, and a library exported, imported and exported again is the same.
 * Cases: new, identical, newer wins, older loses, equal times, a different text, events never
 * duplicated, nothing written on a refused or stale import, batches sharing one history group, and a
 * failure midway (between batches, and within a batch written in several requests): what was stored
 * is kept, what was written is whole, and importing again completes it.
 * The same through the Web Worker the Library uses. One throw-away database per test.
 */
import { describe, expect, it } from 'vitest';
import type { MarginaliaDB } from '../../src/db/database';
import { applyImport, IMPORT_ACTION, writeImport } from '../../src/db/import-native';
import { previewImport, readStoredInChunks } from '../../src/db/import-read';
import { createImportClient } from '../../src/workers/import-library-client';
import { addDocuments, getSetting, VERDICT_SCALE_KEY } from '../../src/db/repository';
import { readLibrary } from './whole-library';
import { importDocument } from '../../src/io/import-document';
import { defaultChoices, type Choice } from '../../src/io/merge-plan';
import { serializeLibrary, type NativeExport } from '../../src/io/native-json';
import { readNativeExport } from '../../src/io/parse-native';
import { createCodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { createAnnotation, createCue, withFields, type Annotation } from '../../src/model/annotation';
import { DEFAULT_VERDICT_SCALE, type ClaimLinkRecord, type EvidenceRecord } from '../../src/model/claim';
import type { DocumentRecord } from '../../src/model/document';
import { createEntity } from '../../src/model/entity';
import { eventsFor, type HistoryEvent, type RecordChange } from '../../src/model/history';
import { asCodePoint } from '../../src/model/units';
import { freshDb } from './fresh-db';
import { tagAnnotation } from '../../src/db/actions';
import { addVersion } from '../../src/db/add-version';
import { annotationsOfVersion } from '../../src/db/versions';

const T1 = '2026-11-21T12:00:00.000Z';
const T2 = '2026-11-21T12:05:00.000Z';
const LATER = '2031-01-01T00:00:00.000Z';
const EARLIER = '2019-01-01T00:00:00.000Z';
const OPTIONS = { reviewer: 'Importer', fileName: 'library.json' };

async function doc(fileName: string, text: string): Promise<DocumentRecord> {
  const r = await importDocument({ fileName, text }, T1, crypto.randomUUID(), { publisher: 'Herald' });
  if (!r.ok) throw new Error(r.errors.join());
  return r.value;
}
const spanOf = (d: DocumentRecord, quote: string) => {
  const at = d.text.indexOf(quote);
  const start = [...d.text.slice(0, at)].length;
  return describeSpan(d.text, createCodePointIndex(d.text), asCodePoint(start), asCodePoint(start + [...quote].length));
};
const base = (d: DocumentRecord, quote: string) => ({ id: crypto.randomUUID(), documentId: d.id, textHash: d.textHash, anchor: spanOf(d, quote), creator: 'Ana', now: T1 });

/** A library with two documents (emoji, Hebrew, overlapping spans), every kind of annotation, evidence, a link and a history. */
async function sourceLibrary() {
  const herald = await doc('herald.md', '# Dam breach\n\nAt least 47 people 😀 were killed, said Dragan Tsvetkov.\n\nשלום and e\u0301.');
  const other = await doc('other.txt', 'Officials counted 63 dead.');
  const dragan = createEntity({ id: crypto.randomUUID(), name: 'Dragan Tsvetkov', type: 'person', creator: 'Ana', now: T1 });
  const claim = createAnnotation({ ...base(herald, '47 people 😀 were killed'), kind: 'claim' });
  const cue = createCue({ ...base(herald, 'said'), forId: claim.id });
  const attributed = withFields(claim, { verdict: 'mostly-false', attribution: { entityId: dragan.id, quoteType: 'direct', cueId: cue.id } }, T2);
  const nested = createAnnotation({ ...base(herald, '47 people'), kind: 'opinion' });
  const mention = withFields(createAnnotation({ ...base(herald, 'Dragan Tsvetkov'), kind: 'entity' }), { entityId: dragan.id }, T1);
  const hebrew = createAnnotation({ ...base(herald, 'שלום and e\u0301'), kind: 'entity' });
  const counted = createAnnotation({ ...base(other, '63 dead'), kind: 'claim' });
  const evidence: EvidenceRecord = { id: crypto.randomUUID(), claimId: claim.id, relation: 'contradicts', url: 'https://example.org', title: 'UN report', passage: '63', accessed: '2026-11-21', creator: 'Ana', created: T2, modified: T2 };
  const link: ClaimLinkRecord = { id: crypto.randomUUID(), fromId: claim.id, toId: counted.id, relation: 'contradicts', creator: 'Ana', created: T2, modified: T2 };
  const annotations: Annotation[] = [attributed, cue, nested, mention, hebrew, counted];
  const creates: RecordChange[] = [
    { table: 'entities', op: 'create', after: dragan },
    ...[claim, cue, nested, mention, hebrew, counted].map((after): RecordChange => ({ table: 'annotations', op: 'create', after })),
  ];
  const ctx = (at: string, action: string) => ({ groupId: crypto.randomUUID(), at, reviewer: 'Ana', action, newId: () => crypto.randomUUID() });
  const events = [
    ...eventsFor(creates, ctx(T1, 'tag')),
    ...eventsFor([{ table: 'evidence', op: 'create', after: evidence }, { table: 'links', op: 'create', after: link }, { table: 'annotations', op: 'update', before: claim, after: attributed }], ctx(T2, 'review')),
  ];
  return { documents: [herald, other], annotations, entities: [dragan], evidence: [evidence], links: [link], events: structuredClone(events), verdictScale: DEFAULT_VERDICT_SCALE, exportedAt: '2026-11-22T10:00:00.000Z' };
}

/** The export file of `library` as bytes, read back as an import reads it. */
async function fileOf(library: Parameters<typeof serializeLibrary>[0]): Promise<NativeExport> {
  const r = await readNativeExport(new TextEncoder().encode(JSON.stringify(serializeLibrary(library))), 'library.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

async function importInto(db: MarginaliaDB, file: NativeExport, choices: (keys: string[]) => Map<string, Choice> = () => new Map()) {
  const plan = await previewImport(db, file);
  const result = await applyImport(db, plan, choices(plan.conflicts.map((c) => c.key)), OPTIONS);
  if (!result.ok) throw new Error(result.message);
  return { plan, result };
}

/** Everything stored, as an export holds it, without the import's own history. */
async function exportOf(db: MarginaliaDB, exportedAt: string) {
  const contents = await readLibrary(db);
  return serializeLibrary({ ...contents, events: contents.events.filter((e) => e.action !== IMPORT_ACTION), exportedAt });
}

describe('importing a native export into IndexedDB', () => {
  it('into an empty library: everything new, written, and exported again the same (apart from the import events)', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    const file = await fileOf(library);
    const progress: [number, number][] = [];
    const plan = await previewImport(db, file);
    expect(plan.counts.annotations).toEqual({ new: 6, identical: 0, conflicting: 0 });
    expect(plan.conflicts).toEqual([]);
    const result = await applyImport(db, plan, new Map(), { ...OPTIONS, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.ok).toBe(true);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(await exportOf(db, library.exportedAt)).toEqual(serializeLibrary(library));
    expect(await getSetting(db, VERDICT_SCALE_KEY, null)).toEqual(DEFAULT_VERDICT_SCALE);
    // The import is one history group: a create per annotation, entity, evidence item and link.
    const own = (await db.events.toArray()).filter((e) => e.action === IMPORT_ACTION);
    expect(own).toHaveLength(6 + 1 + 1 + 1);
    expect(new Set(own.map((e) => e.groupId)).size).toBe(1);
    expect(own.every((e) => e.op === 'create' && e.reviewer === 'Importer' && e.reason === 'Imported from library.json.')).toBe(true);
  });

  it('a revised article (two versions, annotations carried, an orphan) survives export, import into an empty library and export again', async () => {
    const source = freshDb();
    const v1 = await doc('dam.txt', 'The dam held 18 million cubic metres.\n\nIt failed at dawn, officials said.');
    await addDocuments(source, [v1]);
    const span = (d: DocumentRecord, quote: string) => {
      const at = Array.from(d.text.slice(0, d.text.indexOf(quote))).length;
      return describeSpan(d.text, createCodePointIndex(d.text), asCodePoint(at), asCodePoint(at + Array.from(quote).length));
    };
    for (const [id, quote] of [
      ['11111111-1111-4111-8111-111111111111', '18 million cubic metres'],
      ['22222222-2222-4222-8222-222222222222', 'It failed at dawn, officials said'],
    ] as const) {
      const a = createAnnotation({ id, kind: 'claim', documentId: v1.id, textHash: v1.textHash, anchor: span(v1, quote), creator: 'Ana', now: '2026-11-20T10:00:00.000Z' });
      expect((await tagAnnotation(source, a, 'Ana')).ok).toBe(true);
    }
    const v2 = await doc('dam-updated.txt', 'Updated.\n\nThe dam held 18 million cubic metres.\n\nThe wall gave way overnight.');
    expect((await addVersion(source, v1.id, v2, 'Bo')).ok).toBe(true);
    const original = await exportOf(source, '2026-11-22T10:00:00.000Z');
    expect(original.documents.map((d) => d.version).sort()).toEqual([1, 2]);
    expect(original.annotations.map((a) => a.anchoring?.status).sort()).toEqual(['moved', 'orphan']);

    const r = await readNativeExport(new TextEncoder().encode(JSON.stringify(original)), 'library.json');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const target = freshDb();
    await importInto(target, r.value);
    expect(await exportOf(target, '2026-11-22T10:00:00.000Z')).toEqual(original);
    // The imported older version still shows its annotations where they were.
    const old = await annotationsOfVersion(target, (await target.documents.get(v1.id))!);
    expect(old.map((a) => a.anchor.quote).sort()).toEqual(['18 million cubic metres', 'It failed at dawn, officials said']);
  });

  it('the same file again: everything identical, nothing written, events not duplicated', async () => {
    const db = freshDb();
    const file = await fileOf(await sourceLibrary());
    await importInto(db, file);
    const before = await readLibrary(db);
    const { plan, result } = await importInto(db, file);
    for (const item of ['documents', 'annotations', 'entities', 'evidence', 'links', 'events'] as const) expect(plan.counts[item]).toEqual({ new: 0, identical: file[item].length, conflicting: 0 });
    expect(result.ok && result.groupId).toBeNull();
    expect(await readLibrary(db)).toEqual(before);
  });

  it('newer wins, older loses, equal times wait for the reviewer', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    await importInto(db, await fileOf(library));
    const [claim, cue, opinion] = library.annotations;
    // Stored: the claim older, the opinion newer, the entity at the same time, each changed.
    await db.annotations.put({ ...withFields(claim!, { note: 'mine, older' }, EARLIER) });
    await db.annotations.put({ ...withFields(opinion!, { note: 'mine, newer' }, LATER) });
    await db.entities.put({ ...library.entities[0]!, externalId: 'Q1' });
    const { plan, result } = await importInto(db, await fileOf(library));
    const conflicts = plan.conflicts.map((c) => [c.id, c.reason, c.defaultChoice, c.fields.join()]);
    expect(conflicts).toHaveLength(3);
    expect(conflicts).toEqual(
      expect.arrayContaining([
        [claim!.id, 'theirs-newer', 'theirs', 'fields.note'],
        [opinion!.id, 'mine-newer', 'mine', 'fields.note'],
        [library.entities[0]!.id, 'same-time', 'mine', 'externalId'],
      ]),
    );
    expect(result.ok && result.writes.summary.annotations).toEqual({ added: 0, updated: 1, skipped: 5 });
    expect((await db.annotations.get(claim!.id))).toEqual(claim);
    expect((await db.annotations.get(opinion!.id))?.modified).toBe(LATER);
    expect((await db.entities.get(library.entities[0]!.id))?.externalId).toBe('Q1');
    expect(await db.annotations.get(cue!.id)).toEqual(cue);
    // The update is logged as a field change of the import.
    const updates = (await db.events.toArray()).filter((e) => e.action === IMPORT_ACTION && e.op === 'update');
    expect(updates.map((e) => [e.targetId, e.field, e.before, e.after])).toEqual([[claim!.id, 'fields.note', 'mine, older', claim!.kind === 'claim' ? claim!.fields.note : '']]);

    // The reviewer takes theirs for the entity.
    const again = await previewImport(db, await fileOf(library));
    const entityKey = again.conflicts.find((c) => c.item === 'entities')!.key;
    const chosen = await applyImport(db, again, new Map([...defaultChoices(again), [entityKey, 'theirs' as Choice]]), OPTIONS);
    expect(chosen.ok).toBe(true);
    expect((await db.entities.get(library.entities[0]!.id))?.externalId).toBe('');
  });

  it('a document whose text differs is never replaced unless chosen', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    const herald = library.documents[0]!;
    const mine = await doc('herald.md', 'A different text.');
    await addDocuments(db, [{ ...mine, id: herald.id }]);
    const file = await fileOf(library);
    const { plan, result } = await importInto(db, file);
    expect(plan.conflicts.find((c) => c.item === 'documents')).toMatchObject({ id: herald.id, reason: 'text', defaultChoice: 'mine' });
    expect((await db.texts.get(herald.id))?.text).toBe('A different text.');
    // Its annotations, their evidence and their link were skipped; the other document's came in.
    expect(await db.annotations.where('documentId').equals(herald.id).count()).toBe(0);
    expect(await db.annotations.where('documentId').equals(library.documents[1]!.id).count()).toBe(1);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.links.count()).toBe(0);
    expect(result.ok && result.writes.notes[0]).toMatch(/^5 annotations were skipped/);

    // Taking theirs replaces the text, and the annotations follow.
    const plan2 = await previewImport(db, file);
    const key = plan2.conflicts.find((c) => c.item === 'documents')!.key;
    expect((await applyImport(db, plan2, new Map([[key, 'theirs' as Choice]]), OPTIONS)).ok).toBe(true);
    expect((await db.texts.get(herald.id))?.text).toBe(herald.text);
    expect((await db.documents.get(herald.id))?.textHash).toBe(herald.textHash);
    expect(await db.annotations.where('documentId').equals(herald.id).count()).toBe(5);
  });

  it('writes nothing when the file is refused or when the library changed since the preview', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    const refused = await readNativeExport(JSON.stringify({ ...serializeLibrary(library), version: 3 }), 'new.json');
    expect(refused.ok).toBe(false);
    expect(await db.annotations.count()).toBe(0);

    const file = await fileOf(library);
    const plan = await previewImport(db, file);
    await db.entities.put(library.entities[0]!); // another tab adds the entity meanwhile
    const stale = await applyImport(db, plan, new Map(), OPTIONS);
    expect(stale).toEqual({ ok: false, written: 0, message: expect.stringContaining('The library changed since the preview') });
    expect(await db.annotations.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    expect(await db.settings.get(VERDICT_SCALE_KEY)).toBeUndefined();
  });

  it('writes in batches with one history group whose events are numbered in order across them', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    const progress: [number, number][] = [];
    const plan = await previewImport(db, await fileOf(library));
    const result = await applyImport(db, plan, new Map(), { ...OPTIONS, batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.ok).toBe(true);
    // 1 entity, 6 annotations, 1 evidence item, 1 link, 11 events, 2 documents: 13 batches of at most 2.
    expect(progress.length).toBe(1 + 13);
    expect(progress.at(-1)).toEqual([22, 22]);
    expect(await exportOf(db, library.exportedAt)).toEqual(serializeLibrary(library));
    const own = (await db.events.toArray()).filter((e) => e.action === IMPORT_ACTION);
    expect(new Set(own.map((e) => e.groupId))).toEqual(new Set([result.ok ? result.groupId : '']));
    expect(own.map((e) => e.seq).sort((a, b) => a - b)).toEqual([...Array(9).keys()]);
  });

  it('a failure midway keeps what was stored and what was written whole, says so, and a second import completes it', async () => {
    const db = freshDb();
    // What the library held before: kept, whatever happens to the import.
    const mine = await doc('mine.txt', 'My own article about 12 bridges.');
    await addDocuments(db, [mine]);
    const myClaim = createAnnotation({ ...base(mine, '12 bridges'), kind: 'claim' });
    expect((await tagAnnotation(db, myClaim, 'Ana')).ok).toBe(true);
    const held = await readLibrary(db);

    const library = await sourceLibrary();
    const file = await fileOf(library);
    const plan = await previewImport(db, file);
    // The disk fills up when the documents (written last) are reached.
    const original = db.documents.bulkAdd.bind(db.documents);
    db.documents.bulkAdd = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.documents.bulkAdd;
    const failed = await applyImport(db, plan, new Map(), { ...OPTIONS, batchSize: 2 });
    db.documents.bulkAdd = original;
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.written).toBe(20);
    expect(failed.message).toMatch(/disk full/);
    expect(failed.message).toMatch(/stopped after 20 of 22 records\. Nothing you had was lost.*import the same file again to add the rest/);
    // Nothing stored before changed; no imported document is listed (their texts were not written either: one transaction per batch).
    const after = await readLibrary(db);
    expect(after.documents).toEqual(held.documents);
    expect(after.annotations).toEqual(expect.arrayContaining([...held.annotations]));
    expect(await db.texts.count()).toBe(1);
    // Every record written has its create event.
    const own = (await db.events.toArray()).filter((e) => e.action === IMPORT_ACTION);
    expect(own.map((e) => e.targetId).sort()).toEqual([...library.annotations, ...library.entities, ...library.evidence, ...library.links].map((r) => r.id).sort());

    // The same file again: what was written is identical and skipped, the rest is added.
    const again = await previewImport(db, file);
    expect(again.conflicts).toEqual([]);
    expect(again.counts.annotations).toEqual({ new: 0, identical: 6, conflicting: 0 });
    expect(again.counts.documents).toEqual({ new: 2, identical: 0, conflicting: 0 });
    const completed = await applyImport(db, again, new Map(), OPTIONS);
    expect(completed.ok && completed.writes.summary.documents).toEqual({ added: 2, updated: 0, skipped: 0 });
    const full = await readLibrary(db);
    expect(full.documents).toHaveLength(3);
    expect(serializeLibrary({ ...full, documents: full.documents.filter((d) => d.id !== mine.id), annotations: full.annotations.filter((a) => a.id !== myClaim.id), events: full.events.filter((e) => e.action !== IMPORT_ACTION && !held.events.some((h) => h.id === e.id)), exportedAt: library.exportedAt })).toEqual(serializeLibrary(library));
    // And a third import changes nothing.
    const third = await applyImport(db, await previewImport(db, file), new Map(), OPTIONS);
    expect(third.ok && third.groupId).toBeNull();
    expect(await readLibrary(db)).toEqual(full);
  });

  it('a failure within a batch written in several requests undoes that batch whole, and importing again completes it', async () => {
    const db = freshDb();
    const library = await sourceLibrary();
    const file = await fileOf(library);
    // Batches of 4 records written one record per request: the entity (1 event), then annotations 4 + 2.
    // The 7th request for events, the second annotation batch's second event, fails.
    // Its two annotations' requests are issued before that event's (the requests go in the order they are made).
    const [addEvents, addAnnotations] = [db.events.bulkAdd.bind(db.events), db.annotations.bulkAdd.bind(db.annotations)];
    const requests: string[] = [];
    db.events.bulkAdd = ((records: HistoryEvent[]) => {
      requests.push(`event ×${records.length}`);
      return requests.filter((r) => r.startsWith('event')).length === 7 ? Promise.reject(new Error('disk full')) : addEvents(records);
    }) as unknown as typeof db.events.bulkAdd;
    db.annotations.bulkAdd = ((records: Annotation[]) => {
      requests.push(`annotation ×${records.length}`);
      return addAnnotations(records);
    }) as unknown as typeof db.annotations.bulkAdd;
    const failed = await applyImport(db, await previewImport(db, file), new Map(), { ...OPTIONS, batchSize: 4, chunkSize: 1 });
    db.events.bulkAdd = addEvents;
    db.annotations.bulkAdd = addAnnotations;
    expect(requests).toEqual(['event ×1', ...Array<string>(4).fill('annotation ×1'), ...Array<string>(4).fill('event ×1'), 'annotation ×1', 'annotation ×1', 'event ×1', 'event ×1']);
    expect(failed).toEqual({ ok: false, written: 5, message: expect.stringMatching(/disk full.*stopped after 5 of 22 records/) });
    // The first annotation batch is stored with its events; nothing of the second (its annotations were written, then undone with the batch).
    const stored = (await db.annotations.toArray()).map((a) => a.id);
    expect(stored).toHaveLength(4);
    const own = (await db.events.toArray()).filter((e) => e.action === IMPORT_ACTION);
    expect(own.map((e) => e.targetId).sort()).toEqual([library.entities[0]!.id, ...stored].sort());

    const again = await previewImport(db, file);
    expect(again.counts.annotations).toEqual({ new: 2, identical: 4, conflicting: 0 });
    const completed = await applyImport(db, again, new Map(), { ...OPTIONS, chunkSize: 1 });
    expect(completed.ok).toBe(true);
    expect(await exportOf(db, library.exportedAt)).toEqual(serializeLibrary(library));
  });
});

describe('importing through the Web Worker, as the Library does', () => {
  it('reads and checks the file in the worker with its steps, plans against what is stored, and writes what the calling thread writes', async () => {
    const library = await sourceLibrary();
    const text = JSON.stringify(serializeLibrary(library));
    const db = freshDb();
    const client = createImportClient();
    expect(client.inWorker).toBe(true);
    const steps: string[] = [];
    const read = await client.read(new File([text], 'library.json'), (s) => steps.push(s));
    expect(steps).toEqual(['reading', 'checking', 'hashing']);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.value.annotations).toBe(library.annotations.length);
    expect(await client.ids('annotations', 0, read.value.annotations)).toEqual(serializeLibrary(library).annotations.map((a) => a.id));
    const scale = await readStoredInChunks(db, { counts: read.value, ids: (item, from, count) => client.ids(item, from, count) }, (part) => client.addStored(part));
    const summary = await client.plan(scale);
    const onThisThread = await previewImport(db, await fileOf(library));
    expect(summary.counts).toEqual(onThisThread.counts);
    const resolved = await client.resolve(new Map());
    const outcome = await writeImport(db, { count: resolved.batches, batch: (i) => client.batch(i) }, resolved, OPTIONS);
    client.close();
    expect(outcome.ok).toBe(true);
    expect(await exportOf(db, library.exportedAt)).toEqual(serializeLibrary(library));
  });

  it('refuses a bad file from the worker with the same message, and a closed session answers nothing more', async () => {
    const client = createImportClient();
    const read = await client.read(new File(['{"format":"marginalia",'], 'broken.json'), () => {});
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors[0]).toMatch(/^broken\.json is not valid JSON/);
    client.close();
    await expect(client.plan(null)).rejects.toThrow('the import was closed');
  });
});

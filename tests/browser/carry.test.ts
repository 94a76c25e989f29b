/**
 * A new version stored with its carry (model/carry.ts, db/carry.ts) on Chromium's real IndexedDB: what
 * the new version shows never depends on how many of the moves are written; the moves are written once
 * each, whatever interrupts them or runs them twice; and what meets an annotation still waiting (an
 * edit, a re-attachment, a deletion, an export, the next version) finds it where it is going.
 */
import { describe, expect, it } from 'vitest';
import { updateFields } from '../../src/db/actions';
import { prepareVersion, reattach, storeVersion } from '../../src/db/add-version';
import { watchAnnotations } from '../../src/db/annotation-feed';
import { CARRY_BATCH, carryAnnotations, carryBatch, pendingCarries } from '../../src/db/carry';
import { MarginaliaDB } from '../../src/db/database';
import { addDocuments, annotationCounts, deleteDocument, readDocumentContents, getDocument } from '../../src/db/repository';
import { annotationsOfVersion, readDocumentVersion, readVersion } from '../../src/db/versions';
import { reanchorAll } from '../../src/anchoring/reanchor-all';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import type { Annotation } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint as cp } from '../../src/model/units';
import { dropAfterTest, freshDb } from './fresh-db';
import { tagQuote, textDocument } from './text-documents';

/** More annotations than two batches hold. */
const COUNT = 2 * CARRY_BATCH + 137;

const byId = (list: readonly Annotation[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * Version 1 with COUNT entity mentions, one per word, and a revision that inserts a paragraph at the
 * top and drops the last 20 words (their mentions become orphans); the version is stored with its
 * carry, no move written yet.
 */
async function storedWithCarry(db: MarginaliaDB): Promise<{ v1: DocumentRecord; v2: DocumentRecord }> {
  const words = Array.from({ length: COUNT }, (_, i) => `word${i}`);
  const text = `Long report\n\n${words.join(' ')} end.`;
  const v1 = await textDocument(text, 'v1');
  await addDocuments(db, [v1]);
  await db.annotations.bulkAdd(words.map((w, i) => tagQuote(v1, 'entity', `w${String(i).padStart(5, '0')}`, `${w} `)));
  const revised = `Long report\n\nA new first paragraph.\n\n${words.slice(0, COUNT - 20).join(' ')} end.`;
  const v2 = await textDocument(revised, 'v2', '2026-02-01T00:00:00.000Z');
  const prepared = await prepareVersion(db, 'v1', v2);
  if (!prepared.ok) throw new Error(prepared.message);
  const { carried } = reanchorAll(prepared.oldText, v2.text, prepared.inputs);
  const stored = await storeVersion(db, 'v1', v2, 'Bo', prepared.annotations, carried);
  expect(stored).toMatchObject({ ok: true, documentId: 'v2', counts: { moved: COUNT - 20, orphan: 20 } });
  return { v1, v2 };
}

async function views(db: MarginaliaDB) {
  const [v1, v2] = await Promise.all([db.documents.get('v1'), db.documents.get('v2')]);
  return { v1: byId(await annotationsOfVersion(db, v1!)), v2: byId(await annotationsOfVersion(db, v2!)) };
}

const movesWritten = async (db: MarginaliaDB) => (await db.events.toArray()).filter((e) => e.action === 're-anchor onto version 2');

describe('a new version stored with its carry', () => {
  it('shows the same annotations on both versions before, during and after the moves are written', async () => {
    const db = freshDb();
    await storedWithCarry(db);
    expect(await db.annotations.where('documentId').equals('v2').count()).toBe(0);
    const lists: (readonly Annotation[])[] = [];
    const feed = watchAnnotations(db, 'v2', (l) => lists.push(l), (e) => {
      throw e;
    });
    const before = await views(db);
    expect(before.v2).toHaveLength(COUNT);
    expect(before.v2.every((a) => a.documentId === 'v2')).toBe(true);
    expect(before.v2.filter((a) => a.anchoring?.status === 'orphan')).toHaveLength(20);
    expect(before.v1).toHaveLength(COUNT);
    expect((await annotationCounts(db)).get('v2')).toBe(COUNT);

    const carry = (await db.carries.get('v2'))!;
    expect(await carryBatch(db, carry, 0)).toBe(CARRY_BATCH);
    expect(await db.annotations.where('documentId').equals('v2').count()).toBe(CARRY_BATCH);
    expect(await views(db)).toEqual(before);
    expect((await annotationCounts(db)).get('v2')).toBe(COUNT);

    const progress: number[] = [];
    await carryAnnotations(db, 'v2', { onProgress: (done) => progress.push(done) });
    // A run starts from the first move: the batch already written is read again and finds nothing to move.
    expect(progress).toEqual([0, CARRY_BATCH, 2 * CARRY_BATCH, COUNT]);
    expect(await views(db)).toEqual(before);
    expect(await db.annotations.where('documentId').equals('v1').count()).toBe(0);
    // The open version was handed its list once: the records written are the ones it already showed.
    await new Promise((r) => setTimeout(r, 300));
    expect(lists).toHaveLength(1);
    expect(byId(lists[0]!)).toEqual(before.v2);
    feed.close();
    expect(await pendingCarries(db)).toEqual([]);
    // One event per annotation, in one group, numbered in the carry's order.
    const events = await movesWritten(db);
    expect(events).toHaveLength(COUNT);
    expect(new Set(events.map((e) => e.groupId))).toEqual(new Set([carry.groupId]));
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
  });

  it('reads a version with its document in one go as readVersion does, for the newest version while its carry waits and for an older one', async () => {
    const db = freshDb();
    await storedWithCarry(db);
    for (const id of ['v2', 'v1']) {
      const doc = (await db.documents.get(id))!;
      const read = (await readDocumentVersion(db, id))!;
      const expected = await readVersion(db, doc);
      expect(read.doc).toEqual(doc);
      expect(byId(read.annotations)).toEqual(byId(expected.annotations));
      expect(read.carry).toEqual(expected.carry);
      expect(read.annotations).toHaveLength(COUNT);
    }
    expect((await readDocumentVersion(db, 'v2'))!.carry).toBeDefined();
    expect(await readDocumentVersion(db, 'nope')).toBeUndefined();
  });

  it('writes each move once when a run was cut short, or two tabs run it at once', async () => {
    const db = freshDb();
    await storedWithCarry(db);
    const carry = (await db.carries.get('v2'))!;
    await carryBatch(db, carry, 0);
    // A second connection, as another tab has, runs the same batches at the same time.
    const other = dropAfterTest(new MarginaliaDB(db.name));
    await Promise.all([carryBatch(other, carry, CARRY_BATCH), carryBatch(db, carry, CARRY_BATCH)]);
    // The tab reopened: the carry is still there and finishes from where it is.
    expect(await pendingCarries(db)).toEqual(['v2']);
    await Promise.all([carryAnnotations(db, 'v2'), carryAnnotations(db, 'v2'), carryAnnotations(other, 'v2')]);
    expect(await movesWritten(db)).toHaveLength(COUNT);
    expect(await db.annotations.where('documentId').equals('v2').count()).toBe(COUNT);
  });

  it('keeps an edit made while an annotation waits, and the open version shows it moved', async () => {
    const db = freshDb();
    await storedWithCarry(db);
    const lists: (readonly Annotation[])[] = [];
    const feed = watchAnnotations(db, 'v2', (l) => lists.push(l), (e) => {
      throw e;
    });
    await expect.poll(() => lists.at(-1)?.length).toBe(COUNT);
    expect((await updateFields(db, 'w00003', { entityId: null }, 'Ana', 'entity')).ok).toBe(true);
    // The record, still on version 1, was edited: its "modified" changed (the field was already null).
    const last = await db.annotations.get('w00003');
    expect(last?.documentId).toBe('v1');
    // The feed read it back: still listed, on version 2.
    await expect.poll(() => lists.at(-1)?.find((a) => a.id === 'w00003')?.modified).toBe(last!.modified);
    expect(lists.at(-1)!.find((a) => a.id === 'w00003')!.documentId).toBe('v2');
    expect(lists.at(-1)).toHaveLength(COUNT);
    feed.close();
    await carryAnnotations(db, 'v2');
    const moved = (await db.annotations.get('w00003'))!;
    expect([moved.documentId, moved.modified >= last!.modified]).toEqual(['v2', true]);
  });

  it('re-attaches an orphan still waiting onto the new version, and the carry then leaves it alone', async () => {
    const db = freshDb();
    const { v2 } = await storedWithCarry(db);
    const orphan = (await views(db)).v2.find((a) => a.anchoring?.status === 'orphan')!;
    const at = v2.text.indexOf('new first');
    const anchor = describeSpan(v2.text, new CodePointIndex(v2.text), cp(at), cp(at + 9));
    expect((await reattach(db, orphan.id, anchor, v2.textHash, 'Bo')).ok).toBe(true);
    const stored = (await db.annotations.get(orphan.id))!;
    expect([stored.documentId, stored.anchor.quote, stored.anchoring?.status, stored.anchoring?.fromDocumentId]).toEqual(['v2', 'new first', 'reattached', 'v1']);
    expect(stored.priorAnchors?.map((p) => p.documentId)).toEqual(['v1']);
    await carryAnnotations(db, 'v2');
    expect((await db.annotations.get(orphan.id))!.anchor.quote).toBe('new first');
    expect(await movesWritten(db)).toHaveLength(COUNT - 1);
  });

  it('exports and the next version wait for the moves; deleting the article deletes the carry', async () => {
    const db = freshDb();
    await storedWithCarry(db);
    const contents = await readDocumentContents(db, (await getDocument(db, 'v2'))!);
    expect(contents.annotations.filter((a) => a.documentId === 'v2')).toHaveLength(COUNT);
    expect(contents.events.filter((e) => e.action === 're-anchor onto version 2')).toHaveLength(COUNT);

    const db2 = freshDb();
    const { v2 } = await storedWithCarry(db2);
    const v3 = await textDocument(`${v2.text}\n\nA last line.`, 'v3', '2026-03-01T00:00:00.000Z');
    // Refused when written straight after a read that did not wait for the carry.
    const early = await storeVersion(db2, 'v2', v3, 'Bo', [], []);
    expect(early).toEqual({ ok: false, message: expect.stringMatching(/still being moved onto it/) });
    const prepared = await prepareVersion(db2, 'v2', v3);
    expect(prepared.ok && prepared.annotations.length).toBe(COUNT);

    const db3 = freshDb();
    await storedWithCarry(db3);
    await deleteDocument(db3, 'v2', 'Bo');
    expect([await db3.annotations.count(), await db3.carries.count(), await db3.documents.count()]).toEqual([0, 0, 0]);
    await carryAnnotations(db3, 'v2');
    expect(await db3.annotations.count()).toBe(0);
  });
});

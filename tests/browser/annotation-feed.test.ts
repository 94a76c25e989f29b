/**
 * The document view's annotation feed on Chromium's real IndexedDB: it reads a document's annotations
 * once, then follows every kind of change (tag, edit, delete, undo, a change from a second connection
 * as another tab would make, a new version, a cleared table) by reading back only what changed, and
 * always ends equal to a fresh read.
 */
import { describe, expect, it } from 'vitest';
import { deleteAnnotation, tagAnnotation, updateFields } from '../../src/db/actions';
import { watchAnnotations } from '../../src/db/annotation-feed';
import { MarginaliaDB } from '../../src/db/database';
import { revertGroups } from '../../src/db/history';
import { addDocuments } from '../../src/db/repository';
import { addVersion } from '../../src/db/add-version';
import { annotationsOfVersion } from '../../src/db/versions';
import type { Annotation } from '../../src/model/annotation';
import { freshDb } from './fresh-db';
import { tagQuote, textDocument } from './text-documents';

const TEXT = ['Flood report', 'The river rose four metres overnight, the mayor said.', 'Two bridges were closed and 300 homes lost power.'].join('\n\n');



/** Watches `documentId`; `lists` holds every list handed over, `read` counts the annotations read. */
function follow(db: MarginaliaDB, documentId: string) {
  const lists: (readonly Annotation[])[] = [];
  const errors: unknown[] = [];
  const feed = watchAnnotations(db, documentId, (l) => lists.push(l), (e) => errors.push(e));
  const latest = () => lists.at(-1);
  /** Waits until the latest list equals what a fresh read finds, and returns it sorted by id. */
  const settled = async () => {
    const doc = (await db.documents.get(documentId))!;
    const want = (doc ? await annotationsOfVersion(db, doc) : []).sort((a, b) => (a.id < b.id ? -1 : 1));
    await expect.poll(() => [...(latest() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(want);
    return want;
  };
  return { feed, lists, errors, latest, settled };
}

describe('the annotation feed', () => {
  it('follows tags, edits, deletes and undo by reading back only the records that changed', async () => {
    const db = freshDb();
    const doc = await textDocument(TEXT, 'd1');
    const other = await textDocument(`${TEXT}\n\nA second copy.`, 'd2');
    await addDocuments(db, [doc, other]);
    expect((await tagAnnotation(db, tagQuote(doc, 'claim', 'a1', 'four metres'), 'Ana')).ok).toBe(true);

    const bulkGets: number[] = [];
    const original = db.annotations.bulkGet.bind(db.annotations);
    db.annotations.bulkGet = ((keys: string[]) => {
      bulkGets.push(keys.length);
      return original(keys);
    }) as typeof db.annotations.bulkGet;

    const f = follow(db, 'd1');
    expect((await f.settled()).map((a) => a.id)).toEqual(['a1']);

    const tagged = await tagAnnotation(db, tagQuote(doc, 'entity', 'a2', 'the mayor'), 'Ana');
    expect(tagged.ok).toBe(true);
    await f.settled();
    expect(await updateFields(db, 'a1', { status: 'in-review' }, 'Ana', 'status')).toMatchObject({ ok: true });
    const edited = await f.settled();
    expect(edited.find((a) => a.id === 'a1')!.fields).toMatchObject({ status: 'in-review' });

    // A change to another document is read back and left out.
    expect((await tagAnnotation(db, tagQuote(other, 'claim', 'b1', 'Two bridges'), 'Ana')).ok).toBe(true);
    await f.settled();
    expect(f.latest()!.some((a) => a.id === 'b1')).toBe(false);

    const deleted = await deleteAnnotation(db, 'a2', 'Ana');
    expect(deleted.ok).toBe(true);
    expect((await f.settled()).map((a) => a.id)).toEqual(['a1']);
    const undone = await revertGroups(db, [deleted.ok ? deleted.groupId! : ''], { action: 'undo', reviewer: 'Ana' });
    expect(undone.ok).toBe(true);
    expect((await f.settled()).map((a) => a.id)).toEqual(['a1', 'a2']);

    // Every change was read back record by record: never the whole document again.
    expect(bulkGets.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...bulkGets)).toBeLessThanOrEqual(2);
    expect(f.errors).toEqual([]);
    f.feed.close();
  });

  it('sees changes made through another connection, as another tab would', async () => {
    const db = freshDb();
    const doc = await textDocument(TEXT, 'd1');
    await addDocuments(db, [doc]);
    const f = follow(db, 'd1');
    await f.settled();
    const second = new MarginaliaDB(db.name);
    try {
      expect((await tagAnnotation(second, tagQuote(doc, 'opinion', 'o1', 'the mayor said'), 'Bo')).ok).toBe(true);
      expect((await f.settled()).map((a) => a.id)).toEqual(['o1']);
    } finally {
      second.close();
    }
    f.feed.close();
  });

  it('reads everything again when a new version is added, a table is cleared, and stops when closed', async () => {
    const db = freshDb();
    const v1 = await textDocument(TEXT, 'v1');
    await addDocuments(db, [v1]);
    for (const a of [tagQuote(v1, 'claim', 'a1', 'four metres'), tagQuote(v1, 'claim', 'a2', '300 homes')]) expect((await tagAnnotation(db, a, 'Ana')).ok).toBe(true);
    const onOld = follow(db, 'v1');
    await onOld.settled();
    const v2 = await textDocument(TEXT.replace('four metres', 'five metres'), 'v2');
    expect((await addVersion(db, 'v1', v2, 'Bo')).ok).toBe(true);
    // The old version now shows the annotations of the newest one where they were on it.
    const shown = await onOld.settled();
    expect(shown.map((a) => [a.id, a.textHash])).toEqual([
      ['a1', v1.textHash],
      ['a2', v1.textHash],
    ]);
    const onNew = follow(db, 'v2');
    expect((await onNew.settled()).map((a) => a.id)).toEqual(['a1', 'a2']);

    await db.annotations.clear();
    expect(await onNew.settled()).toEqual([]);
    onNew.feed.close();
    onOld.feed.close();
    const count = onNew.lists.length;
    expect((await tagAnnotation(db, tagQuote(v2, 'claim', 'a3', 'Two bridges'), 'Ana')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(onNew.lists.length).toBe(count);
  });
});


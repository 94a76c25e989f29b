/** The Dexie layer on Chromium's real IndexedDB: one throw-away database per test. */
import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { MarginaliaDB } from '../../src/db/database';
import { dropAfterTest, freshDb } from './fresh-db';
import { readLibrary } from './whole-library';
import {
  addDocuments,
  annotationCounts,
  deleteDocument,
  getDocument,
  listDocuments,
  seedOnce,
  updateDocumentMeta,
} from '../../src/db/repository';
import { describeDbError } from '../../src/db/errors';
import { addEvidence, linkClaims, tagAnnotation } from '../../src/db/actions';
import { createAnnotation } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';


function doc(id: string, title: string, created: string): DocumentRecord {
  return {
    id,
    title,
    sourceUrl: '',
    publisher: 'The Herald',
    author: '',
    publishedDate: '',
    retrievedAt: created,
    format: 'text',
    fileName: `${title}.txt`,
    content: [{ type: 'paragraph', content: [{ text: `Text of ${title} 😀` }] }],
    text: `Text of ${title} 😀`,
    textHash: 'a'.repeat(64),
    length: 10 + title.length,
    created,
    modified: created,
  };
}

const ann = (id: string, documentId: string) =>
  createAnnotation({
    id,
    kind: 'claim',
    documentId,
    textHash: 'a'.repeat(64),
    anchor: { quote: 'Text', prefix: '', suffix: ' of', start: asCodePoint(0), end: asCodePoint(4) },
    creator: 'Ana',
    now: '2026-01-01T00:00:00.000Z',
  });

describe('database', () => {
  it('declares version 4 and its tables', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['annotations', 'carries', 'documents', 'entities', 'events', 'evidence', 'links', 'settings', 'texts']);
  });

  it('stores a document with its text and lists metadata newest first', async () => {
    const db = freshDb();
    await addDocuments(db, [doc('d1', 'First', '2026-01-01T00:00:00.000Z'), doc('d2', 'Second', '2026-01-02T00:00:00.000Z')]);
    const list = await listDocuments(db);
    expect(list.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect('text' in list[0]!).toBe(false);
    const full = await getDocument(db, 'd1');
    expect(full?.text).toBe('Text of First 😀');
    expect(full?.content).toEqual(doc('d1', 'First', '').content);
    expect(await getDocument(db, 'nope')).toBeUndefined();
  });

  it('updates metadata but never the text', async () => {
    const db = freshDb();
    await addDocuments(db, [doc('d1', 'First', '2026-01-01T00:00:00.000Z')]);
    await updateDocumentMeta(db, 'd1', { title: 'Renamed', author: 'Bo' }, '2026-02-01T00:00:00.000Z');
    const full = await getDocument(db, 'd1');
    expect(full?.title).toBe('Renamed');
    expect(full?.author).toBe('Bo');
    expect(full?.modified).toBe('2026-02-01T00:00:00.000Z');
    expect(full?.text).toBe('Text of First 😀');
  });

  it('counts annotations per document and deletes a document with its annotations, evidence and links, logged', async () => {
    const db = freshDb();
    await addDocuments(db, [doc('d1', 'First', '2026-01-01T00:00:00.000Z'), doc('d2', 'Second', '2026-01-02T00:00:00.000Z')]);
    for (const [id, d] of [['a1', 'd1'], ['a2', 'd1'], ['a3', 'd2']] as const) expect((await tagAnnotation(db, ann(id, d), 'Ana')).ok).toBe(true);
    expect((await addEvidence(db, 'a1', { relation: 'supports', url: 'https://example.org', title: 'Source', passage: '', accessed: '2026-01-05' }, 'Ana')).ok).toBe(true);
    // A link from a claim in the other document goes too.
    expect((await linkClaims(db, 'a3', 'a1', 'same', 'Ana')).ok).toBe(true);
    expect(Object.fromEntries(await annotationCounts(db))).toEqual({ d1: 2, d2: 1 });
    const eventsBefore = await db.events.count();
    await deleteDocument(db, 'd1', 'Bo');
    expect(await getDocument(db, 'd1')).toBeUndefined();
    expect(await db.annotations.count()).toBe(1);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.links.count()).toBe(0);
    const logged = (await db.events.toArray()).filter((e) => e.action === 'delete document');
    expect(await db.events.count()).toBe(eventsBefore + logged.length);
    expect(logged.every((e) => e.op === 'delete' && e.reviewer === 'Bo')).toBe(true);
    expect(logged.filter((e) => e.table === 'annotations').map((e) => e.targetId).sort()).toEqual(['a1', 'a2']);
    expect(logged.filter((e) => e.table === 'evidence')).toHaveLength(1);
    expect(logged.filter((e) => e.table === 'links')).toHaveLength(1);
    const lib = await readLibrary(db);
    expect(lib.documents.map((d) => d.id)).toEqual(['d2']);
    expect(lib.annotations.map((a) => a.id)).toEqual(['a3']);
  });

  it('seeds sample documents once, even when two connections race', async () => {
    const db = freshDb();
    const other = dropAfterTest(new MarginaliaDB(db.name));
    let n = 0;
    const make = () => [doc(`s${n++}`, `Sample ${n}`, '2026-01-01T00:00:00.000Z')];
    const results = await Promise.all([seedOnce(db, make), seedOnce(other, make)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.documents.count()).toBe(1);
    await db.documents.clear();
    expect(await seedOnce(db, make)).toBe(false);
  });

  it('rolls back a failed write and keeps what was stored', async () => {
    const db = freshDb();
    await addDocuments(db, [doc('d1', 'First', '2026-01-01T00:00:00.000Z')]);
    const error = await addDocuments(db, [doc('d2', 'Second', '2026-01-01T00:00:00.000Z'), doc('d1', 'Dup', '2026-01-01T00:00:00.000Z')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(describeDbError(error, 'store the file')).toMatch(/Could not store the file/);
    expect((await listDocuments(db)).map((d) => d.id)).toEqual(['d1']);
    expect((await getDocument(db, 'd1'))?.title).toBe('First');
  });

  it('describes a full disk and a closed database in words a reviewer can act on', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(describeDbError(quota, 'save')).toMatch(/storage for this site is full.*Nothing already stored was lost/);
    const closed = Object.assign(new Error('closed'), { name: 'DatabaseClosedError' });
    expect(describeDbError(closed, 'save')).toMatch(/another tab.*Reload/);
  });
});

describe('each table\'s middleware chain (db/table-memo.ts)', () => {
  it('is built once per open and used by every transaction', async () => {
    const db = freshDb();
    await db.open();
    const annotations = db.core.table('annotations');
    expect(db.core.table('annotations')).toBe(annotations);
    expect(db.core.table('events')).not.toBe(annotations);
    const inWrite = await db.transaction('rw', db.annotations, (tx) => tx.table('annotations').core);
    const inRead = await db.transaction('r', db.annotations, (tx) => tx.table('annotations').core);
    expect(inWrite).toBe(annotations);
    expect(inRead).toBe(annotations);
    db.close();
    await db.open();
    expect(db.core.table('annotations')).not.toBe(annotations); // a reopened database builds its own
  });

  it('still notifies live queries and runs hooks after a reopen', async () => {
    const db = freshDb();
    await db.open();
    db.close();
    await db.open();
    const seen: number[] = [];
    const subscription = liveQuery(() => db.annotations.count()).subscribe((n) => seen.push(n));
    try {
      await expect.poll(() => seen.at(-1)).toBe(0);
      const created: string[] = [];
      const onCreate = (_key: unknown, record: { id: string }) => void created.push(record.id);
      db.annotations.hook('creating', onCreate);
      const result = await tagAnnotation(db, ann('a1', 'd1'), 'Ana');
      db.annotations.hook('creating').unsubscribe(onCreate);
      expect(result.ok).toBe(true);
      expect(created).toEqual(['a1']);
      await expect.poll(() => seen.at(-1)).toBe(1);
    } finally {
      subscription.unsubscribe();
    }
  });
});

describe('another tab upgrading the database', () => {
  it('closes this connection at once, says so, and the upgrade goes through with nothing lost', async () => {
    const { guardConnection, UPGRADED_ELSEWHERE } = await import('../../src/db/connection');
    const db = freshDb();
    const messages: string[] = [];
    guardConnection(db, (m) => messages.push(m));
    await addDocuments(db, [doc('d1', 'First', '2026-01-01T00:00:00.000Z')]);
    // A newer version of the app in another tab opens the same database at a higher version.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(db.name, 100);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('upgrade blocked by the old connection'));
    });
    expect(messages).toEqual([UPGRADED_ELSEWHERE]);
    expect(db.isOpen()).toBe(false);
    const count = await new Promise<number>((resolve) => {
      const req = upgraded.transaction('documents').objectStore('documents').count();
      req.onsuccess = () => resolve(req.result);
    });
    expect(count).toBe(1);
    upgraded.close();
    // Writing through the closed connection fails with a message a reviewer can act on.
    const error = await db.documents.put({ ...doc('d2', 'Second', '') }).catch((e: unknown) => e);
    expect(describeDbError(error, 'save')).toMatch(/another tab|Reload|refused/);
  });
});

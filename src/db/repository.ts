/**
 * Reading and writing the library. Every function takes the database as its first argument so tests
 * can use a throw-away database. One user action is one transaction.
 */
import type { Annotation } from '../model/annotation';
import type { DocumentMeta, DocumentRecord } from '../model/document';
import type { AnnotationChange } from '../model/change';
import type { DocumentSummary, MarginaliaDB } from './database';

function split(doc: DocumentRecord): { summary: DocumentSummary; text: { documentId: string; textHash: string; content: DocumentRecord['content']; text: string } } {
  const { content, text, ...summary } = doc;
  return { summary, text: { documentId: doc.id, textHash: doc.textHash, content, text } };
}

/** Store new documents (metadata and text) in one transaction. */
export async function addDocuments(db: MarginaliaDB, docs: readonly DocumentRecord[]): Promise<void> {
  await db.transaction('rw', db.documents, db.texts, async () => {
    const parts = docs.map(split);
    await db.documents.bulkAdd(parts.map((p) => p.summary));
    await db.texts.bulkAdd(parts.map((p) => p.text));
  });
}

/** A whole document with its text, or undefined when there is none with that id. */
export async function getDocument(db: MarginaliaDB, id: string): Promise<DocumentRecord | undefined> {
  return db.transaction('r', db.documents, db.texts, async () => {
    const [summary, text] = await Promise.all([db.documents.get(id), db.texts.get(id)]);
    if (!summary || !text) return undefined;
    return { ...summary, content: text.content, text: text.text };
  });
}

/** Every document's metadata, newest first. */
export async function listDocuments(db: MarginaliaDB): Promise<DocumentSummary[]> {
  const docs = await db.documents.orderBy('created').reverse().toArray();
  return docs;
}

/** Update a document's metadata. The text itself can never be changed. */
export async function updateDocumentMeta(db: MarginaliaDB, id: string, patch: Partial<DocumentMeta>, now: string): Promise<void> {
  const allowed: (keyof DocumentMeta)[] = ['title', 'sourceUrl', 'publisher', 'author', 'publishedDate', 'retrievedAt'];
  const changes: Partial<DocumentSummary> = { modified: now };
  for (const key of allowed) if (patch[key] !== undefined) changes[key] = patch[key];
  await db.documents.update(id, changes);
}

/** Delete a document, its text and its annotations in one transaction. */
export async function deleteDocument(db: MarginaliaDB, id: string): Promise<void> {
  await db.transaction('rw', db.documents, db.texts, db.annotations, async () => {
    await db.annotations.where('documentId').equals(id).delete();
    await db.texts.delete(id);
    await db.documents.delete(id);
  });
}

/** A document's annotations, in no particular order. */
export function annotationsOf(db: MarginaliaDB, documentId: string): Promise<Annotation[]> {
  return db.annotations.where('documentId').equals(documentId).toArray();
}

/** Number of annotations per document id. */
export async function annotationCounts(db: MarginaliaDB): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.annotations.orderBy('documentId').eachKey((key) => {
    const id = String(key);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

/** The stored annotation is not the one a change was made against: applying it would overwrite another change. */
export class ChangeConflictError extends Error {
  override name = 'ChangeConflictError';
}

/**
 * Apply one annotation change (create, update or delete) in one transaction, but only onto the state
 * it was made against: an update or delete needs the stored record to be `before` (same `modified`),
 * a create needs no record with that id. Otherwise nothing is written and ChangeConflictError is
 * thrown, so an undo in one tab never silently overwrites what another tab did since.
 */
export async function applyChange(db: MarginaliaDB, change: AnnotationChange): Promise<void> {
  await db.transaction('rw', db.annotations, async () => {
    const id = change.type === 'create' ? change.after.id : change.before.id;
    const stored = await db.annotations.get(id);
    const expected = change.type === 'create' ? undefined : change.before.modified;
    if (stored?.modified !== expected) {
      throw new ChangeConflictError(`Annotation ${id} is ${stored ? `at ${stored.modified}` : 'gone'}, not ${expected ?? 'absent'} as the change expects`);
    }
    if (change.type === 'delete') await db.annotations.delete(id);
    else await db.annotations.put(change.after);
  });
}

/** Everything in the library, for export. */
export async function readLibrary(db: MarginaliaDB): Promise<{ documents: DocumentRecord[]; annotations: Annotation[] }> {
  return db.transaction('r', db.documents, db.texts, db.annotations, async () => {
    const [summaries, texts, annotations] = await Promise.all([db.documents.toArray(), db.texts.toArray(), db.annotations.toArray()]);
    const byId = new Map(texts.map((t) => [t.documentId, t]));
    const documents: DocumentRecord[] = [];
    for (const s of summaries) {
      const t = byId.get(s.id);
      if (t) documents.push({ ...s, content: t.content, text: t.text });
    }
    return { documents, annotations };
  });
}

/** Read a setting, or `fallback` when it was never set. */
export async function getSetting<T>(db: MarginaliaDB, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(db: MarginaliaDB, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/**
 * Add the sample documents once, the first time the app opens on an empty database. The flag and the
 * documents are written in one transaction, so two tabs opening at once cannot both seed.
 * Returns true when this call seeded.
 */
export async function seedOnce(db: MarginaliaDB, makeSamples: () => DocumentRecord[]): Promise<boolean> {
  return db.transaction('rw', db.documents, db.texts, db.settings, async () => {
    if (await db.settings.get('seeded')) return false;
    const samples = makeSamples();
    const parts = samples.map(split);
    await db.documents.bulkAdd(parts.map((p) => p.summary));
    await db.texts.bulkAdd(parts.map((p) => p.text));
    await db.settings.put({ key: 'seeded', value: new Date().toISOString() });
    return true;
  });
}

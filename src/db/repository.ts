/**
 * Reading and writing the library. Every function takes the database as its first argument so tests
 * can use a throw-away database. One user action is one transaction.
 */
import type { LibraryRecords } from '../model/library';
import type { Annotation } from '../model/annotation';
import { versionInfo, type DocumentMeta, type DocumentRecord } from '../model/document';
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from '../model/claim';
import type { EntityRecord } from '../model/entity';
import type { RecordChange } from '../model/history';
import type { DocumentSummary, MarginaliaDB } from './database';
import { linksTouching } from './claim-rules';
import { historyTables, runAction } from './history';
import { settleCarries } from './carry';

/** The settings key of the verdict scale (Settings; model/claim.ts holds the default). */
export const VERDICT_SCALE_KEY = 'verdictScale';

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
  // One row per article: its newest version (older ones are reached from it).
  return docs.filter((d) => !d.nextVersionId);
}

/** Update a document's metadata. The text itself can never be changed. */
export async function updateDocumentMeta(db: MarginaliaDB, id: string, patch: Partial<DocumentMeta>, now: string): Promise<void> {
  const allowed: (keyof DocumentMeta)[] = ['title', 'sourceUrl', 'publisher', 'author', 'publishedDate', 'retrievedAt'];
  const changes: Partial<DocumentSummary> = { modified: now };
  for (const key of allowed) if (patch[key] !== undefined) changes[key] = patch[key];
  await db.documents.update(id, changes);
}

/**
 * Delete a document with all its versions, their texts and the annotations with their evidence and
 * links (also links from claims in other documents) in one transaction. The annotations' deletion is
 * logged in the history.
 */
export async function deleteDocument(db: MarginaliaDB, id: string, reviewer: string): Promise<void> {
  await db.transaction('rw', [db.documents, db.texts, db.carries, ...historyTables(db)], async () => {
    const doc = await db.documents.get(id);
    const lineage = doc ? versionInfo(doc).lineageId : id;
    const versionIds = [...new Set([id, lineage, ...(await db.documents.where('lineageId').equals(lineage).primaryKeys())])];
    const result = await runAction(db, { action: 'delete document', reviewer }, async () => {
      const annotations = await db.annotations.where('documentId').anyOf(versionIds).toArray();
      const changes: RecordChange[] = [];
      const ids = annotations.map((a) => a.id);
      for (const e of await db.evidence.where('claimId').anyOf(ids).toArray()) changes.push({ table: 'evidence', op: 'delete', before: e });
      for (const l of await linksTouching(db, ids)) changes.push({ table: 'links', op: 'delete', before: l });
      for (const a of annotations) changes.push({ table: 'annotations', op: 'delete', before: a });
      return changes;
    });
    if (!result.ok) throw new Error(result.message);
    await db.texts.bulkDelete(versionIds);
    await db.documents.bulkDelete(versionIds);
    // A carry onto one of them has nothing left to move (its annotations were deleted above, waiting or not).
    await db.carries.bulkDelete(versionIds);
  });
}

/** A document's annotations, in no particular order. */
export function annotationsOf(db: MarginaliaDB, documentId: string): Promise<Annotation[]> {
  return db.annotations.where('documentId').equals(documentId).toArray();
}

/** Number of annotations per document id. */
export async function annotationCounts(db: MarginaliaDB): Promise<Map<string, number>> {
  return db.transaction('r', [db.annotations, db.carries], async () => {
    const counts = new Map<string, number>();
    await db.annotations.orderBy('documentId').eachKey((key) => {
      const id = String(key);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    // Annotations still waiting for a carry (db/carry.ts) count on the version they are moving to.
    await db.carries.orderBy('fromDocumentId').eachKey((from, cursor) => {
      const waiting = counts.get(String(from)) ?? 0;
      const to = String(cursor.primaryKey);
      counts.set(to, (counts.get(to) ?? 0) + waiting);
      counts.delete(String(from));
    });
    return counts;
  });
}

/** Everything a native export holds. */
export interface LibraryContents extends LibraryRecords {
  verdictScale: VerdictScale;
}

/**
 * One article as a native export holds it: every version of the document (with its text), the
 * annotations (they live on the newest version and remember their anchors on older ones), their
 * evidence and links (a link to a claim in another document is kept; that claim is not), the entities
 * they point at, and the history events that concern any of these. The same from any version.
 */
export async function readDocumentContents(db: MarginaliaDB, doc: DocumentRecord): Promise<LibraryContents> {
  // Every annotation on its version and every move in the history, as the export says.
  await settleCarries(db);
  return db.transaction('r', [db.documents, db.texts, db.settings, ...historyTables(db)], async () => {
    const lineage = versionInfo(doc).lineageId;
    const versionIds = [...new Set([doc.id, lineage, ...(await db.documents.where('lineageId').equals(lineage).primaryKeys())])];
    const documents: DocumentRecord[] = [];
    for (const id of versionIds) {
      const [summary, text] = id === doc.id ? [doc, doc] : await Promise.all([db.documents.get(id), db.texts.get(id)]);
      if (summary && text) documents.push({ ...summary, content: text.content, text: text.text });
    }
    const annotations = await db.annotations.where('documentId').anyOf(versionIds).toArray();
    const ids = annotations.map((a) => a.id);
    const evidence = await db.evidence.where('claimId').anyOf(ids).toArray();
    const links = await linksTouching(db, ids);
    const entityIds = new Set<string>();
    for (const a of annotations) {
      if (a.kind === 'entity' && a.fields.entityId) entityIds.add(a.fields.entityId);
      if ((a.kind === 'claim' || a.kind === 'opinion') && a.fields.attribution) entityIds.add(a.fields.attribution.entityId);
    }
    const entities = (await db.entities.bulkGet([...entityIds])).filter((e): e is EntityRecord => e !== undefined);
    const subjects = [...ids, ...evidence.map((e) => e.id), ...links.map((l) => l.id), ...entityIds];
    const events = await db.events.where('subjects').anyOf(subjects).distinct().toArray();
    const verdictScale = await getSetting(db, VERDICT_SCALE_KEY, DEFAULT_VERDICT_SCALE);
    return { documents, annotations, entities, evidence, links, events, verdictScale };
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

/**
 * Reading the versions of a document. The text is the record and is never edited: a revised article
 * is a new document record linked to the previous one (add-version.ts stores it and carries the
 * annotations). Annotations belong to the newest version (or are on their way to it: db/carry.ts);
 * each keeps its anchor on every earlier version (priorAnchors), so an older version still shows its
 * annotations as they were.
 */
import type { Annotation } from '../model/annotation';
import type { CarryRecord } from '../model/carry';
import { versionInfo } from '../model/document';
import type { DocumentSummary, MarginaliaDB } from './database';
import { readCarried } from './carry';

/** Every version of the article `doc` belongs to, oldest first. */
export async function versionsOf(db: MarginaliaDB, doc: DocumentSummary): Promise<DocumentSummary[]> {
  const { lineageId } = versionInfo(doc);
  const found = await db.documents.where('lineageId').equals(lineageId).toArray();
  if (!found.some((d) => d.id === doc.id)) found.push(doc);
  return found.sort((a, b) => versionInfo(a).version - versionInfo(b).version);
}

/** The newest version of the article `doc` belongs to (the one its annotations live on). */
export async function newestVersionOf(db: MarginaliaDB, doc: DocumentSummary): Promise<DocumentSummary> {
  let current = doc;
  for (let guard = 0; current.nextVersionId && guard < 10_000; guard++) {
    const next = await db.documents.get(current.nextVersionId);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The annotations of one version as they sit on its text. On the newest version: its annotations,
 * orphans included (their textHash is not this text's), and those its carry has not moved yet, moved
 * (db/carry.ts). On an older version: the annotations that were on it, with the anchor they had there.
 */
export async function annotationsOfVersion(db: MarginaliaDB, doc: DocumentSummary): Promise<Annotation[]> {
  return (await readVersion(db, doc)).annotations;
}

/**
 * The document `documentId` and `readVersion` of it, or undefined when there is none. The document
 * and the annotations are asked for in one transaction, the annotations without waiting for the
 * document (the newest version's: the one usually shown); an older version then reads its newest
 * version's annotations.
 */
export async function readDocumentVersion(db: MarginaliaDB, documentId: string): Promise<({ doc: DocumentSummary } & Awaited<ReturnType<typeof readVersion>>) | undefined> {
  const [doc, read] = await db.transaction('r', [db.documents, db.annotations, db.carries], () => Promise.all([db.documents.get(documentId), readCarried(db, documentId)]));
  if (!doc) return undefined;
  if (!doc.nextVersionId) return { doc, ...read };
  return { doc, ...(await readVersion(db, doc)) };
}

/** `annotationsOfVersion`, with the carry moving annotations onto `doc` while one is pending. */
export async function readVersion(db: MarginaliaDB, doc: DocumentSummary): Promise<{ annotations: Annotation[]; carry: CarryRecord | undefined }> {
  const newest = doc.nextVersionId ? await newestVersionOf(db, doc) : doc;
  const read = await db.transaction('r', [db.annotations, db.carries], () => readCarried(db, newest.id));
  if (newest.id === doc.id) return read;
  const out: Annotation[] = [];
  for (const a of read.annotations) {
    const prior = a.priorAnchors?.find((p) => p.documentId === doc.id);
    if (prior) out.push({ ...a, textHash: prior.textHash, anchor: prior.anchor });
  }
  return { annotations: out, carry: undefined };
}

/**
 * Storing a new version of a document and carrying every annotation to it, as one logged action, each
 * recording how it was placed: exact, moved, fuzzy with its score, or orphan; and re-attaching an
 * orphan. The computation (anchoring/reanchor-all.ts) runs between reading and writing, in a Web
 * Worker in the app (src/workers), so the write takes precomputed results: `prepareVersion` reads,
 * `storeVersion` writes in one transaction and refuses when anything it read changed meanwhile.
 * `addVersion` does all three on the calling thread (tests). Loaded on demand by the UI.
 */
import type { AnchoringStatus, Anchor, Annotation } from '../model/annotation';
import { versionInfo, type DocumentRecord } from '../model/document';
import type { RecordChange } from '../model/history';
import { reanchorAll, type Carried, type CarryInput } from '../anchoring/reanchor-all';
import type { DocumentSummary, MarginaliaDB } from './database';
import { historyTables, runAction, type ActionResult } from './history';

export type VersionResult =
  | { ok: true; documentId: string; version: number; counts: Record<AnchoringStatus, number> }
  | { ok: false; message: string };

/** What re-anchoring needs, read from the previous version: its text and its annotations as read. */
export interface PreparedVersion {
  ok: true;
  oldText: string;
  annotations: Annotation[];
  /** One per annotation, in the same order. */
  inputs: CarryInput[];
}

const EMPTY_COUNTS = (): Record<AnchoringStatus, number> => ({ exact: 0, moved: 0, fuzzy: 0, orphan: 0, reattached: 0 });

/** Why `next` cannot become the new version of `prev` (refusals that change nothing), or null. */
function refusal(prev: DocumentSummary | undefined, hasText: boolean, next: DocumentRecord): string | null {
  if (!prev || !hasText) return 'The document no longer exists (deleted, perhaps in another tab).';
  const info = versionInfo(prev);
  if (info.nextVersionId) return `Version ${info.version} already has a newer version: import the revision onto the newest one.`;
  if (next.textHash === prev.textHash) return `This text is identical to version ${info.version} (same SHA-256): there is nothing new to store.`;
  return null;
}

/** Read what carrying the annotations of `previousId` to `next` needs, or why it is refused. */
export async function prepareVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord): Promise<PreparedVersion | { ok: false; message: string }> {
  return db.transaction('r', [db.documents, db.texts, db.annotations], async () => {
    const prev = await db.documents.get(previousId);
    const prevText = await db.texts.get(previousId);
    const refused = refusal(prev, prevText !== undefined, next);
    if (refused || !prev || !prevText) return { ok: false as const, message: refused ?? '' };
    const annotations = await db.annotations.where('documentId').equals(previousId).toArray();
    // An orphan of the previous version was not on its text: it is searched for without a starting place.
    const inputs = annotations.map((a) => ({ anchor: a.anchor, onOldText: a.textHash === prev.textHash }));
    return { ok: true as const, oldText: prevText.text, annotations, inputs };
  });
}

/**
 * Store `next` (a parsed document, not yet stored) as the new version of `previousId` and write the
 * precomputed `carried` results (one per annotation of `read`, in order), in one transaction, as one
 * logged action. Refused, changing nothing, when `previousId` already has a newer version, when the
 * text is the same, or when its annotations changed since `read` (added, deleted or edited, perhaps in
 * another tab): the results would be stale.
 * @throws RangeError when `carried` does not match `read` (a programmer error).
 */
export async function storeVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, reviewer: string, read: readonly Annotation[], carried: readonly Carried[]): Promise<VersionResult> {
  if (carried.length !== read.length) throw new RangeError(`${carried.length} re-anchoring results for ${read.length} annotations`);
  return db.transaction('rw', [db.documents, db.texts, ...historyTables(db)], async () => {
    const prev = await db.documents.get(previousId);
    const prevText = await db.texts.get(previousId);
    const refused = refusal(prev, prevText !== undefined, next);
    if (refused || !prev) return { ok: false as const, message: refused ?? '' };
    const info = versionInfo(prev);
    const now = await db.annotations.where('documentId').equals(previousId).toArray();
    const readAt = new Map(read.map((a) => [a.id, a.modified]));
    if (now.length !== read.length || now.some((a) => readAt.get(a.id) !== a.modified)) {
      return { ok: false as const, message: `The annotations of version ${info.version} changed while they were being re-anchored (perhaps in another tab): nothing was stored. Import the revision again.` };
    }

    const version = info.version + 1;
    const { content, text, ...rest } = next;
    const summary: DocumentSummary = {
      ...rest,
      // What the reviewer recorded about the article carries over; the text and its retrieval are new.
      title: prev.title,
      sourceUrl: prev.sourceUrl,
      publisher: prev.publisher,
      author: prev.author,
      publishedDate: prev.publishedDate,
      lineageId: info.lineageId,
      version,
      previousVersionId: prev.id,
      nextVersionId: null,
      created: next.created,
      modified: next.created,
    };
    await db.documents.add(summary);
    await db.texts.add({ documentId: next.id, textHash: next.textHash, content, text });
    await db.documents.update(prev.id, { lineageId: info.lineageId, version: info.version, nextVersionId: next.id });

    const counts = EMPTY_COUNTS();
    // One event per annotation, holding its five changed fields (not five events): 10,000 annotations
    // are 20,000 records to write instead of 60,000.
    const result = await runAction(db, { action: `re-anchor onto version ${version}`, reviewer, oneEventPerRecord: true }, async (at) => {
      const changes: RecordChange[] = [];
      read.forEach((a, i) => {
        const { result: r, anchor: placed } = carried[i]!;
        counts[r.status]++;
        const wasPlaced = a.textHash === prev.textHash;
        const anchor: Anchor = placed ?? a.anchor;
        const after: Annotation = {
          ...a,
          documentId: next.id,
          textHash: placed ? next.textHash : a.textHash,
          anchor,
          anchoring: { status: r.status, ...(r.status === 'fuzzy' ? { score: r.score } : {}), fromDocumentId: prev.id, at },
          // An orphan of the previous version was not on it: it has no anchor there to remember.
          priorAnchors: wasPlaced ? [...(a.priorAnchors ?? []), { documentId: prev.id, textHash: a.textHash, anchor: a.anchor }] : (a.priorAnchors ?? []),
          modified: at,
        };
        changes.push({ table: 'annotations', op: 'update', before: a, after });
      });
      return changes;
    });
    if (!result.ok) throw new Error(result.message);
    return { ok: true as const, documentId: next.id, version, counts };
  });
}

/**
 * Store `next` as the new version of `previousId` and carry every annotation onto it, computing on the
 * calling thread (the app computes in a Web Worker between prepareVersion and storeVersion).
 */
export async function addVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, reviewer: string): Promise<VersionResult> {
  const prepared = await prepareVersion(db, previousId, next);
  if (!prepared.ok) return prepared;
  const { carried } = reanchorAll(prepared.oldText, next.text, prepared.inputs);
  return storeVersion(db, previousId, next, reviewer, prepared.annotations, carried);
}

/** Re-attach an annotation (an orphan, or a doubtful fuzzy match) to a span of its document's current text. */
export function reattach(db: MarginaliaDB, id: string, anchor: Anchor, textHash: string, reviewer: string): Promise<ActionResult> {
  return runAction(db, { action: 're-attach annotation', reviewer }, async (now) => {
    const stored = await db.annotations.get(id);
    if (!stored) return 'This annotation no longer exists: it was deleted, perhaps in another tab.';
    const from = stored.anchoring?.fromDocumentId ?? stored.documentId;
    return [{ table: 'annotations', op: 'update', before: stored, after: { ...stored, anchor, textHash, anchoring: { status: 'reattached', fromDocumentId: from, at: now }, modified: now } }];
  });
}

/**
 * Storing a new version of a document and carrying every annotation to it, each recording how it was
 * placed: exact, moved, fuzzy with its score, or orphan; and re-attaching an orphan. The computation
 * (anchoring/reanchor-all.ts) runs between reading and writing, in a Web Worker in the app
 * (src/workers), so the write takes precomputed results: `prepareVersion` reads, `storeVersion`
 * stores the version with its carry (model/carry.ts) in one transaction and refuses when anything it
 * read changed meanwhile; db/carry.ts then moves the annotation records, a batch per transaction, as
 * one logged action. `addVersion` does it all on the calling thread (tests). Loaded on demand by the UI.
 */
import type { AnchoringStatus, Anchor, Annotation } from '../model/annotation';
import { carryMove, movesById, resolveCarried, type CarryMove, type CarryRecord } from '../model/carry';
import { versionInfo, type DocumentRecord } from '../model/document';
import { newId } from '../model/ids';
import { reanchorAll, type Carried, type CarryInput } from '../anchoring/reanchor-all';
import type { DocumentSummary, MarginaliaDB } from './database';
import { carryAnnotations, settleCarries } from './carry';
import { actionTime, historyTables, runAction, type ActionResult } from './history';

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

/**
 * Read what carrying the annotations of `previousId` to `next` needs, or why it is refused. `shown`:
 * the annotations of `previousId` as the reader holds them (the feed keeps them equal to what is
 * stored), which then need not be read again: 10,000 of them take a fifth of a second to read. A list
 * that lags what is stored is safe: `storeVersion` refuses when the ids differ, and a move computed
 * from an anchor that has since changed is not applied (model/carry.ts).
 */
export async function prepareVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, shown?: readonly Annotation[]): Promise<PreparedVersion | { ok: false; message: string }> {
  // The annotations of `previousId` must all be on it, not still on its previous version.
  await settleCarries(db);
  return db.transaction('r', [db.documents, db.texts, db.annotations], async () => {
    const prev = await db.documents.get(previousId);
    const prevText = await db.texts.get(previousId);
    const refused = refusal(prev, prevText !== undefined, next);
    if (refused || !prev || !prevText) return { ok: false as const, message: refused ?? '' };
    const annotations = shown ? [...shown] : await db.annotations.where('documentId').equals(previousId).toArray();
    // An orphan of the previous version was not on its text: it is searched for without a starting place.
    const inputs = annotations.map((a) => ({ anchor: a.anchor, onOldText: a.textHash === prev.textHash }));
    return { ok: true as const, oldText: prevText.text, annotations, inputs };
  });
}

/**
 * Store `next` (a parsed document, not yet stored) as the new version of `previousId`, with the
 * precomputed `carried` results (one per annotation of `read`, in order) as its carry
 * (model/carry.ts), in one transaction: from its commit the new version is complete, its annotations
 * read through the carry. The annotation records and their history events are then written by
 * `carryAnnotations` (db/carry.ts), a batch per transaction. Refused, changing nothing, when
 * `previousId` already has a newer version, when the text is the same, or when annotations were added
 * or deleted since `read` (perhaps in another tab): the results would be stale.
 * @throws RangeError when `carried` does not match `read` (a programmer error).
 */
export async function storeVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, reviewer: string, read: readonly Annotation[], carried: readonly Carried[]): Promise<VersionResult> {
  if (carried.length !== read.length) throw new RangeError(`${carried.length} re-anchoring results for ${read.length} annotations`);
  return db.transaction('rw', [db.documents, db.texts, db.annotations, db.carries], async () => {
    const [prev, hasText, stillCarried] = await Promise.all([
      db.documents.get(previousId),
      db.texts.where(':id').equals(previousId).count(),
      db.carries.where(':id').equals(previousId).count(),
    ]);
    const refused = refusal(prev, hasText > 0, next);
    if (refused || !prev) return { ok: false as const, message: refused ?? '' };
    const info = versionInfo(prev);
    // Its own annotations are still being moved onto it (prepareVersion waits for that): they were not all read.
    if (stillCarried > 0) return { ok: false as const, message: `The annotations of version ${info.version} are still being moved onto it: nothing was stored. Import the revision again.` };
    // Only their ids are compared: an annotation added or deleted meanwhile makes the results stale;
    // one edited meanwhile is carried with its edit, and one re-attached meanwhile moves as an orphan
    // (model/carry.ts movedAnnotation), so the whole set need not be read again.
    const ids = await db.annotations.where('documentId').equals(previousId).primaryKeys();
    const readIds = new Set(read.map((a) => a.id));
    if (ids.length !== read.length || ids.some((id) => !readIds.has(id))) {
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
    const moves: CarryMove[] = read.map((a, i) => {
      const { result: r, anchor } = carried[i]!;
      counts[r.status]++;
      return carryMove(a.id, a.anchor, r, anchor);
    });
    if (moves.length > 0) {
      const carry: CarryRecord = {
        documentId: next.id,
        textHash: next.textHash,
        fromDocumentId: prev.id,
        fromTextHash: prev.textHash,
        at: actionTime(),
        reviewer,
        action: `re-anchor onto version ${version}`,
        groupId: newId(),
        moves,
      };
      await db.carries.add(carry);
    }
    return { ok: true as const, documentId: next.id, version, counts };
  });
}

/**
 * Store `next` as the new version of `previousId` and carry every annotation onto it, computing on the
 * calling thread (the app computes in a Web Worker between prepareVersion and storeVersion), and
 * writing the moved records before returning.
 */
export async function addVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, reviewer: string): Promise<VersionResult> {
  const prepared = await prepareVersion(db, previousId, next);
  if (!prepared.ok) return prepared;
  const { carried } = reanchorAll(prepared.oldText, next.text, prepared.inputs);
  const stored = await storeVersion(db, previousId, next, reviewer, prepared.annotations, carried);
  if (stored.ok) await carryAnnotations(db, stored.documentId);
  return stored;
}

/**
 * Re-attach an annotation (an orphan, or a doubtful fuzzy match) to a span of its document's current
 * text. One still waiting for a carry is moved by it in the same change, so it lands on the new version.
 */
export async function reattach(db: MarginaliaDB, id: string, anchor: Anchor, textHash: string, reviewer: string): Promise<ActionResult> {
  return db.transaction('rw', [...historyTables(db), db.carries], async () => {
    const waiting = await db.annotations.get(id);
    const carry = waiting ? await db.carries.where('fromDocumentId').equals(waiting.documentId).first() : undefined;
    return runAction(db, { action: 're-attach annotation', reviewer }, async (now) => {
      const record = await db.annotations.get(id);
      if (!record) return 'This annotation no longer exists: it was deleted, perhaps in another tab.';
      const stored = carry ? resolveCarried(record, carry, movesById(carry)) : record;
      const from = stored.anchoring?.fromDocumentId ?? stored.documentId;
      return [{ table: 'annotations', op: 'update', before: record, after: { ...stored, anchor, textHash, anchoring: { status: 'reattached', fromDocumentId: from, at: now }, modified: now } }];
    });
  });
}

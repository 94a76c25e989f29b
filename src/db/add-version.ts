/**
 * Storing a new version of a document and carrying every annotation to it (anchoring/reanchor.ts) in
 * the same transaction, as one logged action, each recording how it was placed: exact, moved, fuzzy
 * with its score, or orphan; and re-attaching an orphan. Loaded on demand by the UI (the approximate
 * matcher is not needed to read and annotate).
 */
import type { AnchoringStatus, Anchor, Annotation } from '../model/annotation';
import { versionInfo, type DocumentRecord } from '../model/document';
import type { RecordChange } from '../model/history';
import { asCodePoint } from '../model/units';
import { createCodePointIndex } from '../anchoring/code-points';
import { describeSpan } from '../anchoring/describe';
import { reanchor } from '../anchoring/reanchor';
import type { DocumentSummary, MarginaliaDB } from './database';
import { historyTables, runAction, type ActionResult } from './history';

export type VersionResult =
  | { ok: true; documentId: string; version: number; counts: Record<AnchoringStatus, number> }
  | { ok: false; message: string };

const EMPTY_COUNTS = (): Record<AnchoringStatus, number> => ({ exact: 0, moved: 0, fuzzy: 0, orphan: 0, reattached: 0 });

/**
 * Store `next` (a parsed document, not yet stored) as the new version of `previousId` and carry every
 * annotation onto it, in one transaction. Refused when `previousId` already has a newer version or
 * when the text is the same.
 */
export async function addVersion(db: MarginaliaDB, previousId: string, next: DocumentRecord, reviewer: string): Promise<VersionResult> {
  return db.transaction('rw', [db.documents, db.texts, ...historyTables(db)], async () => {
    const prev = await db.documents.get(previousId);
    const prevText = await db.texts.get(previousId);
    if (!prev || !prevText) return { ok: false as const, message: 'The document no longer exists (deleted, perhaps in another tab).' };
    const info = versionInfo(prev);
    if (info.nextVersionId) return { ok: false as const, message: `Version ${info.version} already has a newer version: import the revision onto the newest one.` };
    if (next.textHash === prev.textHash) return { ok: false as const, message: `This text is identical to version ${info.version} (same SHA-256): there is nothing new to store.` };

    const now = next.created;
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
      created: now,
      modified: now,
    };
    await db.documents.add(summary);
    await db.texts.add({ documentId: next.id, textHash: next.textHash, content, text });
    await db.documents.update(prev.id, { lineageId: info.lineageId, version: info.version, nextVersionId: next.id });

    const counts = EMPTY_COUNTS();
    const result = await runAction(db, { action: `re-anchor onto version ${version}`, reviewer }, async (at) => {
      const annotations = await db.annotations.where('documentId').equals(prev.id).toArray();
      const index = createCodePointIndex(text);
      const scale = prevText.text.length > 0 ? text.length / prevText.text.length : 1;
      const oldIndex = createCodePointIndex(prevText.text);
      const changes: RecordChange[] = [];
      for (const a of annotations) {
        const wasPlaced = a.textHash === prev.textHash;
        const expectedUtf16 = wasPlaced && a.anchor.start <= oldIndex.length ? Math.round(oldIndex.toUtf16(a.anchor.start) * scale) : undefined;
        const r = reanchor(text, a.anchor, { index, expectedUtf16 });
        counts[r.status]++;
        const anchor: Anchor = r.status === 'orphan' ? a.anchor : describeSpan(text, index, r.start, asCodePoint(r.end));
        const after: Annotation = {
          ...a,
          documentId: next.id,
          textHash: r.status === 'orphan' ? a.textHash : next.textHash,
          anchor,
          anchoring: { status: r.status, ...(r.status === 'fuzzy' ? { score: r.score } : {}), fromDocumentId: prev.id, at },
          // An orphan of the previous version was not on it: it has no anchor there to remember.
          priorAnchors: wasPlaced ? [...(a.priorAnchors ?? []), { documentId: prev.id, textHash: a.textHash, anchor: a.anchor }] : (a.priorAnchors ?? []),
          modified: at,
        };
        changes.push({ table: 'annotations', op: 'update', before: a, after });
      }
      return changes;
    });
    if (!result.ok) throw new Error(result.message);
    return { ok: true as const, documentId: next.id, version, counts };
  });
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

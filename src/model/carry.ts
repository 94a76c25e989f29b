/**
 * Carrying annotations to a new version, in two steps. Storing a new version writes its text and, in
 * the same transaction, one carry record: where each annotation of the previous version goes on the
 * new text (the re-anchoring results). The annotation records themselves are then moved a batch at a
 * time (db/carry.ts), each batch with its history events. Until an annotation's record is moved, a
 * reader applies its move itself (`movedAnnotation`), so the new version shows every annotation in
 * place from the moment it is stored, and what a reader sees never depends on how far the batches got.
 */
import type { Anchor, AnchoringStatus, Annotation } from './annotation';
import type { CodePoint } from './units';

/**
 * Where one annotation goes: its status on the new text and, unless it is an orphan, its anchor there:
 * only the new offsets when its quote, prefix and suffix read the same on the new text (most of them:
 * a carry holds 10,000 moves), the whole anchor otherwise.
 */
export interface CarryMove {
  id: string;
  status: AnchoringStatus;
  /** A fuzzy match's score. */
  score?: number;
  /** The offsets it was carried from: a move is stale when the annotation's anchor is no longer there. */
  fromStart: CodePoint;
  fromEnd: CodePoint;
  /** Its offsets on the new text, with the same quote and context. */
  start?: CodePoint;
  end?: CodePoint;
  /** Its anchor on the new text, when the quote or its context changed. */
  anchor?: Anchor;
}

/** The move of an annotation from `from` (its anchor when re-anchored) to `to` on the new text (null: an orphan). */
export function carryMove(id: string, from: Anchor, result: { status: AnchoringStatus; score?: number }, to: Anchor | null): CarryMove {
  const move: CarryMove = { id, status: result.status, fromStart: from.start, fromEnd: from.end };
  if (result.status === 'fuzzy' && result.score !== undefined) move.score = result.score;
  if (to && to.quote === from.quote && to.prefix === from.prefix && to.suffix === from.suffix) {
    move.start = to.start;
    move.end = to.end;
  } else if (to) move.anchor = to;
  return move;
}

/** The moves of every annotation of one version onto the next, until all are written. */
export interface CarryRecord {
  /** The new version (the key). */
  documentId: string;
  textHash: string;
  /** The previous version, where the annotations still to move are stored. */
  fromDocumentId: string;
  fromTextHash: string;
  /** The action's time, reviewer and words, and the group of its history events. */
  at: string;
  reviewer: string;
  action: string;
  groupId: string;
  /** One per annotation of the previous version when the version was stored, in the order read. */
  moves: CarryMove[];
}

/** Whether `a` (as stored) still waits for `carry` to move it. */
export function awaitsCarry(a: Annotation, carry: CarryRecord): boolean {
  return a.documentId === carry.fromDocumentId;
}

/**
 * `a`, as stored on the previous version, moved to the new one by `move`: on the new document, with
 * its new anchor (an orphan keeps its old one and the old text's hash), how it was placed, and its
 * anchor on the previous version remembered. Pure: every reader and the batches that write the
 * records make the same record from the same input. An annotation whose anchor is no longer where
 * it was carried from (re-attached after it was read, perhaps in another tab) is not placed by a
 * stale result: it moves as an orphan, for the reviewer to re-attach.
 */
export function movedAnnotation(a: Annotation, carry: CarryRecord, move: CarryMove): Annotation {
  const stale = a.anchor.start !== move.fromStart || a.anchor.end !== move.fromEnd;
  const placed = stale ? undefined : (move.anchor ?? (move.start !== undefined && move.end !== undefined ? { ...a.anchor, start: move.start, end: move.end } : undefined));
  const status = stale ? 'orphan' : move.status;
  // An annotation that was an orphan on the previous version was not on it: it has no anchor there to remember.
  const wasPlaced = a.textHash === carry.fromTextHash;
  return {
    ...a,
    documentId: carry.documentId,
    textHash: placed ? carry.textHash : a.textHash,
    anchor: placed ?? a.anchor,
    anchoring: { status, ...(status === 'fuzzy' && move.score !== undefined ? { score: move.score } : {}), fromDocumentId: carry.fromDocumentId, at: carry.at },
    priorAnchors: wasPlaced ? [...(a.priorAnchors ?? []), { documentId: carry.fromDocumentId, textHash: a.textHash, anchor: a.anchor }] : (a.priorAnchors ?? []),
    // An edit made while it waited (after the version was stored) keeps its later time.
    modified: a.modified > carry.at ? a.modified : carry.at,
  };
}

/** The moves of `carry` by annotation id. */
export function movesById(carry: CarryRecord): Map<string, CarryMove> {
  return new Map(carry.moves.map((m) => [m.id, m]));
}

/**
 * `stored` as a reader should see it: moved by `carry` when it still waits for it, unchanged
 * otherwise (already moved, or not one of the carry's annotations).
 */
export function resolveCarried(stored: Annotation, carry: CarryRecord | undefined, moves: ReadonlyMap<string, CarryMove> | undefined): Annotation {
  if (!carry || !moves || !awaitsCarry(stored, carry)) return stored;
  const move = moves.get(stored.id);
  return move ? movedAnnotation(stored, carry, move) : stored;
}

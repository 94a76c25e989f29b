/**
 * Moving the annotation records of a carry (model/carry.ts) to the new version, after the version
 * itself is stored: CARRY_BATCH annotations per transaction, each batch with the history events that
 * record the moves (one per annotation, in the carry's event group), the last batch deleting the carry.
 * Writing 10,000 annotations and their events in one transaction held the new version back for seconds
 * (docs/benchmarks.md); stored first with its carry, it is there at once, complete, and the records
 * follow. A batch moves only what still waits, so running a carry twice (two tabs, or again after
 * the tab was closed half way) writes each move once. Reading through a pending carry: `readCarried`.
 */
import type { Annotation } from '../model/annotation';
import { awaitsCarry, movedAnnotation, movesById, resolveCarried, type CarryRecord } from '../model/carry';
import { eventsFor, type HistoryEvent } from '../model/history';
import { newId } from '../model/ids';
import type { MarginaliaDB } from './database';
import { chunked, inLanes } from './write-lanes';

/** Annotations moved per transaction: with their events, about 1,000 records. */
export const CARRY_BATCH = 500;

/**
 * Records per write request. Dexie's change notice names the keys of a request of fewer than 50
 * records one by one, and marks the whole table changed for a larger one: every open view of the
 * table would then read it all again, after every batch (the open version re-read its 10,000
 * annotations twenty times). Named, the keys let the open version find that nothing it shows changed.
 */
const NAMED_CHUNK = 49;

/** Events per write request: 50 or more, so a notice names no event key (see the batch). */
const EVENT_CHUNK = 100;

/**
 * Move the annotations of `carry.moves[from, from + count)` that still wait for it, in one
 * transaction; the batch that reaches the end deletes the carry. Returns where the next batch starts.
 */
export async function carryBatch(db: MarginaliaDB, carry: CarryRecord, from: number, count = CARRY_BATCH): Promise<number> {
  return db.transaction('rw', [db.annotations, db.events, db.carries], async () => {
    const moves = carry.moves.slice(from, from + count);
    const stored = await db.annotations.bulkGet(moves.map((m) => m.id));
    const moved: Annotation[] = [];
    const events: HistoryEvent[] = [];
    moves.forEach((move, i) => {
      const a = stored[i];
      // Deleted meanwhile, or already moved (by another tab, or before the tab was closed).
      if (!a || !awaitsCarry(a, carry)) return;
      const after = movedAnnotation(a, carry, move);
      moved.push(after);
      const context = { groupId: carry.groupId, at: carry.at, reviewer: carry.reviewer, action: carry.action, newId, oneEventPerRecord: true, seqFrom: from + i };
      events.push(...eventsFor([{ table: 'annotations', op: 'update', before: a, after }], context));
    });
    // A request at a time per lane (write-lanes.ts), so no task clones the whole batch. The events go
    // in requests of EVENT_CHUNK: their notices then mark the events table changed as a whole, which
    // the open views take at once, where the keys of 500 events a batch would pile up in every live
    // query that is not re-run (Dexie keeps the keys of each notice until then).
    await inLanes([...chunked(moved, NAMED_CHUNK, (c) => db.annotations.bulkPut(c)), ...chunked(events, EVENT_CHUNK, (c) => db.events.bulkAdd(c))]);
    const next = from + moves.length;
    if (next >= carry.moves.length) await db.carries.delete(carry.documentId);
    return next;
  });
}

export interface CarryOptions {
  /** Called after each batch with how many of the carry's moves are done. */
  onProgress?(done: number, total: number): void;
  /** Runs each batch (the app queues them with the reviewer's actions); by default, at once. */
  schedule?<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The carries running in this tab, by new version: a second request waits for the first. So nothing
 * that waits for a carry (`settleCarries`) may itself run as one of its scheduled steps.
 */
const running = new Map<string, Promise<void>>();

/** Move every annotation the carry into `documentId` still holds back; resolves once none waits. */
export function carryAnnotations(db: MarginaliaDB, documentId: string, options: CarryOptions = {}): Promise<void> {
  const key = `${db.name}/${documentId}`;
  const current = running.get(key);
  if (current) return current;
  const work = (async () => {
    const carry = await db.carries.get(documentId);
    if (!carry) return;
    const schedule = options.schedule ?? ((w) => w());
    options.onProgress?.(0, carry.moves.length);
    for (let done = 0; done < carry.moves.length; ) {
      done = await schedule(() => carryBatch(db, carry, done));
      options.onProgress?.(done, carry.moves.length);
    }
  })();
  const tracked = work.finally(() => running.delete(key));
  running.set(key, tracked);
  return tracked;
}

/** The new versions whose carries are not finished. */
export async function pendingCarries(db: MarginaliaDB): Promise<string[]> {
  return db.carries.toCollection().primaryKeys();
}

/** Finish every pending carry (before reading the library for an export, or storing another version). */
export async function settleCarries(db: MarginaliaDB): Promise<void> {
  for (const id of await pendingCarries(db)) await carryAnnotations(db, id);
}

/**
 * The annotations on the newest version `documentId`, as they are once every move is written: the
 * records stored on it and, while its carry is pending, those still on the previous version, moved;
 * with the carry (undefined when none is pending). Must run inside a transaction over `annotations`
 * and `carries`, so a batch cannot land between reads.
 */
export async function readCarried(db: MarginaliaDB, documentId: string): Promise<{ annotations: Annotation[]; carry: CarryRecord | undefined }> {
  const [stored, carry] = await Promise.all([db.annotations.where('documentId').equals(documentId).toArray(), db.carries.get(documentId)]);
  if (!carry) return { annotations: stored, carry };
  const waiting = await db.annotations.where('documentId').equals(carry.fromDocumentId).toArray();
  const moves = movesById(carry);
  for (const a of waiting) if (moves.has(a.id)) stored.push(resolveCarried(a, carry, moves));
  return { annotations: stored, carry };
}

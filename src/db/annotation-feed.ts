/**
 * The annotations of one open document version, kept up to date without re-reading them all.
 *
 * A live query re-reads every annotation of the document after each change: at 10,000 annotations
 * that is a 10,000-record read, clone and hand-over for every tag. The feed reads them once, then
 * listens to Dexie's `storagemutated` notices (sent when a transaction commits, in this tab or, over a
 * BroadcastChannel, in another one). A notice names the primary keys each transaction changed; the
 * feed reads back just those annotations and patches its list. A notice it cannot read key by key (a
 * range deleted, a table cleared) or a change to the document record that alters which version is
 * newest makes it read everything again. While a carry moves annotations onto the version
 * (db/carry.ts), a record read back still on the previous version is shown moved.
 *
 * Reads run one at a time and in order, so the list always ends as what is stored.
 */
import Dexie from 'dexie';
import type { Annotation } from '../model/annotation';
import { movesById, resolveCarried, type CarryMove, type CarryRecord } from '../model/carry';
import { deepEqual } from '../model/history';
import type { MarginaliaDB } from './database';
import { readDocumentVersion } from './versions';

/** A node of the range tree Dexie sends (a `RangeSet`, or its structured clone from another tab). */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** What a change notice says of one table: the keys changed, or `all` when it names ranges. */
export type ChangedKeys = { all: true } | { all: false; keys: string[] };

/**
 * The keys a range tree names one by one. A node spanning more than one key (a deleted range, a
 * cleared table) makes the answer `all`.
 */
export function keysOfRangeTree(tree: RangeNode | undefined | null): ChangedKeys {
  const keys: string[] = [];
  const stack: RangeNode[] = tree ? [tree] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('from' in node)) continue; // an empty set
    if (typeof node.from !== 'string' || node.from !== node.to) return { all: true };
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return { all: false, keys };
}

/** The primary keys of `table` that a notice says changed (an empty list when it names none). */
export function changedKeys(parts: Record<string, unknown>, dbName: string, table: string): ChangedKeys {
  return keysOfRangeTree(parts[`idb://${dbName}/${table}/`] as RangeNode | undefined);
}

/**
 * Patch `list` with the annotations read back for `ids` (undefined: deleted): those that belong to
 * `documentId` are replaced (unless equal to the one listed) or added, the others removed. Returns
 * `list` itself when nothing changed.
 */
export function patchAnnotations(list: readonly Annotation[], ids: readonly string[], read: readonly (Annotation | undefined)[], documentId: string): readonly Annotation[] {
  const at = new Map<string, number>();
  list.forEach((a, i) => at.set(a.id, i));
  let next: Annotation[] | null = null;
  const removed = new Set<string>();
  ids.forEach((id, i) => {
    const record = read[i];
    const index = at.get(id);
    const mine = record !== undefined && record.documentId === documentId;
    if (mine) {
      // Written again as it was (the moves of a carry, shown moved before they were written): no change.
      if (index !== undefined && deepEqual(list[index], record)) return;
      next ??= [...list];
      if (index === undefined) {
        at.set(id, next.length);
        next.push(record);
      } else next[index] = record;
    } else if (index !== undefined) removed.add(id);
  });
  if (removed.size > 0) next = (next ?? [...list]).filter((a) => !removed.has(a.id));
  return next ?? list;
}

export interface AnnotationFeed {
  /** Stop listening; no callback comes after this. */
  close(): void;
}

/**
 * Follow the annotations of document `documentId` as it is stored: `onList` is called with the whole
 * list after the first read and after every change that touches it; `onError` if a read fails.
 */
export function watchAnnotations(db: MarginaliaDB, documentId: string, onList: (list: readonly Annotation[]) => void, onError: (error: unknown) => void): AnnotationFeed {
  let closed = false;
  let list: readonly Annotation[] | null = null;
  /** The document's `nextVersionId` when last read (none: the newest version, or not read yet). */
  let next: string | null = null;
  /** On an older version the annotations are those of the newest one, moved: any change means a full read. */
  const older = () => next !== null;
  /** The carry moving annotations onto this version, while it was pending at the last full read. */
  let carried: { carry: CarryRecord; moves: Map<string, CarryMove> } | null = null;
  let readAll = true;
  let checkDocument = false;
  const pending = new Set<string>();
  let running = false;

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      while (!closed && (readAll || checkDocument || pending.size > 0)) {
        if (checkDocument && !readAll) {
          // The document record changed: a new version or a deletion changes what it shows, an edit
          // of its title does not.
          checkDocument = false;
          const doc = await db.documents.get(documentId);
          if (!doc || (doc.nextVersionId ?? null) !== next) readAll = true;
          continue;
        }
        if (readAll || list === null || older()) {
          readAll = false;
          checkDocument = false;
          pending.clear();
          const read = await readDocumentVersion(db, documentId);
          next = read?.doc.nextVersionId ?? null;
          const { annotations: all, carry } = read ?? { annotations: [], carry: undefined };
          carried = carry ? { carry, moves: movesById(carry) } : null;
          if (closed) return;
          list = all;
          onList(list);
          continue;
        }
        const ids = [...pending];
        pending.clear();
        const stored = await db.annotations.bulkGet(ids);
        if (closed || readAll) continue;
        // One edited while it waits for the carry still shows on this version, moved.
        const read = carried ? stored.map((a) => a && resolveCarried(a, carried!.carry, carried!.moves)) : stored;
        const patched = patchAnnotations(list, ids, read, documentId);
        if (patched !== list) {
          list = patched;
          onList(list);
        }
      }
    } catch (error) {
      if (!closed) onError(error);
    } finally {
      running = false;
    }
  };

  const onChange = (parts: Record<string, unknown>) => {
    if (closed) return;
    const docs = changedKeys(parts, db.name, 'documents');
    if (docs.all) readAll = true;
    else if (docs.keys.includes(documentId)) checkDocument = true;
    const changed = changedKeys(parts, db.name, 'annotations');
    if (changed.all) readAll = true;
    else changed.keys.forEach((k) => pending.add(k));
    if (readAll || checkDocument || pending.size > 0) void pump();
  };

  Dexie.on.storagemutated.subscribe(onChange);
  void pump();
  return {
    close() {
      closed = true;
      Dexie.on.storagemutated.unsubscribe(onChange);
    },
  };
}

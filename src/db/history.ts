/**
 * Writing actions and taking them back. An action's record changes and the events that record them
 * are written in one transaction: either both are stored or neither is. Undo reads the events of the
 * action's group from the log and reverts them (model/history.ts), itself as a new, logged action;
 * redo reverts the undo. A revert that finds a record changed since (by a later action or another tab)
 * changes nothing and says so.
 */
import type { Table } from 'dexie';
import type { Annotation } from '../model/annotation';
import { eventsFor, revertChange, revertSteps, type HistoryEvent, type HistoryTable, type RecordChange, type StoredRecord } from '../model/history';
import { newId, nowIso } from '../model/ids';
import type { MarginaliaDB } from './database';
import { claimsTouchedBy, createdAnnotations, createdRuleProblem, newProblem, storedProblems } from './claim-rules';

/** What an action did: the group of events it wrote (null when it changed nothing), or why it did nothing. */
export type ActionResult = { ok: true; groupId: string | null; changes: RecordChange[] } | { ok: false; message: string };

export interface ActionMeta {
  /** What the reviewer did, in words, as the history shows it. */
  action: string;
  reviewer: string;
  reason?: string;
  /** Record each updated record in one event (model/history.ts EventContext), for bulk work. */
  oneEventPerRecord?: boolean;
}

/** The tables every action may touch, so each action is one transaction over all of them. */
export function historyTables(db: MarginaliaDB): Table[] {
  return [db.annotations, db.entities, db.links, db.evidence, db.events];
}

export function tableOf(db: MarginaliaDB, table: HistoryTable): Table<StoredRecord, string> {
  return db[table] as unknown as Table<StoredRecord, string>;
}

/**
 * Records per bulk request. Each request is sent once the one before has been stored, so a bulk write
 * of thousands of records (a re-anchoring) copies them to the database a slice per task instead of
 * holding the page for seconds; the transaction stays one.
 */
export const WRITE_SLICE = 500;

/** `items` in slices of WRITE_SLICE, each written by `send` after the previous one. */
async function inSlices<T>(items: readonly T[], send: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_SLICE) await send(items.slice(i, i + WRITE_SLICE));
}

/** Write changes in order (inside the caller's transaction). A create of an existing id fails. */
async function write(db: MarginaliaDB, changes: readonly RecordChange[]): Promise<void> {
  // Consecutive changes of one kind to one table go in bulk requests (a re-anchoring updates
  // thousands of annotations); the order between runs is kept, so a record created then updated in
  // one action ends as updated.
  for (let i = 0; i < changes.length; ) {
    const { table, op } = changes[i]!;
    let j = i;
    while (j < changes.length && changes[j]!.table === table && changes[j]!.op === op) j++;
    const run = changes.slice(i, j);
    const t = tableOf(db, table);
    if (op === 'create') await inSlices(run.map((c) => (c.op === 'create' ? c.after : c.op === 'update' ? c.after : c.before)), (s) => t.bulkAdd(s));
    else if (op === 'update') await inSlices(run.map((c) => (c.op === 'update' ? c.after : c.op === 'create' ? c.after : c.before)), (s) => t.bulkPut(s));
    else await inSlices(run.map((c) => (c.op === 'delete' ? c.before.id : c.after.id)), (s) => t.bulkDelete(s));
    i = j;
  }
}

/** Append the events recording `changes` (inside the caller's transaction); returns the group id. */
async function record(db: MarginaliaDB, changes: readonly RecordChange[], meta: ActionMeta, at: string): Promise<string | null> {
  const groupId = newId();
  const events = eventsFor(changes, { groupId, at, reviewer: meta.reviewer, action: meta.action, reason: meta.reason, newId, oneEventPerRecord: meta.oneEventPerRecord });
  if (events.length === 0) return null;
  await inSlices(events, (s) => db.events.bulkAdd(s));
  return groupId;
}

/** A rule or a changed record refuses the action: the transaction is aborted and the message returned. */
class Refused extends Error {
  override name = 'Refused';
}

/** Write `changes`, then abort (throw Refused) if a claim they touch now breaks a workflow rule it kept before. */
async function writeChecked(db: MarginaliaDB, changes: readonly RecordChange[], write: () => Promise<void>): Promise<void> {
  const touched = claimsTouchedBy(changes);
  const before = await storedProblems(db, touched, createdAnnotations(changes));
  await write();
  const problem = await newProblem(db, touched, before, changes);
  if (problem) throw new Refused(problem);
}

let lastAt = '';
/** The time of an action: now, but always after the previous action of this tab, so events sort in order. */
export function actionTime(): string {
  let at = nowIso();
  if (at <= lastAt) at = new Date(Date.parse(lastAt) + 1).toISOString();
  lastAt = at;
  return at;
}

/**
 * Run one action in one transaction: `build` reads what it needs and returns the changes to make, or a
 * message saying which rule refuses the action. Nothing is written when it is refused, or when the
 * changes would leave a claim breaking a workflow rule (db/claim-rules.ts).
 */
export async function runAction(db: MarginaliaDB, meta: ActionMeta, build: (now: string) => Promise<RecordChange[] | string>): Promise<ActionResult> {
  try {
    return await db.transaction('rw', historyTables(db), async () => {
      const now = actionTime();
      const built = await build(now);
      if (typeof built === 'string') return { ok: false as const, message: built };
      let groupId: string | null = null;
      // The events go in with the changes, not after them: one round trip to the database instead of two.
      await writeChecked(db, built, async () => {
        [groupId] = await Promise.all([record(db, built, meta, now), write(db, built)]);
      });
      return { ok: true as const, groupId, changes: built };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * An action that only creates annotations its caller already holds and whose workflow rules need no
 * read (a tag: a new claim that is not disputed is checked on its own record). Its events are made
 * before the transaction opens; in it, the two bulk requests are sent at once and the transaction is
 * asked to commit straight after them, instead of once their results have come back to the page: one
 * round trip to the database instead of two. Returns null when the changes are not of that kind (the
 * caller then runs them through runAction).
 *
 * Committing before the results are known is safe here:
 * - commit() is asked for only once every record's request has been seen sent; a write that failed
 *   before reaching the database (a Dexie hook, a record that cannot be cloned) leaves the
 *   transaction to commit on its own, and Dexie aborts it as for any other action;
 * - the requests are adds of new ids, which can fail only on an id already stored (the ids are made
 *   fresh for each tag); Chromium aborts a transaction whose request fails after commit() even though
 *   Dexie handles the error, and the database's own failures (disk, quota) abort the transaction in
 *   every engine.
 */
export async function runCreation(db: MarginaliaDB, meta: ActionMeta, changes: readonly RecordChange[]): Promise<ActionResult | null> {
  if (changes.length === 0) return null;
  for (const c of changes) {
    const problem = createdRuleProblem(c); // undefined: not an annotation created, or a rule that reads
    if (problem === undefined) return null;
    if (problem) return { ok: false, message: problem };
  }
  const now = actionTime();
  const groupId = newId();
  const events = eventsFor(changes, { groupId, at: now, reviewer: meta.reviewer, action: meta.action, reason: meta.reason, newId });
  const records = changes.map((c) => (c as Extract<RecordChange, { op: 'create' }>).after as Annotation);
  await db.transaction('rw', [db.annotations, db.events], (tx) => {
    let written: Promise<unknown> = Promise.resolve();
    const sent = addsSent(() => {
      written = Promise.all([db.events.bulkAdd(events), db.annotations.bulkAdd(records)]);
    });
    if (sent === events.length + records.length && typeof tx.idbtrans.commit === 'function') tx.idbtrans.commit();
    return written;
  });
  return { ok: true, groupId, changes: [...changes] };
}

/**
 * How many add requests `send` made on IndexedDB object stores, counted while it runs (synchronously;
 * the count ends with it). Dexie sends a bulk write's requests in the call that asks for it unless
 * something stands in the way; this says whether it did.
 */
function addsSent(send: () => void): number {
  const store = IDBObjectStore.prototype;
  const add = store.add;
  let count = 0;
  store.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    const request = add.apply(this, args);
    count++;
    return request;
  };
  try {
    send();
  } finally {
    store.add = add;
  }
  return count;
}

/**
 * Revert the events of `groupIds` (the last group first) as one new action. Each record must still be
 * as those events left it; otherwise nothing is changed and the result says what is in the way.
 */
export async function revertGroups(db: MarginaliaDB, groupIds: readonly string[], meta: ActionMeta): Promise<ActionResult> {
  try {
    return await db.transaction('rw', historyTables(db), async () => {
      const now = actionTime();
      const done: RecordChange[] = [];
      const touched = new Set<string>();
      const before = new Map<string, string>();
      for (const groupId of [...groupIds].reverse()) {
        const events: HistoryEvent[] = await db.events.where('groupId').equals(groupId).toArray();
        for (const step of revertSteps(events)) {
          const stored = await tableOf(db, step.table).get(step.targetId);
          const result = revertChange(step, stored, now);
          if (!result.ok) {
            const target = describeTarget(step.table, stored ?? (step.kind === 'restore' ? step.record : step.kind === 'remove' ? step.expect : undefined));
            throw new Refused(`${result.field && stored ? `the ${fieldName(result.field)} of ${target} was changed since` : `${target}: ${result.why}`} (perhaps in another tab)`);
          }
          // The rules are checked on the state the whole revert leaves, against the state before it.
          for (const id of claimsTouchedBy([result.change])) {
            if (touched.has(id)) continue;
            touched.add(id);
            const problem = (await storedProblems(db, [id])).get(id);
            if (problem) before.set(id, problem);
          }
          await write(db, [result.change]);
          done.push(result.change);
        }
      }
      const problem = await newProblem(db, [...touched], before, done);
      if (problem) throw new Refused(`it would leave a claim against its rules: ${problem}`);
      // A revert changes several fields of one record only when taking back an event that recorded them together.
      return { ok: true as const, groupId: await record(db, done, { ...meta, oneEventPerRecord: true }, now), changes: done };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: `Could not ${meta.action}: ${error.message}. Nothing was changed.` };
    throw error;
  }
}

/** A field path as a reviewer reads it: "fields.attribution" → "attribution". */
function fieldName(path: string): string {
  return path.replace(/^fields\./, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "the claim “613 people were killed”", "the entity “OIC”", for messages. */
export function describeTarget(table: HistoryTable, record: StoredRecord | undefined): string {
  if (!record) return `a record of ${table}`;
  switch (table) {
    case 'annotations': {
      const a = record as { kind: string; anchor: { quote: string } };
      const quote = a.anchor.quote.length > 50 ? `${a.anchor.quote.slice(0, 49)}…` : a.anchor.quote;
      return `the ${a.kind} “${quote}”`;
    }
    case 'entities':
      return `the entity “${(record as { name: string }).name}”`;
    case 'links':
      return 'the link between two claims';
    case 'evidence':
      return `the evidence “${(record as { title: string; url: string }).title || (record as { url: string }).url}”`;
  }
}

/** The events concerning any of `ids`, oldest first. */
export async function historyOf(db: MarginaliaDB, ids: readonly string[]): Promise<HistoryEvent[]> {
  const events = await db.events.where('subjects').anyOf([...ids]).distinct().toArray();
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
}

/**
 * The history of every record, as an append-only list of events. An action (tag, edit a field, merge
 * two entities, undo…) is a list of record changes; each change becomes one or more events written in
 * the same transaction as the change. Undo and redo read a group's events back and revert them, so the
 * log is the single source of what happened and of how to take it back.
 */
import type { Annotation } from './annotation';
import type { ClaimLinkRecord, EvidenceRecord } from './claim';
import type { EntityRecord } from './entity';

/** The stores whose records have a history. */
export const HISTORY_TABLES = ['annotations', 'entities', 'links', 'evidence'] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export interface RecordOf {
  annotations: Annotation;
  entities: EntityRecord;
  links: ClaimLinkRecord;
  evidence: EvidenceRecord;
}
export type StoredRecord = RecordOf[HistoryTable];

/** One record created, updated or deleted. */
export type RecordChange =
  | { table: HistoryTable; op: 'create'; after: StoredRecord }
  | { table: HistoryTable; op: 'update'; before: StoredRecord; after: StoredRecord }
  | { table: HistoryTable; op: 'delete'; before: StoredRecord };

export const EVENT_OPS = ['create', 'update', 'delete'] as const satisfies readonly RecordChange['op'][];
export type EventOp = (typeof EVENT_OPS)[number];

/** One immutable entry of the history. */
export interface HistoryEvent {
  id: string;
  /** The events of one action share a group id; undo and redo work on whole groups. */
  groupId: string;
  /** Order of the event within its group. */
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  reviewer: string;
  /** What the reviewer did, in words: "tag claim", "merge entities", "undo: merge entities". */
  action: string;
  table: HistoryTable;
  targetId: string;
  op: EventOp;
  /**
   * Dotted path of the changed field ("fields.status", "aliases"); null for a create or delete, and
   * for an update recording several fields of the record at once (see `fieldValues`).
   */
  field: string | null;
  /**
   * The field's value before (update), the whole record (delete), or null (create). An update with
   * `field` null holds an object instead: each changed path and its value before.
   */
  before: unknown;
  /** The field's value after (update), the whole record (create), or null (delete); as `before` for an update with `field` null. */
  after: unknown;
  /** Why, when the reviewer said so. */
  reason?: string;
  /** The records this event concerns, for History panels: the target and the records it links. */
  subjects: string[];
}

/** What is common to the events of one action. */
export interface EventContext {
  groupId: string;
  at: string;
  reviewer: string;
  action: string;
  reason?: string;
  newId(): string;
  /**
   * One event per updated record, holding every changed field (an update with `field` null), instead
   * of one event per field: for bulk work such as re-anchoring thousands of annotations onto a new
   * version, where each annotation changes five fields.
   */
  oneEventPerRecord?: boolean;
  /** The `seq` of the first event, when an action's events are written in several transactions. */
  seqFrom?: number;
}

const NOT_FIELDS = new Set(['id', 'modified']);

/** Paths whose values differ between two versions of a record: top level, and one level into `fields`. */
export function changedPaths(before: object, after: object): string[] {
  const paths: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (NOT_FIELDS.has(key)) continue;
    const b = (before as Record<string, unknown>)[key];
    const a = (after as Record<string, unknown>)[key];
    if (key === 'fields' && isPlainObject(b) && isPlainObject(a)) {
      for (const sub of changedPaths(b, a)) paths.push(`fields.${sub}`);
    } else if (!deepEqual(a, b)) paths.push(key);
  }
  return paths;
}

/** The ids a record points at: a claim's speaker and cue, a mention's entity, a link's ends, evidence's claim. */
export function subjectsOf(table: HistoryTable, record: StoredRecord): string[] {
  const ids = [record.id];
  switch (table) {
    case 'annotations': {
      const a = record as Annotation;
      if (a.kind === 'entity' && a.fields.entityId) ids.push(a.fields.entityId);
      if ((a.kind === 'claim' || a.kind === 'opinion') && a.fields.attribution) {
        ids.push(a.fields.attribution.entityId);
        if (a.fields.attribution.cueId) ids.push(a.fields.attribution.cueId);
      }
      if (a.kind === 'cue') ids.push(a.fields.forId);
      break;
    }
    case 'links':
      ids.push((record as ClaimLinkRecord).fromId, (record as ClaimLinkRecord).toId);
      break;
    case 'evidence':
      ids.push((record as EvidenceRecord).claimId);
      break;
    case 'entities':
      break;
  }
  return ids;
}

const unique = (ids: string[]): string[] => [...new Set(ids)];

/** The events that record `changes`, in order. An update with nothing changed records nothing. */
export function eventsFor(changes: readonly RecordChange[], ctx: EventContext): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const push = (c: RecordChange, targetId: string, field: string | null, before: unknown, after: unknown, subjects: string[]) =>
    events.push({
      id: ctx.newId(),
      groupId: ctx.groupId,
      seq: (ctx.seqFrom ?? 0) + events.length,
      at: ctx.at,
      reviewer: ctx.reviewer,
      action: ctx.action,
      table: c.table,
      targetId,
      op: c.op,
      field,
      before,
      after,
      ...(ctx.reason ? { reason: ctx.reason } : {}),
      subjects,
    });
  for (const c of changes) {
    switch (c.op) {
      case 'create':
        push(c, c.after.id, null, null, c.after, subjectsOf(c.table, c.after));
        break;
      case 'delete':
        push(c, c.before.id, null, c.before, null, subjectsOf(c.table, c.before));
        break;
      case 'update': {
        const subjects = unique([...subjectsOf(c.table, c.before), ...subjectsOf(c.table, c.after)]);
        const paths = changedPaths(c.before, c.after);
        if (ctx.oneEventPerRecord && paths.length > 1) push(c, c.after.id, null, valuesAt(c.before, paths), valuesAt(c.after, paths), subjects);
        else for (const path of paths) push(c, c.after.id, path, getPath(c.before, path), getPath(c.after, path), subjects);
        break;
      }
    }
  }
  return events;
}

/** Each path's value in `record`, as an object keyed by path (an update event with `field` null). */
function valuesAt(record: object, paths: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(paths.map((path) => [path, getPath(record, path)]));
}

/**
 * The fields an update event changed, each with its value before and after: one for an event of one
 * field, several for an event with `field` null.
 */
export function fieldChanges(e: HistoryEvent): { path: string; before: unknown; after: unknown }[] {
  if (e.op !== 'update') return [];
  if (e.field !== null) return [{ path: e.field, before: e.before, after: e.after }];
  const before = isPlainObject(e.before) ? e.before : {};
  const after = isPlainObject(e.after) ? e.after : {};
  // A path absent from `before` did not exist (from `after`: was removed), as JSON keeps no undefined.
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((path) => ({ path, before: before[path], after: after[path] }));
}

/** One step of taking an event back: `set` puts back each field an update changed. */
export type RevertStep =
  | { kind: 'remove'; table: HistoryTable; targetId: string; expect: StoredRecord }
  | { kind: 'restore'; table: HistoryTable; targetId: string; record: StoredRecord }
  | { kind: 'set'; table: HistoryTable; targetId: string; fields: { path: string; value: unknown; expect: unknown }[] };

/** The steps that take a group of events back, last event first. */
export function revertSteps(events: readonly HistoryEvent[]): RevertStep[] {
  return [...events]
    .sort((a, b) => b.seq - a.seq)
    .map((e): RevertStep => {
      switch (e.op) {
        case 'create':
          return { kind: 'remove', table: e.table, targetId: e.targetId, expect: e.after as StoredRecord };
        case 'delete':
          return { kind: 'restore', table: e.table, targetId: e.targetId, record: e.before as StoredRecord };
        case 'update':
          return { kind: 'set', table: e.table, targetId: e.targetId, fields: fieldChanges(e).map((f) => ({ path: f.path, value: f.before, expect: f.after })) };
      }
    });
}

/**
 * The change one revert step makes to the stored record, or why it cannot: the record must still be as
 * the event left it (another tab, or a later action, may have changed it since), so a revert never
 * overwrites work it does not know about.
 */
export function revertChange(step: RevertStep, stored: StoredRecord | undefined, now: string): { ok: true; change: RecordChange } | { ok: false; why: string; field?: string } {
  switch (step.kind) {
    case 'remove':
      if (!stored) return { ok: false, why: 'it was deleted since' };
      if (!sameExceptModified(stored, step.expect)) return { ok: false, why: 'it was changed since' };
      return { ok: true, change: { table: step.table, op: 'delete', before: stored } };
    case 'restore':
      if (stored) return { ok: false, why: 'a record with its id exists again' };
      return { ok: true, change: { table: step.table, op: 'create', after: step.record } };
    case 'set': {
      if (!stored) return { ok: false, why: 'it was deleted since' };
      const moved = step.fields.find((f) => !deepEqual(getPath(stored, f.path), f.expect));
      if (moved) return { ok: false, why: `its ${moved.path.replace(/^fields\./, '')} was changed since`, field: moved.path };
      const after = step.fields.reduce((record, f) => setPath(record, f.path, f.value), stored);
      return { ok: true, change: { table: step.table, op: 'update', before: stored, after: { ...after, modified: now } as StoredRecord } };
    }
  }
}

function sameExceptModified(a: StoredRecord, b: StoredRecord): boolean {
  return deepEqual({ ...a, modified: '' }, { ...b, modified: '' });
}

/** The value at a dotted path ("fields.status"). */
export function getPath(record: object, path: string): unknown {
  let v: unknown = record;
  for (const part of path.split('.')) v = isPlainObject(v) ? v[part] : undefined;
  return v;
}

/** A copy of `record` with the value at a dotted path replaced (an undefined value removes the key). */
export function setPath<T extends object>(record: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const copy = { ...record } as Record<string, unknown>;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else {
    const inner = copy[head!];
    copy[head!] = setPath(isPlainObject(inner) ? inner : {}, rest.join('.'), value);
  }
  return copy as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON-like values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

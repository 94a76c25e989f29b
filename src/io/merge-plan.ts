/**
 * Merging a native export into a library, as pure planning: compare the file's records with what is
 * stored under the same ids (`planImport`), then turn the reviewer's choices into the records to write
 * (`resolveImport`). Reading and writing the database is db/import-native.ts.
 *
 * Why it exists: an import must never lose work silently. Each record of the file is new (its id is
 * not stored), identical, or conflicting (same id, other content). A conflict is settled by default by
 * the newer `modified`; equal times with different content, and a document whose text differs, are
 * the reviewer's to decide (their default keeps what is stored, so nothing changes unless chosen). A
 * document's text is never replaced unless the reviewer says so, and the file's annotations made on a
 * text that is not taken are skipped, with what depends on them. History events never change: an event
 * is written once, and an event differing from the stored one with the same id is reported and left.
 */
import type { LibraryRecords } from '../model/library';
import type { Annotation } from '../model/annotation';
import type { ClaimLinkRecord, EvidenceRecord, VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import type { EntityRecord } from '../model/entity';
import { changedPaths, type HistoryEvent, type HistoryTable, type RecordChange, type StoredRecord } from '../model/history';
import { serializeLibrary, type ExportedEvent, type NativeExport } from './native-json';

/** The kinds of record an export holds, in the order they are shown and written. */
export const RECORD_TYPES = ['documents', 'annotations', 'entities', 'evidence', 'links', 'events'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** What a conflict or a count is about: a kind of record, or the verdict scale setting. */
export type PlanItem = RecordType | 'verdictScale';

/** The stored records that share an id with a record of the file (others do not matter), and the scale (null when never set). */
export interface StoredRecords extends LibraryRecords {
  verdictScale: VerdictScale | null;
}

export type Choice = 'mine' | 'theirs';

/** Why a conflict is settled the way it is by default. */
export type ConflictReason = 'mine-newer' | 'theirs-newer' | 'same-time' | 'text' | 'history' | 'scale';

export interface Conflict {
  /** Unique in a plan: `${item}:${id}`. */
  key: string;
  item: PlanItem;
  id: string;
  /** The record as a reviewer knows it: "the claim “47 people”". */
  label: string;
  /** The fields that differ (dotted paths, e.g. "fields.status"). */
  fields: string[];
  reason: ConflictReason;
  /** One sentence: what differs and why the default is what it is. */
  description: string;
  defaultChoice: Choice;
  /** The choices offered: history events only ever keep what is stored. */
  choices: readonly Choice[];
}

export interface Counts {
  new: number;
  identical: number;
  conflicting: number;
}

export interface ImportPlan {
  counts: Record<PlanItem, Counts>;
  conflicts: Conflict[];
  /** The file. */
  incoming: NativeExport;
  /** The stored records compared, by item and id, as an export would hold them. */
  stored: { [K in RecordType]: Map<string, NativeExport[K][number]> };
  storedScale: VerdictScale | null;
}

/** What the preview shows of a plan: what a worker sends the page (the records stay in the worker). */
export interface PlanSummary {
  counts: ImportPlan['counts'];
  conflicts: Conflict[];
  exportedAt: string;
  generator: NativeExport['generator'];
}

/** The plan without its records. */
export function summarizePlan(plan: ImportPlan): PlanSummary {
  return { counts: plan.counts, conflicts: plan.conflicts, exportedAt: plan.incoming.exportedAt, generator: plan.incoming.generator };
}

/** What an import did, per kind of record, for the report. */
export type ImportSummary = Record<PlanItem, { added: number; updated: number; skipped: number }>;

/** What the import writes, and what it adds to the history. */
export interface ImportWrites {
  documents: DocumentRecord[];
  annotations: Annotation[];
  entities: EntityRecord[];
  evidence: EvidenceRecord[];
  links: ClaimLinkRecord[];
  /** The file's events that are not stored yet, as they are. */
  events: HistoryEvent[];
  /** The scale to store, or null to leave the stored one. */
  verdictScale: VerdictScale | null;
  /** Records created and updated, for the import's own history group (documents and events have none). */
  changes: RecordChange[];
  summary: ImportSummary;
  /** Why records were skipped beyond "identical" or "kept yours", for the report. */
  notes: string[];
}

/** Equality of JSON values, whatever the order of object keys. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => jsonEqual(x, bs[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The fields of a document that are its text: never replaced without the reviewer's say. */
const TEXT_FIELDS = new Set(['content', 'text', 'textHash', 'length']);

const short = (s: string, max = 50): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** "the claim “47 people”", "the entity “Kersova”", "the document “Flood toll rises”". */
function labelOf(item: RecordType, r: { id: string }): string {
  switch (item) {
    case 'documents':
      return `the document “${short((r as DocumentRecord).title)}”`;
    case 'annotations': {
      const a = r as Annotation;
      return `the ${a.kind} “${short(a.anchor.quote)}”`;
    }
    case 'entities':
      return `the entity “${short((r as EntityRecord).name)}”`;
    case 'evidence': {
      const e = r as EvidenceRecord;
      return `the evidence “${short(e.title || e.url || e.passage)}”`;
    }
    case 'links':
      return `the link (${(r as ClaimLinkRecord).relation}) between two claims`;
    case 'events': {
      const e = r as ExportedEvent;
      return `the history event “${short(e.action)}” of ${e.at.slice(0, 10)}`;
    }
  }
}

const fieldList = (fields: readonly string[]): string => fields.map((f) => f.replace(/^fields\./, '')).join(', ');
/** "2026-11-21 12:05" */
const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

function conflictOf(item: RecordType, mine: { id: string; modified?: string }, theirs: { id: string; modified?: string }): Conflict {
  const fields = changedPaths(mine, theirs);
  if (fields.length === 0) fields.push('modified');
  const base = { key: `${item}:${theirs.id}`, item, id: theirs.id, label: labelOf(item, theirs), fields };
  const differ = `${fieldList(fields)} ${fields.length === 1 ? 'differs' : 'differ'}`;
  if (item === 'events') {
    return { ...base, reason: 'history', defaultChoice: 'mine', choices: ['mine'], description: `${differ} from your event with the same id. History never changes, so yours is kept.` };
  }
  if (item === 'documents' && fields.some((f) => TEXT_FIELDS.has(f))) {
    return {
      ...base,
      reason: 'text',
      defaultChoice: 'mine',
      choices: ['mine', 'theirs'],
      description: `The text differs (${differ}). A text is never replaced unless you choose theirs; if you keep yours, the file's annotations made on its text are skipped.`,
    };
  }
  const m = Date.parse(mine.modified ?? '');
  const t = Date.parse(theirs.modified ?? '');
  if (m === t) {
    return { ...base, reason: 'same-time', defaultChoice: 'mine', choices: ['mine', 'theirs'], description: `${differ}, both changed at ${when(theirs.modified ?? '')}: you decide (yours is kept unless you choose theirs).` };
  }
  const theirsNewer = t > m;
  return {
    ...base,
    reason: theirsNewer ? 'theirs-newer' : 'mine-newer',
    defaultChoice: theirsNewer ? 'theirs' : 'mine',
    choices: ['mine', 'theirs'],
    description: `${differ}; ${theirsNewer ? 'theirs' : 'yours'} is newer (${when(theirsNewer ? (theirs.modified ?? '') : (mine.modified ?? ''))} against ${when(theirsNewer ? (mine.modified ?? '') : (theirs.modified ?? ''))}).`,
  };
}

const zero = (): Counts => ({ new: 0, identical: 0, conflicting: 0 });

/** Compare the file with what is stored, record type by record type, by id. */
export function planImport(incoming: NativeExport, storedRecords: StoredRecords): ImportPlan {
  // The stored records as an export holds them, so both sides compare field for field.
  const normal = serializeLibrary({ ...storedRecords, verdictScale: storedRecords.verdictScale ?? incoming.verdictScale, exportedAt: '' });
  const stored = {
    documents: new Map(normal.documents.map((r) => [r.id, r])),
    annotations: new Map(normal.annotations.map((r) => [r.id, r])),
    entities: new Map(normal.entities.map((r) => [r.id, r])),
    evidence: new Map(normal.evidence.map((r) => [r.id, r])),
    links: new Map(normal.links.map((r) => [r.id, r])),
    events: new Map(normal.events.map((r) => [r.id, r])),
  };
  const counts = Object.fromEntries([...RECORD_TYPES, 'verdictScale'].map((k) => [k, zero()])) as Record<PlanItem, Counts>;
  const conflicts: Conflict[] = [];
  for (const item of RECORD_TYPES) {
    const mineById = stored[item] as Map<string, { id: string; modified?: string }>;
    for (const theirs of incoming[item] as { id: string; modified?: string }[]) {
      const mine = mineById.get(theirs.id);
      if (!mine) counts[item].new++;
      else if (jsonEqual(mine, theirs)) counts[item].identical++;
      else {
        counts[item].conflicting++;
        conflicts.push(conflictOf(item, mine, theirs));
      }
    }
  }
  const storedScale = storedRecords.verdictScale === null ? null : normal.verdictScale;
  if (storedScale === null) counts.verdictScale.new++;
  else if (jsonEqual(storedScale, incoming.verdictScale)) counts.verdictScale.identical++;
  else {
    counts.verdictScale.conflicting++;
    const mineIds = storedScale.levels.map((l) => l.id).join(', ');
    const theirIds = incoming.verdictScale.levels.map((l) => l.id).join(', ');
    conflicts.push({
      key: 'verdictScale:verdictScale',
      item: 'verdictScale',
      id: 'verdictScale',
      label: `the verdict scale “${short(incoming.verdictScale.name)}”`,
      fields: ['name', 'levels'].filter((k) => !jsonEqual(storedScale[k as keyof VerdictScale], incoming.verdictScale[k as keyof VerdictScale])),
      reason: 'scale',
      defaultChoice: 'mine',
      choices: ['mine', 'theirs'],
      description:
        mineIds === theirIds
          ? `The file's scale (“${short(incoming.verdictScale.name)}”) names or describes the same levels differently from yours (“${short(storedScale.name)}”). If you keep yours, levels its claims use that yours lacks are added to yours.`
          : `The file's scale has the levels ${theirIds}; yours has ${mineIds}. If you keep yours, levels the file's claims use that yours lacks are added to yours.`,
    });
  }
  return { counts, conflicts, incoming, stored, storedScale };
}

/** The defaults of every conflict of `plan`. */
export function defaultChoices(plan: Pick<ImportPlan, 'conflicts'>): Map<string, Choice> {
  return new Map(plan.conflicts.map((c) => [c.key, c.defaultChoice]));
}

/**
 * The records to write for `choices` (a conflict without a choice takes its default). New records are
 * added, conflicts resolved "theirs" are replaced, everything else is left as stored. The file's
 * annotations made on a document text that is not stored after the import (the reviewer kept another
 * text under the same id) are skipped, and so are the evidence and links that need them.
 */
export function resolveImport(plan: ImportPlan, choices: ReadonlyMap<string, Choice> = new Map()): ImportWrites {
  const { incoming, stored } = plan;
  const conflictByKey = new Map(plan.conflicts.map((c) => [c.key, c]));
  const summary = Object.fromEntries([...RECORD_TYPES, 'verdictScale'].map((k) => [k, { added: 0, updated: 0, skipped: 0 }])) as ImportWrites['summary'];
  const notes: string[] = [];
  const changes: RecordChange[] = [];

  /** 'add', 'update' or null (leave as stored) for a record of the file. */
  const decide = (item: PlanItem, id: string, isStored: boolean): 'add' | 'update' | null => {
    if (!isStored) return 'add';
    const conflict = conflictByKey.get(`${item}:${id}`);
    if (!conflict) return null;
    const choice = choices.get(conflict.key) ?? conflict.defaultChoice;
    return choice === 'theirs' && conflict.choices.includes('theirs') ? 'update' : null;
  };
  const take = <T extends { id: string }>(item: RecordType, list: readonly T[], keep: (r: T) => boolean = () => true): T[] => {
    const out: T[] = [];
    for (const r of list) {
      const mine = stored[item].get(r.id) as T | undefined;
      const action = decide(item, r.id, mine !== undefined);
      if (action === null || !keep(r)) {
        summary[item].skipped++;
        continue;
      }
      out.push(r);
      summary[item][action === 'add' ? 'added' : 'updated']++;
      if (item === 'annotations' || item === 'entities' || item === 'evidence' || item === 'links') {
        const table: HistoryTable = item;
        changes.push(mine ? { table, op: 'update', before: mine as unknown as StoredRecord, after: r as unknown as StoredRecord } : { table, op: 'create', after: r as unknown as StoredRecord });
      }
    }
    return out;
  };

  const documents = take('documents', incoming.documents);
  // The hash of each document's text once the import is done.
  const finalHash = new Map<string, string>();
  for (const d of stored.documents.values()) finalHash.set(d.id, d.textHash);
  for (const d of documents) finalHash.set(d.id, d.textHash);
  const fileHash = new Map(incoming.documents.map((d) => [d.id, d.textHash]));
  // An annotation valid on the file's text of its document, when that text is not the one stored.
  // Never written, whatever was chosen for them.
  const offText = new Set(incoming.annotations.filter((a) => a.textHash === fileHash.get(a.documentId) && a.textHash !== finalHash.get(a.documentId)).map((a) => a.id));
  // Of those, the ones that will not exist at all: what points at them cannot be written either.
  const absent = new Set([...offText].filter((id) => !stored.annotations.has(id)));
  const annotations = take('annotations', incoming.annotations, (a) => !offText.has(a.id));
  if (offText.size > 0) notes.push(`${offText.size} annotation${offText.size === 1 ? ' was' : 's were'} skipped: made on a document text you kept your own version of.`);
  const entities = take('entities', incoming.entities);
  const evidence = take('evidence', incoming.evidence, (e) => !absent.has(e.claimId));
  const links = take('links', incoming.links, (l) => !absent.has(l.fromId) && !absent.has(l.toId));
  const skippedDependents = incoming.evidence.filter((e) => absent.has(e.claimId)).length + incoming.links.filter((l) => absent.has(l.fromId) || absent.has(l.toId)).length;
  if (skippedDependents > 0) notes.push(`${skippedDependents} evidence item${skippedDependents === 1 ? '' : 's'} or link${skippedDependents === 1 ? '' : 's'} of those annotations skipped too.`);
  const events = take('events', incoming.events) as unknown as HistoryEvent[];

  let verdictScale: VerdictScale | null = null;
  if (plan.storedScale === null) {
    verdictScale = incoming.verdictScale;
    summary.verdictScale.added++;
  } else if (decide('verdictScale', 'verdictScale', true) === 'update') {
    verdictScale = incoming.verdictScale;
    summary.verdictScale.updated++;
  } else {
    // Keep the stored scale, with any level the imported claims need and it lacks.
    const have = new Set(plan.storedScale.levels.map((l) => l.id));
    const missing = incoming.verdictScale.levels.filter((l) => !have.has(l.id) && annotations.some((a) => a.kind === 'claim' && a.fields.verdict === l.id));
    if (missing.length > 0) {
      verdictScale = { name: plan.storedScale.name, levels: [...plan.storedScale.levels, ...missing] };
      summary.verdictScale.updated++;
      notes.push(`Added to your verdict scale, because imported claims use them: ${missing.map((l) => `“${l.label}”`).join(', ')}.`);
    } else summary.verdictScale.skipped++;
  }
  return { documents, annotations, entities, evidence, links, events, verdictScale, changes, summary, notes };
}

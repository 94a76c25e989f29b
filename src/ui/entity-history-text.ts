/**
 * Words for the History list: what record an event changed and its values before and after, written
 * compactly for a reviewer (strings quoted, null as "none", entity ids as the entities' names). Pure
 * apart from the names it is given, so the list stays a thin component.
 */
import { KIND_LABELS, type Annotation } from '../model/annotation';
import { QUOTE_TYPE_LABELS, type Attribution, type ClaimLinkRecord, type EvidenceRecord } from '../model/claim';
import type { EntityRecord } from '../model/entity';
import { fieldChanges, type HistoryEvent, type HistoryTable, type StoredRecord } from '../model/history';

/** Names of entities by id, including entities since merged away or deleted. */
export type EntityNames = ReadonlyMap<string, string>;

const MAX_TEXT = 60;

const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const quoted = (s: string): string => `“${clip(s)}”`;

/** Field paths as a reviewer reads them: "fields.entityId" → "entity". */
const FIELD_LABELS: Record<string, string> = {
  entityId: 'entity',
  attribution: 'attributed to',
  externalId: 'external identifier',
  verdict: 'verdict',
  forId: 'cue of',
  fromId: 'from claim',
  toId: 'to claim',
  claimId: 'claim',
};

export function fieldLabel(path: string): string {
  const last = path.replace(/^fields\./, '');
  return FIELD_LABELS[last] ?? last;
}

/** Fields whose value is an entity id. */
const ENTITY_ID_FIELDS = new Set(['fields.entityId']);

function entityName(id: string, names: EntityNames): string {
  const name = names.get(id);
  return name === undefined ? 'an entity no longer known' : quoted(name);
}

function isAttribution(v: unknown): v is Attribution {
  return typeof v === 'object' && v !== null && 'entityId' in v && 'quoteType' in v;
}

/** A value of a field, compactly. */
export function formatValue(value: unknown, path: string, names: EntityNames): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'string') return ENTITY_ID_FIELDS.has(path) ? entityName(value, names) : quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => formatValue(v, '', names)).join(', ');
  if (isAttribution(value)) {
    const parts = [entityName(value.entityId, names), QUOTE_TYPE_LABELS[value.quoteType] ?? value.quoteType];
    if (value.cueId) parts.push('cue marked');
    return parts.join(', ');
  }
  return clip(JSON.stringify(value));
}

/** "mention “Kersova”", "claim “47 people were killed”", "entity “NWA”": the record an event changed. */
export function describeRecord(table: HistoryTable, record: StoredRecord | undefined): string {
  if (!record) return table === 'entities' ? 'an entity' : table === 'annotations' ? 'an annotation' : table === 'links' ? 'a claim link' : 'an evidence item';
  switch (table) {
    case 'annotations': {
      const a = record as Annotation;
      const kind = a.kind === 'entity' ? 'mention' : KIND_LABELS[a.kind].toLowerCase();
      return `${kind} ${quoted(a.anchor.quote)}`;
    }
    case 'entities':
      return `entity ${quoted((record as EntityRecord).name)}`;
    case 'links':
      return `claim link (${(record as ClaimLinkRecord).relation})`;
    case 'evidence': {
      const e = record as EvidenceRecord;
      return `evidence ${quoted(e.title || e.url || e.passage)}`;
    }
  }
}

/** What one event did: "created", "deleted", or "aliases: none → “NWA”". */
export function describeChange(event: HistoryEvent, names: EntityNames): string {
  switch (event.op) {
    case 'create':
      return 'created';
    case 'delete':
      return 'deleted';
    case 'update':
      return fieldChanges(event)
        .map((f) => `${fieldLabel(f.path)}: ${formatValue(f.before, f.path, names)} → ${formatValue(f.after, f.path, names)}`)
        .join('; ');
  }
}

/** Entity ids that `events` mention in their values, whose names the list needs. */
export function entityIdsIn(events: readonly HistoryEvent[]): Set<string> {
  const ids = new Set<string>();
  const add = (v: unknown, path: string) => {
    if (typeof v === 'string' && ENTITY_ID_FIELDS.has(path)) ids.add(v);
    else if (isAttribution(v)) ids.add(v.entityId);
  };
  for (const e of events) {
    for (const f of fieldChanges(e)) {
      add(f.before, f.path);
      add(f.after, f.path);
    }
  }
  return ids;
}

/**
 * The last name an entity had, read from its own events (a create or delete carries the whole
 * record, a name update the new name): how a merged-away entity is still named in the history.
 */
export function lastNameIn(events: readonly HistoryEvent[], entityId: string): string | undefined {
  let name: string | undefined;
  for (const e of events) {
    if (e.table !== 'entities' || e.targetId !== entityId) continue;
    if (e.op === 'create' && isNamed(e.after)) name = e.after.name;
    else if (e.op === 'delete' && isNamed(e.before)) name = e.before.name;
    else {
      const renamed = fieldChanges(e).find((f) => f.path === 'name');
      if (renamed && typeof renamed.after === 'string') name = renamed.after;
    }
  }
  return name;
}

function isNamed(v: unknown): v is { name: string } {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
}

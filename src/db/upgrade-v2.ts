/**
 * The data conversion of storage version 2, as a pure function so it can be tested without a browser.
 *
 * Version 1 kept who said a claim, who holds an opinion and what an entity mention refers to as free
 * text. Version 2 points all three at the entity registry. Every distinct name becomes one entity
 * (spellings with the same match key are one name); nothing typed is lost: a mention whose quote is
 * spelled differently from its canonical name keeps the quote as an alias. The conversion is recorded
 * in the history as one group, by "Marginalia (storage upgrade)".
 */
import type { Annotation } from '../model/annotation';
import type { ClaimStatus } from '../model/claim';
import { cleanAliases, createEntity, type EntityRecord, type EntityType } from '../model/entity';
import { eventsFor, type HistoryEvent, type RecordChange } from '../model/history';
import { matchKey } from '../model/match-key';

/** An annotation as version 1 stored it. */
export type V1Annotation = Omit<Annotation, 'kind' | 'fields'> &
  (
    | { kind: 'claim'; fields: { status: ClaimStatus; attributedTo: string; note: string } }
    | { kind: 'entity'; fields: { entityType: EntityType; canonicalName: string } }
    | { kind: 'opinion'; fields: { holder: string; note: string } }
  );

export const UPGRADE_REVIEWER = 'Marginalia (storage upgrade)';

export interface UpgradeResult {
  annotations: Annotation[];
  entities: EntityRecord[];
  events: HistoryEvent[];
}

export function upgradeAnnotationsToV2(old: readonly V1Annotation[], now: string, newId: () => string): UpgradeResult {
  const entities = new Map<string, EntityRecord>();
  const entityFor = (name: string, type: EntityType, creator: string, alias?: string): string => {
    const key = `${type} ${matchKey(name)}`;
    let e = entities.get(key);
    if (!e) {
      e = createEntity({ id: newId(), name, type, creator: creator || UPGRADE_REVIEWER, now });
      entities.set(key, e);
    }
    if (alias !== undefined) e.aliases = cleanAliases(e.name, [...e.aliases, alias]);
    return e.id;
  };

  const changes: RecordChange[] = [];
  const annotations = old.map((a): Annotation => {
    let next: Annotation;
    switch (a.kind) {
      case 'entity': {
        const name = a.fields.canonicalName.trim() || a.anchor.quote.trim();
        next = { ...a, kind: 'entity', fields: { entityId: name ? entityFor(name, a.fields.entityType, a.creator, a.anchor.quote) : null } };
        break;
      }
      case 'claim': {
        const who = a.fields.attributedTo.trim();
        const attribution = who ? { entityId: entityFor(who, 'person', a.creator), quoteType: 'reported' as const, cueId: null } : null;
        next = { ...a, kind: 'claim', fields: { status: a.fields.status, verdict: null, rationale: '', attribution, note: a.fields.note } };
        break;
      }
      case 'opinion': {
        const who = a.fields.holder.trim();
        const attribution = who ? { entityId: entityFor(who, 'person', a.creator), quoteType: 'reported' as const, cueId: null } : null;
        next = { ...a, kind: 'opinion', fields: { attribution, note: a.fields.note } };
        break;
      }
    }
    changes.push({ table: 'annotations', op: 'update', before: a as unknown as Annotation, after: next });
    return next;
  });
  const created = [...entities.values()];
  const events = eventsFor([...created.map((e): RecordChange => ({ table: 'entities', op: 'create', after: e })), ...changes], {
    groupId: newId(),
    at: now,
    reviewer: UPGRADE_REVIEWER,
    action: 'upgrade storage to version 2',
    reason: 'Names typed as text in version 1 now point at the entity registry.',
    newId,
  });
  return { annotations, entities: created, events };
}

/**
 * What a reviewer can do to the working record, one function per action: tag, edit fields, attribute,
 * mark a cue, add or remove evidence, link claims, create, edit and merge entities, delete. Each is one
 * transaction (db/history.ts runAction) that reads the current state, writes, checks the workflow rules
 * on the state it leaves (db/claim-rules.ts) and logs its events. A refused action returns the rule's
 * message and writes nothing.
 */
import { withFields, type Annotation, type AnyFields, type CueAnnotation } from '../model/annotation';
import type { Attribution, ClaimLinkRecord, EvidenceRecord, LinkRelation } from '../model/claim';
import { cleanAliases, createEntity, findExact, mergedInto, SPEAKER_TYPES, type EntityRecord, type EntityType } from '../model/entity';
import type { RecordChange } from '../model/history';
import { newId } from '../model/ids';
import type { MarginaliaDB } from './database';
import { linksOf } from './claim-rules';
import { runAction, runCreation, type ActionResult } from './history';

const GONE = 'This annotation no longer exists: it was deleted, perhaps in another tab.';

export { linksOf } from './claim-rules';

/** Run an action; db/history.ts refuses it when it would leave a claim against the workflow rules. */
function act(db: MarginaliaDB, action: string, reviewer: string, build: (now: string) => Promise<RecordChange[] | string>, reason?: string): Promise<ActionResult> {
  return runAction(db, { action, reviewer, reason }, build);
}

/**
 * Store a newly tagged annotation. An entity mention whose quote is already the name or an alias of
 * an entity (by match key: case, accents and look-alike letters aside) is linked to it at once.
 */
export async function tagAnnotation(db: MarginaliaDB, annotation: Annotation, reviewer: string): Promise<ActionResult> {
  const meta = { action: `tag ${annotation.kind}`, reviewer };
  // Most tags need nothing read: stored straight away. An entity mention first looks for its entity.
  if (annotation.kind !== 'entity' || annotation.fields.entityId) {
    const stored = await runCreation(db, meta, [{ table: 'annotations', op: 'create', after: annotation }]);
    if (stored) return stored;
  }
  return act(db, meta.action, reviewer, async () => {
    let record = annotation;
    if (annotation.kind === 'entity' && !annotation.fields.entityId) {
      const match = findExact(await db.entities.toArray(), annotation.anchor.quote);
      if (match) record = { ...annotation, fields: { entityId: match.id } };
    }
    return [{ table: 'annotations', op: 'create', after: record }];
  });
}

/**
 * Change some fields of an annotation; `label` names the field for the history ("status"), `reason`
 * is the reviewer's why, kept on the events.
 */
export function updateFields(db: MarginaliaDB, id: string, patch: Partial<AnyFields>, reviewer: string, label: string, reason?: string): Promise<ActionResult> {
  return act(db, `edit ${label}`, reviewer, async (now) => {
    const stored = await db.annotations.get(id);
    if (!stored) return GONE;
    const after = withFields(stored, patch, now);
    const changes: RecordChange[] = [{ table: 'annotations', op: 'update', before: stored, after }];
    // A cue belongs to its attribution: removing the attribution removes the cue span too.
    if ((stored.kind === 'claim' || stored.kind === 'opinion') && 'attribution' in patch && !patch.attribution && stored.fields.attribution?.cueId) {
      const cue = await db.annotations.get(stored.fields.attribution.cueId);
      if (cue) changes.push({ table: 'annotations', op: 'delete', before: cue });
    }
    return changes;
  }, reason?.trim() || undefined);
}

/** Create an entity and apply `patchFor(entity id)` to an annotation, as one action. */
export function createEntityFor(
  db: MarginaliaDB,
  input: { name: string; type: EntityType },
  annotationId: string,
  patchFor: (entityId: string) => Partial<AnyFields>,
  reviewer: string,
): Promise<ActionResult> {
  return act(db, `create entity “${input.name.trim()}”`, reviewer, async (now) => {
    const stored = await db.annotations.get(annotationId);
    if (!stored) return GONE;
    if (input.name.trim() === '') return 'An entity needs a name.';
    const aliases = stored.kind === 'entity' ? [stored.anchor.quote] : [];
    const entity = createEntity({ id: newId(), name: input.name, type: input.type, creator: reviewer, now, aliases });
    return [
      { table: 'entities', op: 'create', after: entity },
      { table: 'annotations', op: 'update', before: stored, after: withFields(stored, patchFor(entity.id), now) },
    ];
  });
}

/**
 * Attribute a claim to the article itself: its author (a person) or, when no author is recorded, its
 * publisher (an organization); the registry entry is found by name or created.
 */
export function attributeToOwnVoice(db: MarginaliaDB, annotationId: string, doc: { author: string; publisher: string }, reviewer: string): Promise<ActionResult> {
  return act(db, 'attribute to the article', reviewer, async (now) => {
    const stored = await db.annotations.get(annotationId);
    if (!stored) return GONE;
    if (stored.kind !== 'claim' && stored.kind !== 'opinion') return 'Only claims and opinions are attributed.';
    const name = doc.author.trim() || doc.publisher.trim();
    if (!name) return 'This document has no author or publisher recorded: add one under Document details, then try again.';
    const type: EntityType = doc.author.trim() ? 'person' : 'organization';
    const changes: RecordChange[] = [];
    let entity = findExact(await db.entities.toArray(), name, type);
    if (!entity) {
      entity = createEntity({ id: newId(), name, type, creator: reviewer, now });
      changes.push({ table: 'entities', op: 'create', after: entity });
    }
    const attribution: Attribution = { entityId: entity.id, quoteType: 'own-voice', cueId: stored.fields.attribution?.cueId ?? null };
    changes.push({ table: 'annotations', op: 'update', before: stored, after: withFields(stored, { attribution }, now) });
    return changes;
  });
}

/** Mark `cue` (a new cue annotation) as the attribution cue of its claim or opinion, replacing any earlier cue. */
export function markCue(db: MarginaliaDB, cue: CueAnnotation, reviewer: string): Promise<ActionResult> {
  return act(db, 'mark attribution cue', reviewer, async (now) => {
    const target = await db.annotations.get(cue.fields.forId);
    if (!target) return GONE;
    if (target.kind !== 'claim' && target.kind !== 'opinion') return 'Only claims and opinions have attribution cues.';
    if (!target.fields.attribution) return 'Set who said it (“Attributed to” or “Holder”) before marking the cue.';
    const changes: RecordChange[] = [];
    const old = target.fields.attribution.cueId ? await db.annotations.get(target.fields.attribution.cueId) : undefined;
    if (old) changes.push({ table: 'annotations', op: 'delete', before: old });
    changes.push({ table: 'annotations', op: 'create', after: { ...cue, created: now, modified: now } });
    changes.push({ table: 'annotations', op: 'update', before: target, after: withFields(target, { attribution: { ...target.fields.attribution, cueId: cue.id } }, now) });
    return changes;
  });
}

/** Delete an annotation with what belongs to it: its cue, its evidence and its links; a deleted cue is unset on its claim. */
export function deleteAnnotation(db: MarginaliaDB, id: string, reviewer: string): Promise<ActionResult> {
  return act(db, 'delete annotation', reviewer, async (now) => {
    const stored = await db.annotations.get(id);
    if (!stored) return GONE;
    const changes: RecordChange[] = [];
    if (stored.kind === 'cue') {
      const target = await db.annotations.get(stored.fields.forId);
      if (target && (target.kind === 'claim' || target.kind === 'opinion') && target.fields.attribution?.cueId === id) {
        changes.push({ table: 'annotations', op: 'update', before: target, after: withFields(target, { attribution: { ...target.fields.attribution, cueId: null } }, now) });
      }
    }
    if ((stored.kind === 'claim' || stored.kind === 'opinion') && stored.fields.attribution?.cueId) {
      const cue = await db.annotations.get(stored.fields.attribution.cueId);
      if (cue) changes.push({ table: 'annotations', op: 'delete', before: cue });
    }
    for (const e of await db.evidence.where('claimId').equals(id).toArray()) changes.push({ table: 'evidence', op: 'delete', before: e });
    for (const l of await linksOf(db, id)) changes.push({ table: 'links', op: 'delete', before: l });
    changes.push({ table: 'annotations', op: 'delete', before: stored });
    return changes;
  });
}

export type EvidenceInput = Pick<EvidenceRecord, 'relation' | 'url' | 'title' | 'passage' | 'accessed'>;

export function addEvidence(db: MarginaliaDB, claimId: string, input: EvidenceInput, reviewer: string): Promise<ActionResult> {
  return act(db, 'add evidence', reviewer, async (now) => {
    const claim = await db.annotations.get(claimId);
    if (claim?.kind !== 'claim') return GONE;
    if (!input.url.trim() && !input.title.trim() && !input.passage.trim()) return 'Give the evidence a URL, a title or a quoted passage.';
    const record: EvidenceRecord = {
      id: newId(),
      claimId,
      relation: input.relation,
      url: input.url.trim(),
      title: input.title.trim(),
      passage: input.passage.trim(),
      accessed: input.accessed,
      creator: reviewer,
      created: now,
      modified: now,
    };
    return [{ table: 'evidence', op: 'create', after: record }];
  });
}

export function removeEvidence(db: MarginaliaDB, id: string, reviewer: string): Promise<ActionResult> {
  return act(db, 'remove evidence', reviewer, async () => {
    const stored = await db.evidence.get(id);
    return stored ? [{ table: 'evidence', op: 'delete', before: stored }] : 'This evidence item was already removed.';
  });
}

/** Link two claims (possibly in different documents); one link per pair of claims. */
export function linkClaims(db: MarginaliaDB, fromId: string, toId: string, relation: LinkRelation, reviewer: string): Promise<ActionResult> {
  return act(db, `link claims (${relation})`, reviewer, async (now) => {
    if (fromId === toId) return 'A claim cannot be linked to itself.';
    const [from, to] = await Promise.all([db.annotations.get(fromId), db.annotations.get(toId)]);
    if (from?.kind !== 'claim' || to?.kind !== 'claim') return 'Only two existing claims can be linked.';
    const existing = (await linksOf(db, fromId)).find((l) => l.fromId === toId || l.toId === toId);
    if (existing) return `These claims are already linked (${existing.relation}). Remove that link first to change it.`;
    const link: ClaimLinkRecord = { id: newId(), fromId, toId, relation, creator: reviewer, created: now, modified: now };
    return [{ table: 'links', op: 'create', after: link }];
  });
}

export function removeLink(db: MarginaliaDB, id: string, reviewer: string): Promise<ActionResult> {
  return act(db, 'remove claim link', reviewer, async () => {
    const stored = await db.links.get(id);
    return stored ? [{ table: 'links', op: 'delete', before: stored }] : 'This link was already removed.';
  });
}

export type EntityPatch = Partial<Pick<EntityRecord, 'name' | 'type' | 'aliases' | 'externalId'>>;

export function updateEntity(db: MarginaliaDB, id: string, patch: EntityPatch, reviewer: string, label: string): Promise<ActionResult> {
  return act(db, `edit entity ${label}`, reviewer, async (now) => {
    const stored = await db.entities.get(id);
    if (!stored) return 'This entity no longer exists: it was merged or deleted, perhaps in another tab.';
    const name = patch.name !== undefined ? patch.name.trim() : stored.name;
    if (name === '') return 'An entity needs a name.';
    if (patch.type && !(SPEAKER_TYPES as readonly string[]).includes(patch.type) && (await db.annotations.where('fields.attribution.entityId').equals(id).count()) > 0) {
      return `“${stored.name}” is the speaker of claims or opinions, so it must stay a person or an organization.`;
    }
    const after: EntityRecord = {
      ...stored,
      name,
      type: patch.type ?? stored.type,
      aliases: cleanAliases(name, patch.aliases ?? stored.aliases),
      externalId: patch.externalId !== undefined ? patch.externalId.trim() : stored.externalId,
      modified: now,
    };
    return [{ table: 'entities', op: 'update', before: stored, after }];
  });
}

/**
 * Merge `sourceId` into `targetId`: every mention of the source and every claim or opinion attributed
 * to it now points at the target, whose aliases gain the source's name and aliases; the source entry
 * is removed. Nothing is lost: undo restores all of it.
 */
export function mergeEntities(db: MarginaliaDB, sourceId: string, targetId: string, reviewer: string): Promise<ActionResult> {
  return act(db, 'merge entities', reviewer, async (now) => {
    if (sourceId === targetId) return 'An entity cannot be merged into itself.';
    const [source, target] = await Promise.all([db.entities.get(sourceId), db.entities.get(targetId)]);
    if (!source || !target) return 'One of these entities no longer exists (merged or deleted, perhaps in another tab).';
    const changes: RecordChange[] = [];
    const mentions = await db.annotations.where('fields.entityId').equals(sourceId).toArray();
    for (const m of mentions) changes.push({ table: 'annotations', op: 'update', before: m, after: withFields(m, { entityId: targetId }, now) });
    const said = await db.annotations.where('fields.attribution.entityId').equals(sourceId).toArray();
    if (said.length > 0 && !(SPEAKER_TYPES as readonly string[]).includes(target.type)) {
      return `“${source.name}” is the speaker of ${said.length} claim(s) or opinion(s); merge it into a person or an organization.`;
    }
    for (const a of said) {
      if (a.kind !== 'claim' && a.kind !== 'opinion') continue;
      changes.push({ table: 'annotations', op: 'update', before: a, after: withFields(a, { attribution: { ...a.fields.attribution!, entityId: targetId } }, now) });
    }
    changes.push({ table: 'entities', op: 'update', before: target, after: mergedInto(target, source, now) });
    changes.push({ table: 'entities', op: 'delete', before: source });
    return changes;
  });
}

/**
 * One entity's page: its registry entry (name, type, aliases, external identifier) edited in place,
 * every mention and everything attributed to it across the library, merging it into another entry,
 * and its history. An entity merged away or deleted gets a page that says so, with its history.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { EntityAnnotation } from '../model/annotation';
import { cleanAliases, ENTITY_TYPES, type EntityRecord, type EntityType } from '../model/entity';
import { deepEqual } from '../model/history';
import { mergeEntities, updateEntity, type EntityPatch } from '../db/actions';
import { db } from '../db/instance';
import { EntityPicker } from './EntityPicker';
import { SelectField, TextField } from './form-fields';
import { HistoryList } from './HistoryList';
import { MentionsSection, WhatTheySaidSection, type Said } from './entity-sections';
import { postStatus } from './notices';
import { perform } from './run-action';
import { useDocumentTitles, useEntities } from './use-library-data';
import { ENTITIES_HREF, entityHref, navigate } from './use-hash-route';
import './entities.css';

export function EntityPage({ id, reviewer }: { id: string; reviewer: string }) {
  // undefined while loading, null when there is no such entity.
  const entity = useLiveQuery(async () => (await db.entities.get(id)) ?? null, [id]);
  if (entity === undefined) return <p className="mg-hint">Loading…</p>;
  if (entity === null) return <NotFound id={id} />;
  return <EntityDetails entity={entity} reviewer={reviewer || 'unknown reviewer'} />;
}

function NotFound({ id }: { id: string }) {
  return (
    <section className="mg-entity-page" aria-labelledby="entity-not-found">
      <p className="mg-crumbs">
        <a href={ENTITIES_HREF}>Back to Entities</a>
      </p>
      <h2 id="entity-not-found">Entity not found</h2>
      <p>There is no entity with this address: it was merged into another entity or deleted, perhaps in another tab. What happened to it is kept below.</p>
      <HistoryList ids={[id]} />
    </section>
  );
}

function EntityDetails({ entity, reviewer }: { entity: EntityRecord; reviewer: string }) {
  const entities = useEntities();
  const titles = useDocumentTitles();
  const mentions = useLiveQuery(() => db.annotations.where('fields.entityId').equals(entity.id).toArray() as Promise<EntityAnnotation[]>, [entity.id]);
  const said = useLiveQuery(async () => (await db.annotations.where('fields.attribution.entityId').equals(entity.id).toArray()).filter((a): a is Said => a.kind === 'claim' || a.kind === 'opinion'), [entity.id]);
  const headingId = useId();
  return (
    <article className="mg-entity-page" aria-labelledby={headingId}>
      <p className="mg-crumbs">
        <a href={ENTITIES_HREF}>Entities</a>
      </p>
      <h2 id={headingId} className="mg-entity-name">
        {entity.name}
      </h2>
      <p className="mg-byline">
        {entity.type}
        {entity.externalId ? ` · ${entity.externalId}` : ''} · added by {entity.creator}
      </p>
      <EntityForm entity={entity} reviewer={reviewer} />
      {mentions === undefined || said === undefined ? (
        <p className="mg-hint">Loading…</p>
      ) : (
        <>
          <MentionsSection entity={entity} mentions={mentions} entities={entities} titles={titles} reviewer={reviewer} />
          <WhatTheySaidSection entity={entity} said={said} titles={titles} />
          <MergeSection entity={entity} entities={entities} reviewer={reviewer} counts={{ mentions: mentions.length, said: said.length }} />
        </>
      )}
      <HistoryList ids={[entity.id]} />
    </article>
  );
}

/** A text field saved after a pause, with a hint read after its label. */
function EntityForm({ entity, reviewer }: { entity: EntityRecord; reviewer: string }) {
  const headingId = useId();
  // Quick edits of one field merge into one undo step; a refusal is posted as an error notice.
  const save = (patch: EntityPatch, field: string) =>
    void perform(`edit entity ${field}`, () => updateEntity(db, entity.id, patch, reviewer, field), { key: `${entity.id} ${field}` });
  const saveAliases = (text: string) => {
    const aliases = cleanAliases(entity.name, text.split('\n'));
    if (!deepEqual(aliases, entity.aliases)) save({ aliases }, 'aliases');
  };
  return (
    <section className="mg-entity-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Details</h3>
      <div className="mg-form mg-entity-form">
        <TextField className="mg-entity-field" label="Name" value={entity.name} onSave={(name) => save({ name }, 'name')} />
        <SelectField
          className="mg-entity-field"
          label="Type"
          value={entity.type}
          options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))}
          onSave={(type) => save({ type: type as EntityType }, 'type')}
        />
        <TextField className="mg-entity-field" label="Aliases" multiline value={entity.aliases.join('\n')} onSave={saveAliases} hint="One per line: abbreviations, other spellings, former names." />
        <TextField className="mg-entity-field" label="External identifier" value={entity.externalId} onSave={(externalId) => save({ externalId }, 'external identifier')} hint="For example a Wikidata QID such as Q42." />
      </div>
    </section>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function MergeSection({ entity, entities, reviewer, counts }: { entity: EntityRecord; entities: readonly EntityRecord[]; reviewer: string; counts: { mentions: number; said: number } }) {
  const headingId = useId();
  const [targetId, setTargetId] = useState<string | null>(null);
  // The chosen entity as stored now (it may have been renamed, or merged away, meanwhile).
  const target = entities.find((e) => e.id === targetId) ?? null;

  const merge = async () => {
    if (!target) {
      postStatus('Choose the entity to merge into first.');
      return;
    }
    const moving = [plural(counts.mentions, 'mention', 'mentions'), plural(counts.said, 'attributed claim or opinion', 'attributed claims and opinions')].join(' and ');
    if (!window.confirm(`Merge “${entity.name}” into “${target.name}”? Its ${moving} will point at “${target.name}”, which keeps “${entity.name}” as an alias; “${entity.name}” is removed from the registry. Ctrl+Z undoes it.`)) return;
    const result = await perform('merge entities', () => mergeEntities(db, entity.id, target.id, reviewer));
    if (!result.ok) return;
    let mentions = 0;
    let said = 0;
    for (const c of result.changes) {
      if (c.table !== 'annotations' || c.op !== 'update') continue;
      if ('kind' in c.after && c.after.kind === 'entity') mentions++;
      else said++;
    }
    const moved = said > 0 ? `${plural(mentions, 'mention', 'mentions')} and ${plural(said, 'attribution', 'attributions')} moved` : `${plural(mentions, 'mention', 'mentions')} moved`;
    navigate(entityHref(target.id));
    postStatus(`Merged “${entity.name}” into “${target.name}”: ${moved}.`);
  };

  return (
    <section className="mg-entity-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Merge</h3>
      <p className="mg-hint">When “{entity.name}” is another name for an entity already in the registry, merge it into that one: every mention and attribution moves there, and “{entity.name}” becomes one of its aliases.</p>
      <div className="mg-merge-row">
        <EntityPicker label="Merge into" entities={entities} value={target} excludeId={entity.id} onPick={(e) => setTargetId(e.id)} />
        <button type="button" className="mg-primary" aria-disabled={!target} onClick={() => void merge()}>
          Merge
        </button>
      </div>
    </section>
  );
}

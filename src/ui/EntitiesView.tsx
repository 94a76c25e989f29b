/**
 * The entity registry: every entity with how often it is mentioned and how much is attributed to it,
 * filtered by name or alias (forgiving case, accents and look-alike letters) and by type.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ENTITY_TYPES, searchEntities, type EntityRecord, type EntityType } from '../model/entity';
import { db } from '../db/instance';
import { entityHref } from './use-hash-route';
import './entities.css';

interface Counts {
  /** Entity annotations pointing at each entity. */
  mentions: Map<string, number>;
  /** Claims and opinions attributed to each entity. */
  attributed: Map<string, number>;
}

/** Count by walking the two indexes once (keys only, no records read). */
async function readCounts(): Promise<Counts> {
  const tally = async (index: string) => {
    const counts = new Map<string, number>();
    await db.annotations.orderBy(index).eachKey((key) => {
      const id = String(key);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    return counts;
  };
  const [mentions, attributed] = await Promise.all([tally('fields.entityId'), tally('fields.attribution.entityId')]);
  return { mentions, attributed };
}

/** The entities to list: all by name, or the matches of `query` best first; of `type` if set. */
function filterEntities(entities: readonly EntityRecord[], query: string, type: EntityType | ''): readonly EntityRecord[] {
  const types = type ? [type] : undefined;
  if (query.trim() === '') return types ? entities.filter((e) => e.type === type) : entities;
  return searchEntities(entities, query, { types, limit: entities.length }).map((m) => m.entity);
}

export function EntitiesView() {
  const stored = useLiveQuery(() => db.entities.toArray(), []);
  const entities = useMemo(() => [...(stored ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [stored]);
  const counts = useLiveQuery(readCounts, []);
  const [query, setQuery] = useState('');
  const [type, setType] = useState<EntityType | ''>('');
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterEntities(entities, deferredQuery, type), [entities, deferredQuery, type]);
  const id = useId();
  const filtered = query.trim() !== '' || type !== '';

  return (
    <section className="mg-entities" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Entities</h2>
      <p className="mg-hint">
        The people, organisations, places and other things named in the library, each shared by every document. Tag a name with <kbd>e</kbd> in a document and link it to an entity in the Annotations panel.
      </p>
      <div className="mg-entity-filters" role="search" aria-label="Entity filters">
        <div className="mg-entity-filter">
          <label htmlFor={`${id}-query`}>Filter entities</label>
          <input id={`${id}-query`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or alias" />
        </div>
        <div className="mg-entity-filter">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as EntityType | '')}>
            <option value="">All types</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </div>
      {stored === undefined ? (
        <p>Loading…</p>
      ) : entities.length === 0 ? (
        <p className="mg-empty">No entities yet.</p>
      ) : (
        <>
          <p className="mg-count">{filtered ? `${shown.length} of ${entities.length} entities` : `${entities.length} ${entities.length === 1 ? 'entity' : 'entities'}`}</p>
          <table className="mg-doc-table mg-entity-table">
            <caption className="mg-visually-hidden">Entities</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Aliases</th>
                <th scope="col">Mentions</th>
                <th scope="col">Attributed</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={entityHref(e.id)}>{e.name}</a>
                  </td>
                  <td>{e.type}</td>
                  <td>{e.aliases.join(', ')}</td>
                  <td className="mg-num">{counts?.mentions.get(e.id) ?? 0}</td>
                  <td className="mg-num">{counts?.attributed.get(e.id) ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="mg-empty">No entity matches this filter.</p> : null}
        </>
      )}
    </section>
  );
}

/**
 * The entity registry: one canonical entry per person, organisation, place… shared by every document.
 * Entity mentions (annotations of kind 'entity') and attributions point at an entry by id.
 */
import { matchKey, matchRank } from './match-key';

export const ENTITY_TYPES = ['person', 'organization', 'place', 'date', 'quantity', 'event', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Who can say something: the entity types a claim or opinion can be attributed to. */
export const SPEAKER_TYPES = ['person', 'organization'] as const satisfies readonly EntityType[];

export interface EntityRecord {
  id: string;
  /** The canonical name, spelled as the reviewer chose. */
  name: string;
  type: EntityType;
  /** Other spellings and names (abbreviations, transliterations, former names). */
  aliases: string[];
  /** An identifier in an outside registry, typed by hand (e.g. a Wikidata QID "Q42"); '' when none. */
  externalId: string;
  creator: string;
  created: string;
  modified: string;
}

export interface NewEntityInput {
  id: string;
  name: string;
  type: EntityType;
  creator: string;
  now: string;
  aliases?: string[];
}

export function createEntity(input: NewEntityInput): EntityRecord {
  return {
    id: input.id,
    name: input.name.trim(),
    type: input.type,
    aliases: cleanAliases(input.name, input.aliases ?? []),
    externalId: '',
    creator: input.creator,
    created: input.now,
    modified: input.now,
  };
}

/** Aliases trimmed, without blanks, without repeats and without the name itself (compared by match key). */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([matchKey(name)]);
  const out: string[] = [];
  for (const raw of aliases) {
    const alias = raw.trim();
    const key = matchKey(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** What `target` becomes when `source` is merged into it: its name and aliases become aliases. */
export function mergedInto(target: EntityRecord, source: EntityRecord, now: string): EntityRecord {
  return {
    ...target,
    aliases: cleanAliases(target.name, [...target.aliases, source.name, ...source.aliases]),
    externalId: target.externalId || source.externalId,
    modified: now,
  };
}

/** One search hit: the entity and the spelling (name or alias) that matched. */
export interface EntityMatch {
  entity: EntityRecord;
  matched: string;
  rank: number;
}

/**
 * Entities whose name or an alias matches `query` (see match-key.ts), best first: exact, then prefix,
 * then word prefix, then with typos; ties by name. `types` restricts the entity types.
 */
export function searchEntities(
  entities: readonly EntityRecord[],
  query: string,
  options: { limit?: number; types?: readonly EntityType[] } = {},
): EntityMatch[] {
  const q = matchKey(query);
  if (q === '') return [];
  const hits: EntityMatch[] = [];
  for (const entity of entities) {
    if (options.types && !options.types.includes(entity.type)) continue;
    let best: EntityMatch | undefined;
    for (const spelling of [entity.name, ...entity.aliases]) {
      const rank = matchRank(q, matchKey(spelling));
      if (rank !== undefined && (!best || rank < best.rank)) best = { entity, matched: spelling, rank };
    }
    if (best) hits.push(best);
  }
  hits.sort((a, b) => a.rank - b.rank || a.entity.name.localeCompare(b.entity.name));
  return hits.slice(0, options.limit ?? 20);
}

/** The entity whose name or an alias has exactly the match key of `name`, if any (of `type`, if given). */
export function findExact(entities: readonly EntityRecord[], name: string, type?: EntityType): EntityRecord | undefined {
  const key = matchKey(name);
  if (key === '') return undefined;
  return entities.find((e) => (!type || e.type === type) && [e.name, ...e.aliases].some((s) => matchKey(s) === key));
}

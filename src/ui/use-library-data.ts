/**
 * Live views of library-wide records that several views share: the entity registry, document titles,
 * the verdict scale. Each re-reads when another tab (or this one) changes the tables it reads.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from '../model/claim';
import type { EntityRecord } from '../model/entity';
import { db } from '../db/instance';
import { getSetting, VERDICT_SCALE_KEY } from '../db/repository';

const NO_ENTITIES: EntityRecord[] = [];

/** Every entity, by name; an empty list while loading. */
export function useEntities(): EntityRecord[] {
  return useLiveQuery(() => db.entities.orderBy('name').toArray(), []) ?? NO_ENTITIES;
}

/** Entities by id. */
export function useEntityMap(entities: readonly EntityRecord[]): Map<string, EntityRecord> {
  return useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);
}

/** Document titles by id (no text is read). */
export function useDocumentTitles(): Map<string, string> {
  const docs = useLiveQuery(() => db.documents.toArray(), []);
  return useMemo(() => new Map((docs ?? []).map((d) => [d.id, d.title])), [docs]);
}



/** The verdict scale in use (Settings), or the default one. */
export function useVerdictScale(): VerdictScale {
  return useLiveQuery(() => getSetting<VerdictScale>(db, VERDICT_SCALE_KEY, DEFAULT_VERDICT_SCALE), []) ?? DEFAULT_VERDICT_SCALE;
}

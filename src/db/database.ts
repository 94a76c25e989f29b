/**
 * The one Dexie database of the app. Every schema version is kept here, in order; a version that
 * transforms data keeps its upgrade() forever (see docs/architecture.md).
 *
 * Documents are split in two tables so the Library can list thousands of documents without
 * reading their text: `documents` holds metadata, `texts` holds the immutable content.
 */
import Dexie, { type Table } from 'dexie';
import type { Annotation } from '../model/annotation';
import type { ClaimLinkRecord, EvidenceRecord } from '../model/claim';
import type { CarryRecord } from '../model/carry';
import type { Block, DocumentRecord } from '../model/document';
import type { EntityRecord } from '../model/entity';
import type { HistoryEvent } from '../model/history';
import { newId, nowIso } from '../model/ids';
import { tableMemo } from './table-memo';
import { upgradeAnnotationsToV2, type V1Annotation } from './upgrade-v2';

/** A document without its content: what the Library lists. */
export type DocumentSummary = Omit<DocumentRecord, 'content' | 'text'>;

/** The immutable text of a document, stored once on import. */
export interface TextRecord {
  documentId: string;
  textHash: string;
  content: Block[];
  text: string;
}

/** A key/value setting (reviewer name, verdict scale, seeding flag). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'marginalia';

/** Version 1: the first schema. Documents by creation time for the Library, annotations by document. */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores({
    documents: 'id, created',
    texts: 'documentId',
    annotations: 'id, documentId',
    settings: 'key',
  });
}

/**
 * Version 2: the entity registry, evidence, claim links and the history. Annotations are also found
 * by kind (the claim board), by the entity a mention refers to and by the entity a claim or opinion is
 * attributed to (an entity's page). Events are found by group (undo) and by the records they concern
 * (History panels). The upgrade turns version 1's free-text names into registry entries.
 */
export function declareVersion2(db: Dexie): void {
  db.version(2)
    .stores({
      annotations: 'id, documentId, kind, fields.entityId, fields.attribution.entityId',
      entities: 'id, name',
      evidence: 'id, claimId',
      links: 'id, fromId, toId',
      events: 'id, groupId, *subjects, at',
    })
    .upgrade(async (tx) => {
      const old = (await tx.table('annotations').toArray()) as V1Annotation[];
      if (old.length === 0) return;
      const { annotations, entities, events } = upgradeAnnotationsToV2(old, nowIso(), newId);
      await tx.table('entities').bulkAdd(entities);
      await tx.table('annotations').bulkPut(annotations);
      await tx.table('events').bulkAdd(events);
    });
}

/**
 * Version 3: documents are found by the article they are a version of (`lineageId`). The version
 * fields are optional (a document without them is version 1 of its own lineage), so no data changes.
 */
export function declareVersion3(db: Dexie): void {
  db.version(3).stores({ documents: 'id, created, lineageId' });
}

/**
 * Version 4: carries (model/carry.ts), where each annotation of a version goes on the next one, kept
 * from storing a new version until its annotation records are all moved; found by the version they
 * leave. A new table only: no data changes.
 */
export function declareVersion4(db: Dexie): void {
  db.version(4).stores({ carries: 'documentId, fromDocumentId' });
}

export class MarginaliaDB extends Dexie {
  documents!: Table<DocumentSummary, string>;
  texts!: Table<TextRecord, string>;
  annotations!: Table<Annotation, string>;
  settings!: Table<SettingRecord, string>;
  entities!: Table<EntityRecord, string>;
  evidence!: Table<EvidenceRecord, string>;
  links!: Table<ClaimLinkRecord, string>;
  events!: Table<HistoryEvent, string>;
  carries!: Table<CarryRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    declareVersion1(this);
    declareVersion2(this);
    declareVersion3(this);
    declareVersion4(this);
    this.use(tableMemo);
  }
}

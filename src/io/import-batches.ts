/**
 * A resolved merge cut into batches of about IMPORT_BATCH records of one kind each, in the order they
 * are written: entities, annotations, evidence, links, the file's events, documents last (a document
 * appears in the Library only once everything of the file that points at it is stored).
 *
 * Why it exists: an import of 100,000 annotations written in one task or one transaction freezes the
 * page for seconds. Each batch is written in a transaction of its own (db/import-native.ts), together
 * with its own history events, so the page runs between batches and whatever was written before a
 * failure is whole. Each record carries what the plan expected to find under its id (nothing, or the
 * stored record it replaces), so the writer can refuse a batch when the library changed meanwhile.
 * Pure: the import worker builds the batches and posts them one at a time.
 */
import type { Annotation } from '../model/annotation';
import type { ClaimLinkRecord, EvidenceRecord } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import type { EntityRecord } from '../model/entity';
import type { HistoryEvent } from '../model/history';
import type { ImportPlan, ImportWrites, RecordType } from './merge-plan';
import type { NativeExport } from './native-json';

/** Records per batch (and so per transaction). */
export const IMPORT_BATCH = 1000;
/** Documents per batch: each carries its whole text. */
export const DOCUMENT_BATCH = 100;
/** The order batches are written in. */
export const WRITE_ORDER = ['entities', 'annotations', 'evidence', 'links', 'events', 'documents'] as const satisfies readonly RecordType[];

/** The record each kind of batch writes. */
export interface WrittenRecord {
  documents: DocumentRecord;
  annotations: Annotation;
  entities: EntityRecord;
  evidence: EvidenceRecord;
  links: ClaimLinkRecord;
  events: HistoryEvent;
}

/** Records of one kind to write, each with the stored record it replaces as the plan saw it (export form), or null: it must not be stored yet. */
export type ImportBatch = {
  [K in RecordType]: { item: K; records: WrittenRecord[K][]; replaces: (NativeExport[K][number] | null)[] };
}[RecordType];

/** Cut `writes` (resolved from `plan`) into batches, in WRITE_ORDER. The batches share the records of `writes` (nothing is copied). */
export function importBatches(plan: ImportPlan, writes: ImportWrites, size = IMPORT_BATCH, documentSize = DOCUMENT_BATCH): ImportBatch[] {
  const batches: ImportBatch[] = [];
  for (const item of WRITE_ORDER) {
    const list = writes[item] as { id: string }[];
    const stored = plan.stored[item] as Map<string, unknown>;
    const step = item === 'documents' ? documentSize : size;
    for (let i = 0; i < list.length; i += step) {
      const records = list.slice(i, i + step);
      batches.push({ item, records, replaces: records.map((r) => stored.get(r.id) ?? null) } as ImportBatch);
    }
  }
  return batches;
}

/** How many records `batches` write (not counting the import's own history events). */
export const recordsIn = (batches: readonly ImportBatch[]): number => batches.reduce((n, b) => n + b.records.length, 0);

/**
 * The preview's side of a library import: the stored records that share an id with the file, read
 * READ_CHUNK ids at a time so the page runs between reads (`readStoredInChunks`), and the whole dry
 * run on this thread (`previewImport`, for tests and where workers are missing). Writes nothing.
 * Writing is import-native.ts.
 */
import type { Table } from 'dexie';
import type { VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import type { LibraryRecords } from '../model/library';
import type { ImportCounts } from '../io/import-session';
import { planImport, RECORD_TYPES, type ImportPlan, type RecordType } from '../io/merge-plan';
import type { NativeExport } from '../io/native-json';
import type { MarginaliaDB } from './database';
import { VERDICT_SCALE_KEY } from './repository';
import { settleCarries } from './carry';

/**
 * Ids looked up per read: each id is a request of its own (Dexie bulkGet), and 1,000 of them took the
 * page 45–60 ms to send, in one task.
 */
export const READ_CHUNK = 250;

const present = <T>(list: (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);

/** The stored records under `ids` of one kind (documents joined with their text). */
export async function readSome(db: MarginaliaDB, item: RecordType, ids: string[]): Promise<Partial<LibraryRecords>> {
  switch (item) {
    case 'documents': {
      const [summaries, texts] = await Promise.all([db.documents.bulkGet(ids), db.texts.bulkGet(ids)]);
      const documents: DocumentRecord[] = [];
      summaries.forEach((s, i) => {
        const t = texts[i];
        if (s && t) documents.push({ ...s, content: t.content, text: t.text });
      });
      return { documents };
    }
    case 'annotations':
      return { annotations: present(await db.annotations.bulkGet(ids)) };
    case 'entities':
      return { entities: present(await db.entities.bulkGet(ids)) };
    case 'evidence':
      return { evidence: present(await db.evidence.bulkGet(ids)) };
    case 'links':
      return { links: present(await db.links.bulkGet(ids)) };
    case 'events':
      return { events: present(await db.events.bulkGet(ids)) };
  }
}

export const readTables = (db: MarginaliaDB, item: RecordType): Table[] => (item === 'documents' ? [db.documents, db.texts] : [tableOf(db, item)]);
export function tableOf(db: MarginaliaDB, item: Exclude<RecordType, 'documents'>): Table {
  return { annotations: db.annotations, entities: db.entities, evidence: db.evidence, links: db.links, events: db.events }[item];
}

/** The ids to look up: how many of each kind, and a stretch of them on request (from the import worker). */
export interface IdSource {
  counts: ImportCounts;
  ids(item: RecordType, from: number, count: number): Promise<string[]> | string[];
}

/**
 * Read the stored records sharing an id with the file, READ_CHUNK ids per read, handing each chunk's
 * finds to `onPart` (which may be slow: the next read waits for it). Returns the stored verdict scale
 * (null when never set). Writes nothing.
 */
export async function readStoredInChunks(db: MarginaliaDB, source: IdSource, onPart: (part: Partial<LibraryRecords>) => Promise<void> | void, onProgress?: (done: number, total: number) => void): Promise<VerdictScale | null> {
  // Compared with the file as they will be: on their version, their moves in the history.
  await settleCarries(db);
  const total = RECORD_TYPES.reduce((n, item) => n + source.counts[item], 0);
  let done = 0;
  for (const item of RECORD_TYPES) {
    for (let i = 0; i < source.counts[item]; i += READ_CHUNK) {
      const chunk = await source.ids(item, i, READ_CHUNK);
      if (chunk.length === 0) break;
      const part = await db.transaction('r', readTables(db, item), () => readSome(db, item, chunk));
      if ((part[item]?.length ?? 0) > 0) await onPart(part);
      done += chunk.length;
      onProgress?.(done, total);
    }
  }
  const scale = await db.settings.get(VERDICT_SCALE_KEY);
  return scale === undefined ? null : (scale.value as VerdictScale);
}

/** The dry run on this thread: what importing `file` would add, leave and conflict with. Writes nothing. */
export async function previewImport(db: MarginaliaDB, file: NativeExport): Promise<ImportPlan> {
  const stored: { [K in keyof LibraryRecords]: LibraryRecords[K][number][] } = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [] };
  const ids: IdSource = {
    counts: Object.fromEntries(RECORD_TYPES.map((item) => [item, file[item].length])) as ImportCounts,
    ids: (item, from, count) => file[item].slice(from, from + count).map((r) => r.id),
  };
  const verdictScale = await readStoredInChunks(db, ids, (part) => {
    for (const item of RECORD_TYPES) (stored[item] as unknown[]).push(...(part[item] ?? []));
  });
  return planImport(file, { ...stored, verdictScale });
}

/**
 * Importing a native export into the library: read what is stored under the file's ids, in chunks
 * (`readStoredInChunks`), and write a resolved merge batch by batch (`writeImport`), each batch in a
 * transaction of its own with its own history events. `previewImport` and `applyImport` do the whole
 * of it on this thread (tests, and the fallback without workers); the Library's dialog runs the pure
 * part in a worker (workers/import-library-client.ts) and calls the same two functions.
 *
 * Why it exists: a 100,000-annotation import must neither freeze the page nor lose anything. Reading
 * and writing in steps of about a thousand records lets the page run between them. What a batch
 * writes is what the preview promised: each batch re-reads the stored records under its ids and is
 * refused, with nothing of it written, if one changed since the preview (another tab). A failure stops
 * the import after the last whole batch: every record written is complete and logged, nothing stored
 * before is lost (a record is replaced only where the reviewer's choice said so), documents come
 * last so the Library never lists one whose annotations are missing, and importing the same file again
 * finds the written records identical and adds the rest. The import is logged as one history group
 * ("import library"): a create event per record added and an update event per field of a record
 * replaced; the file's own events are kept exactly as they are (they are the other library's history).
 */
import type { Table } from 'dexie';
import type { VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import { eventsFor, type HistoryTable, type RecordChange, type StoredRecord } from '../model/history';
import { newId, nowIso } from '../model/ids';
import type { LibraryRecords } from '../model/library';
import { importBatches, recordsIn, type ImportBatch } from '../io/import-batches';
import type { ImportIds, ResolvedImport } from '../io/import-session';
import { jsonEqual, planImport, RECORD_TYPES, resolveImport, type Choice, type ImportPlan, type ImportSummary, type RecordType } from '../io/merge-plan';
import { serializeLibrary, type NativeExport } from '../io/native-json';
import type { DocumentSummary, MarginaliaDB, TextRecord } from './database';
import { describeDbError } from './errors';
import { VERDICT_SCALE_KEY } from './repository';

/** Ids looked up per read. */
export const READ_CHUNK = 1000;
/** The action name of the import's history group. */
export const IMPORT_ACTION = 'import library';

const present = <T>(list: (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);
/** Let the page run (input, painting) before the next step: a message task, which a hidden tab does not throttle as it does timers. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The stored records under `ids` of one kind (documents joined with their text). */
async function readSome(db: MarginaliaDB, item: RecordType, ids: string[]): Promise<Partial<LibraryRecords>> {
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

const readTables = (db: MarginaliaDB, item: RecordType): Table[] => (item === 'documents' ? [db.documents, db.texts] : [tableOf(db, item)]);
function tableOf(db: MarginaliaDB, item: Exclude<RecordType, 'documents'>): Table {
  return { annotations: db.annotations, entities: db.entities, evidence: db.evidence, links: db.links, events: db.events }[item];
}

/**
 * Read the stored records sharing an id with the file, READ_CHUNK ids per read, handing each chunk's
 * finds to `onPart` (which may be slow: the next read waits for it). Returns the stored verdict scale
 * (null when never set). Writes nothing.
 */
export async function readStoredInChunks(db: MarginaliaDB, ids: ImportIds, onPart: (part: Partial<LibraryRecords>) => Promise<void> | void, onProgress?: (done: number, total: number) => void): Promise<VerdictScale | null> {
  const total = RECORD_TYPES.reduce((n, item) => n + ids[item].length, 0);
  let done = 0;
  for (const item of RECORD_TYPES) {
    for (let i = 0; i < ids[item].length; i += READ_CHUNK) {
      const chunk = ids[item].slice(i, i + READ_CHUNK);
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
  const ids = Object.fromEntries(RECORD_TYPES.map((item) => [item, file[item].map((r) => r.id)])) as ImportIds;
  const verdictScale = await readStoredInChunks(db, ids, (part) => {
    for (const item of RECORD_TYPES) (stored[item] as unknown[]).push(...(part[item] ?? []));
  });
  return planImport(file, { ...stored, verdictScale });
}

export interface ImportOptions {
  reviewer: string;
  fileName: string;
  /** Called after each batch is written (records of the file written so far, of all to write). */
  onProgress?(done: number, total: number): void;
  /** The time of the import's history group (now by default). */
  now?: string;
  /** Records per batch for `applyImport` (tests use small ones to get many batches). */
  batchSize?: number;
}

/** What the import did, for the report. */
export interface ImportReport {
  summary: ImportSummary;
  notes: string[];
}

/** `written`: records of the file written before it stopped (0: nothing at all was written). */
export type ImportOutcome = { ok: true; writes: ImportReport; groupId: string | null } | { ok: false; message: string; written: number };

/** Where the batches come from: the worker, or a list on this thread. */
export interface BatchSource {
  count: number;
  batch(index: number): Promise<ImportBatch>;
}

/** The library no longer holds what the preview saw under an id a batch writes. */
class Stale extends Error {
  override name = 'Stale';
}

function split(doc: DocumentRecord): { summary: DocumentSummary; text: TextRecord } {
  const { content, text, ...summary } = doc;
  return { summary, text: { documentId: doc.id, textHash: doc.textHash, content, text } };
}

/** The import's history group, shared by every batch. NOTE `seq` is advanced as batches log events. */
interface GroupContext {
  groupId: string;
  at: string;
  reviewer: string;
  reason: string;
  seq: number;
}

/** A stored record as an export holds it, to compare with what the plan saw. */
function exportForm(item: RecordType, record: unknown): unknown {
  const one = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [], [item]: [record] };
  return serializeLibrary({ ...one, verdictScale: { name: '', levels: [] }, exportedAt: '' })[item][0];
}

/** Whether `error` says a record with the same key is already stored (a bulkAdd refused). */
function isKeyTaken(error: unknown): boolean {
  const failures = (error as { failures?: unknown[] } | null)?.failures ?? [error];
  return failures.some((f) => f instanceof Error && (f.name === 'ConstraintError' || (f as { inner?: { name?: string } }).inner?.name === 'ConstraintError'));
}

/**
 * Write one batch in one transaction, with its history events (and the verdict scale when `scale` is
 * given); refused (Stale) when a record under its ids is not what the plan saw. Records the plan saw
 * absent are added (the database refuses a key already taken, so they need no read); records it saw
 * stored are read and compared first, then replaced.
 */
async function writeBatch(db: MarginaliaDB, batch: ImportBatch, group: GroupContext, scale?: Pick<ResolvedImport, 'verdictScale' | 'storedScale'>): Promise<number> {
  const tables = [...readTables(db, batch.item), db.events, ...(scale ? [db.settings] : [])];
  return db.transaction('rw', tables, async () => {
    if (scale) await writeScale(db, scale);
    const added: { id: string }[] = [];
    const replaced: { id: string }[] = [];
    const changes: RecordChange[] = [];
    const replacing = batch.replaces.some((r) => r !== null);
    const now = new Map<string, unknown>();
    if (replacing) {
      const ids = batch.records.filter((_, i) => batch.replaces[i]).map((r) => r.id);
      for (const r of (await readSome(db, batch.item, ids))[batch.item] ?? []) now.set(r.id, r);
    }
    batch.records.forEach((r, i) => {
      const expected = batch.replaces[i] ?? null;
      if (expected === null) added.push(r);
      else {
        const found = now.get(r.id);
        if (found === undefined || !jsonEqual(exportForm(batch.item, found), expected)) throw new Stale();
        replaced.push(r);
      }
      if (batch.item === 'documents' || batch.item === 'events') return;
      const table: HistoryTable = batch.item;
      const after = r as unknown as StoredRecord;
      changes.push(expected === null ? { table, op: 'create', after } : { table, op: 'update', before: expected as unknown as StoredRecord, after });
    });
    const own = eventsFor(changes, { groupId: group.groupId, at: group.at, reviewer: group.reviewer, action: IMPORT_ACTION, reason: group.reason, newId });
    for (const e of own) e.seq += group.seq;
    try {
      if (batch.item === 'documents') {
        const parts = (list: { id: string }[]) => (list as DocumentRecord[]).map(split);
        const [adds, puts] = [parts(added), parts(replaced)];
        await db.texts.bulkAdd(adds.map((p) => p.text));
        await db.documents.bulkAdd(adds.map((p) => p.summary));
        await db.texts.bulkPut(puts.map((p) => p.text));
        await db.documents.bulkPut(puts.map((p) => p.summary));
      } else {
        const table = tableOf(db, batch.item);
        await table.bulkAdd(added);
        await table.bulkPut(replaced);
      }
      await db.events.bulkAdd(own);
    } catch (error) {
      throw isKeyTaken(error) ? new Stale() : error;
    }
    group.seq += own.length;
    return own.length;
  });
}

/** Store the resolved verdict scale (inside a batch's transaction), unless the stored one is no longer what the plan saw. */
async function writeScale(db: MarginaliaDB, resolved: Pick<ResolvedImport, 'verdictScale' | 'storedScale'>): Promise<void> {
  if (!resolved.verdictScale) return;
  const stored = await db.settings.get(VERDICT_SCALE_KEY);
  const same = resolved.storedScale === null ? stored === undefined : stored !== undefined && jsonEqual(stored.value, resolved.storedScale);
  if (!same) throw new Stale();
  await db.settings.put({ key: VERDICT_SCALE_KEY, value: resolved.verdictScale });
}

/**
 * Write a resolved merge: the verdict scale with the first batch (claims need its levels), then each batch of
 * `source` in its own transaction, letting the page run between them. Returns the report, or why it
 * stopped and how many of the file's records were written before.
 */
export async function writeImport(db: MarginaliaDB, source: BatchSource, resolved: Omit<ResolvedImport, 'batches'>, options: ImportOptions): Promise<ImportOutcome> {
  const group: GroupContext = { groupId: newId(), at: options.now ?? nowIso(), reviewer: options.reviewer, reason: `Imported from ${options.fileName}.`, seq: 0 };
  let written = 0;
  options.onProgress?.(0, resolved.total);
  try {
    if (source.count === 0) await db.transaction('rw', db.settings, () => writeScale(db, resolved));
    let next = source.count > 0 ? source.batch(0) : null;
    for (let i = 0; next; i++) {
      const batch = await next;
      // Ask for the following batch while this one is written.
      next = i + 1 < source.count ? source.batch(i + 1) : null;
      // The scale goes with the first batch: claims need its levels, and a refused first batch writes nothing at all.
      await writeBatch(db, batch, group, i === 0 ? resolved : undefined);
      written += batch.records.length;
      options.onProgress?.(written, resolved.total);
      await yieldToPage();
    }
  } catch (error) {
    return { ok: false, message: stoppedMessage(error, written, resolved.total, options.fileName), written };
  }
  return { ok: true, writes: { summary: resolved.summary, notes: resolved.notes }, groupId: group.seq > 0 ? group.groupId : null };
}

function stoppedMessage(error: unknown, written: number, total: number, fileName: string): string {
  if (error instanceof Stale) {
    return written === 0
      ? 'The library changed since the preview (perhaps in another tab). Nothing was imported: open the file again to see what it would change now.'
      : `The library changed since the preview (perhaps in another tab), so the import stopped after ${written} of ${total} records. Nothing you had was lost, and the records written are complete with their history; open the file again to see what the rest would change now.`;
  }
  const reason = describeDbError(error, `import ${fileName}`);
  return written === 0
    ? `${reason} Nothing was imported.`
    : `${reason} The import stopped after ${written} of ${total} records. Nothing you had was lost, and the records written are complete with their history; import the same file again to add the rest (what is already in is identical and skipped).`;
}

/**
 * Merge the previewed `plan` with the reviewer's `choices` (conflicts without one take their default)
 * on this thread, batch by batch (see `writeImport`).
 */
export async function applyImport(db: MarginaliaDB, plan: ImportPlan, choices: ReadonlyMap<string, Choice>, options: ImportOptions): Promise<ImportOutcome> {
  const writes = resolveImport(plan, choices);
  const batches = importBatches(plan, writes, options.batchSize, options.batchSize);
  const source: BatchSource = { count: batches.length, batch: async (i) => batches[i]! };
  return writeImport(db, source, { summary: writes.summary, notes: writes.notes, verdictScale: writes.verdictScale, storedScale: plan.storedScale, total: recordsIn(batches) }, options);
}

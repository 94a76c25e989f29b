/**
 * Writing a library import: a resolved merge, batch by batch (`writeImport`), each batch in a
 * transaction of its own with its own history events; `applyImport` resolves and writes on this
 * thread (tests, and where workers are missing). The preview's reading is import-read.ts; the
 * Library's dialog gets the batches from the import worker (workers/import-library-client.ts).
 *
 * Why it exists: a 100,000-annotation import must neither freeze the page nor lose anything. Writing
 * about a thousand records per transaction lets the page run between them, and issuing each batch's
 * writes as requests of WRITE_CHUNK records lets it run within them. What a batch writes is
 * what the preview promised: a record the preview saw absent is added (the database refuses a key
 * taken since), one it saw stored is read and compared before it is replaced, and a batch that finds
 * otherwise (another tab) is refused whole. A failure stops the import after the last whole batch:
 * every record written is complete and logged, nothing stored before is lost (a record is replaced
 * only where the reviewer's choice said so), documents come last so the Library never lists one whose
 * annotations are missing, and importing the same file again finds the written records identical and
 * adds the rest. The import is logged as one history group ("import library"): a create event per
 * record added and an update event per field of a record replaced; the file's own events are kept
 * exactly as they are (they are the other library's history).
 */
import { eventsFor, type HistoryTable, type RecordChange, type StoredRecord } from '../model/history';
import { newId, nowIso } from '../model/ids';
import type { DocumentRecord } from '../model/document';
import { importBatches, recordsIn, type ImportBatch } from '../io/import-batches';
import type { ResolvedImport } from '../io/import-session';
import { jsonEqual, resolveImport, type Choice, type ImportPlan, type ImportSummary, type RecordType } from '../io/merge-plan';
import { serializeLibrary } from '../io/native-json';
import type { DocumentSummary, MarginaliaDB, TextRecord } from './database';
import { describeDbError } from './errors';
import { readSome, readTables, tableOf } from './import-read';
import { VERDICT_SCALE_KEY } from './repository';
import { chunked as chunkedBy, inLanes, type Write } from './write-lanes';

/** The action name of the import's history group. */
export const IMPORT_ACTION = 'import library';

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

/**
 * Records per write request within a batch's transaction. IndexedDB structured-clones a request's
 * records in the task that issues it (about 0.1 ms a record on the benchmark's machine), so a batch's
 * 1,000 records in one bulkAdd were a task of up to 150 ms (bench/scenarios/library-scale.mjs);
 * requests of 100 keep each task short while the transaction stays one per batch.
 */
export const WRITE_CHUNK = 100;
/** Characters of document text per write request: a text is cloned with its content (100 articles in one request were the longest task left). */
export const WRITE_TEXT_CHARS = 200_000;
/** `chunkedBy`, a request's texts summing to WRITE_TEXT_CHARS at most. */
function chunked<T>(list: readonly T[], size: number, write: (part: T[]) => Promise<unknown>, weight?: (record: T) => number): Write[] {
  return chunkedBy(list, size, write, weight, WRITE_TEXT_CHARS);
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
  /** Records per write request within a batch (WRITE_CHUNK by default; tests use small ones). */
  chunkSize?: number;
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
 * stored are read and compared first, then replaced. The writes go in requests of `size` records
 * (`inLanes`), so no task clones the whole batch.
 */
async function writeBatch(db: MarginaliaDB, batch: ImportBatch, group: GroupContext, size: number, scale?: Pick<ResolvedImport, 'verdictScale' | 'storedScale'>): Promise<number> {
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
    const writes: Write[] = [];
    if (batch.item === 'documents') {
      const parts = (list: { id: string }[]) => (list as DocumentRecord[]).map(split);
      const [adds, puts] = [parts(added), parts(replaced)];
      const chars = (p: { text: TextRecord }) => p.text.text.length;
      writes.push(
        ...chunked(adds, size, (part) => db.texts.bulkAdd(part.map((p) => p.text)), chars),
        ...chunked(adds, size, (part) => db.documents.bulkAdd(part.map((p) => p.summary))),
        ...chunked(puts, size, (part) => db.texts.bulkPut(part.map((p) => p.text)), chars),
        ...chunked(puts, size, (part) => db.documents.bulkPut(part.map((p) => p.summary))),
      );
    } else {
      const table = tableOf(db, batch.item);
      writes.push(...chunked(added, size, (part) => table.bulkAdd(part)), ...chunked(replaced, size, (part) => table.bulkPut(part)));
    }
    writes.push(...chunked(own, size, (part) => db.events.bulkAdd(part)));
    try {
      await inLanes(writes);
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
      // Ask for the following batch while this one is written (its failure is met when it is awaited, or not at all if this one fails).
      next = i + 1 < source.count ? source.batch(i + 1) : null;
      next?.catch(() => undefined);
      // The scale goes with the first batch: claims need its levels, and a refused first batch writes nothing at all.
      await writeBatch(db, batch, group, options.chunkSize ?? WRITE_CHUNK, i === 0 ? resolved : undefined);
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

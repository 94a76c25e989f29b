/**
 * One library import as a conversation with whoever holds the database: read and check the file,
 * name the ids to look up, take the stored records under those ids, plan the merge, resolve the
 * reviewer's choices, and hand out the writes batch by batch.
 *
 * Why it exists: the file (up to 200 MB parsed), its checks and the merge planning are pure and slow,
 * so they run in a Web Worker (workers/import-library.worker.ts) that owns one session, while the
 * page keeps the database. Where workers are missing the page runs the same session itself
 * (workers/import-library-client.ts). The session keeps the parsed file; the page only ever holds
 * ids, the preview's counts and conflicts, and one batch at a time.
 */
import type { LibraryRecords } from '../model/library';
import type { VerdictScale } from '../model/claim';
import { importBatches, recordsIn, type ImportBatch } from './import-batches';
import { planImport, resolveImport, RECORD_TYPES, summarizePlan, type Choice, type ImportPlan, type ImportSummary, type PlanSummary, type RecordType, type StoredRecords } from './merge-plan';
import type { NativeExport } from './native-json';
import { parseNative, verifyTextHashes } from './parse-native';
import type { Result } from './result';

/** What the reading is doing, for the progress shown. */
export type ReadStep = 'reading' | 'checking' | 'hashing' | 'comparing';
/** The ids of the file's records, per kind: what to look up in the library. */
/** How many records of each kind the file holds (their ids are then asked for a stretch at a time: `ids`). */
export type ImportCounts = Record<RecordType, number>;

/** What resolving the reviewer's choices decided; the records follow in `batches` batches. */
export interface ResolvedImport {
  summary: ImportSummary;
  notes: string[];
  /** The scale to store, or null to leave the stored one. */
  verdictScale: VerdictScale | null;
  /** The stored scale the plan saw (null: none); the scale is written only if it is still that one. */
  storedScale: VerdictScale | null;
  batches: number;
  /** Records in all the batches. */
  total: number;
}

export interface ImportSession {
  /** Check `bytes` (the whole file); the ids to look up, or why the file is refused. */
  read(bytes: Uint8Array, fileName: string, onStep: (step: ReadStep) => void): Promise<Result<ImportCounts>>;
  /**
   * The ids of the file's records of kind `item`, from the `from`th, `count` of them (fewer at the end).
   * Asked for a stretch at a time: sent to the page all at once, the ids of a library of 100,000
   * annotations took the page 80–110 ms to receive, in one task.
   */
  ids(item: RecordType, from: number, count: number): string[];
  /** Some of the stored records sharing an id with the file (call as often as needed, before `plan`). */
  addStored(part: Partial<LibraryRecords>): void;
  /** Compare the file with the stored records given so far, and the stored scale (null: never set). */
  plan(storedScale: VerdictScale | null): PlanSummary;
  /** Settle the conflicts (those not in `choices` take their default) and cut the writes into batches. */
  resolve(choices: Iterable<readonly [string, Choice]>): ResolvedImport;
  /** Batch `index` of the last `resolve`. */
  batch(index: number): ImportBatch;
}

/** A session for one file. Calls must come in the order read, addStored…, plan, resolve, batch…. */
export function createImportSession(): ImportSession {
  let file: NativeExport | null = null;
  let stored: { -readonly [K in keyof LibraryRecords]: LibraryRecords[K][number][] } = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [] };
  let plan: ImportPlan | null = null;
  let batches: ImportBatch[] = [];
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`The import session has no ${what} yet`);
    return value;
  };
  return {
    async read(bytes, fileName, onStep) {
      onStep('checking');
      const parsed = parseNative(bytes, fileName);
      if (!parsed.ok) return parsed;
      onStep('hashing');
      const verified = await verifyTextHashes(parsed.value, fileName);
      if (!verified.ok) return verified;
      file = verified.value;
      const x = file;
      return { ok: true, value: Object.fromEntries(RECORD_TYPES.map((item) => [item, x[item].length])) as ImportCounts };
    },
    ids(item, from, count) {
      return need(file, 'file')[item].slice(from, from + count).map((r) => r.id);
    },
    addStored(part) {
      for (const item of RECORD_TYPES) for (const r of part[item] ?? []) (stored[item] as unknown[]).push(r);
    },
    plan(storedScale) {
      plan = planImport(need(file, 'file'), { ...stored, verdictScale: storedScale } satisfies StoredRecords);
      stored = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [] };
      return summarizePlan(plan);
    },
    resolve(choices) {
      const p = need(plan, 'plan');
      const writes = resolveImport(p, new Map(choices));
      batches = importBatches(p, writes);
      return { summary: writes.summary, notes: writes.notes, verdictScale: writes.verdictScale, storedScale: p.storedScale, batches: batches.length, total: recordsIn(batches) };
    },
    batch(index) {
      const b = batches[index];
      if (!b) throw new RangeError(`Batch ${index} outside the ${batches.length} batches of this import`);
      return b;
    },
  };
}

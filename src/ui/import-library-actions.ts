/**
 * What "Import library JSON" does, without React: read the chosen file (refusing one too large before
 * reading it) and check it in a worker, preview the merge, and merge in batches. Every failure is a
 * value the dialog shows.
 */
import { db } from '../db/instance';
import { describeDbError } from '../db/errors';
import type { ImportReport } from '../db/import-native';
import type { ReadStep } from '../io/import-session';
import type { Choice, PlanSummary, PlanItem, RecordType } from '../io/merge-plan';
import type { ImportClient } from '../workers/import-library-client';

/** What the preview is doing: a step of reading the file, or comparing `done` of `total` records with the library. */
export interface PreviewProgress {
  step: ReadStep;
  done: number;
  total: number;
}

/** A previewed file: its plan, and the session (in a worker) that holds the file until `close`. */
export type Preview = { ok: true; plan: PlanSummary; session: ImportClient } | { ok: false; errors: string[] };

/**
 * Read and check `file` in a worker, then compare it with the library. Writes nothing. The caller
 * closes `session` when done with it; `signal` ends the worker at once (the dialog was closed).
 */
export async function previewLibraryFile(file: File, onProgress: (progress: PreviewProgress) => void, signal?: AbortSignal): Promise<Preview> {
  // The parser, the worker and the merge load on first use: they are not needed to read and annotate.
  const [{ sizeProblem }, { createImportClient }, { readStoredInChunks }] = await Promise.all([import('../io/parse-native'), import('../workers/import-library-client'), import('../db/import-read')]);
  const tooBig = sizeProblem(file.size, file.name);
  if (tooBig) return { ok: false, errors: [tooBig] };
  const session = createImportClient();
  signal?.addEventListener('abort', () => session.close(), { once: true });
  try {
    const read = await session.read(file, (step) => onProgress({ step, done: 0, total: 0 }));
    if (!read.ok) {
      session.close();
      return read;
    }
    const ids = { counts: read.value, ids: (item: RecordType, from: number, count: number) => session.ids(item, from, count) };
    const scale = await readStoredInChunks(db, ids, (part) => session.addStored(part), (done, total) => onProgress({ step: 'comparing', done, total }));
    return { ok: true, plan: await session.plan(scale), session };
  } catch (error) {
    session.close();
    return { ok: false, errors: [describeDbError(error, `read ${file.name}`)] };
  }
}

export type Merged = { ok: true; writes: ImportReport } | { ok: false; message: string };

/** Merge the previewed file with the reviewer's choices, batch by batch (db/import-native.ts `writeImport`); closes the session. */
export async function mergeLibraryFile(session: ImportClient, choices: ReadonlyMap<string, Choice>, fileName: string, reviewer: string, onProgress: (done: number, total: number) => void): Promise<Merged> {
  try {
    const { writeImport } = await import('../db/import-native');
    const resolved = await session.resolve(choices);
    const result = await writeImport(db, { count: resolved.batches, batch: (i) => session.batch(i) }, resolved, { reviewer: reviewer || 'unknown reviewer', fileName, onProgress });
    return result.ok ? { ok: true, writes: result.writes } : result;
  } catch (error) {
    return { ok: false, message: `${describeDbError(error, `import ${fileName}`)} Nothing was imported.` };
  } finally {
    session.close();
  }
}

/** Names of the record types as the dialog shows them. */
export const ITEM_LABELS: Record<PlanItem, string> = {
  documents: 'Documents',
  annotations: 'Annotations',
  entities: 'Entities',
  evidence: 'Evidence items',
  links: 'Claim links',
  events: 'History events',
  verdictScale: 'Verdict scale',
};

/** "12 added, 3 updated, 40 skipped (identical or kept yours)." */
export function summaryLine(writes: ImportReport): string {
  const total = { added: 0, updated: 0, skipped: 0 };
  for (const s of Object.values(writes.summary)) {
    total.added += s.added;
    total.updated += s.updated;
    total.skipped += s.skipped;
  }
  return `${total.added} added, ${total.updated} updated, ${total.skipped} skipped (identical or kept yours).`;
}

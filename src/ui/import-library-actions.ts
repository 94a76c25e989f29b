/**
 * What "Import library JSON" does, without React: read the chosen file (refusing one too large before
 * reading it), check it, preview the merge, and merge. Every failure is a value the dialog shows.
 */
import { db } from '../db/instance';
import { describeDbError } from '../db/errors';
import type { Choice, ImportPlan, ImportWrites, PlanItem } from '../io/merge-plan';

export type Preview = { ok: true; plan: ImportPlan } | { ok: false; errors: string[] };

/** Read and check `file`, then compare it with the library. Writes nothing. */
export async function previewLibraryFile(file: File): Promise<Preview> {
  // The parser and the merge load on first use: they are not needed to read and annotate.
  const [{ readNativeExport, sizeProblem }, { previewImport }] = await Promise.all([import('../io/parse-native'), import('../db/import-native')]);
  const tooBig = sizeProblem(file.size, file.name);
  if (tooBig) return { ok: false, errors: [tooBig] };
  try {
    const parsed = await readNativeExport(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!parsed.ok) return parsed;
    return { ok: true, plan: await previewImport(db, parsed.value) };
  } catch (error) {
    return { ok: false, errors: [describeDbError(error, `read ${file.name}`)] };
  }
}

export type Merged = { ok: true; writes: ImportWrites } | { ok: false; message: string };

/** Merge the previewed file with the reviewer's choices, in one transaction. */
export async function mergeLibraryFile(plan: ImportPlan, choices: ReadonlyMap<string, Choice>, fileName: string, reviewer: string, onProgress: (done: number, total: number) => void): Promise<Merged> {
  try {
    const { applyImport } = await import('../db/import-native');
    const result = await applyImport(db, plan, choices, { reviewer: reviewer || 'unknown reviewer', fileName, onProgress });
    return result.ok ? { ok: true, writes: result.writes } : result;
  } catch (error) {
    return { ok: false, message: `${describeDbError(error, `import ${fileName}`)} Nothing was imported.` };
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
export function summaryLine(writes: ImportWrites): string {
  const total = { added: 0, updated: 0, skipped: 0 };
  for (const s of Object.values(writes.summary)) {
    total.added += s.added;
    total.updated += s.updated;
    total.skipped += s.skipped;
  }
  return `${total.added} added, ${total.updated} updated, ${total.skipped} skipped (identical or kept yours).`;
}

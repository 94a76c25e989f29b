/**
 * Importing a native export into the library: read what is stored under the file's ids, plan the
 * merge (io/merge-plan.ts), and write it.
 *
 * Why it exists: the merge must be all or nothing. Everything is written in one Dexie transaction over
 * every table an export touches — documents, texts, annotations, entities, evidence, links, events and
 * the verdict scale setting — in chunks of IMPORT_CHUNK records (so progress can be shown), and the
 * plan is made again inside that transaction: if the library changed since the reviewer saw the preview
 * (another tab), nothing is written and the reviewer is asked to look again. A failed write aborts the
 * transaction, so a half-imported library cannot exist. The import itself is logged as one history
 * group ("import library"): a create event per record added and an update event per field of a record
 * replaced; the file's own events are kept exactly as they are (they are the other library's history).
 */
import type { Table } from 'dexie';
import type { VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import { eventsFor, type HistoryEvent } from '../model/history';
import { newId, nowIso } from '../model/ids';
import { planImport, resolveImport, type Choice, type ImportPlan, type ImportWrites, type StoredRecords } from '../io/merge-plan';
import type { NativeExport } from '../io/native-json';
import type { DocumentSummary, MarginaliaDB, TextRecord } from './database';
import { VERDICT_SCALE_KEY } from './repository';

/** Records written per bulkPut. */
export const IMPORT_CHUNK = 1000;
/** The action name of the import's history group. */
export const IMPORT_ACTION = 'import library';

/** Every table an import reads or writes. */
function importTables(db: MarginaliaDB): Table[] {
  return [db.documents, db.texts, db.settings, db.annotations, db.entities, db.evidence, db.links, db.events];
}

const present = <T>(list: (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);

/** The stored records that share an id with a record of `file` (use inside a transaction for a consistent view). */
async function readStored(db: MarginaliaDB, file: NativeExport): Promise<StoredRecords> {
  const ids = <T extends { id: string }>(list: readonly T[]) => list.map((r) => r.id);
  const docIds = ids(file.documents);
  const [summaries, texts, annotations, entities, evidence, links, events, scale] = await Promise.all([
    db.documents.bulkGet(docIds),
    db.texts.bulkGet(docIds),
    db.annotations.bulkGet(ids(file.annotations)),
    db.entities.bulkGet(ids(file.entities)),
    db.evidence.bulkGet(ids(file.evidence)),
    db.links.bulkGet(ids(file.links)),
    db.events.bulkGet(ids(file.events)),
    db.settings.get(VERDICT_SCALE_KEY),
  ]);
  const documents: DocumentRecord[] = [];
  summaries.forEach((s, i) => {
    const t = texts[i];
    if (s && t) documents.push({ ...s, content: t.content, text: t.text });
  });
  return {
    documents,
    annotations: present(annotations),
    entities: present(entities),
    evidence: present(evidence),
    links: present(links),
    events: present(events),
    verdictScale: scale === undefined ? null : (scale.value as VerdictScale),
  };
}

/** The dry run: what importing `file` would add, leave and conflict with. Writes nothing. */
export async function previewImport(db: MarginaliaDB, file: NativeExport): Promise<ImportPlan> {
  const stored = await db.transaction('r', importTables(db), () => readStored(db, file));
  return planImport(file, stored);
}

export interface ImportOptions {
  reviewer: string;
  fileName: string;
  /** Called after each chunk is written, inside the transaction. */
  onProgress?(done: number, total: number): void;
  /** The time of the import's history group (now by default). */
  now?: string;
}

export type ImportOutcome = { ok: true; writes: ImportWrites; groupId: string | null } | { ok: false; message: string };

/** The plan no longer describes the library: something changed since the preview. */
class Stale extends Error {
  override name = 'Stale';
}

/** Same records, same verdicts of new/identical/conflicting: the reviewer's choices still apply. */
function samePlan(a: ImportPlan, b: ImportPlan): boolean {
  return JSON.stringify(a.counts) === JSON.stringify(b.counts) && a.conflicts.map((c) => `${c.key} ${c.reason} ${c.fields.join()}`).join('\n') === b.conflicts.map((c) => `${c.key} ${c.reason} ${c.fields.join()}`).join('\n');
}

function split(doc: DocumentRecord): { summary: DocumentSummary; text: TextRecord } {
  const { content, text, ...summary } = doc;
  return { summary, text: { documentId: doc.id, textHash: doc.textHash, content, text } };
}

/**
 * Merge the previewed `plan` with the reviewer's `choices` (conflicts without one take their default),
 * in one transaction. Returns what was written, or why nothing was.
 */
export async function applyImport(db: MarginaliaDB, plan: ImportPlan, choices: ReadonlyMap<string, Choice>, options: ImportOptions): Promise<ImportOutcome> {
  try {
    return await db.transaction('rw', importTables(db), async () => {
      const fresh = planImport(plan.incoming, await readStored(db, plan.incoming));
      if (!samePlan(plan, fresh)) throw new Stale();
      const writes = resolveImport(fresh, choices);
      const groupId = newId();
      const own: HistoryEvent[] = eventsFor(writes.changes, {
        groupId,
        at: options.now ?? nowIso(),
        reviewer: options.reviewer,
        action: IMPORT_ACTION,
        reason: `Imported from ${options.fileName}.`,
        newId,
      });
      const parts = writes.documents.map(split);
      // Documents last: a document is listed only once everything that points at it is in place
      // (inside one transaction this changes nothing a reader sees, but it keeps the order safe).
      const batches: [Table, readonly object[]][] = [
        [db.entities, writes.entities],
        [db.annotations, writes.annotations],
        [db.evidence, writes.evidence],
        [db.links, writes.links],
        [db.events, [...writes.events, ...own]],
        [db.texts, parts.map((p) => p.text)],
        [db.documents, parts.map((p) => p.summary)],
      ];
      const total = batches.reduce((n, [, list]) => n + list.length, 0);
      let done = 0;
      options.onProgress?.(0, total);
      for (const [table, list] of batches) {
        for (let i = 0; i < list.length; i += IMPORT_CHUNK) {
          const chunk = list.slice(i, i + IMPORT_CHUNK);
          await table.bulkPut(chunk);
          done += chunk.length;
          options.onProgress?.(done, total);
        }
      }
      if (writes.verdictScale) await db.settings.put({ key: VERDICT_SCALE_KEY, value: writes.verdictScale });
      return { ok: true as const, writes, groupId: own.length > 0 ? groupId : null };
    });
  } catch (error) {
    if (error instanceof Stale) {
      return { ok: false, message: 'The library changed since the preview (perhaps in another tab). Nothing was imported: open the file again to see what it would change now.' };
    }
    throw error;
  }
}

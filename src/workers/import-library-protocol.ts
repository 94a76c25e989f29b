/**
 * The messages between the page and the library import worker (import-library.worker.ts). The page
 * sends numbered requests; the worker answers each with the same number, and reports the steps of
 * reading the file as they happen. Plain data (and the chosen File), so they cross postMessage by
 * structured clone.
 */
import type { ImportCounts, ReadStep, ResolvedImport } from '../io/import-session';
import type { ImportBatch } from '../io/import-batches';
import type { Choice, PlanSummary, RecordType } from '../io/merge-plan';
import type { Result } from '../io/result';
import type { LibraryRecords } from '../model/library';
import type { VerdictScale } from '../model/claim';

export type ImportRequest =
  | { id: number; type: 'read'; file: File }
  | { id: number; type: 'ids'; item: RecordType; from: number; count: number }
  | { id: number; type: 'stored'; part: Partial<LibraryRecords> }
  | { id: number; type: 'plan'; storedScale: VerdictScale | null }
  | { id: number; type: 'resolve'; choices: [string, Choice][] }
  | { id: number; type: 'batch'; index: number };

/** What each request is answered with. */
export interface ImportAnswers {
  read: Result<ImportCounts>;
  ids: string[];
  stored: null;
  plan: PlanSummary;
  resolve: ResolvedImport;
  batch: ImportBatch;
}

export type ImportReply =
  | { type: 'step'; step: ReadStep }
  | { type: 'answer'; id: number; value: ImportAnswers[keyof ImportAnswers] }
  | { type: 'error'; id: number; message: string };

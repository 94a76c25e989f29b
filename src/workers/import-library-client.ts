/**
 * The page's side of a library import: the same calls whether the session (io/import-session.ts)
 * runs in a Web Worker (import-library.worker.ts) or, where workers are missing, on this thread.
 */
import { createImportSession, type ImportCounts, type ReadStep, type ResolvedImport } from '../io/import-session';
import type { ImportBatch } from '../io/import-batches';
import type { Choice, PlanSummary, RecordType } from '../io/merge-plan';
import type { Result } from '../io/result';
import type { LibraryRecords } from '../model/library';
import type { VerdictScale } from '../model/claim';
import type { ImportAnswers, ImportReply, ImportRequest } from './import-library-protocol';

export interface ImportClient {
  /** Read and check `file`; `onStep` hears what is being done. */
  read(file: File, onStep: (step: ReadStep) => void): Promise<Result<ImportCounts>>;
  /** A stretch of the file's ids of one kind (io/import-session.ts `ids`). */
  ids(item: RecordType, from: number, count: number): Promise<string[]>;
  addStored(part: Partial<LibraryRecords>): Promise<void>;
  plan(storedScale: VerdictScale | null): Promise<PlanSummary>;
  resolve(choices: ReadonlyMap<string, Choice>): Promise<ResolvedImport>;
  batch(index: number): Promise<ImportBatch>;
  /** End the worker (its file is dropped). Safe to call more than once. */
  close(): void;
  /** Whether the session runs in a worker. */
  inWorker: boolean;
}

/** Start a session for one file, in a worker when there are workers. */
export function createImportClient(): ImportClient {
  return typeof Worker === 'undefined' ? onThisThread() : inWorker();
}

function onThisThread(): ImportClient {
  const session = createImportSession();
  return {
    async read(file, onStep) {
      onStep('reading');
      return session.read(new Uint8Array(await file.arrayBuffer()), file.name, onStep);
    },
    ids: async (item, from, count) => session.ids(item, from, count),
    addStored: async (part) => session.addStored(part),
    plan: async (scale) => session.plan(scale),
    resolve: async (choices) => session.resolve(choices),
    batch: async (index) => session.batch(index),
    close() {},
    inWorker: false,
  };
}

type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

function inWorker(): ImportClient {
  const worker = new Worker(new URL('./import-library.worker.ts', import.meta.url), { type: 'module', name: 'import-library' });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  let onStep: (step: ReadStep) => void = () => {};
  let closed: Error | null = null;
  const failAll = (error: Error) => {
    closed = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.addEventListener('message', (event: MessageEvent<ImportReply>) => {
    const reply = event.data;
    if (reply.type === 'step') return onStep(reply.step);
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.type === 'answer') p?.resolve(reply.value);
    else p?.reject(new Error(reply.message));
  });
  worker.addEventListener('error', (event) => {
    worker.terminate();
    failAll(new Error(`the import worker stopped (${event.message || 'it failed to load, or ran out of memory'})`));
  });
  const ask = <K extends ImportRequest['type']>(body: Body<Extract<ImportRequest, { type: K }>>): Promise<ImportAnswers[K]> => {
    if (closed) return Promise.reject(closed);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id } as ImportRequest);
    });
  };
  return {
    read(file, step) {
      onStep = step;
      return ask<'read'>({ type: 'read', file });
    },
    ids: (item, from, count) => ask<'ids'>({ type: 'ids', item, from, count }),
    addStored: async (part) => void (await ask<'stored'>({ type: 'stored', part })),
    plan: (storedScale) => ask<'plan'>({ type: 'plan', storedScale }),
    resolve: (choices) => ask<'resolve'>({ type: 'resolve', choices: [...choices] }),
    batch: (index) => ask<'batch'>({ type: 'batch', index }),
    close() {
      if (closed) return;
      worker.terminate();
      failAll(new Error('the import was closed'));
    },
    inWorker: true,
  };
}

/**
 * Running the re-anchoring of a new version in a Web Worker (reanchor.worker.ts), with progress; on the
 * calling thread where workers are missing (the same pure function, anchoring/reanchor-all.ts).
 */
import { reanchorAll, type Carried, type CarryInput, type ReanchorStats } from '../anchoring/reanchor-all';
import type { ReanchorReply, ReanchorRequest } from './reanchor-protocol';

export interface Reanchored {
  carried: Carried[];
  stats: ReanchorStats;
  /** ms the computation itself took (in the worker, or here). */
  computeMs: number;
  /** Whether it ran in a worker. */
  inWorker: boolean;
}

/** A re-anchoring worker, started before its inputs are ready: it loads while they are read. */
export interface ReanchorJob {
  /** Carry `inputs` from `oldText` to `newText`; `onProgress` hears how many are done. Once per job. */
  run(oldText: string, newText: string, inputs: CarryInput[], onProgress: (done: number, total: number) => void): Promise<Reanchored>;
  /** Stop the worker without running it (the import was refused before it could start). */
  cancel(): void;
}

/** Start a worker now, to run once its inputs are read; on the calling thread where workers are missing. */
export function startReanchor(): ReanchorJob {
  if (typeof Worker === 'undefined') {
    return {
      run(oldText, newText, inputs, onProgress) {
        const t0 = performance.now();
        const { carried, stats } = reanchorAll(oldText, newText, inputs, { onProgress });
        return Promise.resolve({ carried, stats, computeMs: performance.now() - t0, inWorker: false });
      },
      cancel() {},
    };
  }
  const worker = new Worker(new URL('./reanchor.worker.ts', import.meta.url), { type: 'module', name: 'reanchor' });
  // A failure to load is met by `run`, or by nothing when the job is cancelled first.
  let failed: string | null = null;
  let onFailure: ((message: string) => void) | null = null;
  worker.addEventListener('error', (event) => {
    failed = event.message || 'it failed to load';
    worker.terminate();
    onFailure?.(failed);
  });
  return {
    run(oldText, newText, inputs, onProgress) {
      return new Promise((resolve, reject) => {
        const fail = (message: string) => reject(new Error(`The re-anchoring worker could not run: ${message}`));
        if (failed !== null) return fail(failed);
        onFailure = fail;
        worker.addEventListener('message', (event: MessageEvent<ReanchorReply>) => {
          const reply = event.data;
          if (reply.type === 'progress') {
            onProgress(reply.done, reply.total);
            return;
          }
          worker.terminate();
          if (reply.type === 'done') resolve({ carried: reply.carried, stats: reply.stats, computeMs: reply.computeMs, inWorker: true });
          else reject(new Error(`Re-anchoring failed: ${reply.message}`));
        });
        const request: ReanchorRequest = { oldText, newText, inputs };
        worker.postMessage(request);
      });
    },
    cancel() {
      worker.terminate();
    },
  };
}

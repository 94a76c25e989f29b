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

/** Carry `inputs` from `oldText` to `newText` off the main thread; `onProgress` hears how many are done. */
export function reanchorInWorker(oldText: string, newText: string, inputs: CarryInput[], onProgress: (done: number, total: number) => void): Promise<Reanchored> {
  if (typeof Worker === 'undefined') {
    const t0 = performance.now();
    const { carried, stats } = reanchorAll(oldText, newText, inputs, { onProgress });
    return Promise.resolve({ carried, stats, computeMs: performance.now() - t0, inWorker: false });
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./reanchor.worker.ts', import.meta.url), { type: 'module', name: 'reanchor' });
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
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`The re-anchoring worker could not run: ${event.message || 'it failed to load'}`));
    });
    const request: ReanchorRequest = { oldText, newText, inputs };
    worker.postMessage(request);
  });
}

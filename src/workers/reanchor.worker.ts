/**
 * Web Worker entry: carries every anchor of a document to its new version (anchoring/reanchor-all.ts)
 * off the main thread, reporting progress, so the page stays responsive with thousands of annotations.
 * Started by reanchor-client.ts; one request per worker.
 */
import { reanchorAll } from '../anchoring/reanchor-all';
import type { ReanchorReply, ReanchorRequest } from './reanchor-protocol';

/** How many anchors between progress reports. */
const EVERY = 250;

const post = (reply: ReanchorReply) => (self as unknown as { postMessage(m: ReanchorReply): void }).postMessage(reply);

self.addEventListener('message', (event: MessageEvent<ReanchorRequest>) => {
  const { oldText, newText, inputs } = event.data;
  try {
    const t0 = performance.now();
    const { carried, stats } = reanchorAll(oldText, newText, inputs, { every: EVERY, onProgress: (done, total) => post({ type: 'progress', done, total }) });
    post({ type: 'done', carried, stats, computeMs: performance.now() - t0 });
  } catch (error) {
    // A programmer error (reanchorAll returns orphans, never throws, for anchors it cannot place).
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

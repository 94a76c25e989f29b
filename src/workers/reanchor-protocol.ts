/**
 * The messages between the page and the re-anchoring worker (reanchor.worker.ts): one request, then
 * progress reports and one answer. Plain data, so they cross postMessage by structured clone.
 */
import type { Carried, CarryInput, ReanchorStats } from '../anchoring/reanchor-all';

export interface ReanchorRequest {
  oldText: string;
  newText: string;
  inputs: CarryInput[];
}

export type ReanchorReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; carried: Carried[]; stats: ReanchorStats; /** ms the computation took in the worker. */ computeMs: number }
  | { type: 'error'; message: string };

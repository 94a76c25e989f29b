/**
 * Writing the moved annotations of a new version (db/carry.ts) after it is stored: a batch at a time,
 * each in turn with the reviewer's actions (run-action.ts), so an action waits for one batch at most
 * and never meets a batch half written. The version bar shows the progress. Carries left pending when
 * a tab closed are finished when the app next opens.
 */
import { useSyncExternalStore } from 'react';
import { carryAnnotations, pendingCarries } from '../db/carry';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { postError } from './notices';
import { enqueue } from './run-action';

export interface CarryProgress {
  done: number;
  total: number;
}

const progress = new Map<string, CarryProgress>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/**
 * Write the moves of the carry onto version `documentId`, reporting progress; resolves when they are
 * all written. A failure is posted as a notice: the version still shows every annotation in place,
 * and the moves are written when the app next opens.
 */
export async function runCarry(documentId: string): Promise<void> {
  try {
    await carryAnnotations(db, documentId, {
      schedule: enqueue,
      onProgress: (done, total) => {
        if (done >= total) progress.delete(documentId);
        else progress.set(documentId, { done, total });
        emit();
      },
    });
  } catch (error) {
    postError(`${describeDbError(error, 'store the annotations moved to the new version')} They still show in place on it; moving them is tried again when the app is next opened.`);
  } finally {
    if (progress.delete(documentId)) emit();
  }
}

/** Finish every carry left pending (a tab closed while one was written). */
export async function resumeCarries(): Promise<void> {
  try {
    for (const id of await pendingCarries(db)) await runCarry(id);
  } catch (error) {
    postError(describeDbError(error, 'finish moving annotations to a new version'));
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How far the moves onto `documentId` are written, while they are; null otherwise. */
export function useCarryProgress(documentId: string): CarryProgress | null {
  return useSyncExternalStore(subscribe, () => progress.get(documentId) ?? null);
}

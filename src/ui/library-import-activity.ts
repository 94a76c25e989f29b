/**
 * Whether a library import is writing its batches, for views whose live queries read a whole table.
 *
 * Why it exists: an import of 100,000 annotations commits about a hundred transactions, and a live
 * query over every annotation (the Library's counts per document) would re-read the growing table
 * after each of them: quadratic work that slowed a 1,000-document import five-fold
 * (bench/scenarios/library-scale.mjs). Such a view pauses while this says an import is writing and
 * reads once when it ends.
 */
import { useSyncExternalStore } from 'react';

let writing = false;
const listeners = new Set<() => void>();

/** Say that an import started (true) or stopped (false) writing. */
export function setLibraryImportWriting(value: boolean): void {
  if (writing === value) return;
  writing = value;
  for (const listener of listeners) listener();
}

/** Whether an import is writing now; re-renders when that changes. */
export function useLibraryImportWriting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => writing,
  );
}

/** A query result that never comes: a live query given it keeps showing its last result and watches no table. */
export const paused = <T,>(): Promise<T> => new Promise<T>(() => undefined);

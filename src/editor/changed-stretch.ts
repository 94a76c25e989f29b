/** Comparing two versions of a list of objects by identity, to redraw only what changed. */

/**
 * Where `next` differs from `prev`, compared by identity: the objects between their common beginning
 * and their common end (what was removed from `prev`, what was added in `next`).
 */
export function changedStretch<T>(prev: readonly T[], next: readonly T[]): { removed: T[]; added: T[] } {
  let start = 0;
  const shorter = Math.min(prev.length, next.length);
  while (start < shorter && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  return { removed: prev.slice(start, endPrev), added: next.slice(start, endNext) };
}

/**
 * Which annotations the re-anchoring review lists after a new version, and in what order: what needs
 * the reviewer most first. Pure, for the review (ui/ReanchorReview.tsx).
 */
import type { Annotation } from './annotation';

const REVIEWED = new Set(['moved', 'fuzzy', 'orphan', 'reattached']);

/** The annotations worth a look after the last new version. */
export function needsReview(all: readonly Annotation[], previousVersionId: string | null): Annotation[] {
  return all.filter((a) => a.anchoring && a.anchoring.fromDocumentId === previousVersionId && REVIEWED.has(a.anchoring.status));
}

/** Rows drawn at first, and added by each "Show more": a revision can move 10,000 annotations. */
export const REVIEW_PAGE = 200;

/** What needs the reviewer most comes first: orphans, then approximate matches (lowest score first), re-attached, moved. */
const RANK: Record<string, number> = { orphan: 0, fuzzy: 1, reattached: 2, moved: 3 };

/** `items` in the order the review lists them: by need (orphans of this text first), then by place in the text. */
export function reviewOrder(items: readonly Annotation[], textHash: string): Annotation[] {
  const rank = (a: Annotation) => (a.textHash !== textHash ? 0 : (RANK[a.anchoring?.status ?? 'moved'] ?? 3));
  return [...items].sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? (a.anchoring?.score ?? 0) - (b.anchoring?.score ?? 0) : 0) || a.anchor.start - b.anchor.start);
}

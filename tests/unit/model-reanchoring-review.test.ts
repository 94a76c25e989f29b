/** The re-anchoring review's list (model/reanchoring-review.ts): what it holds and in what order. */
import { describe, expect, it } from 'vitest';
import { needsReview, reviewOrder } from '../../src/model/reanchoring-review';
import { createAnnotation, type AnchoringStatus, type Annotation } from '../../src/model/annotation';
import { asCodePoint as cp } from '../../src/model/units';

function carried(id: string, status: AnchoringStatus, start: number, opts: { score?: number; textHash?: string; from?: string } = {}): Annotation {
  const a = createAnnotation({ id, kind: 'claim', documentId: 'v2', textHash: opts.textHash ?? 'new', anchor: { quote: id, prefix: '', suffix: '', start: cp(start), end: cp(start + 3) }, creator: 'Ana', now: '2026-01-01T00:00:00.000Z' });
  return { ...a, anchoring: { status, ...(opts.score !== undefined ? { score: opts.score } : {}), fromDocumentId: opts.from ?? 'v1', at: '2026-02-01T00:00:00.000Z' } };
}

describe('the re-anchoring review', () => {
  it('lists what did not land exactly where it was, from the previous version only', () => {
    const all = [carried('exact', 'exact', 5), carried('moved', 'moved', 9), carried('older', 'moved', 1, { from: 'v0' }), carried('orphan', 'orphan', 3, { textHash: 'old' })];
    expect(needsReview(all, 'v1').map((a) => a.id)).toEqual(['moved', 'orphan']);
  });

  it('puts orphans first, then the weakest approximate matches, re-attached, then moved, each in text order', () => {
    const items = [
      carried('moved-late', 'moved', 90),
      carried('fuzzy-good', 'fuzzy', 10, { score: 0.9 }),
      carried('reattached', 'reattached', 5),
      carried('orphan-late', 'orphan', 70, { textHash: 'old' }),
      carried('moved-early', 'moved', 1),
      carried('fuzzy-weak', 'fuzzy', 80, { score: 0.65 }),
      carried('orphan-early', 'orphan', 20, { textHash: 'old' }),
    ];
    expect(reviewOrder(items, 'new').map((a) => a.id)).toEqual(['orphan-early', 'orphan-late', 'fuzzy-weak', 'fuzzy-good', 'reattached', 'moved-early', 'moved-late']);
  });
});

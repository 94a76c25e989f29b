import { describe, expect, it } from 'vitest';
import {
  claimRuleProblem,
  DEFAULT_VERDICT_SCALE,
  linkLabelFrom,
  otherEnd,
  ratingOf,
  type Attribution,
  type ClaimLinkRecord,
  type ClaimState,
  type VerdictScale,
} from '../../src/model/claim';

const speaker: Attribution = { entityId: 'p1', quoteType: 'direct', cueId: null };
const state = (patch: Partial<ClaimState>): ClaimState => ({ status: 'unverified', attribution: null, evidence: [], links: [], ...patch });

describe('claimRuleProblem', () => {
  it('refuses "attributed" without an attribution, and allows it with one', () => {
    expect(claimRuleProblem(state({ status: 'attributed' }))).toMatch(/attributed only once it is attributed/);
    expect(claimRuleProblem(state({ status: 'attributed', attribution: speaker }))).toBeNull();
  });

  it('refuses "disputed" without a contradiction', () => {
    expect(claimRuleProblem(state({ status: 'disputed' }))).toMatch(/disputed only with at least one contradicting/);
    // Supporting or context evidence and "same"/"supports" links are not a contradiction.
    const weak = state({
      status: 'disputed',
      attribution: speaker,
      evidence: [{ relation: 'supports' }, { relation: 'context' }],
      links: [{ relation: 'same' }, { relation: 'supports' }],
    });
    expect(claimRuleProblem(weak)).toMatch(/disputed/);
  });

  it('allows "disputed" with a contradicting evidence item or a contradicting link', () => {
    expect(claimRuleProblem(state({ status: 'disputed', evidence: [{ relation: 'supports' }, { relation: 'contradicts' }] }))).toBeNull();
    expect(claimRuleProblem(state({ status: 'disputed', links: [{ relation: 'contradicts' }] }))).toBeNull();
  });

  it('asks nothing of the other statuses', () => {
    for (const status of ['unverified', 'in-review', 'supported', 'refuted', 'unverifiable'] as const) {
      expect(claimRuleProblem(state({ status })), status).toBeNull();
    }
  });
});

describe('ratingOf', () => {
  it('rates the best level highest, the worst 1, and leaves unverifiable unrated', () => {
    expect(ratingOf(DEFAULT_VERDICT_SCALE, 'true')).toEqual({ value: 5, best: 5, worst: 1 });
    expect(ratingOf(DEFAULT_VERDICT_SCALE, 'half-true')).toEqual({ value: 3, best: 5, worst: 1 });
    expect(ratingOf(DEFAULT_VERDICT_SCALE, 'false')).toEqual({ value: 1, best: 5, worst: 1 });
    expect(ratingOf(DEFAULT_VERDICT_SCALE, 'unverifiable')).toBeUndefined();
    expect(ratingOf(DEFAULT_VERDICT_SCALE, 'no-such-level')).toBeUndefined();
  });

  it('follows a custom scale, whatever its labels', () => {
    const scale: VerdictScale = {
      name: 'Three',
      levels: [
        { id: 'ok', label: 'Correct', description: '' },
        { id: 'unverifiable', label: 'Cannot say', description: '' },
        { id: 'mixed', label: 'Mixed', description: '' },
        { id: 'wrong', label: 'Wrong', description: '' },
      ],
    };
    expect(['ok', 'mixed', 'wrong', 'unverifiable'].map((id) => ratingOf(scale, id)?.value)).toEqual([3, 2, 1, undefined]);
    expect(ratingOf(scale, 'ok')?.best).toBe(3);
  });
});

describe('linkLabelFrom and otherEnd', () => {
  const link = (relation: ClaimLinkRecord['relation']): ClaimLinkRecord => ({ id: 'l', fromId: 'a', toId: 'b', relation, creator: 'Ana', created: '', modified: '' });

  it('reads "same" and "contradicts" alike from both ends', () => {
    for (const end of ['a', 'b']) {
      expect(linkLabelFrom(link('same'), end)).toBe('Same claim as');
      expect(linkLabelFrom(link('contradicts'), end)).toBe('Contradicts');
    }
  });

  it('reads "supports" as directed', () => {
    expect(linkLabelFrom(link('supports'), 'a')).toBe('Supports');
    expect(linkLabelFrom(link('supports'), 'b')).toBe('Supported by');
  });

  it('gives the other end', () => {
    expect(otherEnd(link('same'), 'a')).toBe('b');
    expect(otherEnd(link('same'), 'b')).toBe('a');
  });
});

/** An annotation moved by a carry (model/carry.ts): the record every reader and the batches make alike. */
import { describe, expect, it } from 'vitest';
import { carryMove, movedAnnotation, movesById, resolveCarried, type CarryRecord } from '../../src/model/carry';
import { createAnnotation, type Anchor } from '../../src/model/annotation';
import { asCodePoint as cp } from '../../src/model/units';

const anchor = (quote: string, start: number): Anchor => ({ quote, prefix: 'said ', suffix: ' when', start: cp(start), end: cp(start + Array.from(quote).length) });
const OLD = anchor('613 people were killed', 40);
const NEW = anchor('613 people were killed', 75);

const carry: CarryRecord = {
  documentId: 'v2',
  textHash: 'hash-2',
  fromDocumentId: 'v1',
  fromTextHash: 'hash-1',
  at: '2026-03-01T10:00:00.000Z',
  reviewer: 'Bo',
  action: 're-anchor onto version 2',
  groupId: 'g1',
  moves: [
    carryMove('moved', OLD, { status: 'moved' }, NEW),
    carryMove('fuzzy', OLD, { status: 'fuzzy', score: 0.82 }, { ...NEW, quote: '613 people were kiled' }),
    carryMove('orphan', OLD, { status: 'orphan' }, null),
  ],
};

const on = (id: string, textHash = 'hash-1', a = OLD) => createAnnotation({ id, kind: 'claim', documentId: 'v1', textHash, anchor: a, creator: 'Ana', now: '2026-01-01T00:00:00.000Z' });

describe('an annotation moved by a carry', () => {
  it('goes to the new version with its new anchor and remembers the old one', () => {
    const a = on('moved');
    expect(movedAnnotation(a, carry, carry.moves[0]!)).toEqual({
      ...a,
      documentId: 'v2',
      textHash: 'hash-2',
      anchor: NEW,
      anchoring: { status: 'moved', fromDocumentId: 'v1', at: carry.at },
      priorAnchors: [{ documentId: 'v1', textHash: 'hash-1', anchor: OLD }],
      modified: carry.at,
    });
  });

  it('holds only the new offsets when the quote and its context read the same, the whole anchor otherwise', () => {
    expect(carry.moves[0]).toEqual({ id: 'moved', status: 'moved', fromStart: OLD.start, fromEnd: OLD.end, start: NEW.start, end: NEW.end });
    expect(carry.moves[1]).toEqual({ id: 'fuzzy', status: 'fuzzy', score: 0.82, fromStart: OLD.start, fromEnd: OLD.end, anchor: { ...NEW, quote: '613 people were kiled' } });
    expect(carry.moves[2]).toEqual({ id: 'orphan', status: 'orphan', fromStart: OLD.start, fromEnd: OLD.end });
  });

  it('keeps a fuzzy match’s score; an orphan keeps its anchor and the old text’s hash', () => {
    const fuzzy = movedAnnotation(on('fuzzy'), carry, carry.moves[1]!);
    expect(fuzzy.anchoring).toEqual({ status: 'fuzzy', score: 0.82, fromDocumentId: 'v1', at: carry.at });
    expect(fuzzy.anchor.quote).toBe('613 people were kiled');
    const orphan = movedAnnotation(on('orphan'), carry, carry.moves[2]!);
    expect([orphan.documentId, orphan.textHash, orphan.anchor, orphan.anchoring?.status]).toEqual(['v2', 'hash-1', OLD, 'orphan']);
  });

  it('remembers no anchor on a version the annotation was not on (an orphan there already)', () => {
    const earlier = { ...on('moved', 'hash-0'), priorAnchors: [{ documentId: 'v0', textHash: 'hash-0', anchor: OLD }] };
    expect(movedAnnotation(earlier, carry, carry.moves[0]!).priorAnchors).toEqual(earlier.priorAnchors);
  });

  it('moves one no longer where it was carried from (re-attached meanwhile) as an orphan, not by the stale result', () => {
    const reattached = on('moved', 'hash-1', anchor('at least 600 dead', 300));
    const moved = movedAnnotation(reattached, carry, carry.moves[0]!);
    expect([moved.documentId, moved.anchor, moved.textHash, moved.anchoring?.status]).toEqual(['v2', reattached.anchor, 'hash-1', 'orphan']);
    expect(moved.priorAnchors).toEqual([{ documentId: 'v1', textHash: 'hash-1', anchor: reattached.anchor }]);
  });

  it('keeps the later time of an edit made while it waited', () => {
    const edited = { ...on('moved'), modified: '2026-03-01T10:00:05.000Z' };
    expect(movedAnnotation(edited, carry, carry.moves[0]!).modified).toBe('2026-03-01T10:00:05.000Z');
  });

  it('is resolved only while it still waits: one already moved, or not the carry’s, is left as it is', () => {
    const moves = movesById(carry);
    const waiting = on('moved');
    expect(resolveCarried(waiting, carry, moves)).toEqual(movedAnnotation(waiting, carry, carry.moves[0]!));
    const already = movedAnnotation(waiting, carry, carry.moves[0]!);
    expect(resolveCarried(already, carry, moves)).toBe(already);
    const stranger = on('not-in-carry');
    expect(resolveCarried(stranger, carry, moves)).toBe(stranger);
    expect(resolveCarried(waiting, undefined, undefined)).toBe(waiting);
  });
});

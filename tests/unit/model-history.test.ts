import { describe, expect, it } from 'vitest';
import { createAnnotation, createCue, withFields, type Annotation, type ClaimAnnotation } from '../../src/model/annotation';
import { createEntity } from '../../src/model/entity';
import {
  changedPaths,
  deepEqual,
  eventsFor,
  fieldChanges,
  getPath,
  revertChange,
  revertSteps,
  setPath,
  type EventContext,
  type HistoryEvent,
  type RecordChange,
} from '../../src/model/history';
import { asCodePoint } from '../../src/model/units';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
const T2 = '2026-01-03T00:00:00.000Z';

function ctx(patch: Partial<EventContext> = {}): EventContext {
  let n = 0;
  return { groupId: 'g1', at: T1, reviewer: 'Ana', action: 'edit status', newId: () => `ev${n++}`, ...patch };
}

const claim = createAnnotation({
  id: 'c1',
  kind: 'claim',
  documentId: 'd1',
  textHash: 'h'.repeat(64),
  anchor: { quote: '613 people were killed', prefix: '', suffix: '', start: asCodePoint(0), end: asCodePoint(22) },
  creator: 'Ana',
  now: T0,
}) as ClaimAnnotation;

describe('changedPaths', () => {
  it('lists changed top-level keys and fields one level down, never id or modified', () => {
    const after = { ...withFields(claim, { status: 'in-review', note: 'check the toll' }, T1), creator: 'Bo' };
    expect(changedPaths(claim, after).sort()).toEqual(['creator', 'fields.note', 'fields.status']);
    expect(changedPaths(claim, { ...claim, modified: T2 })).toEqual([]);
  });

  it('compares nested values structurally', () => {
    const a = withFields(claim, { attribution: { entityId: 'p1', quoteType: 'direct', cueId: null } }, T1);
    const b = withFields(a, { attribution: { cueId: null, quoteType: 'direct', entityId: 'p1' } }, T2);
    expect(changedPaths(a, b)).toEqual([]);
    const c = withFields(a, { attribution: { entityId: 'p2', quoteType: 'direct', cueId: null } }, T2);
    expect(changedPaths(a, c)).toEqual(['fields.attribution']);
  });
});

describe('eventsFor', () => {
  it('records a create with the whole record after, and its subjects', () => {
    const mention = { ...createAnnotation({ ...claim, kind: 'entity', now: T0, id: 'm1' }), fields: { entityId: 'e1' } } as Annotation;
    const [event, ...rest] = eventsFor([{ table: 'annotations', op: 'create', after: mention }], ctx({ action: 'tag entity' }));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      id: 'ev0',
      groupId: 'g1',
      seq: 0,
      at: T1,
      reviewer: 'Ana',
      action: 'tag entity',
      table: 'annotations',
      targetId: 'm1',
      op: 'create',
      field: null,
      before: null,
      after: mention,
      subjects: ['m1', 'e1'],
    });
  });

  it('records one event per changed field of an update, with nested paths, before and after, and the reason', () => {
    const after = withFields(claim, { status: 'disputed', verdict: 'false', rationale: 'Official toll differs.' }, T1);
    const events = eventsFor([{ table: 'annotations', op: 'update', before: claim, after }], ctx({ reason: 'new source' }));
    expect(events.map((e) => [e.field, e.before, e.after])).toEqual([
      ['fields.status', 'unverified', 'disputed'],
      ['fields.verdict', null, 'false'],
      ['fields.rationale', '', 'Official toll differs.'],
    ]);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(events.every((e) => e.reason === 'new source' && e.op === 'update' && e.targetId === 'c1')).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it('names old and new speaker and the cue among the subjects of an attribution change', () => {
    const a = withFields(claim, { attribution: { entityId: 'p1', quoteType: 'direct', cueId: 'cue1' } }, T1);
    const b = withFields(claim, { attribution: { entityId: 'p2', quoteType: 'direct', cueId: null } }, T2);
    const [event] = eventsFor([{ table: 'annotations', op: 'update', before: a, after: b }], ctx());
    expect(event?.subjects.sort()).toEqual(['c1', 'cue1', 'p1', 'p2']);
  });

  it('records a delete with the whole record before; records nothing for an update that changed nothing', () => {
    const cue = createCue({ id: 'q1', forId: 'c1', documentId: 'd1', textHash: 'h', anchor: claim.anchor, creator: 'Ana', now: T0 });
    const events = eventsFor(
      [
        { table: 'annotations', op: 'update', before: claim, after: { ...claim, modified: T2 } },
        { table: 'annotations', op: 'delete', before: cue },
      ],
      ctx({ action: 'delete annotation' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ op: 'delete', targetId: 'q1', field: null, before: cue, after: null, seq: 0, subjects: ['q1', 'c1'] });
    expect('reason' in events[0]!).toBe(false);
  });

  it('records entity, link and evidence changes with their subjects', () => {
    const e = createEntity({ id: 'e1', name: 'OIC', type: 'organization', creator: 'Ana', now: T0 });
    const link = { id: 'l1', fromId: 'c1', toId: 'c2', relation: 'same' as const, creator: 'Ana', created: T0, modified: T0 };
    const evidence = { id: 'v1', claimId: 'c1', relation: 'contradicts' as const, url: 'https://x', title: '', passage: '', accessed: '2026-01-01', creator: 'Ana', created: T0, modified: T0 };
    const events = eventsFor(
      [
        { table: 'entities', op: 'update', before: e, after: { ...e, aliases: ['Organisation of Islamic Cooperation'], modified: T1 } },
        { table: 'links', op: 'create', after: link },
        { table: 'evidence', op: 'delete', before: evidence },
      ],
      ctx(),
    );
    expect(events.map((x) => [x.table, x.field, x.subjects])).toEqual([
      ['entities', 'aliases', ['e1']],
      ['links', null, ['l1', 'c1', 'c2']],
      ['evidence', null, ['v1', 'c1']],
    ]);
    expect(events[0]).toMatchObject({ before: [], after: ['Organisation of Islamic Cooperation'] });
  });
});

describe('revertSteps and revertChange', () => {
  const after = withFields(claim, { status: 'in-review', note: 'n' }, T1);
  const cue = createCue({ id: 'q1', forId: 'c1', documentId: 'd1', textHash: 'h', anchor: claim.anchor, creator: 'Ana', now: T0 });
  const changes: RecordChange[] = [
    { table: 'annotations', op: 'create', after: cue },
    { table: 'annotations', op: 'update', before: claim, after },
    { table: 'annotations', op: 'delete', before: { ...cue, id: 'q0' } },
  ];
  const events: HistoryEvent[] = eventsFor(changes, ctx());

  it('takes the events back last first, each with the opposite step', () => {
    const shuffled = [events[2]!, events[0]!, events[3]!, events[1]!];
    expect(revertSteps(shuffled).map((s) => [s.kind, s.targetId, s.kind === 'set' ? s.fields.map((f) => f.path).join() : null])).toEqual([
      ['restore', 'q0', null],
      ['set', 'c1', 'fields.note'],
      ['set', 'c1', 'fields.status'],
      ['remove', 'q1', null],
    ]);
  });

  it('sets a field back only while it still holds what the event wrote', () => {
    const [, noteStep] = revertSteps(events);
    const ok = revertChange(noteStep!, after, T2);
    expect(ok).toEqual({ ok: true, change: { table: 'annotations', op: 'update', before: after, after: { ...withFields(after, { note: '' }, T2) } } });
    const changedSince = withFields(after, { note: 'someone else' }, T2);
    expect(revertChange(noteStep!, changedSince, T2)).toEqual({ ok: false, why: 'its note was changed since', field: 'fields.note' });
    expect(revertChange(noteStep!, undefined, T2)).toMatchObject({ ok: false, why: /deleted since/ });
    // Another field changed since does not stand in the way.
    expect(revertChange(noteStep!, withFields(after, { rationale: 'x' }, T2), T2).ok).toBe(true);
  });

  it('removes a created record only when unchanged (its modified time aside), and restores a deleted one only when its id is free', () => {
    const steps = revertSteps(events);
    const remove = steps[3]!;
    const restore = steps[0]!;
    expect(revertChange(remove, { ...cue, modified: T2 }, T2)).toEqual({ ok: true, change: { table: 'annotations', op: 'delete', before: { ...cue, modified: T2 } } });
    expect(revertChange(remove, { ...cue, fields: { forId: 'c9' } }, T2)).toMatchObject({ ok: false, why: /changed since/ });
    expect(revertChange(remove, undefined, T2)).toMatchObject({ ok: false, why: /deleted since/ });
    expect(revertChange(restore, undefined, T2)).toEqual({ ok: true, change: { table: 'annotations', op: 'create', after: { ...cue, id: 'q0' } } });
    expect(revertChange(restore, { ...cue, id: 'q0' }, T2)).toMatchObject({ ok: false, why: /exists again/ });
  });

  it('a revert of the revert gives back what the action wrote', () => {
    // Undo the status change, then redo it by reverting the undo's own events.
    const statusOnly = eventsFor([{ table: 'annotations', op: 'update', before: claim, after: withFields(claim, { status: 'refuted' }, T1) }], ctx());
    const undo = revertChange(revertSteps(statusOnly)[0]!, withFields(claim, { status: 'refuted' }, T1), T2);
    if (!undo.ok) throw new Error(undo.why);
    const undoEvents = eventsFor([undo.change], ctx({ groupId: 'g2' }));
    expect(undoEvents.map((e) => [e.field, e.before, e.after])).toEqual([['fields.status', 'refuted', 'unverified']]);
    const stored = undo.change.op === 'update' ? undo.change.after : claim;
    const redo = revertChange(revertSteps(undoEvents)[0]!, stored, T2);
    expect(redo.ok && redo.change.op === 'update' && (redo.change.after as ClaimAnnotation).fields.status).toBe('refuted');
  });
});

describe('getPath, setPath, deepEqual', () => {
  it('reads dotted paths, undefined when absent', () => {
    expect(getPath(claim, 'fields.status')).toBe('unverified');
    expect(getPath(claim, 'anchor.quote')).toBe('613 people were killed');
    expect(getPath(claim, 'fields.nope')).toBeUndefined();
    expect(getPath(claim, 'fields.status.length')).toBeUndefined();
  });

  it('sets a copy, never the original, and removes a key set to undefined', () => {
    const copy = setPath(claim, 'fields.status', 'refuted');
    expect(copy.fields.status).toBe('refuted');
    expect(claim.fields.status).toBe('unverified');
    expect(copy.anchor).toBe(claim.anchor);
    const removed = setPath({ a: 1, b: { c: 2, d: 3 } }, 'b.c', undefined);
    expect(removed).toEqual({ a: 1, b: { d: 3 } });
    expect('c' in removed.b).toBe(false);
    expect(setPath({ a: 1 } as Record<string, unknown>, 'x.y', 5)).toEqual({ a: 1, x: { y: 5 } });
  });

  it('compares JSON-like values structurally, key order aside, undefined keys as absent', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(null, undefined)).toBe(false);
    expect(deepEqual('a', 'a')).toBe(true);
  });
});

describe('one event per updated record (bulk work)', () => {
  const moved: Annotation = { ...claim, documentId: 'd2', textHash: 'h2', anchor: { ...claim.anchor, start: asCodePoint(5), end: asCodePoint(27) }, modified: T1 };
  const change: RecordChange = { table: 'annotations', op: 'update', before: claim, after: moved };

  it('records every changed field of a record in one event, each path with its value before and after', () => {
    const events = eventsFor([change], ctx({ oneEventPerRecord: true }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ op: 'update', targetId: 'c1', field: null });
    expect(fieldChanges(events[0]!)).toEqual([
      { path: 'documentId', before: 'd1', after: 'd2' },
      { path: 'textHash', before: claim.textHash, after: 'h2' },
      { path: 'anchor', before: claim.anchor, after: moved.anchor },
    ]);
    // One field changed: the usual event of one field.
    const one = eventsFor([{ table: 'annotations', op: 'update', before: claim, after: withFields(claim, { note: 'n' }, T1) }], ctx({ oneEventPerRecord: true }));
    expect(one.map((e) => e.field)).toEqual(['fields.note']);
    // Without the option, one event per field, as before.
    expect(eventsFor([change], ctx()).map((e) => e.field)).toEqual(['documentId', 'textHash', 'anchor']);
  });

  it('is taken back in one step that puts back every field, refused when any of them changed since', () => {
    const [step] = revertSteps(eventsFor([change], ctx({ oneEventPerRecord: true })));
    expect(revertChange(step!, moved, T2)).toEqual({ ok: true, change: { table: 'annotations', op: 'update', before: moved, after: { ...claim, modified: T2 } } });
    expect(revertChange(step!, { ...moved, textHash: 'h3' }, T2)).toEqual({ ok: false, why: 'its textHash was changed since', field: 'textHash' });
    // A field the event did not record may have changed since.
    expect(revertChange(step!, withFields(moved, { note: 'later' }, T2), T2)).toMatchObject({ ok: true, change: { after: { documentId: 'd1', fields: { note: 'later' } } } });
  });
});

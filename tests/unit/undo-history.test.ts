import { describe, expect, it } from 'vitest';
import { createAnnotation, withFields, type Annotation } from '../../src/model/annotation';
import { invertChange } from '../../src/model/change';
import { asCodePoint } from '../../src/model/units';
import { COALESCE_MS, UndoHistory } from '../../src/store/undo-history';

const base = (): Annotation =>
  createAnnotation({
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'claim',
    documentId: 'doc',
    textHash: 'h',
    anchor: { quote: '613 people', prefix: '', suffix: '', start: asCodePoint(0), end: asCodePoint(10) },
    creator: 'Ana',
    now: '2026-01-01T00:00:00.000Z',
  });

describe('UndoHistory', () => {
  it('undoes a create as a delete and redoes it as the create', () => {
    const h = new UndoHistory();
    const a = base();
    h.record({ type: 'create', after: a }, 0);
    expect(h.undo()).toEqual({ type: 'delete', before: a });
    expect(h.canUndo).toBe(false);
    expect(h.redo()).toEqual({ type: 'create', after: a });
    expect(h.canRedo).toBe(false);
  });

  it('restores the previous fields on undo of an update', () => {
    const h = new UndoHistory();
    const a = base();
    const b = withFields(a, { status: 'disputed' }, '2026-01-02T00:00:00.000Z');
    h.record({ type: 'update', before: a, after: b, field: 'status' }, 0);
    const undo = h.undo();
    expect(undo?.type).toBe('update');
    expect(undo?.type === 'update' && undo.after.fields).toEqual(a.fields);
  });

  it('merges quick edits of one field into one step, but not edits of another field or after a pause', () => {
    const h = new UndoHistory();
    const a = base();
    const b = withFields(a, { note: 'a' }, 't1');
    const c = withFields(b, { note: 'ab' }, 't2');
    const d = withFields(c, { status: 'supported' }, 't3');
    h.record({ type: 'update', before: a, after: b, field: 'note' }, 1000);
    h.record({ type: 'update', before: b, after: c, field: 'note' }, 1000 + COALESCE_MS - 1);
    h.record({ type: 'update', before: c, after: d, field: 'status' }, 1000 + COALESCE_MS);
    const first = h.undo();
    expect(first?.type === 'update' && first.after.fields).toEqual(c.fields);
    const second = h.undo();
    expect(second?.type === 'update' && second.after.fields).toEqual(a.fields);
    expect(h.canUndo).toBe(false);

    const h2 = new UndoHistory();
    h2.record({ type: 'update', before: a, after: b, field: 'note' }, 0);
    h2.record({ type: 'update', before: b, after: c, field: 'note' }, COALESCE_MS + 1);
    h2.undo();
    expect(h2.canUndo).toBe(true);
  });

  it('forgets everything when cleared', () => {
    const h = new UndoHistory();
    h.record({ type: 'create', after: base() }, 0);
    h.record({ type: 'delete', before: base() }, 1);
    h.undo();
    h.clear();
    expect([h.canUndo, h.canRedo, h.undo(), h.redo()]).toEqual([false, false, undefined, undefined]);
  });

  it('clears redo when a new change is recorded', () => {
    const h = new UndoHistory();
    const a = base();
    h.record({ type: 'create', after: a }, 0);
    h.undo();
    h.record({ type: 'delete', before: a }, 1);
    expect(h.canRedo).toBe(false);
  });

  it('inverts every change type', () => {
    const a = base();
    const b = withFields(a, { note: 'x' }, 't');
    expect(invertChange(invertChange({ type: 'create', after: a }))).toEqual({ type: 'create', after: a });
    expect(invertChange({ type: 'update', before: a, after: b, field: 'note' })).toEqual({ type: 'update', before: b, after: a, field: 'note' });
  });
});

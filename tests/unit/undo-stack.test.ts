import { describe, expect, it, vi } from 'vitest';
import { COALESCE_MS, MAX_STEPS, UndoStack } from '../../src/store/undo-stack';

describe('UndoStack', () => {
  it('starts empty', () => {
    const s = new UndoStack();
    expect([s.canUndo, s.canRedo, s.peekUndo(), s.peekRedo()]).toEqual([false, false, undefined, undefined]);
  });

  it('records steps newest last and undoes the newest first', () => {
    const s = new UndoStack();
    s.record('g1', 'tag claim', 1000);
    s.record('g2', 'edit status', 2000, 'c1 status');
    expect(s.peekUndo()).toMatchObject({ groupIds: ['g2'], label: 'edit status' });
    expect(s.canRedo).toBe(false);
  });

  it('joins saves of the same key within COALESCE_MS into one step, measured from the last save', () => {
    const s = new UndoStack();
    s.record('g1', 'edit note', 0, 'c1 note');
    s.record('g2', 'edit note', COALESCE_MS - 1, 'c1 note');
    s.record('g3', 'edit note', 2 * COALESCE_MS - 2, 'c1 note');
    expect(s.peekUndo()?.groupIds).toEqual(['g1', 'g2', 'g3']);
    // Too late, another key, or no key: a new step.
    s.record('g4', 'edit note', 3 * COALESCE_MS - 2, 'c1 note');
    s.record('g5', 'edit note', 3 * COALESCE_MS - 1, 'c2 note');
    s.record('g6', 'merge entities', 3 * COALESCE_MS);
    s.record('g7', 'merge entities', 3 * COALESCE_MS + 1);
    const steps: string[][] = [];
    while (s.canUndo) {
      steps.push(s.peekUndo()!.groupIds);
      s.undid(`u${steps.length}`);
    }
    expect(steps).toEqual([['g7'], ['g6'], ['g5'], ['g4'], ['g1', 'g2', 'g3']]);
  });

  it('undo → undid → redo → redid: each revert group is what the next move reverts', () => {
    const s = new UndoStack();
    s.record('g1', 'tag claim', 0);
    s.record('g2', 'edit status', 5000, 'c1 status');
    s.undid('u2');
    expect(s.peekUndo()).toMatchObject({ groupIds: ['g1'], label: 'tag claim' });
    expect(s.peekRedo()).toMatchObject({ groupIds: ['u2'], label: 'edit status' });
    s.undid('u1');
    expect(s.canUndo).toBe(false);
    expect(s.peekRedo()).toMatchObject({ groupIds: ['u1'], label: 'tag claim' });
    s.redid('r1');
    expect(s.peekUndo()).toMatchObject({ groupIds: ['r1'], label: 'tag claim' });
    expect(s.peekRedo()).toMatchObject({ groupIds: ['u2'], label: 'edit status' });
    s.redid('r2');
    expect(s.peekUndo()).toMatchObject({ groupIds: ['r2'], label: 'edit status' });
    expect(s.canRedo).toBe(false);
    // A redone step is not joined with a new save of the same field.
    s.record('g3', 'edit status', 5001, 'c1 status');
    expect(s.peekUndo()?.groupIds).toEqual(['g3']);
  });

  it('a new action clears the redo list', () => {
    const s = new UndoStack();
    s.record('g1', 'tag claim', 0);
    s.undid('u1');
    expect(s.canRedo).toBe(true);
    s.record('g2', 'tag entity', 10);
    expect(s.canRedo).toBe(false);
    expect(s.peekUndo()?.groupIds).toEqual(['g2']);
  });

  it('clear forgets both lists and tells subscribers of every change until they unsubscribe', () => {
    const s = new UndoStack();
    const listener = vi.fn();
    const unsubscribe = s.subscribe(listener);
    s.record('g1', 'tag claim', 0);
    s.undid('u1');
    s.redid('r1');
    s.clear();
    expect([s.canUndo, s.canRedo]).toEqual([false, false]);
    expect(listener).toHaveBeenCalledTimes(4);
    unsubscribe();
    s.record('g2', 'tag claim', 0);
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('keeps at most MAX_STEPS steps, dropping the oldest', () => {
    const s = new UndoStack();
    for (let i = 0; i < MAX_STEPS + 5; i++) s.record(`g${i}`, 'tag claim', i * 10_000);
    let count = 0;
    let oldest = '';
    while (s.canUndo) {
      oldest = s.peekUndo()!.groupIds[0]!;
      s.undid(`u${count++}`);
    }
    expect(count).toBe(MAX_STEPS);
    expect(oldest).toBe('g5');
  });
});

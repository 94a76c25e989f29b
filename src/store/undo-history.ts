/**
 * Undo and redo of annotation changes, per document. Pure: it only keeps the list of changes; the
 * caller applies what undo() and redo() return.
 *
 * Typing in a field produces many updates; consecutive updates of the same field of the same
 * annotation within COALESCE_MS are merged into one step, so one Ctrl+Z undoes one edit.
 */
import { changedId, invertChange, type AnnotationChange } from '../model/change';

export const COALESCE_MS = 1500;
export const MAX_STEPS = 500;

interface Step {
  change: AnnotationChange;
  at: number;
}

export class UndoHistory {
  private done: Step[] = [];
  private undone: Step[] = [];

  /** Record a change the reviewer just made. Clears the redo list. */
  record(change: AnnotationChange, at: number): void {
    this.undone = [];
    const last = this.done[this.done.length - 1];
    if (
      last &&
      change.type === 'update' &&
      last.change.type === 'update' &&
      changedId(last.change) === changedId(change) &&
      last.change.field !== undefined &&
      last.change.field === change.field &&
      at - last.at < COALESCE_MS
    ) {
      this.done[this.done.length - 1] = { change: { ...change, before: last.change.before }, at };
      return;
    }
    this.done.push({ change, at });
    if (this.done.length > MAX_STEPS) this.done.shift();
  }

  /** Forget every step (after a conflict, when the steps no longer describe what is stored). */
  clear(): void {
    this.done = [];
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The change that undoes the last step, or undefined. Moves the step to the redo list. */
  undo(): AnnotationChange | undefined {
    const step = this.done.pop();
    if (!step) return undefined;
    this.undone.push(step);
    return invertChange(step.change);
  }

  /** The change that redoes the last undone step, or undefined. */
  redo(): AnnotationChange | undefined {
    const step = this.undone.pop();
    if (!step) return undefined;
    this.done.push({ change: step.change, at: 0 });
    return step.change;
  }
}

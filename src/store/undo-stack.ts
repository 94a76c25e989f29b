/**
 * The undo and redo lists of this tab. Pure: it only keeps which groups of history events each step
 * wrote (model/history.ts); the database reverts them. Undoing a step reverts its groups, which writes
 * a new group; that new group is what redo reverts, and so on, so every undo and redo is itself in the
 * history and nothing is ever rewritten.
 *
 * Typing in a field saves several times; saves of the same field of the same record within COALESCE_MS
 * join one step, so one Ctrl+Z undoes one edit.
 */

export const COALESCE_MS = 1500;
export const MAX_STEPS = 500;

export interface UndoStep {
  /** Event groups written by this step, oldest first. */
  groupIds: string[];
  /** What the step did, for "Undone: …" messages. */
  label: string;
  /** Steps with the same key (record and field) made in quick succession are merged. */
  key?: string;
  at: number;
}

export class UndoStack {
  private done: UndoStep[] = [];
  private undone: UndoStep[] = [];
  private listeners = new Set<() => void>();

  /** Record an action the reviewer just took. Clears the redo list. */
  record(groupId: string, label: string, at: number, key?: string): void {
    this.undone = [];
    const last = this.done[this.done.length - 1];
    if (last && key !== undefined && last.key === key && at - last.at < COALESCE_MS) {
      this.done[this.done.length - 1] = { ...last, groupIds: [...last.groupIds, groupId], at };
    } else {
      this.done.push({ groupIds: [groupId], label, key, at });
      if (this.done.length > MAX_STEPS) this.done.shift();
    }
    this.emit();
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The step undo would take back, without taking it. */
  peekUndo(): UndoStep | undefined {
    return this.done[this.done.length - 1];
  }

  peekRedo(): UndoStep | undefined {
    return this.undone[this.undone.length - 1];
  }

  /** The last step was undone by writing `revertGroupId`: it moves to the redo list. */
  undid(revertGroupId: string): void {
    const step = this.done.pop();
    if (step) this.undone.push({ groupIds: [revertGroupId], label: step.label, at: 0 });
    this.emit();
  }

  /** The last undone step was redone by writing `revertGroupId`: it is undoable again. */
  redid(revertGroupId: string): void {
    const step = this.undone.pop();
    if (step) this.done.push({ groupIds: [revertGroupId], label: step.label, at: 0 });
    this.emit();
  }

  /** Forget every step (after a refused revert: the steps no longer describe what is stored). */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  /** Be told when the lists change (to enable or disable Undo and Redo buttons). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}

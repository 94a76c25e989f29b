/**
 * Running the reviewer's actions from the UI: every action (db/actions.ts) goes through `perform`,
 * which records it on this tab's undo stack and reports failures; `undo` and `redo` revert event
 * groups (db/history.ts). A refused action (a workflow rule) is reported as an error notice and
 * returned, so a form can also show it beside the field.
 */
import { useSyncExternalStore } from 'react';
import { db } from '../db/instance';
import { describeDbError } from '../db/errors';
import { revertGroups, type ActionResult } from '../db/history';
import { getSetting } from '../db/repository';
import { UndoStack } from '../store/undo-stack';
import { postError, postStatus } from './notices';
import { REVIEWER_KEY } from './use-reviewer';

/** The undo and redo lists of this tab. */
export const undoStack = new UndoStack();

export interface PerformOptions {
  /** Merge with the previous step when it had the same key (typing in one field). */
  key?: string;
  /** Do not post a refusal as a notice (the caller shows it itself). */
  quiet?: boolean;
  /**
   * Start writing once the next frame is painted and then drawn (a tag: the reader has drawn the new
   * highlight, and the transaction then runs while the machine is idle instead of competing with the
   * paint).
   */
  afterPaint?: boolean;
}

/**
 * Actions and undo/redo run one after another, in the order they were asked for: an undo pressed
 * right after a tag waits for the tag to be stored, then takes it back.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Run `work` in turn with the reviewer's actions (background writes that must not interleave with one). */
export function enqueue<T>(work: () => Promise<T>): Promise<T> {
  const done = queue.then(work);
  queue = done.catch(() => undefined);
  return done;
}

/** Resolves once every action asked for so far has finished (stored, refused or failed). */
export function actionsSettled(): Promise<void> {
  return queue.then(() => undefined);
}

/**
 * How long after the main thread has painted a frame the browser's other threads are still drawing it
 * (rasterising and compositing it). A transaction started within that time competes with them for
 * the processor: on a two-core machine the tag's transaction took 2.2 ms at the median when started
 * at once and 1.5 ms when started 4 ms later (docs/benchmarks.md, persist), while key press → stored
 * grew by about 1 ms (19.7 → 21.0 ms).
 */
const FRAME_DRAWN_MS = 4;

/** Resolves once the next frame has been painted and drawn, or after 100 ms in a tab that does not paint (hidden). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve();
    };
    requestAnimationFrame(() => setTimeout(finish, FRAME_DRAWN_MS));
    setTimeout(finish, 100);
  });
}

/**
 * Run an action. `label` says what it does ("edit status"), for messages and the undo list. Never
 * throws: storage failures and refusals come back as `{ ok: false, message }` and are reported.
 */
export function perform(label: string, run: () => Promise<ActionResult>, options: PerformOptions = {}): Promise<ActionResult> {
  const painted = options.afterPaint ? afterNextPaint() : null;
  return enqueue(async () => {
    if (painted) await painted;
    return performNow(label, run, options);
  });
}

async function performNow(label: string, run: () => Promise<ActionResult>, options: PerformOptions): Promise<ActionResult> {
  let result: ActionResult;
  try {
    result = await run();
  } catch (error) {
    const message = describeDbError(error, label);
    postError(message);
    return { ok: false, message };
  }
  if (!result.ok) {
    if (!options.quiet) postError(result.message);
    return result;
  }
  if (result.groupId) undoStack.record(result.groupId, label, Date.now(), options.key);
  return result;
}

async function reviewerName(): Promise<string> {
  return (await getSetting(db, REVIEWER_KEY, '')) || 'unknown reviewer';
}

/**
 * Take back the last step (or redo the last undone one) and say which step it was. Presses are queued
 * with the actions: each starts when what came before has finished, so two quick Ctrl+Z undo two steps.
 */
export function undoOrRedo(direction: 'undo' | 'redo'): Promise<void> {
  // A failure is reported and never blocks the presses that follow.
  return enqueue(() => revertStep(direction)).catch((error: unknown) => postError(describeDbError(error, direction)));
}

async function revertStep(direction: 'undo' | 'redo'): Promise<void> {
  const step = direction === 'undo' ? undoStack.peekUndo() : undoStack.peekRedo();
  if (!step) {
    postStatus(`Nothing to ${direction}.`);
    return;
  }
  let result: ActionResult;
  try {
    result = await revertGroups(db, step.groupIds, { action: `${direction}: ${step.label}`, reviewer: await reviewerName() });
  } catch (error) {
    postError(describeDbError(error, direction));
    return;
  }
  if (!result.ok) {
    undoStack.clear();
    postError(`${result.message} The undo history of this tab was cleared so it cannot overwrite that change.`);
    return;
  }
  if (!result.groupId) return;
  if (direction === 'undo') undoStack.undid(result.groupId);
  else undoStack.redid(result.groupId);
  postStatus(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.label}.`);
}

/** Whether undo and redo are possible now, for buttons. */
export function useUndoState(): { canUndo: boolean; canRedo: boolean } {
  const canUndo = useSyncExternalStore(
    (cb) => undoStack.subscribe(cb),
    () => undoStack.canUndo,
  );
  const canRedo = useSyncExternalStore(
    (cb) => undoStack.subscribe(cb),
    () => undoStack.canRedo,
  );
  return { canUndo, canRedo };
}

/**
 * Creating, editing and deleting annotations, with undo and redo per document. Each action is one
 * change value: recorded in the undo history, shown at once through `onOptimistic`, then written to
 * the database in one transaction. A failed write is reported and the view falls back to what is stored.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { createAnnotation, withFields, type Anchor, type Annotation, type AnnotationKind, type ClaimFields, type EntityFields, type OpinionFields } from '../model/annotation';
import { invertChange, type AnnotationChange } from '../model/change';
import { newId, nowIso } from '../model/ids';
import { UndoHistory } from '../store/undo-history';
import { applyChange, ChangeConflictError } from '../db/repository';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { postError, postStatus } from './notices';

const histories = new Map<string, UndoHistory>();

function historyOf(documentId: string): UndoHistory {
  let h = histories.get(documentId);
  if (!h) {
    h = new UndoHistory();
    histories.set(documentId, h);
  }
  return h;
}

/** Apply a change to a list of annotations, as the database will. */
export function applyToList(list: readonly Annotation[], change: AnnotationChange): Annotation[] {
  switch (change.type) {
    case 'create':
      return [...list.filter((a) => a.id !== change.after.id), change.after];
    case 'update':
      return list.map((a) => (a.id === change.after.id ? change.after : a));
    case 'delete':
      return list.filter((a) => a.id !== change.before.id);
  }
}

interface Options {
  documentId: string;
  textHash: string;
  /** The latest annotations, as stored. */
  current(): readonly Annotation[];
  /** Show a change before it is stored. */
  onOptimistic(change: AnnotationChange): void;
  /** The stored list could not be changed: show what is stored again. */
  onFailed(): void;
}

export function useAnnotationActions(opts: Options) {
  const { documentId, textHash } = opts;
  const latest = useRef(opts);
  useLayoutEffect(() => {
    latest.current = opts;
  });
  return useMemo(() => {
    const opts = { current: () => latest.current.current(), onOptimistic: (c: AnnotationChange) => latest.current.onOptimistic(c), onFailed: () => latest.current.onFailed() };
    const history = historyOf(documentId);
    const commit = async (change: AnnotationChange, what: string) => {
      opts.onOptimistic(change);
      try {
        await applyChange(db, change);
      } catch (error) {
        if (error instanceof ChangeConflictError) history.clear();
        postError(describeDbError(error, what));
        opts.onFailed();
        return false;
      }
      return true;
    };
    return {
      history,
      async create(kind: AnnotationKind, anchor: Anchor, creator: string): Promise<Annotation | null> {
        const annotation = createAnnotation({ id: newId(), kind, documentId, textHash, anchor, creator, now: nowIso() });
        const change: AnnotationChange = { type: 'create', after: annotation };
        history.record(change, Date.now());
        return (await commit(change, 'save the annotation')) ? annotation : null;
      },
      async update(annotation: Annotation, patch: Partial<ClaimFields & EntityFields & OpinionFields>, field: string) {
        const before = opts.current().find((a) => a.id === annotation.id) ?? annotation;
        const after = withFields(before, patch, nowIso());
        if (JSON.stringify(after.fields) === JSON.stringify(before.fields)) return;
        const change: AnnotationChange = { type: 'update', before, after, field };
        history.record(change, Date.now());
        await commit(change, 'save the change');
      },
      async remove(id: string) {
        const before = opts.current().find((a) => a.id === id);
        if (!before) return;
        const change: AnnotationChange = { type: 'delete', before };
        history.record(change, Date.now());
        if (await commit(change, 'delete the annotation')) postStatus('Annotation deleted. Press Ctrl+Z to undo.');
      },
      undo: () => step('undo'),
      redo: () => step('redo'),
    };

    /** Apply the change that undoes or redoes the last step, and say which step it was. */
    async function step(direction: 'undo' | 'redo') {
      const change = direction === 'undo' ? history.undo() : history.redo();
      if (!change) {
        postStatus(`Nothing to ${direction}.`);
        return;
      }
      // What undo applies is the inverse of the step; the reviewer wants to hear about the step.
      const original = direction === 'undo' ? invertChange(change) : change;
      if (await commit(change, direction)) postStatus(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${describe(original)}.`);
    }
  }, [documentId, textHash]);
}

function describe(change: AnnotationChange): string {
  switch (change.type) {
    case 'create':
      return `${change.after.kind} added`;
    case 'delete':
      return `${change.before.kind} deleted`;
    case 'update':
      return `${change.after.kind} ${change.field ?? 'fields'} changed`;
  }
}

/**
 * Creating, editing and deleting the annotations of one open document. Each action is shown at once
 * (optimistically, through `onOptimistic`), then written by db/actions.ts in one transaction with its
 * history events; a refused or failed write is reported and the view falls back to what is stored.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { createAnnotation, insertInTextOrder, withFields, type Anchor, type Annotation, type AnyFields, type TagKind } from '../model/annotation';
import { newId, nowIso } from '../model/ids';
import { deleteAnnotation, tagAnnotation, updateFields } from '../db/actions';
import { db } from '../db/instance';
import { perform } from './run-action';
import { postStatus } from './notices';

type ListChange = (list: readonly Annotation[]) => Annotation[];

interface Options {
  documentId: string;
  textHash: string;
  reviewer: string | undefined;
  /** The latest annotations, as shown. */
  current(): readonly Annotation[];
  /** Show a change before it is stored. */
  onOptimistic(change: ListChange): void;
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
    const reviewer = () => latest.current.reviewer || 'unknown reviewer';
    const show = (change: ListChange) => latest.current.onOptimistic(change);
    const settle = (ok: boolean) => {
      if (!ok) latest.current.onFailed();
      return ok;
    };
    return {
      async create(kind: TagKind, anchor: Anchor, creator: string): Promise<Annotation | null> {
        const annotation = createAnnotation({ id: newId(), kind, documentId, textHash, anchor, creator, now: nowIso() });
        show((list) => insertInTextOrder(list, annotation));
        const result = await perform(`tag ${kind}`, () => tagAnnotation(db, annotation, creator), { afterPaint: true });
        return settle(result.ok) ? annotation : null;
      },
      /** Change fields; returns the refusal message of a workflow rule, if one blocked the change. */
      async update(annotation: Annotation, patch: Partial<AnyFields>, field: string, reason?: string): Promise<string | null> {
        const before = latest.current.current().find((a) => a.id === annotation.id) ?? annotation;
        const after = withFields(before, patch, nowIso());
        if (JSON.stringify(after.fields) === JSON.stringify(before.fields)) return null;
        show((list) => list.map((a) => (a.id === after.id ? after : a)));
        const label = `edit ${field} (${annotation.kind})`;
        const result = await perform(label, () => updateFields(db, annotation.id, patch, reviewer(), field, reason), { key: `${annotation.id} ${field}`, quiet: true });
        settle(result.ok);
        return result.ok ? null : result.message;
      },
      async remove(id: string) {
        const kind = latest.current.current().find((a) => a.id === id)?.kind ?? 'annotation';
        show((list) => list.filter((a) => a.id !== id));
        const result = await perform(`delete ${kind}`, () => deleteAnnotation(db, id, reviewer()));
        if (settle(result.ok)) postStatus('Annotation deleted. Press Ctrl+Z to undo.');
      },
    };
  }, [documentId, textHash]);
}

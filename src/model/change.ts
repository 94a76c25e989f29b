/**
 * An annotation change as a value: what was there before, what is there after. Changes are what the
 * undo history records and what the repository applies; an inverse change undoes one.
 */
import type { Annotation } from './annotation';

export type AnnotationChange =
  | { type: 'create'; after: Annotation }
  | { type: 'update'; before: Annotation; after: Annotation; field?: string }
  | { type: 'delete'; before: Annotation };

/** The change that undoes `change`. */
export function invertChange(change: AnnotationChange): AnnotationChange {
  switch (change.type) {
    case 'create':
      return { type: 'delete', before: change.after };
    case 'delete':
      return { type: 'create', after: change.before };
    case 'update':
      return { type: 'update', before: change.after, after: change.before, field: change.field };
  }
}

/** The id of the annotation a change touches. */
export function changedId(change: AnnotationChange): string {
  return change.type === 'create' ? change.after.id : change.before.id;
}

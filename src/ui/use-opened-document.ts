/**
 * A document for the document view, with its stored annotations: the document and its text are read
 * first; then the annotations are read once, and patched with just the records each change touches
 * (db/annotation-feed.ts), in this tab or another.
 *
 * The annotations are asked for as soon as the text has arrived, before React draws the reader: the
 * database reads them while the page builds the reader (a tenth to a fifth of a second at 10,000
 * annotations on the benchmark's machine). Asked for together with the text, they held the text up;
 * asked for once the reader was built, the page waited for them idle.
 */
import { startTransition, useEffect, useState } from 'react';
import type { Annotation } from '../model/annotation';
import type { DocumentRecord } from '../model/document';
import { watchAnnotations, type AnnotationFeed } from '../db/annotation-feed';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { getDocument } from '../db/repository';
import { postError } from './notices';

export interface OpenedDocument {
  /** Undefined while it is read, null when there is no such document (or it could not be read). */
  doc: DocumentRecord | null | undefined;
  /** The stored annotations of this version; undefined until the first read. */
  stored: readonly Annotation[] | undefined;
}

export function useOpenedDocument(id: string): OpenedDocument {
  const [doc, setDoc] = useState<{ id: string; doc: DocumentRecord | null } | undefined>(undefined);
  const [list, setList] = useState<{ documentId: string; annotations: readonly Annotation[] } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let feed: AnnotationFeed | null = null;
    let first = true;
    getDocument(db, id).then(
      (found) => {
        if (!live) return;
        if (found) {
          feed = watchAnnotations(
            db,
            id,
            (annotations) => {
              // The first list is what the view opens with; later ones follow a change already drawn
              // by the reader, so React may take them at its own pace.
              if (first) setList({ documentId: id, annotations });
              else startTransition(() => setList({ documentId: id, annotations }));
              first = false;
            },
            (error) => postError(describeDbError(error, 'read the annotations')),
          );
        }
        setDoc({ id, doc: found ?? null });
      },
      (error: unknown) => {
        if (!live) return;
        postError(describeDbError(error, 'open the document'));
        setDoc({ id, doc: null });
      },
    );
    return () => {
      live = false;
      feed?.close();
    };
  }, [id]);
  return { doc: doc?.id === id ? doc.doc : undefined, stored: list?.documentId === id ? list.annotations : undefined };
}

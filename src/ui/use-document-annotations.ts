/**
 * The stored annotations of one document version, for the document view: read once, then patched with
 * just the records each change touches (db/annotation-feed.ts), in this tab or another. Undefined
 * until the first read.
 */
import { startTransition, useEffect, useState } from 'react';
import type { Annotation } from '../model/annotation';
import { watchAnnotations } from '../db/annotation-feed';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { postError } from './notices';

export function useDocumentAnnotations(documentId: string): readonly Annotation[] | undefined {
  const [list, setList] = useState<{ documentId: string; annotations: readonly Annotation[] } | undefined>(undefined);
  useEffect(() => {
    let first = true;
    const feed = watchAnnotations(
      db,
      documentId,
      (annotations) => {
        // The first list is what the view opens with; later ones follow a change already drawn by the
        // reader, so React may take them at its own pace.
        if (first) setList({ documentId, annotations });
        else startTransition(() => setList({ documentId, annotations }));
        first = false;
      },
      (error) => postError(describeDbError(error, 'read the annotations')),
    );
    return () => feed.close();
  }, [documentId]);
  return list?.documentId === documentId ? list.annotations : undefined;
}

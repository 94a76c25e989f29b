/**
 * One open document: its details, the tagging toolbar, the read-only text with highlights, and the
 * Annotations panel. The ProseMirror reader is created once per document and driven imperatively.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { KIND_LABELS, sortInTextOrder, TAG_KINDS, type Annotation, type TagKind } from '../model/annotation';
import type { DocumentMeta, DocumentRecord } from '../model/document';
import { nowIso } from '../model/ids';
import { Reader, type TextSpan } from '../editor/reader';
import { db } from '../db/instance';
import { getSetting, updateDocumentMeta } from '../db/repository';
import { describeDbError } from '../db/errors';
import type { FieldContext } from './AnnotationFields';
import { AnnotationsPanel } from './AnnotationsPanel';
import { DocumentDetails } from './DocumentDetails';
import { HighlightChooser } from './HighlightChooser';
import { Legend } from './Legend';
import { MixedScriptFilter } from './mixed-script-filter';
import { ReanchorReview } from './ReanchorReview';
import { needsReview } from '../model/reanchoring-review';
import { VersionBar } from './VersionBar';
import { exportDocument } from './library-actions';
import { exportClaimReview, exportClaimsCsv, exportW3cAnnotations } from './export-actions';
import { postError, postStatus } from './notices';
import { useAnnotationActions } from './use-annotation-actions';
import { useOpenedDocument } from './use-opened-document';
import { actionsSettled, undoOrRedo, useUndoState } from './run-action';
import { useEntities, useEntityMap } from './use-library-data';
import { REVIEWER_KEY } from './use-reviewer';

interface Props {
  id: string;
  /** An annotation to select and scroll to on opening. */
  annotationId?: string;
  reviewer: string | undefined;
  /** Ask for the reviewer's name, then call `then`. */
  askReviewer(then: () => void): void;
}

export function DocumentView({ id, annotationId, reviewer, askReviewer }: Props) {
  const { doc, stored } = useOpenedDocument(id);

  if (doc === undefined) return <p className="mg-loading">Opening document…</p>;
  if (doc === null)
    return (
      <section className="mg-missing">
        <h2>Document not found</h2>
        <p>
          There is no document with this address in your library. <a href="#/">Back to the Library</a>
        </p>
      </section>
    );
  return <OpenDocument key={doc.id} doc={doc} stored={stored} annotationId={annotationId} reviewer={reviewer} askReviewer={askReviewer} />;
}

/**
 * `stored`: this version's annotations as stored (useOpenedDocument): on the newest version its own
 * (orphans included), on an older one those it had, where they were. Undefined until read.
 */
function OpenDocument({ doc, stored, annotationId, reviewer, askReviewer }: { doc: DocumentRecord; stored: readonly Annotation[] | undefined } & Omit<Props, 'id'>) {
  // null once the document is deleted (here or in another tab).
  const live = useLiveQuery(() => db.documents.get(doc.id).then((d) => d ?? null), [doc.id]);
  const meta = live ?? doc;
  const isOldVersion = Boolean(live?.nextVersionId);
  // A change shown before the database confirms it; what is stored wins as soon as it arrives.
  const [optimistic, setOptimistic] = useState<{ base: readonly Annotation[] | undefined; list: Annotation[] } | null>(null);
  const optimisticSeq = useRef(0);
  const current = optimistic && optimistic.base === stored ? optimistic.list : stored;
  // Drawn and listed: the annotations anchored in this text. Orphans (anchored in an older version's
  // text) are listed in the re-anchoring review instead.
  const annotations = useMemo(() => sortInTextOrder((current ?? []).filter((a) => a.textHash === doc.textHash)), [current, doc.textHash]);
  const review = useMemo(() => needsReview(current ?? [], live?.previousVersionId ?? null), [current, live?.previousVersionId]);
  const [selectedId, setActiveId] = useState<string | null>(null);
  // A selected annotation deleted here or in another tab is no longer selected.
  const activeId = selectedId && annotations.some((a) => a.id === selectedId) ? selectedId : null;
  const [hasSelection, setHasSelection] = useState(false);
  const [chooser, setChooser] = useState<{ ids: string[]; at: { left: number; top: number; bottom: number } } | null>(null);
  const mountRef = useRef<HTMLDivElement>(null);
  const readerRef = useRef<Reader | null>(null);
  const latest = useRef({ annotations, activeId, stored, readOnly: isOldVersion });
  useLayoutEffect(() => {
    latest.current = { annotations, activeId, stored, readOnly: isOldVersion };
  });

  const actions = useAnnotationActions({
    documentId: doc.id,
    textHash: doc.textHash,
    reviewer,
    current: () => latest.current.annotations,
    onOptimistic: (change) => {
      const next = change(latest.current.annotations);
      // The reader draws the change in the coming frame (outside the key press: drawNextFrame); React
      // catches up once that frame is painted and the change is stored, so its rendering does not hold
      // up the write, unless the change failed or another one came first.
      readerRef.current?.drawNextFrame(next);
      latest.current.annotations = next;
      const base = latest.current.stored;
      const seq = ++optimisticSeq.current;
      requestAnimationFrame(() =>
        setTimeout(() => {
          void actionsSettled().then(() => {
            if (seq === optimisticSeq.current) startTransition(() => setOptimistic({ base, list: next }));
          });
        }),
      );
    },
    onFailed: () => {
      optimisticSeq.current++;
      setOptimistic(null);
    },
  });

  const select = useCallback((id: string | null, scroll: boolean) => {
    setActiveId(id);
    readerRef.current?.activate(id);
    if (id && scroll) readerRef.current?.scrollTo(id);
  }, []);

  const tagSpan = useCallback(
    async (kind: TagKind, span: TextSpan, creator: string) => {
      const reader = readerRef.current;
      if (!reader) return;
      const created = await actions.create(kind, reader.describe(span), creator);
      if (created) {
        reader.collapseSelection();
        select(created.id, false);
        postStatus(`${KIND_LABELS[kind]} added: “${created.anchor.quote.slice(0, 60)}”.`);
      }
    },
    [actions, select],
  );

  const tag = useCallback(
    (kind: TagKind) => {
      if (isOldVersion) {
        postStatus('This is an older version, kept as it was: annotate the newest version.');
        return;
      }
      const span = readerRef.current?.selectedSpan();
      if (!span) {
        postStatus('Select some text first, then choose Claim, Entity or Opinion.');
        return;
      }
      if (!reviewer) {
        askReviewer(() => {
          void getSetting(db, REVIEWER_KEY, '').then((name) => tagSpan(kind, span, name));
        });
        return;
      }
      void tagSpan(kind, span, reviewer);
    },
    [reviewer, askReviewer, tagSpan, isOldVersion],
  );

  const handlers = useRef({ tag, remove: (id: string) => void actions.remove(id) });
  useLayoutEffect(() => {
    handlers.current = { tag, remove: (id: string) => void actions.remove(id) };
  });

  // Create the reader once per document; StrictMode's double mount destroys and re-creates it.
  useEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const reader = new Reader(mount, doc.content, {
      onSelectionChange: setHasSelection,
      onTagKey: (kind) => handlers.current.tag(kind),
      onDeleteKey: () => {
        const id = latest.current.activeId;
        if (!id || latest.current.readOnly) return false;
        handlers.current.remove(id);
        return true;
      },
      onEscape: () => {
        if (!latest.current.activeId) return false;
        select(null, false);
        return true;
      },
      onHighlightClick: (ids, at) => {
        if (ids.length === 1) {
          select(ids[0]!, false);
          setChooser(null);
        } else setChooser({ ids, at });
      },
    });
    readerRef.current = reader;
    reader.setAnnotations(latest.current.annotations);
    return () => {
      reader.destroy();
      readerRef.current = null;
    };
  }, [doc, select]);

  useEffect(() => {
    readerRef.current?.setAnnotations(annotations);
  }, [annotations]);

  const saveMeta = (patch: Partial<DocumentMeta>) => {
    updateDocumentMeta(db, doc.id, patch, nowIso()).catch((e: unknown) => postError(describeDbError(e, 'save the document details')));
  };

  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const undoState = useUndoState();
  const entities = useEntities();
  const entityById = useEntityMap(entities);
  const fieldContext = useMemo(
    (): FieldContext => ({
      reviewer: reviewer || 'unknown reviewer',
      doc: { id: doc.id, author: meta.author, publisher: meta.publisher, textHash: doc.textHash },
      entities,
      entityById,
      annotationById: byId,
      selectedAnchor: () => {
        const reader = readerRef.current;
        const span = reader?.selectedSpan();
        return reader && span ? reader.describe(span) : null;
      },
      change: (a, patch, field, reason) => actions.update(a, patch, field, reason),
      select: (id) => select(id, true),
    }),
    [reviewer, doc.id, doc.textHash, meta.author, meta.publisher, entities, entityById, byId, actions, select],
  );

  // Opened at one annotation (from the claim board or an entity's page): select it and scroll to it
  // once it is drawn.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!annotationId || opened.current === annotationId || !byId.has(annotationId)) return;
    opened.current = annotationId;
    select(annotationId, true);
  }, [annotationId, byId, select]);

  if (live === null)
    return (
      <section className="mg-missing">
        <h2>Document deleted</h2>
        <p>
          “{doc.title}” was deleted, perhaps in another tab, so it can no longer be annotated. <a href="#/">Back to the Library</a>
        </p>
      </section>
    );
  return (
    <div className="mg-docview">
      <div className="mg-doc-main">
        <header className="mg-doc-header">
          <p className="mg-crumbs">
            <a href="#/">Library</a>
          </p>
          <h2 className="mg-doc-title">{meta.title}</h2>
          <p className="mg-byline">
            {[meta.author, meta.publisher, meta.publishedDate].filter(Boolean).join(' · ') || 'No author or publisher recorded'}
          </p>
          <DocumentDetails doc={meta} onChange={saveMeta} />
          <VersionBar doc={meta} reviewer={reviewer ?? ''} shown={stored} />
        </header>
        <div className="mg-toolbar" role="toolbar" aria-label="Annotation tools">
          {TAG_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`mg-tag-button mg-tag-${k}`}
              aria-disabled={!hasSelection}
              aria-keyshortcuts={k[0]}
              title={`Tag the selection as ${KIND_LABELS[k].toLowerCase()} (${k[0]})`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => tag(k)}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
          <span className="mg-toolbar-sep" />
          <button type="button" aria-keyshortcuts="Control+Z" aria-disabled={!undoState.canUndo} onMouseDown={(e) => e.preventDefault()} onClick={() => void undoOrRedo('undo')}>
            Undo
          </button>
          <button type="button" aria-keyshortcuts="Control+Shift+Z" aria-disabled={!undoState.canRedo} onMouseDown={(e) => e.preventDefault()} onClick={() => void undoOrRedo('redo')}>
            Redo
          </button>
          <span className="mg-toolbar-sep" />
          <button type="button" onClick={() => void exportDocument(doc).catch((e: unknown) => postError(describeDbError(e, 'export the document')))}>
            Export JSON
          </button>
          <button type="button" onClick={() => void exportW3cAnnotations(doc).catch((e: unknown) => postError(describeDbError(e, 'export the document as W3C annotations')))}>
            Export W3C annotations
          </button>
          <button type="button" onClick={() => void exportClaimReview(doc).catch((e: unknown) => postError(describeDbError(e, 'export the document as ClaimReview')))}>
            Export ClaimReview
          </button>
          <button type="button" onClick={() => void exportClaimsCsv(doc).catch((e: unknown) => postError(describeDbError(e, 'export the document as claims CSV')))}>
            Export claims CSV
          </button>
        </div>
        <MixedScriptFilter text={doc.text} readerRef={readerRef} />
        <Legend />
        {!isOldVersion && review.length > 0 && meta.previousVersionId ? (
          <ReanchorReview
            items={review}
            textHash={doc.textHash}
            previousVersionId={meta.previousVersionId}
            reviewer={reviewer || 'unknown reviewer'}
            selectedAnchor={fieldContext.selectedAnchor}
            onShow={(id) => select(id, true)}
          />
        ) : null}
        <section className="mg-text" aria-label="Document text">
          <div ref={mountRef} className="mg-reader" />
        </section>
      </div>
      <AnnotationsPanel
        annotations={annotations}
        activeId={activeId}
        readOnly={isOldVersion}
        onSelect={(id) => select(id, true)}
        onDelete={(id) => void actions.remove(id)}
        ctx={fieldContext}
      />
      {chooser ? (
        <HighlightChooser
          choices={chooser.ids.map((i) => byId.get(i)).filter((a): a is Annotation => a !== undefined)}
          at={chooser.at}
          onChoose={(id) => {
            setChooser(null);
            select(id, false);
          }}
          onClose={() => setChooser(null)}
        />
      ) : null}
    </div>
  );
}

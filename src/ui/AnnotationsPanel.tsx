/**
 * The Annotations panel: the document's annotations in text order. Selecting an entry scrolls to its
 * span; the selected entry shows its fields, its provenance and a Delete button.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { KIND_LABELS, statusOf, type Annotation, type ClaimFields, type EntityFields, type OpinionFields } from '../model/annotation';
import { AnnotationFields } from './AnnotationFields';

interface Props {
  annotations: readonly Annotation[];
  activeId: string | null;
  onSelect(id: string): void;
  onDelete(id: string): void;
  onChange(annotation: Annotation, patch: Partial<ClaimFields & EntityFields & OpinionFields>, field: string): void;
}

const shorten = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The accessible name of an entry: kind, quote and status. */
export function entryLabel(a: Annotation): string {
  const status = statusOf(a);
  return `${KIND_LABELS[a.kind]}: ${shorten(a.anchor.quote.replace(/\s+/g, ' '), 80)}${status ? ` (${status})` : ''}`;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function AnnotationsPanel({ annotations, activeId, onSelect, onDelete, onChange }: Props) {
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const onEntryKey = (e: KeyboardEvent, a: Annotation) => {
    if (e.key === 'Delete') {
      e.preventDefault();
      onDelete(a.id);
    }
  };

  return (
    <aside className="mg-panel" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading">Annotations</h2>
      <p className="mg-count">
        {annotations.length} annotation{annotations.length === 1 ? '' : 's'}
      </p>
      {annotations.length === 0 ? (
        <p className="mg-hint">Select text in the document, then choose Claim, Entity or Opinion (or press c, e or o).</p>
      ) : null}
      <ol className="mg-entries">
        {annotations.map((a) => {
          const active = a.id === activeId;
          return (
            <li key={a.id} ref={active ? activeRef : undefined} className={`mg-entry mg-entry-${a.kind}${active ? ' mg-entry-active' : ''}`}>
              <button
                type="button"
                className="mg-entry-button"
                aria-label={entryLabel(a)}
                aria-current={active ? 'true' : undefined}
                aria-expanded={active}
                onClick={() => onSelect(a.id)}
                onKeyDown={(e) => onEntryKey(e, a)}
              >
                <span className={`mg-kind mg-kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
                <span className="mg-quote">{shorten(a.anchor.quote)}</span>
                {statusOf(a) ? <span className="mg-status">{statusOf(a)}</span> : null}
              </button>
              {active ? (
                <div className="mg-entry-body" role="group" aria-label={`${KIND_LABELS[a.kind]} fields`}>
                  <AnnotationFields key={a.id} annotation={a} onChange={(patch, field) => onChange(a, patch, field)} />
                  <p className="mg-provenance">
                    By {a.creator || 'unknown'} · created {formatTime(a.created)}
                    {a.modified !== a.created ? ` · modified ${formatTime(a.modified)}` : ''}
                  </p>
                  <button type="button" className="mg-danger" onClick={() => onDelete(a.id)}>
                    Delete
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}

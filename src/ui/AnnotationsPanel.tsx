/**
 * The Annotations panel: the document's annotations in text order, filterable by kind and text, in a
 * virtualized list. Selecting an entry scrolls to its span; the selected annotation's fields, its
 * provenance and a Delete button sit above the list.
 */
import { useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import { ANNOTATION_KINDS, KIND_LABELS, statusOf, type Annotation, type AnnotationKind } from '../model/annotation';
import { AnnotationFields, type FieldContext } from './AnnotationFields';
import { HistoryList } from './HistoryList';
import { VirtualList } from './VirtualList';

interface Props {
  annotations: readonly Annotation[];
  activeId: string | null;
  onSelect(id: string): void;
  onDelete(id: string): void;
  /** What the selected annotation's fields need from the document. */
  ctx: FieldContext;
  /** An older version: annotations are shown as they were, not edited. */
  readOnly?: boolean;
}

const ROW_HEIGHT = 62;
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

/** The annotations a filter lets through, in the given order. */
export function filterAnnotations(list: readonly Annotation[], kind: AnnotationKind | 'all', text: string): readonly Annotation[] {
  const needle = text.trim().toLocaleLowerCase();
  if (kind === 'all' && needle === '') return list;
  return list.filter((a) => (kind === 'all' || a.kind === kind) && (needle === '' || a.anchor.quote.toLocaleLowerCase().includes(needle)));
}

export function AnnotationsPanel({ annotations, activeId, onSelect, onDelete, ctx, readOnly = false }: Props) {
  const [kind, setKind] = useState<AnnotationKind | 'all'>('all');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const shown = useMemo(() => filterAnnotations(annotations, kind, deferredSearch), [annotations, kind, deferredSearch]);
  const active = activeId ? annotations.find((a) => a.id === activeId) : undefined;
  const activeIndex = activeId ? shown.findIndex((a) => a.id === activeId) : -1;

  const onEntryKey = (e: KeyboardEvent<HTMLButtonElement>, a: Annotation, index: number) => {
    if (e.key === 'Delete') {
      e.preventDefault();
      if (readOnly) return;
      onDelete(a.id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = shown[index + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        onSelect(next.id);
        // Keep focus on the list: the next row is rendered once it is selected and scrolled to.
        const list = e.currentTarget.closest('ol');
        requestAnimationFrame(() => list?.querySelector<HTMLButtonElement>(`[data-entry-id="${CSS.escape(next.id)}"]`)?.focus());
      }
    }
  };

  return (
    <aside className="mg-panel" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading">Annotations</h2>
      <div className="mg-filters">
        <label>
          Show
          <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind | 'all')}>
            <option value="all">All kinds</option>
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Text of the quote" />
        </label>
      </div>
      <p className="mg-count" aria-live="polite">
        {shown.length === annotations.length
          ? `${annotations.length} annotation${annotations.length === 1 ? '' : 's'}`
          : `${shown.length} of ${annotations.length} annotations shown`}
      </p>
      {annotations.length === 0 ? (
        <p className="mg-hint">Select text in the document, then choose Claim, Entity or Opinion (or press c, e or o).</p>
      ) : null}
      {active ? (
        <section className={`mg-selected mg-entry-${active.kind}`} aria-label="Selected annotation">
          <p className="mg-selected-quote">
            <span className={`mg-kind mg-kind-${active.kind}`}>{KIND_LABELS[active.kind]}</span> “{shorten(active.anchor.quote, 300)}”
          </p>
          <div role="group" aria-label={`${KIND_LABELS[active.kind]} fields`}>
            {readOnly ? (
              <p className="mg-field-help">Shown as it was on this older version; its fields are edited on the newest version.</p>
            ) : (
              <AnnotationFields key={active.id} annotation={active} ctx={ctx} />
            )}
          </div>
          <p className="mg-provenance">
            By {active.creator || 'unknown'} · created {formatTime(active.created)}
            {active.modified !== active.created ? ` · modified ${formatTime(active.modified)}` : ''} · characters {active.anchor.start}–{active.anchor.end}
          </p>
          {active.anchoring ? (
            <p className="mg-provenance">
              Carried from the previous version: {active.anchoring.status}
              {active.anchoring.score !== undefined ? ` (score ${active.anchoring.score.toFixed(2)})` : ''}
            </p>
          ) : null}
          {readOnly ? null : (
            <button type="button" className="mg-danger" onClick={() => onDelete(active.id)}>
              Delete
            </button>
          )}
          <details className="mg-history">
            <summary>Show history</summary>
            <HistoryList key={active.id} ids={[active.id]} />
          </details>
        </section>
      ) : null}
      <VirtualList
        className="mg-entries"
        label="Annotations in text order"
        items={shown}
        rowHeight={ROW_HEIGHT}
        scrollToIndex={activeIndex}
        keyOf={(a) => a.id}
        renderRow={(a, index) => (
          <button
            type="button"
            data-entry-id={a.id}
            className={`mg-entry mg-entry-${a.kind}${a.id === activeId ? ' mg-entry-active' : ''}`}
            aria-current={a.id === activeId ? 'true' : undefined}
            onClick={() => onSelect(a.id)}
            onKeyDown={(e) => onEntryKey(e, a, index)}
          >
            {/* Read in this order: "Claim: quote (status)"; the grid shows the status beside the kind. */}
            <span className={`mg-kind mg-kind-${a.kind}`}>
              {KIND_LABELS[a.kind]}
              <span className="mg-sr-inline">:</span>
            </span>
            <span className="mg-quote">{shorten(a.anchor.quote.replace(/\s+/g, ' '), 200)}</span>
            {statusOf(a) ? (
              <span className="mg-status">
                <span className="mg-sr-inline">(</span>
                {statusOf(a)}
                <span className="mg-sr-inline">)</span>
              </span>
            ) : null}
          </button>
        )}
      />
    </aside>
  );
}

/**
 * After a new version: the annotations that did not land exactly where they were — moved, matched
 * approximately (with the score), or orphaned — with the old and the new text side by side. Orphans
 * stay listed with their stored quote and can be re-attached to text selected in the new version.
 * Orphans come first, then the weakest matches; rows are drawn REVIEW_PAGE at a time (a revision can
 * move every one of 10,000 annotations, and drawing them all held the page for seconds).
 */
import { useMemo, useState } from 'react';
import { KIND_LABELS, type Anchor, type Annotation } from '../model/annotation';
import { REVIEW_PAGE, reviewOrder } from '../model/reanchoring-review';
import { db } from '../db/instance';
import { perform } from './run-action';

function InContext({ anchor }: { anchor: Anchor }) {
  return (
    <span className="mg-in-context">
      …{anchor.prefix}
      <mark>{anchor.quote}</mark>
      {anchor.suffix}…
    </span>
  );
}

interface Props {
  items: readonly Annotation[];
  textHash: string;
  previousVersionId: string;
  reviewer: string;
  /** The text selected in the document, as an anchor, or null. */
  selectedAnchor(): Anchor | null;
  onShow(id: string): void;
}

export function ReanchorReview({ items, textHash, previousVersionId, reviewer, selectedAnchor, onShow }: Props) {
  const [onlyOrphans, setOnlyOrphans] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [limit, setLimit] = useState(REVIEW_PAGE);
  const ordered = useMemo(() => reviewOrder(items, textHash), [items, textHash]);
  const shown = onlyOrphans ? ordered.filter((a) => a.textHash !== textHash) : ordered;
  const orphans = items.filter((a) => a.textHash !== textHash).length;
  const more = shown.length - limit;

  const reattachTo = async (a: Annotation) => {
    const anchor = selectedAnchor();
    if (!anchor) {
      setMessage(`Select the text in this version that “${a.anchor.quote.slice(0, 60)}” now corresponds to, then press Re-attach again.`);
      return;
    }
    const { reattach } = await import('../db/add-version');
    const result = await perform('re-attach annotation', () => reattach(db, a.id, anchor, textHash, reviewer));
    setMessage(result.ok ? `Re-attached to “${anchor.quote.slice(0, 60)}”.` : result.message);
  };

  return (
    <details className="mg-review" open={orphans > 0}>
      <summary>
        Re-anchoring review: {items.length} annotation{items.length === 1 ? '' : 's'} to check{orphans ? `, ${orphans} orphaned` : ''}
      </summary>
      <section aria-label="Re-anchoring review">
        <label className="mg-inline-check">
          <input type="checkbox" checked={onlyOrphans} onChange={(e) => setOnlyOrphans(e.target.checked)} /> Orphans only
        </label>
        {message ? (
          <p role="status" className="mg-field-help">
            {message}
          </p>
        ) : null}
        <table className="mg-review-table">
          <caption className="mg-visually-hidden">Annotations carried from the previous version</caption>
          <thead>
            <tr>
              <th scope="col">Annotation</th>
              <th scope="col">Result</th>
              <th scope="col">Previous version</th>
              <th scope="col">This version</th>
              <th scope="col">
                <span className="mg-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((a) => {
              const orphan = a.textHash !== textHash;
              const before = orphan ? a.anchor : (a.priorAnchors?.find((p) => p.documentId === previousVersionId)?.anchor ?? a.anchor);
              const status = a.anchoring!.status;
              return (
                <tr key={a.id} data-status={status}>
                  <td>{KIND_LABELS[a.kind]}</td>
                  <td>
                    {orphan ? 'orphan' : status}
                    {status === 'fuzzy' && a.anchoring?.score !== undefined ? ` (score ${a.anchoring.score.toFixed(2)})` : ''}
                  </td>
                  <td>
                    <InContext anchor={before} />
                  </td>
                  <td>{orphan ? <em>not found</em> : <InContext anchor={a.anchor} />}</td>
                  <td>
                    {orphan ? (
                      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => void reattachTo(a)} aria-label={`Re-attach “${a.anchor.quote.slice(0, 60)}” to the selected text`}>
                        Re-attach
                      </button>
                    ) : (
                      <button type="button" onClick={() => onShow(a.id)} aria-label={`Show “${a.anchor.quote.slice(0, 60)}” in the text`}>
                        Show
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {more > 0 ? (
          <button type="button" onClick={() => setLimit((n) => n + REVIEW_PAGE)}>
            Show {Math.min(REVIEW_PAGE, more).toLocaleString()} more ({more.toLocaleString()} not shown)
          </button>
        ) : null}
      </section>
    </details>
  );
}

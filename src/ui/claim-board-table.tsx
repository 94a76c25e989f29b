/**
 * The claim board's table: one row per claim, each quote a link that opens the claim in its document,
 * and column headers that are buttons sorting by that column (`aria-sort` says which and how).
 */
import type { ClaimRow, ClaimSort, SortKey } from '../model/claim-board';
import { STATUS_LABELS } from '../model/claim';
import { documentHref } from './use-hash-route';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'quote', label: 'Claim' },
  { key: 'document', label: 'Document' },
  { key: 'status', label: 'Status' },
  { key: 'verdict', label: 'Verdict' },
  { key: 'speaker', label: 'Attributed to' },
  { key: 'modified', label: 'Modified' },
];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** The order after activating a column's header: the same column flips; another starts ascending (Modified: newest first). */
export function nextSort(current: ClaimSort, key: SortKey): ClaimSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'modified' ? 'descending' : 'ascending' };
}

interface Props {
  rows: readonly ClaimRow[];
  sort: ClaimSort;
  onSort(sort: ClaimSort): void;
}

export function ClaimTable({ rows, sort, onSort }: Props) {
  return (
    <div className="mg-board-scroll">
      <table className="mg-doc-table mg-board-table">
        <caption className="mg-visually-hidden">Claims</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={active ? sort.direction : undefined}>
                  <button type="button" className="mg-sort" onClick={() => onSort(nextSort(sort, c.key))}>
                    {c.label}
                    <span aria-hidden="true" className="mg-sort-mark">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="mg-board-quote">
                <a href={documentHref(r.documentId, r.id)}>{r.quote}</a>
              </td>
              <td>{r.documentTitle}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td>{r.verdictLabel || <span className="mg-board-none">none</span>}</td>
              <td>{r.speakerName || <span className="mg-board-none">not attributed</span>}</td>
              <td>
                <time dateTime={r.modified}>{formatTime(r.modified)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Claims by status per document": one horizontal stacked bar per document, a segment per status.
 * Statuses differ by colour, by fill pattern and by the legend, and segments wide enough carry their
 * count. It is a figure whose caption sums it up in words; the drawing itself is hidden from screen
 * readers, which read the numbers in a visually hidden table instead. (No aria-label holds the word
 * "status": e2e tests find the Status filter with getByLabel, which matches any aria-label.)
 */
import { useId } from 'react';
import type { DocumentStatusCounts } from '../model/claim-board';
import { describeStatusCounts } from '../model/claim-board';
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from '../model/claim';

/** Bars drawn at most: the documents with the most claims. */
export const MAX_BARS = 20;

const WIDTH = 640;
const BAR_SPACE = 580; // the rest holds the total at the end of the longest bar
const ROW = 46;
const BAR_TOP = 20;
const BAR_HEIGHT = 20;
/** Narrower segments have no room for their count (it is still in the table and the tooltip). */
const MIN_LABELLED = 18;

/** The pattern drawn over each status's colour, so statuses differ without colour too. */
function PatternMarks({ status }: { status: ClaimStatus }) {
  switch (status) {
    case 'unverified':
      return null;
    case 'in-review':
      return <path d="M0 8 L8 0" />;
    case 'attributed':
      return <circle cx="4" cy="4" r="1.4" />;
    case 'supported':
      return <path d="M0 4 H8" />;
    case 'disputed':
      return <path d="M0 8 L8 0 M0 0 L8 8" />;
    case 'refuted':
      return <path d="M0 0 L8 8" />;
    case 'unverifiable':
      return <path d="M4 0 V8" />;
  }
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A safe fragment for element ids (useId's may hold characters that url(#…) dislikes). */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '');

export function ClaimStatusChart({ bars }: { bars: readonly DocumentStatusCounts[] }) {
  const uid = safeId(useId());
  const shown = bars.slice(0, MAX_BARS);
  const rest = bars.slice(MAX_BARS);
  const max = Math.max(1, ...shown.map((b) => b.total));
  const height = shown.length * ROW + 4;
  const fill = (s: ClaimStatus) => `url(#${uid}-${s})`;

  return (
    <figure className="mg-chart">
      <figcaption className="mg-chart-title">
        Claims by status per document
        <span className="mg-chart-sub"> (the claims matching the filters)</span>
        <span className="mg-visually-hidden"> {describeStatusCounts(shown)} The numbers follow in a table.</span>
      </figcaption>
      <svg aria-hidden="true" viewBox={`0 0 ${WIDTH} ${height}`} className="mg-chart-svg">
        <defs>
          {CLAIM_STATUSES.map((s) => (
            <pattern key={s} id={`${uid}-${s}`} width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" className={`mg-chart-bg-${s}`} />
              <g className="mg-chart-marks">
                <PatternMarks status={s} />
              </g>
            </pattern>
          ))}
        </defs>
        {shown.map((bar, row) => {
          const y = row * ROW;
          let x = 0;
          return (
            <g key={bar.documentId}>
              <text x="0" y={y + 14} className="mg-chart-label">
                {truncate(bar.title, 80)}
              </text>
              {CLAIM_STATUSES.filter((s) => bar.counts[s] > 0).map((s) => {
                const w = (bar.counts[s] / max) * BAR_SPACE;
                const at = x;
                x += w;
                return (
                  <g key={s}>
                    <rect x={at} y={y + BAR_TOP} width={w} height={BAR_HEIGHT} fill={fill(s)} className="mg-chart-segment">
                      <title>{`${bar.title}: ${bar.counts[s]} ${STATUS_LABELS[s]}`}</title>
                    </rect>
                    {w >= MIN_LABELLED ? (
                      <text x={at + w / 2} y={y + BAR_TOP + 14} textAnchor="middle" className="mg-chart-count">
                        {bar.counts[s]}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <text x={x + 6} y={y + BAR_TOP + 14} className="mg-chart-total">
                {bar.total}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="mg-chart-legend" aria-label="Legend">
        {CLAIM_STATUSES.map((s) => (
          <li key={s}>
            <svg width="18" height="14" aria-hidden="true" className="mg-chart-swatch">
              <rect width="18" height="14" fill={fill(s)} className="mg-chart-segment" />
            </svg>
            {STATUS_LABELS[s]}
          </li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <p className="mg-chart-more">
          {rest.length} more document{rest.length === 1 ? '' : 's'} with {rest.reduce((n, b) => n + b.total, 0)} claims not drawn: the chart shows the {MAX_BARS} documents
          with the most claims.
        </p>
      ) : null}
      <table className="mg-visually-hidden">
        <caption>Status counts per document</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            {CLAIM_STATUSES.map((s) => (
              <th key={s} scope="col">
                {STATUS_LABELS[s]}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((bar) => (
            <tr key={bar.documentId}>
              <th scope="row">{bar.title}</th>
              {CLAIM_STATUSES.map((s) => (
                <td key={s}>{bar.counts[s]}</td>
              ))}
              <td>{bar.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
